/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_complaints.c: HTTP tests of the complaint box: the public form
 * (multipart with a photo checked by content, every validation error,
 * nothing stored on error), the kiosk, the officer's paper slips, the
 * actions with their required notes, the complainant's reply that reopens
 * it, tracking, escalation end to end (a paper slip whose date is already
 * past the verification deadline), and two server instances escalating at
 * once: exactly one escalation per complaint, each instance shown to run
 * the job (alone, while the other is stopped with SIGSTOP) and the counts
 * in their logs adding up.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "store/db.h"
#include "test.h"

static struct server srv;
static const char *bin;

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

/* A multipart body with the given text fields and an optional file. */
static char *multipart(const char *const *fields, const char *file_name,
                       const unsigned char *file, size_t file_len, size_t *len)
{
    struct buf b;
    buf_init(&b, 16u << 20);
    for (size_t i = 0; fields[i]; i += 2)
        buf_printf(&b,
                   "--XyZ\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n",
                   fields[i], fields[i + 1]);
    if (file) {
        buf_printf(&b,
                   "--XyZ\r\nContent-Disposition: form-data; name=\"photo\";"
                   " filename=\"%s\"\r\nContent-Type: image/jpeg\r\n\r\n",
                   file_name);
        buf_append(&b, file, file_len);
        buf_puts(&b, "\r\n");
    }
    buf_puts(&b, "--XyZ--\r\n");
    return buf_steal(&b, len);
}

static long post_multipart(struct client *c, const char *path,
                           const char *const *fields, const char *file_name,
                           const unsigned char *file, size_t file_len,
                           struct resp *r)
{
    size_t len = 0;
    char *m = multipart(fields, file_name, file, file_len, &len);
    /* client_req takes a C string body: send exact bytes via a header. */
    client_req_bytes(c, "POST", path, m, len,
                     "multipart/form-data; boundary=XyZ", r);
    free(m);
    return r->status;
}

static char csrf_of(struct client *c, const char *path, char out[128])
{
    struct resp r;
    client_get(c, path, &r);
    snprintf(out, 128, "%s", resp_csrf(&r));
    resp_free(&r);
    return out[0];
}

/* A whole 1x1 PNG (photos are decoded, scaled and cleaned). */
static const unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static char number1[32], pin1[16];

/* Enrol the browser k as a kiosk of office (by a throwaway administrator)
 * and sign out again: it keeps the device cookie. */
static void enrol_kiosk(struct client *k, const char *office)
{
    static int n;
    char login[32], cmd[1024];
    snprintf(login, sizeof(login), "kioskadm%d", ++n);
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role administrator "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, srv.db_url);
    CHECK_INT(system(cmd), 0);
    CHECK_INT(client_login(k, login, "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(k, "/devices", &r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&label=Kiosk&office=%s", resp_csrf(&r),
             office);
    resp_free(&r);
    client_post(k, "/devices", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(k, "/staff", &r);
    snprintf(form, sizeof(form), "csrf=%s", resp_csrf(&r));
    resp_free(&r);
    client_post(k, "/logout", form, &r);
    resp_free(&r);
}

static void read_number(const struct resp *r, char number[32], char pin[16])
{
    const char *p = strstr(body(r), "<strong>P-");
    if (p)
        sscanf(p + 8, "%31[^<]", number);
    p = strstr(body(r), "PIN: <strong>");
    if (p)
        sscanf(p + 13, "%15[0-9]", pin);
}

static void test_public_form(void)
{
    struct client *c = client_new(&srv);
    char csrf[128];
    csrf_of(c, "/complaints/new?office=35.10.09", csrf);
    CHECK(strlen(csrf) == 64);
    struct resp r;
    /* Not an image, whatever its name says. */
    const char *fields[] = {
        "csrf",     csrf,           "office", "35.10.09",
        "category", "waiting_time", "body",   "Antrean terlalu lama",
        "identity", "named",        "name",   "Budi",
        "contact",  "081234567890", NULL};
    const unsigned char text[] = "ini bukan foto";
    CHECK_INT(post_multipart(c, "/complaints", fields, "foto.jpg", text,
                             sizeof(text), &r),
              422);
    CHECK_CONTAINS(body(&r), "bukan foto JPEG atau PNG");
    resp_free(&r);
    /* Too large (12 MB + 1: a phone photo is taken up to 12 MB, then
     * scaled down; test_usability sends one). */
    size_t big = 12 * 1024 * 1024 + 1;
    unsigned char *huge = calloc(1, big);
    memcpy(huge, png, sizeof(png));
    CHECK_INT(
        post_multipart(c, "/complaints", fields, "besar.png", huge, big, &r),
        422);
    CHECK_CONTAINS(body(&r), "paling besar 12 MB");
    resp_free(&r);
    free(huge);
    /* Text over 4000 characters; named without a name; bad number. */
    char *longtext = malloc(4100);
    memset(longtext, 'x', 4001);
    longtext[4001] = '\0';
    const char *bad[] = {"csrf", csrf,   "office", "35.10.09",       "category",
                         "nope", "body", longtext, "identity",       "named",
                         "name", "",     "regno",  "26-073-00001-8", NULL};
    CHECK_INT(post_multipart(c, "/complaints", bad, NULL, NULL, 0, &r), 422);
    CHECK_CONTAINS(body(&r), "Paling banyak 4000 karakter");
    CHECK_CONTAINS(body(&r), "Pilih jenis pengaduan");
    CHECK_CONTAINS(body(&r), "Isi nama, atau pilih tanpa nama");
    CHECK_CONTAINS(body(&r), "salah ketik");
    resp_free(&r);
    free(longtext);
    /* Valid, with a photo and hostile text. */
    const char *ok[] = {
        "csrf",     csrf,
        "office",   "35.10.09",
        "category", "waiting_time",
        "body",     "<script>alert('x')</script> antre \"3 jam\"",
        "identity", "confidential",
        "name",     "Siti Rahasia",
        "contact",  "081234567890",
        NULL};
    CHECK_INT(
        post_multipart(c, "/complaints", ok, "kursi.png", png, sizeof(png), &r),
        201);
    read_number(&r, number1, pin1);
    CHECK(strncmp(number1, "P-26-", 5) == 0 || strncmp(number1, "P-", 2) == 0);
    CHECK_INT(strlen(pin1), 6);
    resp_free(&r);
    /* Without the CSRF token: refused. */
    const char *nocsrf[] = {"office", "35.10.09", "category",  "other", "body",
                            "x",      "identity", "anonymous", NULL};
    CHECK_INT(post_multipart(c, "/complaints", nocsrf, NULL, NULL, 0, &r), 403);
    resp_free(&r);
    /* The kiosk: only on an enrolled device, for the device's office
     * whatever the form says; anonymous complaints without files. */
    client_get(c, "/complaints/new?kiosk=1", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    struct client *k = client_new(&srv);
    enrol_kiosk(k, "35.10.17");
    client_get(k, "/complaints/new?kiosk=1", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Giri");
    CHECK_NOT_CONTAINS(body(&r), "name=\"office\"");
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    const char *kf[] = {"csrf",   csrf,           "kiosk",    "1",
                        "office", "35.10.09",     "category", "facilities",
                        "body",   "Toilet rusak", "identity", "anonymous",
                        NULL};
    CHECK_INT(post_multipart(k, "/complaints", kf, NULL, NULL, 0, &r), 201);
    CHECK_CONTAINS(body(&r), "Pengaduan diterima");
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Giri");
    resp_free(&r);
    client_free(k);
    client_free(c);
}

static void user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s %s %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
}

static long action(struct client *c, const char *number, const char *act,
                   const char *note, struct resp *r)
{
    char path[96];
    snprintf(path, sizeof(path), "/complaints/%s", number);
    client_get(c, path, r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(r));
    const char *v = strstr(body(r), "name=\"version\" value=\"");
    int version = v ? atoi(v + strlen("name=\"version\" value=\"")) : 1;
    resp_free(r);
    char form[2048];
    snprintf(form, sizeof(form), "csrf=%s&version=%d&action=%s&note=%s%s", csrf,
             version, act, urlenc(note),
             strcmp(act, "refer") == 0 ? "&refer_to=DPMPTSP" : "");
    snprintf(path, sizeof(path), "/complaints/%s/events", number);
    client_post(c, path, form, r);
    return r->status;
}

static void test_handling_and_tracking(void)
{
    user("pengaduan", "complaint_officer", NULL);
    user("camat.genteng", "head_of_office", "35.10.09");
    user("loket.giri", "front_office", "35.10.17");
    struct client *o = client_new(&srv);
    CHECK_INT(client_login(o, "pengaduan", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(o, "/complaints", &r);
    CHECK_CONTAINS(body(&r), number1);
    CHECK_NOT_CONTAINS(body(&r), "<script>alert");
    resp_free(&r);
    char path[96];
    snprintf(path, sizeof(path), "/complaints/%s", number1);
    client_get(o, path, &r);
    CHECK_CONTAINS(body(&r), "Siti Rahasia"); /* officers see the name */
    CHECK_CONTAINS(body(&r), "&lt;script&gt;");
    CHECK_CONTAINS(body(&r), "/complaints/photo/");
    const char *img = strstr(body(&r), "/complaints/photo/");
    char photo[64] = "";
    if (img)
        sscanf(img, "%63[^\"]", photo);
    resp_free(&r);
    client_get(o, photo, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(resp_header(&r, "Content-Type"), "image/png");
    CHECK(r.body.len > 8 && memcmp(r.body.data, png, 8) == 0);
    resp_free(&r);
    /* The head of the office sees the complaint, not the confidential
     * name; another office's staff see nothing. */
    struct client *h = client_new(&srv);
    CHECK_INT(client_login(h, "camat.genteng", "Sandi-Uji-12345"), 303);
    client_get(h, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_NOT_CONTAINS(body(&r), "Siti Rahasia");
    CHECK_CONTAINS(body(&r), "dirahasiakan");
    resp_free(&r);
    struct client *g = client_new(&srv);
    CHECK_INT(client_login(g, "loket.giri", "Sandi-Uji-12345"), 303);
    client_get(g, path, &r);
    CHECK_INT(r.status, 403); /* front office: no complaints at all */
    resp_free(&r);
    client_get(g, photo, &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* Answer before verifying: refused; verify; answer needs a text. */
    CHECK_INT(action(o, number1, "answer", "Sudah", &r), 409);
    resp_free(&r);
    CHECK_INT(action(o, number1, "verify", "", &r), 303);
    resp_free(&r);
    CHECK_INT(action(o, number1, "answer", "", &r), 422);
    resp_free(&r);
    CHECK_INT(
        action(h, number1, "answer", "Loket tambahan dibuka mulai Senin.", &r),
        303);
    resp_free(&r);
    /* The citizen sees the answer, replies: reopened, clock again. */
    struct client *citizen = client_new(&srv);
    char tp[128];
    snprintf(tp, sizeof(tp), "/complaints/track?no=%s&pin=%s", number1, pin1);
    client_get(citizen, tp, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Loket tambahan dibuka mulai Senin.");
    CHECK_NOT_CONTAINS(body(&r), "Siti Rahasia");
    CHECK_NOT_CONTAINS(body(&r), "081234567890");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form),
             "csrf=%s&no=%s&pin=%s&action=reply&reply=Masih+antre+lama", csrf,
             number1, pin1);
    client_post(citizen, "/complaints/track", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(citizen, tp, &r);
    CHECK_CONTAINS(body(&r), "Dibuka kembali");
    CHECK_CONTAINS(body(&r), "Masih antre lama");
    resp_free(&r);
    /* A wrong PIN answers like an unknown number; a typo is caught. */
    snprintf(tp, sizeof(tp), "/complaints/track?no=%s&pin=000000", number1);
    client_get(citizen, tp, &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    char typo[32];
    snprintf(typo, sizeof(typo), "%s", number1);
    typo[5] = typo[5] == '9' ? '8' : (char)(typo[5] + 1);
    snprintf(tp, sizeof(tp), "/complaints/track?no=%s&pin=%s", typo, pin1);
    client_get(citizen, tp, &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    /* Refer to an agency, then answer again, then the citizen accepts. */
    CHECK_INT(action(o, number1, "refer", "Untuk DPMPTSP", &r), 303);
    resp_free(&r);
    CHECK_INT(action(o, number1, "answer", "Loket ketiga dibuka.", &r), 303);
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&no=%s&pin=%s&action=accept", csrf,
             number1, pin1);
    client_post(citizen, "/complaints/track", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    snprintf(tp, sizeof(tp), "/complaints/track?no=%s&pin=%s", number1, pin1);
    client_get(citizen, tp, &r);
    CHECK_CONTAINS(body(&r), "Selesai");
    resp_free(&r);
    client_free(citizen);
    client_free(g);
    client_free(h);
    client_free(o);
}

/* Count escalate events of a complaint number in the database. */
static int64_t escalations(const char *db_url, const char *number)
{
    struct db *db = NULL;
    int64_t n = -1;
    if (db_open(db_url, &db) != ERR_OK)
        return -1;
    if (db_int(db, &n,
               "SELECT COUNT(*) FROM complaint_events e JOIN complaints c ON"
               " c.id = e.complaint_id WHERE c.number = $1 AND"
               " e.action = 'escalate'",
               DV_TEXT(number)) != ERR_OK)
        n = -1;
    db_close(db);
    return n;
}

static void test_paper_slip_escalates(void)
{
    struct client *o = client_new(&srv);
    CHECK_INT(client_login(o, "pengaduan", "Sandi-Uji-12345"), 303);
    char csrf[128];
    csrf_of(o, "/complaints/paper", csrf);
    struct resp r;
    /* A slip dated ten days ago: the 3-day verification deadline has
     * passed already, so it is on the Sekkab's list at once. */
    time_t t = time(NULL) - 10 * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[16];
    strftime(date, sizeof(date), "%Y-%m-%d", &tm);
    const char *fields[] = {
        "csrf",     csrf,        "office",    "35.10.01",
        "category", "fees",      "body",      "Diminta uang Rp 50.000",
        "identity", "anonymous", "slip_date", date,
        NULL};
    CHECK_INT(post_multipart(o, "/complaints/paper", fields, NULL, NULL, 0, &r),
              303);
    const char *loc = resp_header(&r, "Location");
    char number[32] = "";
    if (loc)
        sscanf(loc, "/complaints/%31[^?]", number);
    resp_free(&r);
    CHECK_INT(escalations(srv.db_url, number), 1);
    /* The Sekkab sees it, with the reason. */
    user("sekda", "sekkab", NULL);
    struct client *s = client_new(&srv);
    CHECK_INT(client_login(s, "sekda", "Sandi-Uji-12345"), 303);
    client_get(s, "/complaints", &r);
    CHECK_CONTAINS(body(&r), number);
    CHECK_CONTAINS(body(&r), "eskalasi");
    resp_free(&r);
    /* A future slip date is refused. */
    const char *future[] = {"csrf",     csrf,        "office",    "35.10.01",
                            "category", "fees",      "body",      "x",
                            "identity", "anonymous", "slip_date", "2099-01-01",
                            NULL};
    CHECK_INT(post_multipart(o, "/complaints/paper", future, NULL, NULL, 0, &r),
              422);
    resp_free(&r);
    /* Citizens cannot type in paper slips. */
    client_get(s, "/complaints/paper", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(s);
    client_free(o);
}

static void test_categories_admin(void)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add adm --role administrator "
             "--password-stdin --db %s >/dev/null",
             srv.bin, srv.db_url);
    CHECK_INT(system(cmd), 0);
    struct client *a = client_new(&srv);
    CHECK_INT(client_login(a, "adm", "Sandi-Uji-12345"), 303);
    char csrf[128];
    csrf_of(a, "/admin/complaint-categories", csrf);
    struct resp r;
    char form[512];
    snprintf(form, sizeof(form),
             "csrf=%s&code=pungli&name_id=Pungutan+liar&name_en=Illegal+levy"
             "&ord=7",
             csrf);
    client_post(a, "/admin/complaint-categories", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(a, "/complaints/new", &r);
    CHECK_CONTAINS(body(&r), "Pungutan liar");
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&code=Bad+Code&name_id=x", csrf);
    client_post(a, "/admin/complaint-categories", form, &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&code=pungli&remove=1", csrf);
    client_post(a, "/admin/complaint-categories", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(a, "/complaints/new", &r);
    CHECK_NOT_CONTAINS(body(&r), "Pungutan liar");
    resp_free(&r);
    client_free(a);
}

/* Write an overdue complaint (received ten days ago, its verification
 * deadline a day past) straight into the database. */
static enum err insert_overdue(const char *number)
{
    struct db *db = NULL;
    enum err rc = db_open(srv.db_url, &db);
    if (rc != ERR_OK)
        return rc;
    int64_t office = 0, id = 0;
    time_t now = time(NULL);
    rc = db_int(db, &office, "SELECT id FROM offices WHERE code = $1",
                DV_TEXT("35.10.05"));
    if (rc == ERR_OK)
        rc = db_int(db, &id,
                    "INSERT INTO complaints (number, pin, office_id,"
                    " category, body, identity, channel, state,"
                    " received_at, deadline_at, updated_at) VALUES ($1,"
                    " '000000', $2, 'other', 'x', 'anonymous', 'paper',"
                    " 'received', $3, $4, $3) RETURNING id",
                    DV_TEXT(number), DV_INT(office), DV_INT(now - 10 * 86400),
                    DV_INT(now - 86400));
    db_close(db);
    return rc;
}

/* Wait (up to `seconds`) until every number[i] has been escalated. */
static bool wait_escalated(const char *const *numbers, size_t n, int seconds)
{
    for (int tries = 0; tries < seconds * 5; tries++) {
        size_t done = 0;
        for (size_t i = 0; i < n; i++)
            done += escalations(srv.db_url, numbers[i]) > 0;
        if (done == n)
            return true;
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return false;
}

/* The complaints an instance says it escalated: the sum of N over its
 * log lines "jobs: N complaints escalated, M closed". */
static long long logged_escalations(const char *log_path)
{
    FILE *f = fopen(log_path, "r");
    if (!f)
        return -1;
    long long sum = 0;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        const char *p = strstr(line, "jobs: ");
        long long n = 0;
        if (p && sscanf(p, "jobs: %lld complaints escalated", &n) == 1)
            sum += n;
    }
    fclose(f);
    return sum;
}

/*
 * Stop `other` (SIGSTOP) while it does not hold the database's write
 * lock, and write the overdue complaint number: then only the instance
 * left running can escalate it. A process stopped inside its job's
 * transaction would keep the lock: then let it go on and try again.
 */
static bool insert_while_stopped(const struct server *other, const char *number)
{
    for (int attempt = 0; attempt < 10; attempt++) {
        kill(other->pid, SIGSTOP);
        if (insert_overdue(number) == ERR_OK)
            return true;
        kill(other->pid, SIGCONT);
        struct timespec ts = {0, 300 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return false;
}

static void test_two_instances_escalate_once(void)
{
    /* Two servers on one database, each running the jobs every second,
     * each logging to its own file; the suite's server is stopped
     * meanwhile, so that no third instance runs the jobs. */
    CHECK_INT(server_halt(&srv), 0);
    char numbers[22][32];
    const char *names[22];
    for (int i = 0; i < 20; i++) {
        snprintf(numbers[i], sizeof(numbers[i]), "P-TEST-%02d", i);
        CHECK_INT(insert_overdue(numbers[i]), ERR_OK);
    }
    snprintf(numbers[20], sizeof(numbers[20]), "P-ONLY-A");
    snprintf(numbers[21], sizeof(numbers[21]), "P-ONLY-B");
    for (int i = 0; i < 22; i++)
        names[i] = numbers[i];
    char log_a[128], log_b[128];
    snprintf(log_a, sizeof(log_a), "%s/a.log", srv.dir);
    snprintf(log_b, sizeof(log_b), "%s/b.log", srv.dir);
    setenv("SATUPINTU_JOBS_INTERVAL", "1", 1);
    struct server a = srv, b = srv;
    CHECK(server_serve_log(&a, NULL, log_a));
    CHECK(server_serve_log(&b, NULL, log_b));
    unsetenv("SATUPINTU_JOBS_INTERVAL");
    /* Both race for the twenty. */
    CHECK(wait_escalated(names, 20, 60));

    /* Each instance alone (the other stopped) escalates one more: so each
     * really runs the job, and runs it again after the twenty were done
     * without touching them. */
    CHECK(insert_while_stopped(&b, "P-ONLY-A"));
    CHECK(wait_escalated(names + 20, 1, 60)); /* only A can have done it */
    kill(b.pid, SIGCONT);
    CHECK(insert_while_stopped(&a, "P-ONLY-B"));
    CHECK(wait_escalated(names + 21, 1, 60)); /* only B */
    kill(a.pid, SIGCONT);

    /* Exactly one escalation each, whoever did it. */
    for (int i = 0; i < 22; i++) {
        if (escalations(srv.db_url, names[i]) != 1)
            fprintf(stderr, "  %s: %lld escalations\n", names[i],
                    (long long)escalations(srv.db_url, names[i]));
        CHECK_INT(escalations(srv.db_url, names[i]), 1);
    }
    /* The logs agree: together the instances escalated 22, and each of
     * them some (a log line follows its commit: wait for it). */
    long long in_a = 0, in_b = 0;
    for (int tries = 0; tries < 150; tries++) {
        in_a = logged_escalations(log_a);
        in_b = logged_escalations(log_b);
        if (in_a + in_b >= 22)
            break;
        struct timespec ts = {0, 200 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    CHECK_INT(in_a + in_b, 22);
    CHECK(in_a >= 1);
    CHECK(in_b >= 1);
    CHECK_INT(server_halt(&a), 0);
    CHECK_INT(server_halt(&b), 0);
    CHECK(server_serve(&srv, NULL));
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    bin = argv[1];
    if (!server_start(&srv, argv[1]))
        return 1;
    RUN(test_public_form);
    RUN(test_handling_and_tracking);
    RUN(test_paper_slip_escalates);
    RUN(test_categories_admin);
    RUN(test_two_instances_escalate_once);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}

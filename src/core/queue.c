/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* queue.c: the counter queue's rules (see queue.h). */
#include "core/queue.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct named {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
};

static const struct named states[QS__COUNT] = {
    [QS_WAITING] = {"waiting", "Menunggu", "Waiting"},
    [QS_CALLED] = {"called", "Dipanggil", "Called"},
    [QS_SERVING] = {"serving", "Sedang dilayani", "Being served"},
    [QS_DONE] = {"done", "Selesai dilayani", "Served"},
    [QS_NO_SHOW] = {"no_show", "Tidak hadir", "Did not come"},
    [QS_EXPIRED] = {"expired", "Kedaluwarsa (hari berganti)",
                    "Expired (the day ended)"},
};

static const char *const actions[QA__COUNT] = {
    [QA_CALL] = "call",     [QA_RECALL] = "recall", [QA_NO_SHOW] = "no_show",
    [QA_START] = "start",   [QA_FINISH] = "finish", [QA_TRANSFER] = "transfer",
    [QA_EXPIRE] = "expire",
};

const char *queue_state_code(enum queue_state s)
{
    return (unsigned)s < QS__COUNT ? states[s].code : "unknown";
}

bool queue_state_parse(const char *s, enum queue_state *out)
{
    for (int i = 0; s && i < QS__COUNT; i++) {
        if (strcmp(s, states[i].code) == 0) {
            *out = (enum queue_state)i;
            return true;
        }
    }
    return false;
}

const char *queue_state_name(enum queue_state s, enum lang lang)
{
    if ((unsigned)s >= QS__COUNT)
        return "?";
    return L(lang, states[s].id, states[s].en);
}

const char *queue_action_code(enum queue_action a)
{
    return (unsigned)a < QA__COUNT ? actions[a] : "unknown";
}

bool queue_action_parse(const char *s, enum queue_action *out)
{
    for (int i = 0; s && i < QA__COUNT; i++) {
        if (strcmp(s, actions[i]) == 0) {
            *out = (enum queue_action)i;
            return true;
        }
    }
    return false;
}

bool queue_state_is_final(enum queue_state s)
{
    return s == QS_DONE || s == QS_NO_SHOW || s == QS_EXPIRED;
}

enum queue_verdict queue_check(const struct queue_pos *cur,
                               enum queue_action action, struct queue_pos *next)
{
    struct queue_pos n = *cur;
    enum queue_state s = cur->state;
    switch (action) {
    case QA_CALL:
        if (s != QS_WAITING)
            return QV_WRONG_STATE;
        n.state = QS_CALLED;
        n.calls = 1;
        break;
    case QA_RECALL:
        if (s != QS_CALLED)
            return QV_WRONG_STATE;
        if (cur->calls >= QUEUE_MAX_CALLS)
            return QV_CALLS_USED;
        n.calls = cur->calls + 1;
        break;
    case QA_NO_SHOW:
        if (s != QS_CALLED)
            return QV_WRONG_STATE;
        if (cur->calls < QUEUE_MAX_CALLS)
            return QV_TOO_EARLY;
        n.state = QS_NO_SHOW;
        break;
    case QA_START:
        if (s != QS_CALLED)
            return QV_WRONG_STATE;
        n.state = QS_SERVING;
        break;
    case QA_FINISH:
        if (s != QS_CALLED && s != QS_SERVING)
            return QV_WRONG_STATE;
        n.state = QS_DONE;
        break;
    case QA_TRANSFER:
        if (s != QS_CALLED && s != QS_SERVING)
            return QV_WRONG_STATE;
        n.state = QS_WAITING;
        n.calls = 0;
        break;
    case QA_EXPIRE:
        if (s != QS_WAITING && s != QS_CALLED && s != QS_SERVING)
            return QV_WRONG_STATE;
        n.state = QS_EXPIRED;
        break;
    default:
        return QV_WRONG_STATE;
    }
    *next = n;
    return QV_OK;
}

bool queue_group_valid(const char *code)
{
    return code && code[0] >= 'A' && code[0] <= 'Z' && code[1] == '\0';
}

bool queue_label(char group, int64_t number, char out[QUEUE_LABEL_MAX])
{
    out[0] = '\0';
    if (group < 'A' || group > 'Z' || number < 1 || number > 9999999999LL)
        return false;
    snprintf(out, QUEUE_LABEL_MAX, "%c-%03lld", group, (long long)number);
    return true;
}

bool queue_counter_serves(const char *groups, char group)
{
    if (!groups || group < 'A' || group > 'Z')
        return false;
    if (strcmp(groups, "*") == 0)
        return true;
    for (const char *p = groups; *p; p++) {
        bool starts = p == groups || p[-1] == ',';
        bool ends = p[1] == ',' || p[1] == '\0';
        if (starts && ends && *p == group)
            return true;
    }
    return false;
}

bool queue_groups_valid(const char *groups)
{
    if (!groups || !*groups)
        return false;
    if (strcmp(groups, "*") == 0)
        return true;
    bool seen[26] = {false};
    const char *p = groups;
    for (;;) {
        if (*p < 'A' || *p > 'Z' || seen[*p - 'A'])
            return false;
        seen[*p - 'A'] = true;
        if (p[1] == '\0')
            return true;
        if (p[1] != ',' || p[2] == '\0')
            return false;
        p += 2;
    }
}

bool queue_before(const struct queue_cand *a, const struct queue_cand *b)
{
    if (a->priority != b->priority)
        return a->priority;
    if (a->queue_at != b->queue_at)
        return a->queue_at < b->queue_at;
    return a->id < b->id;
}

bool queue_callable(const struct queue_cand *c, int64_t counter_id,
                    const char *groups, const char *today)
{
    if (c->state != QS_WAITING || !c->day || !today ||
        strcmp(c->day, today) != 0)
        return false;
    if (c->transfer_counter_id)
        return c->transfer_counter_id == counter_id;
    return queue_counter_serves(groups, c->group);
}

long queue_pick(const struct queue_cand *c, size_t n, int64_t counter_id,
                const char *groups, const char *today)
{
    long best = -1;
    for (size_t i = 0; i < n; i++) {
        if (!queue_callable(&c[i], counter_id, groups, today))
            continue;
        if (best < 0 || queue_before(&c[i], &c[best]))
            best = (long)i;
    }
    return best;
}

size_t queue_ahead(const struct queue_cand *c, size_t n,
                   const struct queue_cand *t, const char *today)
{
    size_t ahead = 0;
    for (size_t i = 0; i < n; i++) {
        const struct queue_cand *x = &c[i];
        if (x->id == t->id || x->state != QS_WAITING || !x->day || !today ||
            strcmp(x->day, today) != 0)
            continue;
        bool same_queue =
            t->transfer_counter_id
                ? x->transfer_counter_id == t->transfer_counter_id
                : (!x->transfer_counter_id && x->group == t->group);
        if (same_queue && queue_before(x, t))
            ahead++;
    }
    return ahead;
}

bool queue_estimate_minutes(int64_t ahead, int64_t calls, int64_t first_call_at,
                            int64_t now, int64_t *minutes)
{
    *minutes = 0;
    int64_t span = now - first_call_at;
    if (calls < QUEUE_PACE_MIN_CALLS || span <= 0 || ahead < 0)
        return false;
    /* (ahead + 1) x span / calls seconds, in minutes rounded up. */
    int64_t num = (ahead + 1) * span;
    int64_t den = calls * 60;
    *minutes = (num + den - 1) / den;
    return true;
}

int64_t queue_wait_s(int64_t issued_at, int64_t queue_at, int64_t called_at)
{
    int64_t from = issued_at > queue_at ? issued_at : queue_at;
    return called_at > from ? called_at - from : 0;
}

int64_t queue_service_s(int64_t called_at, int64_t finished_at)
{
    return finished_at > called_at ? finished_at - called_at : 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The smallest value with at least ceil(pct x n / 100) values <= it. */
static int64_t nearest_rank(const int64_t *sorted, size_t n, int pct)
{
    size_t rank = ((size_t)pct * n + 99) / 100;
    if (rank < 1)
        rank = 1;
    return sorted[rank - 1];
}

bool queue_stats_of(int64_t *v, size_t n, struct queue_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (!n)
        return false;
    qsort(v, n, sizeof(*v), cmp_i64);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    int64_t cnt = (int64_t)n;
    out->n = cnt;
    out->mean_s = (2 * sum + cnt) / (2 * cnt); /* half up (values >= 0) */
    out->median_s = nearest_rank(v, n, 50);
    out->p90_s = nearest_rank(v, n, 90);
    return true;
}

static int cmp_bucket(const void *a, const void *b)
{
    int64_t x = ((const struct queue_bucket *)a)->value;
    int64_t y = ((const struct queue_bucket *)b)->value;
    return (x > y) - (x < y);
}

/* The value at 1-based rank among the sorted buckets. */
static int64_t hist_rank(const struct queue_bucket *b, size_t n, int64_t rank)
{
    int64_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i].n <= 0)
            continue;
        seen += b[i].n;
        if (seen >= rank)
            return b[i].value;
    }
    return n ? b[n - 1].value : 0;
}

bool queue_stats_of_hist(struct queue_bucket *b, size_t n,
                         struct queue_stats *out)
{
    memset(out, 0, sizeof(*out));
    int64_t cnt = 0, sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i].value < 0)
            b[i].value = 0;
        if (b[i].n > 0) {
            cnt += b[i].n;
            sum += b[i].value * b[i].n;
        }
    }
    if (!cnt)
        return false;
    qsort(b, n, sizeof(*b), cmp_bucket);
    out->n = cnt;
    out->mean_s = (2 * sum + cnt) / (2 * cnt);
    out->median_s = hist_rank(b, n, (50 * cnt + 99) / 100);
    out->p90_s = hist_rank(b, n, (90 * cnt + 99) / 100);
    return true;
}

size_t queue_slots(int open_min, int close_min, int slot_min, int *starts,
                   size_t cap)
{
    size_t n = 0;
    if (slot_min < 5 || slot_min > 480 || open_min < 0 ||
        close_min <= open_min || close_min > 24 * 60)
        return 0;
    for (int m = open_min; n < cap && close_min - m >= (slot_min + 1) / 2;
         m += slot_min)
        starts[n++] = m;
    return n;
}

bool queue_booking_code_parse(const char *typed, char *out)
{
    size_t k = 0;
    out[0] = '\0';
    if (!typed)
        return false;
    for (const char *p = typed; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        char ch = (char)toupper((unsigned char)*p);
        if (!strchr(QUEUE_BOOKING_ALPHABET, ch) || ch == '\0' ||
            k >= QUEUE_BOOKING_LEN) {
            out[0] = '\0';
            return false;
        }
        out[k++] = ch;
    }
    out[k] = '\0';
    if (k != QUEUE_BOOKING_LEN) {
        out[0] = '\0';
        return false;
    }
    return true;
}

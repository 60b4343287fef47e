// SPDX-License-Identifier: AGPL-3.0-or-later
// The satisfaction survey at the exit kiosk, in headless Chromium on a
// tablet (800x1280, touch). A browser that nobody enrolled is no kiosk
// (403). The head of office enrols the tablet at /devices (the HttpOnly
// device cookie sp_device) and signs out; the tablet stays a kiosk of that
// office whatever ?office= says. Then: large touch targets, a respondent
// who answers by tapping, the thank-you page that returns by itself to a
// blank questionnaire (nothing of one respondent kept for the next), the
// per-device gap (the same tablet again gets 429 "Tunggu sebentar"), and
// the IKM report (JSON API) that counts exactly the one answer with the
// scores that were tapped. A second enrolled tablet is not held back by
// the first one's gap. A revoked tablet is no kiosk any more.
//
// The server runs with SATUPINTU_KIOSK_GAP=3600, so the second answer from
// the same tablet falls inside the gap however slow this machine is.
//
// One server, one browser. The steps share the kiosk tablet's context and
// run in order; once one fails, the rest are skipped.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  steps,
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
  runCli, signIn,
} from './lib.mjs';

const OFFICE = '35.10.17';
const OFFICE_NAME = 'Kantor Kecamatan Giri';
const OTHER_OFFICE = '35.10.09'; // another service point, for ?office=
const HEAD = 'camat.giri';
const PASSWORD = 'Sandi-Uji-12345';
const KIOSK_PATH = '/survey/kiosk';
// Where the thank-you page returns to (the office in the URL is ignored:
// the device decides).
const NEXT_PATH = `/survey/kiosk?office=${OFFICE}`;
const KIOSK_GAP_S = 3600; // SATUPINTU_KIOSK_GAP: longer than this test runs
const DEVICE_MAX_AGE_S = 400 * 24 * 3600; // the device cookie: 400 days, sent again on every kiosk page
const NOT_A_KIOSK = 'Perangkat ini belum didaftarkan sebagai kiosk kantor';
const REVOKED = 'Perangkat ini sudah dicabut sebagai kiosk kantor';
const TABLET_LABEL = 'Tablet pintu keluar';
const OTHER_LABEL = 'Tablet ruang tunggu';
const SURVEY_TITLE = 'Survei kepuasan masyarakat';
// The answers tapped for U1..U9: every score 1-4 at least once.
const SCORES = [4, 3, 2, 1, 4, 3, 2, 4, 3];
// IKM = 25 × mean NRR = 25 × 26/9 = 72.22 (grade C: 65.00 to 76.60).
const IKM_TEXT = '72.22';
const GRADE = 'C';
const PROFILE = { sex: 'P', age_group: '30-39', education: 'sma', occupation: 'wirausaha' };
const SUGGESTION = 'Ruang tunggu sejuk, tetapi antrean loket 2 terlalu lama. Kiosk-uji-7Q';
const TABLET = {
  viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};
const MIN_TARGET_PX = 44;

let server;
let browser;
const problems = new Problems();
const { step, check } = steps(problems);

let kiosk;          // the exit tablet: {context, page}
let other;          // the second tablet: {context, page}
let stranger;       // a browser nobody enrolled: {context, page}
let head;           // the head of office at a desk: {context, page}
let device;         // the exit tablet's sp_device cookie value
let thanksAt;       // Date.now() once the thank-you page had loaded

test.before(async () => {
  server = await startServer({
    env: { SATUPINTU_KIOSK_GAP: String(KIOSK_GAP_S) },
    beforeServe: async ({ db }) => {
      await runCli(db, ['user', 'add', HEAD, '--role', 'head_of_office',
        '--office', OFFICE, '--name', 'Camat Giri Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
    },
  });
  browser = await launchBrowser();
});

test.after(async () => {
  for (const c of [kiosk, other, stranger, head]) {
    if (c) await c.context.close().catch(() => {});
  }
  if (browser) await browser.close();
  if (server) await server.stop();
});

function url(p) {
  return new URL(p, server.url).href;
}

// The HTTP status of the document the page shows.
async function docStatus(page) {
  return page.evaluate(() => performance.getEntriesByType('navigation')[0].responseStatus);
}

// Runs `action` with the browser's "Failed to load resource ... <status>"
// console message expected (a page the server answers with that status on
// purpose).
async function expectStatus(status, action) {
  const allowed = problems.allow(new RegExp(
    `Failed to load resource: the server responded with a status of ${status}`));
  try {
    return await action();
  } finally {
    allowed();
  }
}

// The report of this year: without a period the server takes the year of
// its own today, at the regency's offset (no offset is assumed here).
async function ikmReport() {
  const res = await fetch(url(`/api/v1/reports/ikm?office=${OFFICE}`));
  assert.equal(res.status, 200, 'the IKM report API answers 200');
  return res.json();
}

async function cookie(context, name) {
  return (await context.cookies(server.url)).find((x) => x.name === name);
}

// The page says "this device is not enrolled", with status 403, and offers
// no questionnaire.
async function assertNotAKiosk(page, what, message = NOT_A_KIOSK) {
  assert.equal(await docStatus(page), 403, `${what}: 403`);
  assert.equal(await h1Text(page), '403 · Tidak diizinkan', `${what}: the 403 page`);
  assert.match(await page.locator('main').innerText(), new RegExp(message),
    `${what}: says why the device is no kiosk`);
  assert.equal(await page.locator('form[action="/survey"], form[action="/complaints"]')
    .count(), 0, `${what}: no questionnaire or complaint form`);
}

// Signs the head of office in on `page`, enrols this browser as a kiosk
// named `label` at /devices, checks the device cookie and signs out again.
// Returns the device cookie's value; `t` gets a diagnostic.
async function enrol(t, page, label) {
  const context = page.context();
  assert.equal(await signIn(page, server.url, HEAD, PASSWORD), '/staff',
    'the head of office (created with --password-stdin) lands on /staff');
  const resp = await page.goto(url('/devices'));
  assert.equal(resp.status(), 200);
  assert.equal(await h1Text(page), 'Perangkat kiosk');
  const form = page.locator('form[method="post"][action="/devices"]');
  assert.equal(await form.count(), 1, 'the enrolment form');
  assert.equal(await form.locator('select[name="office"]').count(), 0,
    'a head of office enrols for their own office only: no office choice');
  assert.match(await form.innerText(), new RegExp(`Kantor: ${OFFICE_NAME}`),
    'the form names the office the device will belong to');
  await form.locator('input[name="label"]').fill(label);

  // The device cookie as the server sets it (the browser may keep it for
  // less: see the diagnostic).
  const enrolled = page.waitForResponse((r) =>
    r.request().method() === 'POST' && new URL(r.url()).pathname === '/devices');
  await navigateBy(page, () => form.locator('button[type="submit"]').click());
  const post = await enrolled;
  assert.equal(post.status(), 303, 'POST /devices answers 303');
  assert.equal(post.headers().location, '/devices?enrolled=1');
  const setCookie = (await post.headersArray())
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value).find((v) => v.startsWith('sp_device='));
  assert.ok(setCookie, 'POST /devices sets the sp_device cookie');
  assert.match(setCookie, new RegExp(`; Max-Age=${DEVICE_MAX_AGE_S}(;|$)`),
    `sp_device is kept for five years: ${setCookie.replace(/=[0-9a-f]+;/, '=…;')}`);
  assert.match(setCookie, /; HttpOnly(;|$)/);

  assert.equal(pathOf(page), '/devices');
  assert.equal(new URL(page.url()).searchParams.get('enrolled'), '1');
  assert.equal(await docStatus(page), 200);
  const flashes = (await page.locator('p.flash').allInnerTexts()).map((s) => s.trim());
  assert.ok(flashes.includes('Browser ini sekarang kiosk terdaftar.'),
    `the page says this browser is now a kiosk: ${JSON.stringify(flashes)}`);
  assert.equal(await page.locator('p.flash a[href="/survey/kiosk"]').count(), 1,
    'the page links the survey kiosk');
  const row = page.locator('table.list tbody tr', { hasText: label });
  assert.equal(await row.count(), 1, `the device "${label}" is listed`);
  const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
  assert.equal(cells[1], OFFICE_NAME);
  assert.equal(cells[4], 'Aktif');

  const c = await cookie(context, 'sp_device');
  assert.ok(c, 'the browser keeps the sp_device cookie');
  assert.match(c.value, /^[0-9a-f]{64}$/, 'sp_device is 256 random bits in hex');
  assert.equal(c.httpOnly, true, 'sp_device is HttpOnly');
  assert.equal(c.path, '/');
  const days = (c.expires - Date.now() / 1000) / 86400;
  t.diagnostic(`sp_device kept by Chromium for ${days.toFixed(0)} days`);
  assert.ok(days > 300, `the browser keeps sp_device for long: ${days.toFixed(0)} days`);
  assert.equal(await cookie(context, 'sp_kiosk'), undefined, 'no sp_kiosk cookie');

  // Sign out with the page's own form; the tablet stays enrolled.
  const logout = page.locator('form[action="/logout"]').first();
  await navigateBy(page, () =>
    logout.locator('button, input[type="submit"]').first().click());
  assert.equal(pathOf(page), '/', 'signing out leads to the home page');
  assert.equal(await page.locator('form[action="/logout"]').count(), 0,
    'signed out: no sign-out button');
  assert.equal((await cookie(context, 'sp_device'))?.value, c.value,
    'signing out keeps the device cookie');
  return c.value;
}

function answerLabel(page, element, score) {
  return page.locator(
    `section.survey.kiosk label.answer:has(input[type="radio"][name="u${element}"]` +
    `[value="${score}"])`);
}

// Taps the answer `scores[i]` of every question, checking each one took.
async function tapAnswers(page, scores) {
  for (let i = 0; i < scores.length; i++) {
    const label = answerLabel(page, i + 1, scores[i]);
    await label.scrollIntoViewIfNeeded();
    await label.tap();
    const chosen = await page.locator(`input[name="u${i + 1}"]:checked`)
      .evaluateAll((xs) => xs.map((x) => x.value));
    assert.deepEqual(chosen, [String(scores[i])],
      `tapping answer ${scores[i]} of U${i + 1} checks exactly that radio`);
  }
}

async function submit(page) {
  const button = page.locator('section.survey.kiosk button[type="submit"]');
  await button.scrollIntoViewIfNeeded();
  await navigateBy(page, () => button.tap());
}

// The questionnaire as a new respondent must find it: the kiosk's office,
// nothing chosen or typed, nobody signed in.
async function assertBlankQuestionnaire(page, what) {
  assert.equal(pathOf(page), '/survey/kiosk', `${what}: on the kiosk page`);
  assert.equal(await docStatus(page), 200, `${what}: 200`);
  assert.equal(await h1Text(page), SURVEY_TITLE);
  const section = page.locator('section.survey.kiosk');
  assert.equal(await section.count(), 1, `${what}: one section.survey.kiosk`);
  assert.equal(
    await section.locator('form input[type="hidden"][name="office"]').inputValue(), OFFICE,
    `${what}: the questionnaire is for the tablet's office`);
  assert.equal(await section.locator('fieldset.question').count(), 9,
    `${what}: nine questions`);
  assert.equal(await section.locator('input[type="radio"]').count(), 36,
    `${what}: four answers to each of the nine questions`);
  const checked = await section.locator('input[type="radio"]:checked')
    .evaluateAll((xs) => xs.map((x) => `${x.name}=${x.value}`));
  assert.deepEqual(checked, [], `${what}: no answer is chosen`);
  assert.equal(await section.locator('textarea[name="suggestion"]').inputValue(), '',
    `${what}: the suggestion box is empty`);
  for (const key of Object.keys(PROFILE)) {
    assert.equal(await section.locator(`select[name="${key}"]`).inputValue(), '',
      `${what}: "${key}" is at its empty option`);
  }
  assert.ok(!(await page.content()).includes(SUGGESTION),
    `${what}: the page holds nothing of the last suggestion`);
  assert.equal(await page.locator('form[action="/logout"]').count(), 0,
    `${what}: nobody is signed in on the kiosk`);
}

// ---------------------------------------------------------------------------

step('a browser that nobody enrolled is no kiosk', async () => {
  const context = await newContext(browser, problems, TABLET);
  const page = await context.newPage();
  stranger = { context, page };
  await expectStatus(403, async () => {
    for (const p of [KIOSK_PATH, `${KIOSK_PATH}?office=${OFFICE}`]) {
      await page.goto(url(p));
      assert.equal(pathOf(page), '/survey/kiosk');
      await assertNotAKiosk(page, `GET ${p}`);
    }
    await page.goto(url('/complaints/new?kiosk=1'));
    await assertNotAKiosk(page, 'the complaint kiosk');
  });
  assert.equal(await cookie(context, 'sp_device'), undefined, 'no device cookie');
  assert.equal(await cookie(context, 'sp_kiosk'), undefined, 'no sp_kiosk cookie');

  // Nor is the public survey page a questionnaire without a receipt's link.
  const resp = await page.goto(url('/survey'));
  assert.equal(resp.status(), 200);
  assert.equal(await h1Text(page), SURVEY_TITLE);
  assert.equal(await page.locator('form[action="/survey"]').count(), 0,
    '/survey without a token explains, and has no form');
  assert.match(await page.locator('main').innerText(), /kiosk survei kantor/);
});

step('the head of office enrols the tablet at /devices and signs out', async (t) => {
  const context = await newContext(browser, problems, TABLET);
  const page = await context.newPage();
  kiosk = { context, page };
  device = await enrol(t, page, TABLET_LABEL);
});

check('?office= on the kiosk URL does not move the kiosk to another office', async () => {
  const { page } = kiosk;
  const resp = await page.goto(url(`${KIOSK_PATH}?office=${OTHER_OFFICE}`));
  assert.equal(resp.status(), 200);
  assert.equal(await page.locator('section.survey.kiosk form input[name="office"]')
    .inputValue(), OFFICE, 'the device decides the office');
  assert.equal(await page.locator('select[name="office"]').count(), 0);
});

check('the enrolled tablet is also its office\'s complaint kiosk', async () => {
  const { page } = kiosk;
  const resp = await page.goto(url(`/complaints/new?kiosk=1&office=${OTHER_OFFICE}`));
  assert.equal(resp.status(), 200);
  const form = page.locator('section.complaint.kiosk form[action="/complaints"]');
  assert.equal(await form.count(), 1, 'the complaint kiosk form');
  assert.equal(await form.locator('input[type="hidden"][name="kiosk"]').inputValue(), '1');
  assert.equal((await form.locator('p.kiosk-office').innerText()).trim(),
    `Kantor: ${OFFICE_NAME}`, 'the complaint concerns the tablet\'s office');
  assert.equal(await form.locator('select[name="office"]').count(), 0,
    'no office choice at the kiosk');
  assert.equal(await form.locator('input[type="file"]').count(), 0,
    'the kiosk takes no files');
});

step('the kiosk questionnaire on a tablet has large touch targets', async (t) => {
  const { page, context } = kiosk;
  const resp = await page.goto(url(KIOSK_PATH));
  assert.equal(resp.status(), 200);
  assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  await assertBlankQuestionnaire(page, 'a fresh kiosk');

  const form = page.locator('section.survey.kiosk form[method="post"][action="/survey"]');
  assert.equal(await form.count(), 1, 'the questionnaire posts to /survey');
  assert.equal(await form.locator('input[type="hidden"][name="kiosk"]').inputValue(), '1');
  assert.equal(await form.locator('select[name="office"]').count(), 0,
    'the kiosk is fixed to its office: no office choice');
  for (let e = 1; e <= 9; e++) {
    const values = await form.locator(`label.answer > input[type="radio"][name="u${e}"]`)
      .evaluateAll((xs) => xs.map((x) => x.value));
    assert.deepEqual(values, ['1', '2', '3', '4'],
      `U${e} has the answers 1-4, each inside a label.answer`);
  }
  for (const key of Object.keys(PROFILE)) {
    assert.equal(await form.locator(`select[name="${key}"]`).count(), 1,
      `the optional "${key}" select is there`);
  }
  const button = form.locator('button[type="submit"]');
  assert.equal(await button.count(), 1);
  assert.equal((await button.innerText()).trim(), 'Kirim');
  assert.equal((await cookie(context, 'sp_device'))?.value, device,
    'the kiosk page keeps the device cookie as enrolled');

  // Large touch targets: every answer, and the submit button.
  const labels = form.locator('label.answer');
  assert.equal(await labels.count(), 36);
  const small = [];
  let minW = Infinity;
  let minH = Infinity;
  for (let i = 0; i < 36; i++) {
    const box = await labels.nth(i).boundingBox();
    assert.ok(box, `answer label ${i} is rendered`);
    minW = Math.min(minW, box.width);
    minH = Math.min(minH, box.height);
    if (box.height < MIN_TARGET_PX || box.width < MIN_TARGET_PX) {
      small.push(`U${Math.floor(i / 4) + 1}/${(i % 4) + 1}: ` +
        `${box.width.toFixed(1)}x${box.height.toFixed(1)}`);
    }
  }
  t.diagnostic(`smallest answer label: ${minW.toFixed(1)}x${minH.toFixed(1)} px`);
  assert.deepEqual(small, [],
    `every label.answer is at least ${MIN_TARGET_PX}x${MIN_TARGET_PX} px`);
  const bbox = await button.boundingBox();
  assert.ok(bbox.height >= MIN_TARGET_PX && bbox.width >= MIN_TARGET_PX,
    `the "Kirim" button is large: ${bbox.width}x${bbox.height}`);

  const { scrollWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
  }));
  assert.ok(scrollWidth <= TABLET.viewport.width + 1,
    `no horizontal scrolling on the tablet: scrollWidth ${scrollWidth}`);
});

step('a respondent answers by tapping and sees the thank-you page', async () => {
  const { page } = kiosk;
  await tapAnswers(page, SCORES);
  const form = page.locator('section.survey.kiosk form');
  for (const [key, value] of Object.entries(PROFILE)) {
    await form.locator(`select[name="${key}"]`).selectOption(value);
    assert.equal(await form.locator(`select[name="${key}"]`).inputValue(), value);
  }
  await form.locator('textarea[name="suggestion"]').tap();
  await form.locator('textarea[name="suggestion"]').fill(SUGGESTION);

  await submit(page);
  thanksAt = Date.now();
  assert.equal(await docStatus(page), 200);
  assert.equal(pathOf(page), '/survey');
  assert.equal(await h1Text(page), 'Terima kasih!');
  assert.equal(await page.locator('section.survey.kiosk.thanks').count(), 1);
  const refresh = await page.locator('meta[http-equiv="refresh"]').getAttribute('content');
  assert.equal(refresh, `5;url=${NEXT_PATH}`,
    'the thank-you page returns to the kiosk by itself after 5 s');
  const next = page.locator('a.button.big', { hasText: 'Responden berikutnya' });
  assert.equal(await next.count(), 1, 'a big "Responden berikutnya" button');
  assert.equal(await next.getAttribute('href'), NEXT_PATH);
  const nbox = await next.boundingBox();
  assert.ok(nbox.height >= MIN_TARGET_PX, `"Responden berikutnya" is large: ${nbox.height}`);
  assert.ok(!(await page.content()).includes(SUGGESTION),
    'the thank-you page does not repeat the suggestion');
  assert.equal((await cookie(kiosk.context, 'sp_device'))?.value, device,
    'the tablet keeps its device cookie');
});

step('the kiosk returns by itself to a blank questionnaire', async () => {
  const { page } = kiosk;
  // No click: the meta refresh alone brings the questionnaire back.
  await page.waitForURL((u) => u.pathname === '/survey/kiosk',
    { waitUntil: 'load', timeout: 20_000 });
  const shown = Date.now() - thanksAt;
  assert.ok(shown >= 3_000,
    `the thank-you page stays long enough to be read (${shown} ms)`);
  await assertBlankQuestionnaire(page, 'the next respondent');
  assert.equal((await cookie(kiosk.context, 'sp_device'))?.value, device,
    'the tablet keeps its device cookie');
});

step('the same tablet again within the gap gets "Tunggu sebentar"', async () => {
  const { page } = kiosk;
  // Different answers, so an answer wrongly accepted shows in the report.
  await tapAnswers(page, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  await page.locator('section.survey.kiosk textarea[name="suggestion"]')
    .fill('Jawaban kedua dari tablet yang sama');
  await expectStatus(429, () => submit(page));
  assert.equal(await docStatus(page), 429);
  assert.equal(pathOf(page), '/survey');
  assert.equal(await h1Text(page), 'Tunggu sebentar');
  assert.match(await page.locator('main').innerText(),
    /Kiosk ini baru saja menerima jawaban\. Coba lagi sebentar lagi\./);
  const back = page.locator('section.survey a', { hasText: 'Kembali' });
  assert.equal(await back.getAttribute('href'), KIOSK_PATH,
    'the notice leads back to the kiosk');
  assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0);
});

step('the IKM report counts one respondent with the tapped scores', async () => {
  const r = await ikmReport();
  assert.equal(r.respondents, 1, `one respondent: ${JSON.stringify(r.respondents)}`);
  assert.deepEqual(r.channels, { receipt: 0, kiosk: 1, paper: 0 },
    'counted as a kiosk answer');
  assert.equal(r.nrr.length, 9);
  r.nrr.forEach((x, i) => {
    assert.equal(x.element, `U${i + 1}`);
    assert.equal(x.nrr, SCORES[i], `NRR of U${i + 1} is the tapped ${SCORES[i]}`);
    assert.equal(x.answers, 1, `U${i + 1} has one answer`);
  });
  assert.equal(r.ikm_text, IKM_TEXT);
  assert.equal(r.grade, GRADE);
  for (const [key, value] of Object.entries(PROFILE)) {
    const counts = r.profile[key];
    assert.ok(counts, `the report has the "${key}" profile`);
    for (const [code, n] of Object.entries(counts)) {
      assert.equal(n, code === value ? 1 : 0, `profile ${key}=${code}`);
    }
  }
  assert.deepEqual(r.suggestions, [SUGGESTION], 'the one suggestion, as typed');
});

step('a second enrolled tablet is not held back by the first one\'s gap', async (t) => {
  const context = await newContext(browser, problems, TABLET);
  const page = await context.newPage();
  other = { context, page };
  const second = await enrol(t, page, OTHER_LABEL);
  assert.notEqual(second, device, 'the second tablet has its own device cookie');
  await page.goto(url(KIOSK_PATH));
  await assertBlankQuestionnaire(page, 'a second tablet');
  await tapAnswers(page, [3, 3, 3, 3, 3, 3, 3, 3, 3]);
  await submit(page);
  assert.equal(await docStatus(page), 200);
  assert.equal(await h1Text(page), 'Terima kasih!');
  const r = await ikmReport();
  assert.equal(r.respondents, 2, 'the second tablet\'s answer counts');
  assert.equal(r.channels.kiosk, 2);
  r.nrr.forEach((x, i) => {
    assert.equal(x.nrr, (SCORES[i] + 3) / 2, `NRR of U${i + 1} over two respondents`);
  });
});

step('a revoked tablet is no kiosk any more; the other one still is', async () => {
  // The exit tablet shows a questionnaire, and someone starts answering...
  await kiosk.page.goto(url(KIOSK_PATH));
  await assertBlankQuestionnaire(kiosk.page, 'the exit tablet before revocation');
  await tapAnswers(kiosk.page, [2, 2, 2, 2, 2, 2, 2, 2, 2]);

  // ...while the head of office, at a desk, revokes it.
  const context = await newContext(browser, problems);
  const page = await context.newPage();
  head = { context, page };
  assert.equal(await signIn(page, server.url, HEAD, PASSWORD), '/staff');
  await page.goto(url('/devices'));
  const rows = page.locator('table.list tbody tr');
  assert.equal(await rows.count(), 2, 'both tablets are listed');
  const row = rows.filter({ hasText: TABLET_LABEL });
  assert.equal(await row.count(), 1);
  const revoke = row.locator('form[method="post"]');
  assert.match(await revoke.getAttribute('action'), /^\/devices\/\d+\/revoke$/);
  await navigateBy(page, () => revoke.locator('button', { hasText: 'Cabut' }).click());
  assert.equal(pathOf(page), '/devices');
  assert.equal(new URL(page.url()).searchParams.get('revoked'), '1');
  assert.equal(await docStatus(page), 200);
  assert.equal((await page.locator('p.flash').first().innerText()).trim(),
    'Perangkat dicabut.');
  const status = async (label) => (await page.locator('table.list tbody tr',
    { hasText: label }).locator('td').nth(4).innerText()).trim();
  assert.equal(await status(TABLET_LABEL), 'Dicabut');
  assert.equal(await status(OTHER_LABEL), 'Aktif');

  // The answer sent from the revoked tablet is refused, and the kiosk page
  // is no longer there.
  await expectStatus(403, async () => {
    await submit(kiosk.page);
    assert.equal(pathOf(kiosk.page), '/survey');
    await assertNotAKiosk(kiosk.page, 'an answer from the revoked tablet', REVOKED);
    await kiosk.page.goto(url(KIOSK_PATH));
    await assertNotAKiosk(kiosk.page, 'the revoked tablet\'s kiosk page', REVOKED);
    await kiosk.page.goto(url('/complaints/new?kiosk=1'));
    await assertNotAKiosk(kiosk.page, 'the revoked tablet\'s complaint kiosk', REVOKED);
  });
  const r = await ikmReport();
  assert.equal(r.respondents, 2, 'the revoked tablet\'s answer does not count');

  await other.page.goto(url(KIOSK_PATH));
  await assertBlankQuestionnaire(other.page, 'the other tablet after the revocation');
});

test('no console errors, CSP violations, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

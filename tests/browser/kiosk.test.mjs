// SPDX-License-Identifier: AGPL-3.0-or-later
// The satisfaction survey at the exit kiosk, in headless Chromium on a
// tablet (800x1280, touch): large touch targets, a respondent who answers by
// tapping, the thank-you page that returns by itself to a blank
// questionnaire (nothing of one respondent kept for the next), the per-device
// throttle (the same tablet again within 20 s gets 429 "Tunggu sebentar"),
// and the IKM report (JSON API) that counts exactly the one answer with the
// scores that were tapped. A second tablet is not held back by the first
// one's throttle.
//
// One server, one browser. The steps share the kiosk tablet's context and
// run in order; once one fails, the rest are skipped.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  steps,
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
} from './lib.mjs';

const OFFICE = '35.10.17';
const KIOSK_PATH = `/survey/kiosk?office=${OFFICE}`;
const SURVEY_TITLE = 'Survei kepuasan masyarakat';
// The answers tapped for U1..U9: every score 1-4 at least once.
const SCORES = [4, 3, 2, 1, 4, 3, 2, 4, 3];
// IKM = 25 × mean NRR = 25 × 26/9 = 72.22 (grade C: 65.00 to 76.60).
const IKM_TEXT = '72.22';
const GRADE = 'C';
const PROFILE = { sex: 'P', age_group: '30-39', education: 'sma', occupation: 'wirausaha' };
const SUGGESTION = 'Ruang tunggu sejuk, tetapi antrean loket 2 terlalu lama. Kiosk-uji-7Q';
const KIOSK_GAP_MS = 20_000; // the server's KIOSK_GAP_S
const TABLET = {
  viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};
const MIN_TARGET_PX = 44;

let server;
let browser;
const problems = new Problems();
const { step } = steps(problems);

let kiosk;          // the exit tablet: {context, page}
let other;          // a second tablet's context
let device;         // the tablet's sp_kiosk cookie value
let firstSentAt;    // Date.now() just before the first "Kirim"
let thanksAt;       // Date.now() once the thank-you page had loaded

test.before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

test.after(async () => {
  if (kiosk) await kiosk.context.close().catch(() => {});
  if (other) await other.close().catch(() => {});
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

// The year the server counts in (the regency is at UTC+7), for period=YYYY.
function serverYear() {
  return new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
}

async function ikmReport() {
  const res = await fetch(url(`/api/v1/reports/ikm?office=${OFFICE}&period=${serverYear()}`));
  assert.equal(res.status, 200, 'the IKM report API answers 200');
  return res.json();
}

async function kioskCookie(context) {
  const c = (await context.cookies(server.url)).find((x) => x.name === 'sp_kiosk');
  return c;
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

// The questionnaire as a new respondent must find it: nothing chosen or typed.
async function assertBlankQuestionnaire(page, what) {
  assert.equal(pathOf(page), '/survey/kiosk', `${what}: on the kiosk page`);
  assert.equal(new URL(page.url()).searchParams.get('office'), OFFICE);
  assert.equal(await h1Text(page), SURVEY_TITLE);
  const section = page.locator('section.survey.kiosk');
  assert.equal(await section.count(), 1, `${what}: one section.survey.kiosk`);
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
}

// ---------------------------------------------------------------------------

step('the kiosk questionnaire on a tablet has large touch targets', async (t) => {
  const context = await newContext(browser, problems, TABLET);
  const page = await context.newPage();
  kiosk = { context, page };
  const resp = await page.goto(url(KIOSK_PATH));
  assert.equal(resp.status(), 200);
  assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  await assertBlankQuestionnaire(page, 'a fresh kiosk');

  const form = page.locator('section.survey.kiosk form[method="post"][action="/survey"]');
  assert.equal(await form.count(), 1, 'the questionnaire posts to /survey');
  assert.equal(await form.locator('input[type="hidden"][name="kiosk"]').inputValue(), '1');
  assert.equal(await form.locator('input[type="hidden"][name="office"]').inputValue(), OFFICE);
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

  // The device id, kept by the tablet (the throttle's key).
  const cookie = await kioskCookie(context);
  assert.ok(cookie, 'the kiosk page sets the sp_kiosk cookie');
  assert.match(cookie.value, /^[0-9a-f]{32}$/, 'sp_kiosk is a 128-bit random id');
  assert.equal(cookie.httpOnly, true, 'sp_kiosk is HttpOnly');
  device = cookie.value;

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

  firstSentAt = Date.now();
  await submit(page);
  thanksAt = Date.now();
  assert.equal(await docStatus(page), 200);
  assert.equal(pathOf(page), '/survey');
  assert.equal(await h1Text(page), 'Terima kasih!');
  assert.equal(await page.locator('section.survey.kiosk.thanks').count(), 1);
  const refresh = await page.locator('meta[http-equiv="refresh"]').getAttribute('content');
  assert.equal(refresh, `5;url=${KIOSK_PATH}`,
    'the thank-you page returns to the kiosk by itself after 5 s');
  const next = page.locator('a.button.big', { hasText: 'Responden berikutnya' });
  assert.equal(await next.count(), 1, 'a big "Responden berikutnya" button');
  assert.equal(await next.getAttribute('href'), KIOSK_PATH);
  const nbox = await next.boundingBox();
  assert.ok(nbox.height >= MIN_TARGET_PX, `"Responden berikutnya" is large: ${nbox.height}`);
  assert.ok(!(await page.content()).includes(SUGGESTION),
    'the thank-you page does not repeat the suggestion');
  assert.equal((await kioskCookie(kiosk.context))?.value, device,
    'the tablet keeps its device id');
});

step('the kiosk returns by itself to a blank questionnaire', async () => {
  const { page } = kiosk;
  // No click: the meta refresh alone brings the questionnaire back.
  await page.waitForURL((u) => u.pathname === '/survey/kiosk' &&
    u.searchParams.get('office') === OFFICE, { waitUntil: 'load', timeout: 20_000 });
  const shown = Date.now() - thanksAt;
  assert.ok(shown >= 3_000,
    `the thank-you page stays long enough to be read (${shown} ms)`);
  assert.equal(await docStatus(page), 200);
  await assertBlankQuestionnaire(page, 'the next respondent');
  assert.equal((await kioskCookie(kiosk.context))?.value, device,
    'the tablet keeps its device id');
});

step('the same tablet again within 20 seconds gets "Tunggu sebentar"', async () => {
  const { page } = kiosk;
  // Different answers, so an answer wrongly accepted shows in the report.
  await tapAnswers(page, [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  await page.locator('section.survey.kiosk textarea[name="suggestion"]')
    .fill('Jawaban kedua dari tablet yang sama');
  const since = Date.now() - firstSentAt;
  assert.ok(since < KIOSK_GAP_MS - 2_000,
    `too slow to test the 20 s throttle: ${since} ms since the first answer`);
  const allowed = problems.allow(
    /Failed to load resource: the server responded with a status of 429/);
  try {
    await submit(page);
  } finally {
    allowed();
  }
  assert.equal(await docStatus(page), 429);
  assert.equal(pathOf(page), '/survey');
  assert.equal(await h1Text(page), 'Tunggu sebentar');
  assert.match(await page.locator('main').innerText(),
    /Terlalu banyak jawaban dari perangkat ini/);
  const back = page.locator('section.survey a', { hasText: 'Kembali' });
  assert.equal(await back.getAttribute('href'), KIOSK_PATH,
    'the notice leads back to the kiosk');
  assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0);
});

step('the IKM report counts one respondent with the tapped scores', async () => {
  const r = await ikmReport();
  assert.equal(r.respondents, 1, `one respondent: ${JSON.stringify(r.respondents)}`);
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

step('a second tablet is not held back by the first one\'s throttle', async () => {
  other = await newContext(browser, problems, TABLET);
  const page = await other.newPage();
  await page.goto(url(KIOSK_PATH));
  await assertBlankQuestionnaire(page, 'a second tablet');
  const cookie = await kioskCookie(other);
  assert.ok(cookie && cookie.value !== device, 'the second tablet has its own device id');
  await tapAnswers(page, [3, 3, 3, 3, 3, 3, 3, 3, 3]);
  await submit(page);
  assert.equal(await docStatus(page), 200);
  assert.equal(await h1Text(page), 'Terima kasih!');
  const r = await ikmReport();
  assert.equal(r.respondents, 2, 'the second tablet\'s answer counts');
  r.nrr.forEach((x, i) => {
    assert.equal(x.nrr, (SCORES[i] + 3) / 2, `NRR of U${i + 1} over two respondents`);
  });
});

test('no console errors, CSP violations, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

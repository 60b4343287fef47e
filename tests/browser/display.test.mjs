// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 15, "how things read, and kiosks", in headless Chromium, one
// server for the whole file: what only a browser shows.
//   - the complaint kiosk on an enrolled tablet: the page frame has no
//     staff links (no sign-in, no work list, no menu), the office is the
//     device's whatever ?office= says, and the acknowledgement prints the
//     number and the PIN on the 58 mm counter printer as one strip (PDF:
//     one page, 58 mm wide, as long as the slip), with the print button
//     shown because JavaScript is on;
//   - on a phone, the PIN field of the tracking page asks for the number
//     pad (inputmode numeric) and the page reads dates in words.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  steps, startServer, launchBrowser, newContext, navigateBy, Problems,
  runCli, signIn, pdfPages,
} from './lib.mjs';

const OFFICE = '35.10.17';
const OFFICE_NAME = 'Kantor Kecamatan Giri';
const OTHER_OFFICE = '35.10.09';
const HEAD = 'camat.giri';
const PASSWORD = 'Sandi-Uji-12345';
const TABLET = {
  viewport: { width: 800, height: 1280 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};

let server;
let browser;
let kiosk; // {context, page}
const problems = new Problems();
const { step, check } = steps(problems);

test.before(async () => {
  server = await startServer({
    beforeServe: async ({ db }) => {
      await runCli(db, ['user', 'add', HEAD, '--role', 'head_of_office',
        '--office', OFFICE, '--name', 'Camat Giri Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
    },
  });
  browser = await launchBrowser();
});

test.after(async () => {
  if (kiosk) await kiosk.context.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

const url = (p) => new URL(p, server.url).href;

// No link of the page leads to the staff side or away from the kiosk.
async function assertKioskFrame(page, what) {
  const hrefs = await page.locator('a[href]').evaluateAll((as) =>
    as.map((a) => a.getAttribute('href')));
  const away = hrefs.filter((h) => !h.startsWith('/lang/') &&
    !h.startsWith('/complaints/new?kiosk=1') && !h.startsWith('/survey/kiosk'));
  assert.deepEqual(away, [], `${what}: links away from the kiosk`);
  assert.equal(await page.locator('form[action="/logout"]').count(), 0,
    `${what}: nobody is signed in`);
}

step('the head of office enrols the tablet and signs out', async () => {
  const context = await newContext(browser, problems, TABLET);
  const page = await context.newPage();
  kiosk = { context, page };
  assert.equal(await signIn(page, server.url, HEAD, PASSWORD), '/staff');
  await page.goto(url('/devices'));
  const form = page.locator('form[method="post"][action="/devices"]');
  await form.locator('input[name="label"]').fill('Tablet pengaduan');
  await navigateBy(page, () => form.locator('button[type="submit"]').click());
  assert.equal(new URL(page.url()).searchParams.get('enrolled'), '1');
  await navigateBy(page, () =>
    page.locator('form[action="/logout"] button').first().click());
});

check('the survey kiosk has no staff links', async () => {
  const { page } = kiosk;
  const resp = await page.goto(url(`/survey/kiosk?office=${OTHER_OFFICE}`));
  assert.equal(resp.status(), 200);
  await assertKioskFrame(page, 'the survey kiosk');
  assert.equal(await page.locator('form input[name="office"]').inputValue(), OFFICE);
});

step('the complaint kiosk: no staff links, its own office, the slip printed on 58 mm', async () => {
  const { page } = kiosk;
  const resp = await page.goto(url(`/complaints/new?kiosk=1&office=${OTHER_OFFICE}`));
  assert.equal(resp.status(), 200);
  await assertKioskFrame(page, 'the complaint kiosk');
  const form = page.locator('section.complaint.kiosk form[action="/complaints"]');
  assert.equal((await form.locator('p.kiosk-office').innerText()).trim(),
    `Kantor: ${OFFICE_NAME}`);
  await form.locator('select[name="category"]').selectOption('facilities');
  await form.locator('textarea[name="body"]').fill('Kursi ruang tunggu rusak.');
  await form.locator('input[name="identity"][value="anonymous"]').check();
  await navigateBy(page, () => form.locator('button[type="submit"]').click());
  await assertKioskFrame(page, 'the acknowledgement');
  const section = page.locator('section.complaint.done.kiosk');
  assert.match(await section.innerText(), new RegExp(OFFICE_NAME));

  // The slip: the number and the PIN, the same as on the screen.
  const slip = page.locator('.receipt-sheet.sheet-58mm article.complaint-slip');
  assert.equal(await slip.count(), 1, 'one slip');
  const screenPin = (await section.locator(':scope > p.pin strong').innerText()).trim();
  assert.match(screenPin, /^\d{6}$/);
  assert.equal((await slip.locator('p.pin strong').innerText()).trim(), screenPin);
  assert.match((await slip.locator('p.regno strong').innerText()).trim(), /^P-/);
  // JavaScript on: the print button shows, and the strip's length was
  // measured (receipt.js).
  assert.equal(await page.locator('button.print-now').isVisible(), true);
  assert.match(await page.locator('.receipt-sheet').getAttribute('data-length') || '',
    /^\d+mm$/);

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const got = pdfPages(pdf);
  assert.equal(got.pages, 1, `${got.pages} pages`);
  assert.ok(Math.abs(got.widthMm - 58) < 1, `${got.widthMm} mm wide`);
  assert.ok(got.heightMm > 40 && got.heightMm < 400, `a strip of ${got.heightMm} mm`);
});

check('the tracking page on a phone: a number pad for the PIN', async () => {
  const context = await newContext(browser, problems, {
    viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(url('/track'));
  const pinField = page.locator('input[name="pin"]');
  assert.equal(await pinField.getAttribute('inputmode'), 'numeric');
  assert.equal(await pinField.getAttribute('autocomplete'), 'off');
  await page.goto(url('/complaints/track'));
  assert.equal(await page.locator('input[name="pin"]').getAttribute('inputmode'), 'numeric');
  await context.close();
});

test('no console errors, CSP violations, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

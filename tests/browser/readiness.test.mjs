// SPDX-License-Identifier: AGPL-3.0-or-later
// Office readiness, end to end, in headless Chromium: the camat, on a
// phone-sized screen, files a self-assessment with a photo (parking not
// met: 8 of 9 mandatory items, 89 %); the Sekda sees 89 % on the
// regency's readiness list; the inspector records a finding about the
// parking with a deadline in working days; the camat answers it on the
// phone with a photo; the photo served back has lost its text chunk (a
// "GPS" position); the camat assesses again with parking met, and the
// Sekda sees the office's readiness change to 100 % (also as a column of
// /oversight); the leaflet prints on one A5 page.

import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  steps, startServer, launchBrowser, newContext, navigateBy, pathOf,
  Problems, runCli, signIn,
} from './lib.mjs';

const OFFICE = '35.10.09';
const PASSWORD = 'Sandi-Uji-12345';
const PHONE = {
  viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};
const MANDATORY = ['service_room', 'waiting_room', 'toilet', 'parking',
  'complaint_box', 'service_standard', 'service_pledge', 'sop_display',
  'information_desk'];
const GPS_TEXT = 'GPS -8.2194,114.3691';

let server;
let browser;
const problems = new Problems();
const { step, check } = steps(problems);
let camat;   // {context, page}: the phone
let insp;    // {context, page}
let sekda;   // {context, page}

// A PNG with a tEXt chunk holding a position, as some cameras write.
function photoWithText(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + 3 * w)] = 0;
    for (let x = 0; x < w; x++) {
      raw.set([(x * 20) & 0xff, (y * 20) & 0xff, 0x80], y * (1 + 3 * w) + 1 + 3 * x);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${GPS_TEXT}`, 'latin1')),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PHOTO = { name: 'toilet.png', mimeType: 'image/png', buffer: photoWithText(12, 10) };

test.before(async () => {
  server = await startServer({
    beforeServe: async ({ db }) => {
      const add = (login, role, office) => runCli(db, ['user', 'add', login,
        '--role', role, ...(office ? ['--office', office] : []),
        '--password-stdin'], { input: `${PASSWORD}\n` });
      await add('camat', 'head_of_office', OFFICE);
      await add('pemeriksa', 'inspector');
      await add('sekda', 'sekkab');
    },
  });
  browser = await launchBrowser();
});

test.after(async () => {
  for (const who of [camat, insp, sekda]) {
    if (who) await who.context.close().catch(() => {});
  }
  if (browser) await browser.close();
  if (server) await server.stop();
});

const url = (p) => new URL(p, server.url).href;

async function person(login, options) {
  const context = await newContext(browser, problems, options);
  const page = await context.newPage();
  assert.equal(await signIn(page, server.url, login, PASSWORD), '/staff');
  return { context, page };
}

async function fitsPhone(page, what) {
  const fit = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    limit: document.documentElement.clientWidth,
  }));
  assert.ok(fit.scrollWidth <= fit.limit + 1,
    `${what}: no horizontal scrolling on the phone (${fit.scrollWidth} > ${fit.limit})`);
}

// The self-assessment on the phone; parking as given.
async function assess(page, parking, withPhoto) {
  await page.goto(url(`/readiness/${OFFICE}`));
  await navigateBy(page, () =>
    page.locator(`a[href="/readiness/${OFFICE}/assess"]`).tap());
  assert.equal(pathOf(page), `/readiness/${OFFICE}/assess`);
  await fitsPhone(page, 'the assessment form');
  for (const code of MANDATORY) {
    const value = code === 'parking' ? parking : 'met';
    await page.locator(`input[name="status_${code}"][value="${value}"]`).check();
  }
  await page.locator('input[name="note_toilet"]').fill('Dua toilet, bersih');
  if (withPhoto) {
    await page.locator('input[name="photo_toilet"]').setInputFiles(PHOTO);
  }
  await navigateBy(page, () => page.locator('section.assess button[type="submit"]').tap());
  assert.equal(pathOf(page), `/readiness/${OFFICE}`);
}

async function sekdaSees(pct) {
  const { page } = sekda;
  await page.goto(url('/oversight/readiness'));
  const cell = page.locator(`tr#office-${OFFICE.replaceAll('.', '\\.')} td.score`);
  assert.equal((await cell.innerText()).trim(), pct);
}

step('the camat assesses the office on a phone, with a photo', async () => {
  camat = await person('camat', PHONE);
  await assess(camat.page, 'not_met', true);
  const page = camat.page;
  assert.match(await page.locator('p.score').innerText(), /^89\u00a0%/);
  await fitsPhone(page, 'the readiness page');
});

step('the photo is served back without its position', async () => {
  const page = camat.page;
  const href = await page.locator('a[href^="/readiness/photo/"]').first().getAttribute('href');
  const resp = await page.request.get(url(href));
  assert.equal(resp.status(), 200);
  assert.equal(resp.headers()['content-type'], 'image/png');
  const bytes = await resp.body();
  assert.ok(!bytes.includes(Buffer.from('114.3691')), 'no GPS text left');
  assert.ok(!bytes.includes(Buffer.from('tEXt')), 'no text chunk left');
});

step('the Sekda sees 89 %', async () => {
  sekda = await person('sekda');
  await sekdaSees('89\u00a0%');
});

step('the inspector records a finding about the parking', async () => {
  insp = await person('pemeriksa');
  const { page } = insp;
  await page.goto(url(`/readiness/${OFFICE}`));
  const item = page.locator('section.inspect fieldset.item', {
    has: page.locator('input[name="item"][value="parking"]') });
  await item.locator('select[name="observed"]').selectOption('not_met');
  await item.locator('textarea[name="text"]').fill('Parkir tanpa atap; pasang atap.');
  await item.locator('input[name="due_days"]').fill('2');
  await navigateBy(page, () => page.locator('section.inspect button[type="submit"]').click());
  assert.equal(pathOf(page), `/readiness/${OFFICE}`);
  const finding = page.locator('li.finding').first();
  assert.match(await finding.innerText(), /Parkir tanpa atap/);
  assert.match(await finding.locator('.state').innerText(), /Menunggu tindak lanjut/);
});

step('the camat answers the finding on the phone', async () => {
  const { page } = camat;
  await page.goto(url(`/readiness/${OFFICE}`));
  const form = page.locator('li.finding form.answer').first();
  await form.locator('textarea[name="note"]').fill('Atap parkir sudah dipasang.');
  await form.locator('input[name="photo"]').setInputFiles(PHOTO);
  await navigateBy(page, () => form.locator('button[type="submit"]').tap());
  const finding = page.locator('li.finding').first();
  assert.match(await finding.locator('.state').innerText(), /Dijawab kantor/);
  assert.match(await finding.innerText(), /Atap parkir sudah dipasang/);
  await fitsPhone(page, 'the readiness page with a finding');
});

step('the inspector closes it', async () => {
  const { page } = insp;
  await page.goto(url(`/readiness/${OFFICE}`));
  await navigateBy(page, () =>
    page.locator('li.finding form.inline:has(input[value="close"]) button').click());
  assert.match(await page.locator('li.finding .state').first().innerText(), /Selesai/);
});

step('the camat assesses again, parking met', async () => {
  await assess(camat.page, 'met', false);
  assert.match(await camat.page.locator('p.score').innerText(), /^100\u00a0%/);
});

step("the Sekda sees the office's readiness change", async () => {
  await sekdaSees('100\u00a0%');
  const { page } = sekda;
  await page.goto(url('/oversight?period=2026'));
  const link = page.locator(`td.readiness a[href="/readiness/${OFFICE}"]`);
  assert.equal((await link.innerText()).trim(), '100\u00a0%');
});

check('the leaflet prints on one A5 page', async () => {
  const context = await newContext(browser, problems);
  const page = await context.newPage();
  await page.goto(url(`/offices/${OFFICE}/leaflet`));
  assert.ok(await page.locator('.leaflet .qr svg').count() === 1, 'a QR code');
  assert.ok(await page.locator('.leaflet table.services tbody tr').count() > 10,
    'the services accepted');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A5', printBackground: true,
    preferCSSPageSize: true });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  assert.equal(pages, 1, `the leaflet takes ${pages} A5 pages`);
  // A5 is 148 x 210 mm: 420 x 595 points.
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(text);
  assert.ok(box && Math.abs(Number(box[1]) - 420) < 2 &&
    Math.abs(Number(box[2]) - 595) < 2, `an A5 page: ${box && box[0]}`);
  await context.close();
});

test('no console errors, CSP violations, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

// SPDX-License-Identifier: AGPL-3.0-or-later
// A complaint, end to end, in headless Chromium: a citizen on a phone-sized
// screen chooses the office (none is preselected) and files a complaint with
// a photo (first with a "photo" that is not one); the browser is led to the
// acknowledgement (/complaints/received?f=<the form's one-time token>) with
// the number, PIN and a tracking link; the same form sent again shows that
// same acknowledgement and files nothing new. The citizen tracks it; the
// regency's complaint officer signs in, finds it in the list, sees the body,
// the complainant's name and the photo, verifies it, keeps an internal note
// and answers (a front-office officer of that office cannot read it); the
// citizen sees the answer on the tracking page and accepts it.
//
// One server, one browser. The officer (created with the command line before
// the server starts) and the citizen each have their own browser context
// (own cookies). The steps are separate tests that share the complaint's
// state and run in order; once one fails, the rest are skipped.

import test from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import {
  steps,
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
  runCli, signIn,
} from './lib.mjs';

const OFFICE = '35.10.09';
const OFFICE_NAME = 'Kantor Kecamatan Genteng';
const CATEGORY = 'facilities'; // "Sarana dan prasarana"
const PASSWORD = 'Sandi-Uji-12345';
const OFFICER = 'pengaduan';
const FRONT = 'loket.genteng'; // front office of OFFICE: no complaints
const COMPLAINANT = {
  name: 'Budi Santoso Uji',
  contact: '081298765432',
};
const BODY = 'Kursi di ruang tunggu kantor kecamatan patah dua sejak minggu ' +
  'lalu; warga lanjut usia terpaksa berdiri lama saat antre.';
const INTERNAL_NOTE = 'Catatan internal: sudah dicek ke lokasi oleh petugas U-7.';
const ANSWER = 'Terima kasih atas laporannya. Kursi ruang tunggu sudah diganti ' +
  'dengan 12 kursi baru pada hari ini.';
const NUMBER_RE = /^P-\d{2}-\d{3}-\d{5}-\d$/;
const PHONE = {
  viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};

// A real PNG, PHOTO_W x PHOTO_H, RGB, drawn here: the officer's <img> must
// decode it at exactly that size.
const PHOTO_W = 16;
const PHOTO_H = 12;
const PHOTO = makePng(PHOTO_W, PHOTO_H);
// A text file pretending to be a photo (name and claimed type say JPEG).
const FAKE_PHOTO = Buffer.from('Ini bukan foto, hanya teks biasa.\n'.repeat(20));

let server;
let browser;
let shots;
const problems = new Problems();
const { step, check } = steps(problems);

let citizen;   // {context, page}: the phone
let officer;   // {context, page}
let number;    // the complaint number, P-NN-NNN-NNNNN-N
let pin;       // the six-digit PIN
let ackUrl;    // the acknowledgement: /complaints/received?f=FORM_TOKEN
let sent;      // what the accepted form carried: {formToken, csrf}
let linkUrl;   // the acknowledgement's tracking link (/complaints/track?t=)
let trackUrl;  // the citizen's tracking page (with no and pin)
let photoUrl;  // /complaints/photo/ID

test.before(async () => {
  server = await startServer({
    beforeServe: async ({ db }) => {
      // No --office: the regency's complaint desk, all offices.
      await runCli(db, ['user', 'add', OFFICER, '--role', 'complaint_officer',
        '--name', 'Petugas Pengaduan Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
      await runCli(db, ['user', 'add', FRONT, '--role', 'front_office',
        '--office', OFFICE, '--name', 'Petugas Loket Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
    },
  });
  browser = await launchBrowser();
  shots = await fs.mkdtemp(path.join(os.tmpdir(), 'satupintu-shots-complaint-'));
});

test.after(async () => {
  if (officer) await officer.context.close().catch(() => {});
  if (citizen) await citizen.context.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

function url(p) {
  return new URL(p, server.url).href;
}

// ---------------------------------------------------------------------------
// Helpers

function makePng(w, h) {
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
  ihdr[8] = 8;  // bit depth
  ihdr[9] = 2;  // RGB
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) {
    const row = y * (1 + 3 * w);
    raw[row] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const red = (x + y) % 2 === 0;
      raw.set(red ? [0xc0, 0x20, 0x20] : [0xf0, 0xf0, 0xe0], row + 1 + 3 * x);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
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

// Text of the <dd> that follows the <dt> with exactly `label` in `dl`.
async function ddAfter(page, label, dl = 'dl.summary') {
  const re = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return (await page.locator(`${dl} dt`).filter({ hasText: re })
    .locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

// The page fits the phone's width: no horizontal scrolling, and (to say
// what is wrong if it does not) the elements that stick out on the right.
async function assertFitsPhone(page, what) {
  const fit = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > limit + 1) {
        const cls = el.getAttribute('class');
        wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` +
          `${cls ? `.${cls.split(' ').join('.')}` : ''} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, limit, wide };
  });
  assert.ok(fit.scrollWidth <= PHONE.viewport.width + 1,
    `${what}: no horizontal scrolling at ${PHONE.viewport.width} px: scrollWidth ` +
    `${fit.scrollWidth}, sticking out: ${fit.wide.slice(0, 8).join('; ')}`);
}

async function shot(page, name) {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  assert.ok((await fs.stat(file)).size > 1000, `the screenshot ${file} is not empty`);
}

// The citizen's complaint form: the office and category chosen, the
// complaint written, named, with a contact; `photo` is attached.
async function fillComplaint(page, photo) {
  const form = page.locator('section.complaint form');
  await form.locator('select[name="office"]').selectOption(OFFICE);
  assert.equal(await form.locator('select[name="office"]').inputValue(), OFFICE);
  await form.locator('select[name="category"]').selectOption(CATEGORY);
  await form.locator('textarea[name="body"]').fill(BODY);
  await form.locator('input[type="file"][name="photo"]').setInputFiles(photo);
  await form.locator('label.check', {
    has: page.locator('input[name="identity"][value="named"]') }).tap();
  assert.equal(await form.locator('input[name="identity"]:checked').getAttribute('value'),
    'named');
  await form.locator('input[name="name"]').fill(COMPLAINANT.name);
  await form.locator('input[name="contact"]').fill(COMPLAINANT.contact);
}

async function submitComplaint(page) {
  const button = page.locator('section.complaint form button[type="submit"]');
  assert.equal((await button.innerText()).trim(), 'Kirim pengaduan');
  await button.scrollIntoViewIfNeeded();
  await navigateBy(page, () => button.tap());
}

// The action buttons on the officer's complaint page, in order.
async function actionValues(page) {
  return page.locator('form.actions button[name="action"]')
    .evaluateAll((bs) => bs.map((b) => b.value));
}

// Presses the action button `value` on the officer's page, with `note`.
async function act(page, value, note = '') {
  await page.locator('form.actions textarea[name="note"]').fill(note);
  await navigateBy(page, () =>
    page.locator(`form.actions button[name="action"][value="${value}"]`).click());
}

async function expectRecorded(page, status) {
  assert.equal(pathOf(page), `/complaints/${number}`);
  assert.equal(new URL(page.url()).searchParams.get('done'), '1');
  assert.equal(await docStatus(page), 200);
  assert.equal((await page.locator('p.flash').innerText()).trim(), 'Tercatat.');
  assert.equal(await ddAfter(page, 'Status'), status);
}

// The citizen's tracking page, reloaded, with its checks that never change:
// the number, the office, nothing private, no staff names or notes.
async function trackPage(expectedStatus) {
  const { page } = citizen;
  await page.goto(trackUrl);
  assert.equal(await docStatus(page), 200);
  await checkTrack(page, expectedStatus);
  return page;
}

async function checkTrack(page, expectedStatus) {
  assert.equal(pathOf(page), '/complaints/track');
  assert.equal(await h1Text(page), number);
  assert.equal((await page.locator('p.status').innerText()).trim(), expectedStatus,
    `the tracking page says "${expectedStatus}"`);
  assert.equal(await ddAfter(page, 'Kantor'), OFFICE_NAME);
  assert.equal(await page.locator('form[action="/logout"]').count(), 0,
    'the citizen is not signed in');
  const html = await page.content();
  for (const secret of [COMPLAINANT.name, COMPLAINANT.contact, INTERNAL_NOTE, OFFICER]) {
    assert.ok(!html.includes(secret), `the tracking page does not contain "${secret}"`);
  }
  assert.equal(await page.locator('img.photo, a[href^="/complaints/photo/"]').count(), 0,
    'the tracking page does not show the photo');
  await assertFitsPhone(page, `the tracking page (${expectedStatus})`);
}

// ---------------------------------------------------------------------------

step('the complaint form fits a phone and takes a photo', async (t) => {
  const context = await newContext(browser, problems, PHONE);
  const page = await context.newPage();
  citizen = { context, page };
  // ?office= does not choose the office: the citizen does.
  for (const p of ['/complaints/new', `/complaints/new?office=${OFFICE}`]) {
    const r = await page.goto(url(p));
    assert.equal(r.status(), 200);
    const office = page.locator('section.complaint form select[name="office"]');
    assert.equal(await office.inputValue(), '', `${p}: no office is preselected`);
    assert.match((await office.locator('option').first().innerText()).trim(),
      /^— pilih kantor/, `${p}: the first option asks to choose the office`);
  }
  assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  assert.equal(await h1Text(page), 'Sampaikan pengaduan');

  const form = page.locator('section.complaint form');
  assert.equal(await form.count(), 1);
  assert.equal(await form.getAttribute('method'), 'post');
  assert.equal(await form.getAttribute('action'), '/complaints');
  assert.equal(await form.getAttribute('enctype'), 'multipart/form-data');
  const offices = await form.locator('select[name="office"] option')
    .evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  assert.ok(offices.some(([v, n]) => v === OFFICE && n === OFFICE_NAME),
    `the offices include ${OFFICE} ${OFFICE_NAME}`);
  assert.match(await form.locator('input[type="hidden"][name="form_token"]').inputValue(),
    /^[0-9a-f]{32}$/, 'the form carries a one-time form token');
  const cats = await form.locator('select[name="category"] option')
    .evaluateAll((os) => os.map((o) => o.value));
  assert.ok(cats.includes(CATEGORY), `the categories include ${CATEGORY}: ${cats}`);
  const file = form.locator('input[type="file"][name="photo"]');
  assert.equal(await file.count(), 1, 'one photo input');
  assert.equal(await file.getAttribute('accept'), 'image/jpeg,image/png');
  const ids = await form.locator('input[type="radio"][name="identity"]')
    .evaluateAll((rs) => rs.map((r) => r.value));
  assert.deepEqual(ids, ['named', 'confidential', 'anonymous']);
  assert.equal(await form.locator('input[name="identity"]:checked').getAttribute('value'),
    'named', 'a named complaint is the default');
  for (const f of ['textarea[name="body"]', 'input[name="regno"]', 'input[name="name"]',
    'input[name="contact"]']) {
    assert.equal(await form.locator(f).count(), 1, `the form has ${f}`);
  }

  await assertFitsPhone(page, 'the empty complaint form');
  await shot(page, 'complaint-form-360');
  // Filled in, too (a long text must not push the page wider).
  await fillComplaint(page, { name: 'kursi.png', mimeType: 'image/png', buffer: PHOTO });
  assert.equal((await form.locator('select[name="office"] option:checked').innerText())
    .trim(), OFFICE_NAME);
  await assertFitsPhone(page, 'the filled complaint form');
  t.diagnostic(`screenshots: ${shots}`);
});

step('a file that is not a photo is refused next to the field', async () => {
  const { page } = citizen;
  await page.goto(url('/complaints/new'));
  await fillComplaint(page,
    { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: FAKE_PHOTO });
  await expectStatus(422, () => submitComplaint(page));
  assert.equal(await docStatus(page), 422);
  assert.equal(pathOf(page), '/complaints');
  assert.equal(await h1Text(page), 'Sampaikan pengaduan', 'the form again');
  assert.equal(await page.locator('p.regno').count(), 0, 'no complaint number');
  assert.doesNotMatch(await page.locator('main').innerText(), /Pengaduan diterima|PIN:/);

  // The message sits in the photo field, right before its input.
  const field = page.locator('div.field', { has: page.locator('#f-photo') });
  assert.equal(await field.count(), 1);
  const err = field.locator('p.field-error');
  assert.equal(await err.count(), 1, 'the photo field has its error');
  assert.match(await err.innerText(), /bukan foto JPEG atau PNG/);
  assert.equal(await err.getAttribute('id'), 'err-photo');
  assert.ok(await err.isVisible(), 'the message is visible');
  const [ebox, ibox] = [await err.boundingBox(), await field.locator('#f-photo').boundingBox()];
  assert.ok(ebox.y + ebox.height <= ibox.y + 1,
    'the message is shown right above the photo input');
  // The only error; and the summary at the top leads to the field.
  assert.equal(await page.locator('p.field-error').count(), 1,
    'no other field is in error');
  const summary = page.locator('.error-summary');
  assert.match(await summary.innerText(), /bukan foto JPEG atau PNG/);
  assert.equal(await summary.locator('a[href="#f-photo"]').count(), 1);

  // What was typed is kept (the file cannot be).
  const form = page.locator('section.complaint form');
  assert.equal(await form.locator('select[name="office"]').inputValue(), OFFICE);
  assert.equal(await form.locator('select[name="category"]').inputValue(), CATEGORY);
  assert.equal(await form.locator('textarea[name="body"]').inputValue(), BODY);
  assert.equal(await form.locator('input[name="name"]').inputValue(), COMPLAINANT.name);
  assert.equal(await form.locator('input[name="contact"]').inputValue(),
    COMPLAINANT.contact);
  assert.equal(await form.locator('input[name="identity"]:checked').getAttribute('value'),
    'named');
  await assertFitsPhone(page, 'the form with the photo error');
  await shot(page, 'complaint-form-422-360');
});

step('with a real photo the complaint is received: number and PIN', async () => {
  const { page } = citizen;
  // Straight on from the refused form: attach a real photo and send again.
  const form = page.locator('section.complaint form');
  await form.locator('input[type="file"][name="photo"]')
    .setInputFiles({ name: 'kursi.png', mimeType: 'image/png', buffer: PHOTO });
  sent = {
    formToken: await form.locator('input[name="form_token"]').inputValue(),
    csrf: await form.locator('input[name="csrf"]').inputValue(),
  };
  assert.match(sent.formToken, /^[0-9a-f]{32}$/, 'the form again has a form token');
  // Sent, the browser is redirected (303) to the acknowledgement.
  const posted = page.waitForResponse((r) =>
    r.request().method() === 'POST' && new URL(r.url()).pathname === '/complaints');
  await submitComplaint(page);
  const post = await posted;
  assert.equal(post.status(), 303, 'POST /complaints answers 303');
  assert.equal(post.headers().location, `/complaints/received?f=${sent.formToken}`,
    'to the acknowledgement named by the form\'s token');
  assert.equal(await docStatus(page), 200);
  assert.equal(pathOf(page), '/complaints/received');
  assert.equal(new URL(page.url()).searchParams.get('f'), sent.formToken);
  ackUrl = page.url();
  assert.equal(await h1Text(page), 'Pengaduan diterima');
  assert.match(await page.locator('section.complaint').innerText(),
    new RegExp(`Tentang: ${OFFICE_NAME}`), 'the acknowledgement names the office');
  number = (await page.locator('p.regno strong').innerText()).trim();
  assert.match(number, NUMBER_RE, 'the complaint number looks like P-NN-NNN-NNNNN-N');
  const pm = /PIN: <strong>(\d{6})<\/strong>/.exec(await page.content());
  assert.ok(pm, 'the page shows "PIN: <strong>NNNNNN</strong>"');
  pin = pm[1];
  const link = page.locator(`section.complaint a[href="/complaints/track?no=${number}"]`);
  assert.equal(await link.count(), 1, 'the page links the tracking page with the number');
  const tlink = page.locator('section.complaint a[href^="/complaints/track?t="]');
  assert.equal(await tlink.count(), 1, 'the page has a tracking link (without PIN)');
  linkUrl = url(await tlink.getAttribute('href'));
  assert.match(new URL(linkUrl).searchParams.get('t'), /^[0-9a-f]{32}$/, 'a 128-bit token');
  await assertFitsPhone(page, 'the acknowledgement');
  await shot(page, 'complaint-done-360');
});

check('the same form sent again shows the first acknowledgement', async () => {
  const { context } = citizen;
  // The browser sends the accepted form once more (a double tap, a reload
  // after a lost answer): the same form token, so the first result, whatever
  // the rest of the form says.
  const again = await context.request.post(url('/complaints'), {
    multipart: {
      csrf: sent.csrf, form_token: sent.formToken, office: OFFICE, category: CATEGORY,
      body: `${BODY} (dikirim lagi)`, regno: '', identity: 'named', name: COMPLAINANT.name,
      contact: COMPLAINANT.contact,
      photo: { name: 'kursi.png', mimeType: 'image/png', buffer: PHOTO },
    },
    maxRedirects: 0,
  });
  assert.equal(again.status(), 303, 'the repeated form is redirected');
  assert.equal(again.headers().location, `/complaints/received?f=${sent.formToken}`,
    'to the same acknowledgement');
  const ack = await context.request.get(ackUrl);
  assert.equal(ack.status(), 200);
  const html = await ack.text();
  assert.ok(html.includes(`<strong>${number}</strong>`), 'with the same number');
  assert.ok(html.includes(`PIN: <strong>${pin}</strong>`), 'and the same PIN');
  // Nothing new was filed: the officer's list (below) counts one complaint.
});

check('the acknowledgement\'s tracking link opens the complaint without the PIN', async () => {
  const { page } = citizen;
  await page.goto(linkUrl);
  assert.equal(await docStatus(page), 200);
  await checkTrack(page, 'Diterima');
  await page.goto(ackUrl);
  assert.equal(await h1Text(page), 'Pengaduan diterima', 'back on the acknowledgement');
});

check('the acknowledgement\'s tracking link opens the tracking form', async () => {
  const { page } = citizen;
  // Still on the acknowledgement. The link carries the number only; the
  // citizen types the PIN. A 404 here is the failure this check reports
  // (once, not again among the browser problems).
  assert.equal(await h1Text(page), 'Pengaduan diterima');
  const allowed = problems.allow(
    /Failed to load resource: the server responded with a status of 404/);
  let status;
  try {
    await navigateBy(page, () =>
      page.locator(`section.complaint a[href="/complaints/track?no=${number}"]`).tap());
    status = await docStatus(page);
  } finally {
    allowed();
  }
  assert.equal(pathOf(page), '/complaints/track');
  assert.equal(await h1Text(page), 'Lacak pengaduan');
  const form = page.locator('form[action="/complaints/track"]');
  assert.equal(await form.locator('input[name="no"]').inputValue(), number,
    'the number is filled in from the link');
  assert.equal(await form.locator('input[name="pin"]').inputValue(), '');
  const error = page.locator('.error-summary');
  const shown = await error.count() ? (await error.innerText()).trim() : '';
  assert.ok(status === 200 && shown === '',
    `GET /complaints/track?no=${number} (the "halaman pelacakan" link on the ` +
    `"Pengaduan diterima" page, no PIN yet) should show the form with the number ` +
    `filled in and no error; got HTTP ${status} with "${shown}"`);
});

step('the citizen tracks the complaint with number and PIN: Diterima', async () => {
  const { page } = citizen;
  const resp = await page.goto(url('/complaints/track'));
  assert.equal(resp.status(), 200);
  assert.equal(await h1Text(page), 'Lacak pengaduan');
  assert.equal(await page.locator('.error-summary').count(), 0);
  const form = page.locator('form[action="/complaints/track"]');
  assert.equal(await form.getAttribute('method'), 'get');
  await assertFitsPhone(page, 'the tracking form');
  await form.locator('input[name="no"]').fill(number);
  await form.locator('input[name="pin"]').fill(pin);
  await navigateBy(page, () => form.locator('button[type="submit"]').tap());
  assert.equal(await docStatus(page), 200);
  trackUrl = page.url();
  assert.equal(new URL(trackUrl).searchParams.get('no'), number);
  assert.equal(new URL(trackUrl).searchParams.get('pin'), pin);
  await checkTrack(page, 'Diterima');
  assert.ok((await ddAfter(page, 'Batas waktu')).length > 0, 'a deadline is shown');
  assert.equal(await page.locator('section.answer').count(), 0, 'no answer yet');
  assert.equal(await page.locator('button[name="action"]').count(), 0,
    'nothing to accept yet');
  const events = (await page.locator('ol.events li').allInnerTexts()).map((s) => s.trim());
  assert.equal(events.length, 1, `one event so far: ${JSON.stringify(events)}`);
  assert.match(events[0], /Diterima → Diterima/);
  await shot(page, 'complaint-track-received-360');
});

step('the complaint officer signs in and finds it in the list', async () => {
  const context = await newContext(browser, problems);
  const page = await context.newPage();
  officer = { context, page };
  assert.equal(await signIn(page, server.url, OFFICER, PASSWORD), '/staff',
    'a user created with --password-stdin lands on /staff');
  assert.match(await h1Text(page), /^Selamat datang/);

  const resp = await page.goto(url('/complaints'));
  assert.equal(resp.status(), 200);
  assert.equal(await h1Text(page), 'Pengaduan (urut batas waktu)');
  const rows = page.locator('table.work tbody tr');
  assert.equal(await rows.count(), 1,
    'exactly one complaint: the refused form and the repeated one filed nothing');
  const cells = (await rows.first().locator('td').allInnerTexts()).map((s) => s.trim());
  assert.equal(cells[0], number);
  assert.equal(cells[1], OFFICE_NAME);
  assert.equal(cells[2], 'Diterima');
  // Written as every page writes a time (core/humanize.h).
  assert.match(cells[3], /^[A-Z][a-z]+, \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WIB$/,
    'the deadline');
  await navigateBy(page, () =>
    rows.first().locator(`a[href="/complaints/${number}"]`).click());
  assert.equal(pathOf(page), `/complaints/${number}`);
  assert.equal(await docStatus(page), 200);
});

step('the officer sees body, name and photo, and verifies', async () => {
  const { page, context } = officer;
  assert.equal(await h1Text(page), number);
  assert.equal(await ddAfter(page, 'Status'), 'Diterima');
  assert.equal(await ddAfter(page, 'Kantor'), OFFICE_NAME);
  assert.equal(await ddAfter(page, 'Saluran'), 'web');
  assert.equal(await ddAfter(page, 'Pengadu'), COMPLAINANT.name,
    'a named complaint shows the name');
  assert.equal(await ddAfter(page, 'Kontak'), COMPLAINANT.contact);
  assert.equal((await page.locator('blockquote.body').innerText()).trim(), BODY);

  // The photo: served to the officer, decoded by the browser at its size.
  const img = page.locator('img.photo');
  assert.equal(await img.count(), 1, 'the page has one <img class="photo">');
  photoUrl = await img.getAttribute('src');
  assert.match(photoUrl, /^\/complaints\/photo\/\d+$/);
  await img.scrollIntoViewIfNeeded();
  const size = await img.evaluate(async (el) => {
    if (!el.complete) {
      await new Promise((resolve) => {
        el.addEventListener('load', resolve, { once: true });
        el.addEventListener('error', resolve, { once: true });
      });
    }
    return { w: el.naturalWidth, h: el.naturalHeight };
  });
  assert.deepEqual(size, { w: PHOTO_W, h: PHOTO_H },
    'the photo loads at the size it was sent');
  const got = await context.request.get(url(photoUrl));
  assert.equal(got.status(), 200);
  assert.equal(got.headers()['content-type'], 'image/png');
  // Stored cleaned (decoded and encoded again: pixels only), not byte for
  // byte; issue 15: phone photos lose their EXIF and GPS position.
  const stored = await got.body();
  assert.ok(stored.subarray(0, 8).equals(PHOTO.subarray(0, 8)),
    'the photo is stored as a PNG');
  // Not for anyone else.
  const anon = await fetch(url(photoUrl), { redirect: 'manual' });
  const anonBody = Buffer.from(await anon.arrayBuffer());
  assert.notEqual(anon.status, 200, 'the photo is not public');
  assert.ok(Buffer.compare(anonBody, PHOTO) !== 0, 'the photo is not public');

  // The actions: received, so verify (or reject, or a note).
  const form = page.locator('form.actions');
  assert.equal(await form.getAttribute('action'), `/complaints/${number}/events`);
  assert.equal(await form.locator('textarea[name="note"]').count(), 1);
  const refer = await form.locator('select[name="refer_to"] option')
    .evaluateAll((os) => os.map((o) => o.value));
  assert.ok(refer.length > 1 && refer[0] === '' && refer.includes(OFFICE),
    `refer_to offers the offices: ${refer.slice(0, 5)}...`);
  assert.deepEqual(await actionValues(page), ['verify', 'reject', 'note'],
    'a received complaint can be verified, rejected or noted');

  await act(page, 'verify');
  await expectRecorded(page, 'Diverifikasi');
  assert.deepEqual(await actionValues(page), ['refer', 'answer', 'reject', 'note'],
    'a verified complaint can be referred, answered, rejected or noted');
  const last = (await page.locator('ol.events li').last().innerText()).trim();
  assert.ok(last.includes('Verifikasi → Diverifikasi') && last.includes(`(oleh ${OFFICER})`),
    `the history records the verification: "${last}"`);

  // An internal note: recorded, the state unchanged.
  await act(page, 'note', INTERNAL_NOTE);
  await expectRecorded(page, 'Diverifikasi');
  const notes = (await page.locator('ol.events li q').allInnerTexts()).map((s) => s.trim());
  assert.ok(notes.includes(INTERNAL_NOTE), 'the officer sees the internal note');
});

check('a front-office officer of that office cannot read complaints', async () => {
  const context = await newContext(browser, problems);
  try {
    const page = await context.newPage();
    assert.equal(await signIn(page, server.url, FRONT, PASSWORD), '/staff');
    await expectStatus(403, async () => {
      for (const p of ['/complaints', `/complaints/${number}`]) {
        const resp = await page.goto(url(p));
        assert.equal(resp.status(), 403, `GET ${p}: 403 for the front office`);
        assert.match(await h1Text(page), /Tidak diizinkan/);
        const html = await page.content();
        for (const secret of [BODY, COMPLAINANT.name, COMPLAINANT.contact, INTERNAL_NOTE]) {
          assert.ok(!html.includes(secret), `GET ${p} does not contain "${secret}"`);
        }
      }
    });
    const got = await context.request.get(url(photoUrl));
    assert.equal(got.status(), 403, 'nor the photo');
  } finally {
    await context.close();
  }
});

step('the citizen sees "Diverifikasi", and not the internal note', async () => {
  const page = await trackPage('Diverifikasi');
  assert.equal(await page.locator('section.answer').count(), 0, 'no answer yet');
  const events = (await page.locator('ol.events li').allInnerTexts()).map((s) => s.trim());
  assert.ok(events.some((e) => e.includes('Verifikasi → Diverifikasi')),
    `the history shows the verification: ${JSON.stringify(events)}`);
});

step('the officer writes the answer', async () => {
  const { page } = officer;
  await page.goto(url(`/complaints/${number}`));
  assert.equal(await ddAfter(page, 'Status'), 'Diverifikasi');
  await act(page, 'answer', ANSWER);
  await expectRecorded(page, 'Sudah dijawab');
  assert.deepEqual(await actionValues(page), ['note'],
    'an answered complaint waits for the citizen: only a note');
  const last = (await page.locator('ol.events li').last().innerText()).trim();
  assert.ok(last.includes('Jawab → Sudah dijawab') && last.includes(ANSWER),
    `the history records the answer: "${last}"`);
});

step('the citizen sees the answer and accepts it', async () => {
  const page = await trackPage('Sudah dijawab');
  const answer = page.locator('section.answer');
  assert.equal(await answer.count(), 1, 'the answer is shown');
  assert.equal((await answer.locator('h2').innerText()).trim(), 'Jawaban');
  assert.equal((await answer.locator('p').innerText()).trim(), ANSWER);
  assert.ok((await ddAfter(page, 'Tanggapi paling lambat')).length > 0,
    'the page says until when the citizen can reply');
  const form = page.locator('form[method="post"][action="/complaints/track"]');
  assert.equal(await form.count(), 1);
  assert.equal(await form.locator('textarea[name="reply"]').count(), 1);
  const accept = form.locator('button[name="action"][value="accept"]');
  const reply = form.locator('button[name="action"][value="reply"]');
  assert.equal((await accept.innerText()).trim(), 'Saya menerima jawaban ini');
  assert.equal(await reply.count(), 1, 'the citizen can reply instead');
  await shot(page, 'complaint-track-answered-360');

  await accept.scrollIntoViewIfNeeded();
  await navigateBy(page, () => accept.tap());
  assert.equal(await docStatus(page), 200);
  assert.equal(page.url(), trackUrl, 'accepting leads back to the tracking page');
  await checkTrack(page, 'Selesai');
  assert.equal((await page.locator('section.answer p').innerText()).trim(), ANSWER,
    'the answer stays on the page');
  assert.equal(await page.locator('button[name="action"]').count(), 0,
    'nothing left to accept or reply to');
  // The history: received, verified, answered, accepted. The officer's
  // internal note may be listed as an event, but never with its text.
  const items = await page.locator('ol.events li').evaluateAll((lis) => lis.map((li) => ({
    text: li.innerText.trim(), quoted: li.querySelector('q')?.innerText.trim() ?? null })));
  const notes = items.filter((e) => /— Catatan →/.test(e.text));
  for (const n of notes) {
    assert.equal(n.quoted, null, `an internal note event shows no text: "${n.text}"`);
  }
  const events = items.filter((e) => !notes.includes(e)).map((e) => e.text);
  assert.equal(events.length, 4,
    `received, verified, answered, accepted: ${JSON.stringify(items)}`);
  assert.match(events[0], /— Diterima → Diterima$/);
  assert.match(events[1], /— Verifikasi → Diverifikasi$/);
  assert.match(events[2], /— Jawab → Sudah dijawab/);
  assert.equal(items.find((e) => e.text === events[2]).quoted, ANSWER,
    'the answer is quoted in the history');
  assert.match(events[3], /— Terima jawaban → Selesai$/);
  await shot(page, 'complaint-track-closed-360');
});

step('the officer sees it closed and off the open list', async () => {
  const { page } = officer;
  await page.goto(url(`/complaints/${number}`));
  assert.equal(await ddAfter(page, 'Status'), 'Selesai');
  const last = (await page.locator('ol.events li').last().innerText()).trim();
  assert.ok(last.includes('Terima jawaban → Selesai') && last.includes('(oleh pelapor)'),
    `the history records the citizen's acceptance: "${last}"`);
  await page.goto(url('/complaints'));
  assert.equal(await page.locator(`a[href="/complaints/${number}"]`).count(), 0,
    'a closed complaint is off the open list');
});

test('no console errors, CSP violations, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

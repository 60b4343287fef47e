// SPDX-License-Identifier: AGPL-3.0-or-later
// The counter queue in headless Chromium: a kiosk tablet enrolled at
// /devices prints a ticket (58 mm, one page, with the QR code of its
// follow page), the display board on a TV and the citizen's phone follow
// it live (Server-Sent Events), the officer signs in to a counter, calls
// it (the board and the phone show the call), serves it and registers the
// application at the counter (the ticket is linked: the application page
// shows the queue ticket), finishes it, and the board keeps working
// through a server restart: it reconnects by itself and shows the next
// call. Every wait is for a condition with a generous bound; nothing here
// measures speed.
//
// One server, one browser, one context per device (own cookies). The
// steps share state and run in order; once one fails, the rest are
// skipped.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  steps,
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
  runCli, signIn,
} from './lib.mjs';

const OFFICE = '35.10.09';
const OFFICE_NAME = 'Kantor Kecamatan Genteng';
const PASSWORD = 'Sandi-Uji-12345';
const HEAD = 'camat.genteng';
const FRONT = 'loket.genteng';
const SERVICE = 'DOMISILI';
const CITIZEN = { nik: '3510090101900007', name: 'Warga Antre Uji', phone: '081234567891' };
const LIVE_MS = 60_000; // a generous bound for what the board must show
const MIN_TARGET_PX = 44;
// 58 mm in PDF points (72 per inch): 164.4.
const TICKET_WIDTH_PT = 58 / 25.4 * 72;

let server;
let browser;
const problems = new Problems();
const { step, check } = steps(problems);
let kiosk;   // the ticket tablet at the entrance
let board;   // the TV in the waiting room
let phone;   // the citizen's phone
let officer; // the front-office officer at counter 1
let ticket;  // "B-001"
let followUrl;

test.before(async () => {
  server = await startServer({
    // The ticket stays on the kiosk's screen until "Done" (a test runs as
    // slowly as the machine lets it; nothing here depends on a timer).
    env: { SATUPINTU_TICKET_RETURN: '0' },
    beforeServe: async ({ db }) => {
      await runCli(db, ['user', 'add', HEAD, '--role', 'head_of_office',
        '--office', OFFICE, '--name', 'Camat Genteng Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
      await runCli(db, ['user', 'add', FRONT, '--role', 'front_office',
        '--office', OFFICE, '--name', 'Petugas Loket Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
    },
  });
  browser = await launchBrowser();
});

test.after(async () => {
  for (const c of [kiosk, board, phone, officer]) {
    if (c) await c.context.close().catch(() => {});
  }
  if (browser) await browser.close();
  if (server) await server.stop();
});

function url(p) {
  return new URL(p, server.url).href;
}

async function open(options) {
  const context = await newContext(browser, problems, options);
  const page = await context.newPage();
  return { context, page };
}

// Waits until fn(arg) is true in the page (a condition, generous bound).
async function until(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: LIVE_MS, polling: 100 });
  } catch (e) {
    throw new Error(`${what}: not within ${LIVE_MS} ms (${e.message})`);
  }
}

const boardShows = (label) => until(board.page, (l) =>
  [...document.querySelectorAll('#board-serving li .number')]
    .some((e) => e.textContent === l), label, `the board shows ${label} called`);

step('the head of office enrols the ticket tablet as a kiosk', async () => {
  // A touch screen (not emulated as mobile: Chromium prints to PDF only
  // without mobile emulation).
  kiosk = await open({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  // The tablet prints silently in kiosk mode; here print() is recorded.
  await kiosk.context.addInitScript(() => {
    window.__printed = 0;
    window.print = () => { window.__printed += 1; };
  });
  const page = kiosk.page;
  const allowed = problems.allow(
    /Failed to load resource: the server responded with a status of 403/);
  const stranger = await page.goto(url('/queue/kiosk'));
  allowed();
  assert.equal(stranger.status(), 403, 'an unenrolled browser is no kiosk');
  assert.equal(await signIn(page, server.url, HEAD, PASSWORD), '/staff');
  await page.goto(url('/devices'));
  const form = page.locator('form[method="post"][action="/devices"]');
  await form.locator('input[name="label"]').fill('Kiosk antrean pintu masuk');
  await navigateBy(page, () => form.locator('button[type="submit"]').click());
  assert.equal(pathOf(page), '/devices');
  await navigateBy(page, () =>
    page.locator('form[action="/logout"] button').first().click());
});

step('the display board on the TV is live', async () => {
  board = await open({ viewport: { width: 1920, height: 1080 } });
  const resp = await board.page.goto(url(`/queue/${OFFICE}/board`));
  assert.equal(resp.status(), 200);
  assert.equal(await h1Text(board.page), OFFICE_NAME);
  await until(board.page, () =>
    document.getElementById('board').getAttribute('data-state') === 'live',
  null, 'the board\'s event stream is open');
  assert.equal((await board.page.locator('#board-waiting').innerText()).trim(), '0');
});

step('the kiosk prints a ticket: 58 mm, one page, with its QR code', async () => {
  const page = kiosk.page;
  await page.goto(url('/queue/kiosk'));
  assert.equal(await h1Text(page), 'Ambil nomor antrean: pilih layanan');
  const buttons = page.locator('button.kiosk-group');
  assert.equal(await buttons.count(), 5, 'five service groups');
  for (const b of await buttons.all()) {
    const box = await b.boundingBox();
    assert.ok(box.height >= MIN_TARGET_PX && box.width >= MIN_TARGET_PX,
      `a touch target of at least ${MIN_TARGET_PX} px: ${box.width}x${box.height}`);
  }
  assert.equal(await page.locator('a[href="/queue/kiosk?priority=1"]').count(), 1,
    'a priority button');
  await navigateBy(page, () => page.locator('button.kiosk-group[data-group="B"]').tap());
  assert.equal(pathOf(page), '/queue/kiosk/ticket');
  ticket = (await page.locator('.queue-ticket .number').innerText()).trim();
  assert.equal(ticket, 'B-001');
  assert.match(await page.locator('.queue-ticket').innerText(),
    /Surat keterangan dan legalisasi/);
  await until(page, () => window.__printed >= 1, null, 'the ticket asks to be printed');
  assert.equal(await page.locator('[data-autoprint]').getAttribute('data-return-after'),
    '0', 'SATUPINTU_TICKET_RETURN=0: the ticket stays until "Done"');
  followUrl = (await page.locator('.queue-ticket .url').innerText()).trim();
  assert.match(followUrl, /\/queue\/ticket\?t=[0-9a-f]{32}$/);
  assert.ok(await page.locator('.queue-ticket svg.qr').isVisible(), 'the QR code');
  // As the printer gets it: its own 58 mm page, one page only.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('.ticket-actions').isHidden(),
    'in print only the ticket shows');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
  assert.equal(pages, 1, `the ticket prints on one page, got ${pages}`);
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  assert.ok(box, 'the PDF names its page size');
  assert.ok(Math.abs(Number(box[1]) - TICKET_WIDTH_PT) < 2,
    `the page is 58 mm wide: ${box[1]} pt`);
  await page.emulateMedia({ media: 'screen' });
  // The board counts it as waiting.
  await until(board.page, () =>
    document.getElementById('board-waiting').textContent === '1', null,
  'the board counts one waiting');
});

step('the citizen follows the ticket on a phone', async () => {
  phone = await open({ viewport: { width: 390, height: 844 }, isMobile: true,
    hasTouch: true });
  const resp = await phone.page.goto(followUrl.replace(/^https?:\/\/[^/]+\//, server.url));
  assert.equal(resp.status(), 200);
  assert.equal((await phone.page.locator('h1.number').innerText()).trim(), ticket);
  assert.equal((await phone.page.locator('#follow-state').innerText()).trim(), 'Menunggu');
  assert.equal((await phone.page.locator('#follow-ahead').innerText()).trim(), '0');
});

step('the officer calls it at counter 1: the board and the phone show it', async () => {
  officer = await open({ viewport: { width: 1280, height: 900 } });
  const page = officer.page;
  assert.equal(await signIn(page, server.url, FRONT, PASSWORD), '/staff');
  await navigateBy(page, () => page.locator('main a[href="/queue/desk"]').click());
  assert.equal(await h1Text(page), 'Loket antrean');
  await page.locator('#f-counter').selectOption('1');
  await navigateBy(page, () =>
    page.locator('form[action="/queue/desk/counter"] button').click());
  await navigateBy(page, () => page.locator('button[data-action="call"]').click());
  assert.equal((await page.locator('.desk-ticket .number').innerText()).trim(), ticket);
  await boardShows(ticket);
  assert.match(await board.page.locator('#board-serving li').first().innerText(), /Loket 1/);
  assert.match(await board.page.locator('#board-calls li').first().innerText(),
    new RegExp(ticket));
  await until(phone.page, () =>
    document.getElementById('follow-state').textContent === 'Dipanggil' &&
    document.getElementById('follow-counter').textContent === 'Loket 1', null,
  'the phone says: called to counter 1');
});

step('the officer serves it and registers the application at the counter', async () => {
  const page = officer.page;
  await navigateBy(page, () => page.locator('button[data-action="start"]').click());
  await navigateBy(page, () => page.locator('a[href^="/intake"]').first().click());
  await navigateBy(page, () =>
    page.locator(`ul.services a[href="/intake/${SERVICE}"]`).click());
  for (const box of await page.locator('input[type="checkbox"][name="req"]').all()) {
    await box.setChecked(true);
  }
  await page.locator('#f-nik').fill(CITIZEN.nik);
  await page.locator('#f-name').fill(CITIZEN.name);
  await page.locator('#f-phone').fill(CITIZEN.phone);
  await navigateBy(page, () =>
    page.getByRole('button', { name: 'Periksa', exact: true }).click());
  await navigateBy(page, () => page.getByRole('button',
    { name: 'Daftarkan dan cetak tanda terima' }).click());
  const m = /^\/applications\/([^/]+)\/receipt$/.exec(pathOf(page));
  assert.ok(m, `intake lands on the receipt, got ${page.url()}`);
  const regno = m[1];
  await page.goto(url(`/applications/${regno}`));
  assert.match(await page.locator('dd.queue').innerText(), new RegExp(ticket),
    'the application shows the queue ticket it came with');
  await page.goto(url('/queue/desk'));
  assert.match(await page.locator('main').innerText(), new RegExp(regno),
    'the desk shows the application registered for the ticket');
  await navigateBy(page, () => page.locator('button[data-action="finish"]').click());
  await until(board.page, (l) =>
    ![...document.querySelectorAll('#board-serving li .number')]
      .some((e) => e.textContent === l), ticket, 'the board clears the finished ticket');
  await until(phone.page, () =>
    document.getElementById('follow-state').textContent === 'Selesai dilayani', null,
  'the phone says: served');
});

step('the board keeps working through a server restart', async (t) => {
  // While the server is down the streams fail and reconnect: expected.
  // (Allowed from here on: a phone's stream may reconnect a little later.)
  problems.allow(/\/queue\/35\.10\.09\/events/);
  problems.allow(/\/api\/v1\/(offices\/35\.10\.09\/queue|queue\/follow)/);
  problems.allow(/ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_EMPTY_RESPONSE|EventSource/);
  {
    const ended = await server.restart();
    t.diagnostic(`serve exited ${ended.code ?? ended.signal} and started again`);
    assert.equal(ended.code, 0, 'serve stops cleanly with streams open');
    // A second ticket, called at the counter: the reconnected board shows it.
    await kiosk.page.goto(url('/queue/kiosk'));
    await navigateBy(kiosk.page, () =>
      kiosk.page.locator('button.kiosk-group[data-group="B"]').tap());
    const second = (await kiosk.page.locator('.queue-ticket .number').innerText()).trim();
    assert.equal(second, 'B-002', 'the day\'s numbering goes on after the restart');
    await officer.page.goto(url('/queue/desk'));
    await navigateBy(officer.page, () =>
      officer.page.locator('button[data-action="call"]').click());
    await boardShows(second);
    await until(board.page, () =>
      document.getElementById('board').getAttribute('data-state') === 'live',
    null, 'the board is live again');
  }
});

check('nothing broke: no console errors, CSP violations or failed requests', () => {
  assert.equal(problems.list.length, 0, problems.format());
});

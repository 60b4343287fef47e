// SPDX-License-Identifier: AGPL-3.0-or-later
// The whole journey of one application, in headless Chromium: an officer
// signs in and registers an application (first with a mandatory document
// missing), prints the receipt, the citizen tracks it (and mistypes the
// number once), officers take it through every step of the SKTM procedure,
// with one return for completion and a resume, to the hand-over, and the
// citizen's tracking page follows every step.
//
// One server, one browser. The officers (created with the command line
// before the server starts) and the citizen each have their own browser
// context (own cookies). The steps are separate tests that share the
// journey's state and run in order; once one fails, the rest are skipped.

import test from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  steps,
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
  runCli, signIn,
} from './lib.mjs';

const OFFICE = '35.10.09';
const OFFICE_NAME = 'Kantor Kecamatan Genteng';
const SERVICE = 'SKTM';
const SERVICE_NAME = 'Surat Keterangan Tidak Mampu';
const PASSWORD = 'Sandi-Uji-12345';
const OFFICERS = [
  { login: 'loket', role: 'front_office', roleName: 'Petugas Loket' },
  { login: 'proses', role: 'back_office', roleName: 'Petugas Proses' },
  { login: 'camat', role: 'head_of_office',
    roleName: 'Kepala Kantor (Camat/Lurah/Kades)' },
];
const CITIZEN = {
  nik: '3510164101900123',
  nikMasked: '351016********23',
  name: 'Siti Aminah Uji',
  phone: '081234567890',
  email: 'siti.aminah@example.org',
};
const RETURN_NOTE = 'Fotokopi Kartu Keluarga tidak terbaca; mohon bawa fotokopi baru.';
const COLLECTOR = 'Pemohon sendiri';
const REGNO_RE = /^\d{2}-\d{3}-\d{5}-\d$/;

let server;
let browser;
let shots;
const problems = new Problems();
const { step } = steps(problems);

// The journey's shared state.
const staff = {};      // login -> {context, page}
let citizen;           // {context, page}
let regno;             // the registration number, e.g. 26-009-00001-3
let pin;               // the six-digit PIN
let trackUrl;          // the citizen's tracking page (with no and pin)
let promised;          // the promised date as the receipt prints it
let mandatory;         // the mandatory requirements [{code, name}]
let optional;          // the optional ones

test.before(async () => {
  server = await startServer({
    beforeServe: async ({ db }) => {
      for (const o of OFFICERS) {
        await runCli(db, ['user', 'add', o.login, '--role', o.role,
          '--office', OFFICE, '--name', `Petugas Uji ${o.login}`,
          '--password-stdin'], { input: `${PASSWORD}\n` });
      }
    },
  });
  browser = await launchBrowser();
  shots = await fs.mkdtemp(path.join(os.tmpdir(), 'satupintu-shots-journey-'));
});

test.after(async () => {
  for (const s of Object.values(staff)) await s.context.close().catch(() => {});
  if (citizen) await citizen.context.close().catch(() => {});
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

// Runs `action` with the browser's "Failed to load resource ... 422" console
// message expected (a deliberate error that the server answers with 422).
async function expect422(action) {
  const allowed = problems.allow(
    /Failed to load resource: the server responded with a status of 422/);
  try {
    return await action();
  } finally {
    allowed();
  }
}

async function bodyText(page) {
  return page.locator('body').innerText();
}

// Text of the <dd> that follows the <dt> with exactly `label` in `dl`.
async function ddAfter(page, label, dl = 'dl.summary') {
  const re = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return (await page.locator(`${dl} dt`).filter({ hasText: re })
    .locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

function officer(login) {
  const s = staff[login];
  assert.ok(s, `officer ${login} is signed in`);
  return s.page;
}

function officerForRole(roleName) {
  const o = OFFICERS.find((x) => x.roleName === roleName);
  assert.ok(o, `a test officer has the role "${roleName}"`);
  return o.login;
}

// ---------------------------------------------------------------------------

step('the front-office officer signs in and opens the intake', async () => {
  const res = await fetch(url(`/api/v1/services/${SERVICE}`));
  assert.equal(res.status, 200);
  const svc = await res.json();
  // Mandatory here: everywhere, or at a kecamatan office (the cover
  // letter of the village head); OFFICE is a kecamatan.
  const here = (r) => r.mandatory || (r.mandatory_at || []).includes('kecamatan');
  mandatory = svc.requirements.filter(here)
    .map((r) => ({ code: r.code, name: r.name.id }));
  optional = svc.requirements.filter((r) => !here(r))
    .map((r) => ({ code: r.code, name: r.name.id }));
  assert.ok(mandatory.length >= 2, 'SKTM has at least two mandatory requirements');

  const context = await newContext(browser, problems);
  const page = await context.newPage();
  staff.loket = { context, page };
  assert.equal(await signIn(page, server.url, 'loket', PASSWORD), '/staff',
    'a user created with --password-stdin lands on /staff');
  assert.match(await h1Text(page), /^Selamat datang/);

  await navigateBy(page, () =>
    page.locator('main a[href="/intake"]', { hasText: 'Daftarkan permohonan' }).click());
  assert.equal(pathOf(page), '/intake');
  assert.equal(await h1Text(page), 'Pendaftaran permohonan');
  assert.match(await bodyText(page), new RegExp(OFFICE_NAME));

  await navigateBy(page, () =>
    page.locator(`ul.services a[href="/intake/${SERVICE}"]`).click());
  assert.equal(pathOf(page), `/intake/${SERVICE}`);
  assert.equal(await h1Text(page), SERVICE_NAME);
  // One checkbox per requirement; the optional ones are marked so.
  const boxes = await page.locator('input[type="checkbox"][name="req"]')
    .evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(boxes.sort(),
    [...mandatory, ...optional].map((r) => r.code).sort(),
    'the checklist has every requirement of the service');
  for (const r of optional) {
    const label = page.locator('label.check', {
      has: page.locator(`input[value="${r.code}"]`) });
    assert.match(await label.innerText(), /tidak wajib/,
      `the optional requirement ${r.code} is marked "tidak wajib"`);
  }
  for (const r of mandatory) {
    const label = page.locator('label.check', {
      has: page.locator(`input[value="${r.code}"]`) });
    assert.doesNotMatch(await label.innerText(), /tidak wajib/,
      `the mandatory requirement ${r.code} is not marked "tidak wajib"`);
  }
});

// Fills the intake form with the citizen's data and checks `codes`.
async function fillIntake(page, codes) {
  for (const box of await page.locator('input[type="checkbox"][name="req"]').all()) {
    const code = await box.getAttribute('value');
    await box.setChecked(codes.includes(code));
  }
  await page.locator('#f-nik').fill(CITIZEN.nik);
  await page.locator('#f-name').fill(CITIZEN.name);
  const villages = await page.locator('#f-village option')
    .evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
  assert.ok(villages.length >= 1, 'the village list offers the district\'s villages');
  await page.locator('#f-village').selectOption(villages[0]);
  await page.locator('#f-phone').fill(CITIZEN.phone);
  await page.locator('#f-email').fill(CITIZEN.email);
}

step('intake with a mandatory requirement missing is refused', async () => {
  const page = officer('loket');
  const left = mandatory[mandatory.length - 1];
  await fillIntake(page, mandatory.filter((r) => r !== left).map((r) => r.code));
  await expect422(() => navigateBy(page, () =>
    page.getByRole('button', { name: 'Periksa', exact: true }).click()));
  assert.equal(await docStatus(page), 422);
  assert.equal(await h1Text(page), 'Persyaratan belum lengkap');
  const missing = await page.locator('section.slip ol li').allInnerTexts();
  assert.deepEqual(missing.map((s) => s.trim()), [left.name],
    'the sheet lists exactly the missing requirement');

  // Back to the form: everything typed and ticked is still there.
  await navigateBy(page, () =>
    page.getByRole('button', { name: 'Kembali ke formulir' }).click());
  assert.equal(pathOf(page), `/intake/${SERVICE}`);
  assert.equal(await h1Text(page), SERVICE_NAME);
  await assertIntakeKept(page,
    mandatory.filter((r) => r !== left).map((r) => r.code));
});

// The intake form shows what was typed and ticked (issue 15: "Ubah" and
// "Kembali ke formulir" used to open an empty form).
async function assertIntakeKept(page, codes) {
  assert.equal(await page.locator('#f-nik').inputValue(), CITIZEN.nik);
  assert.equal(await page.locator('#f-name').inputValue(), CITIZEN.name);
  assert.notEqual(await page.locator('#f-village').inputValue(), '');
  assert.equal(await page.locator('#f-phone').inputValue(), CITIZEN.phone);
  assert.equal(await page.locator('#f-email').inputValue(), CITIZEN.email);
  const ticked = await page.locator('input[type="checkbox"][name="req"]:checked')
    .evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(ticked.sort(), [...codes].sort(), 'the ticked documents are kept');
}

step('intake with every mandatory requirement: confirmation, then the receipt',
  async () => {
    const page = officer('loket');
    const handedIn = [...mandatory.map((r) => r.code), optional[0].code];
    await fillIntake(page, handedIn);
    await navigateBy(page, () =>
      page.getByRole('button', { name: 'Periksa', exact: true }).click());
    assert.equal(await docStatus(page), 200);
    assert.equal(await h1Text(page), 'Konfirmasi pendaftaran');
    const text = await bodyText(page);
    assert.ok(text.includes(CITIZEN.nikMasked),
      `the confirmation shows the NIK masked as ${CITIZEN.nikMasked}`);
    assert.ok(!text.includes(CITIZEN.nik), 'the confirmation does not show the whole NIK');
    assert.equal(await ddAfter(page, 'Nama'), CITIZEN.name);
    assert.equal(await ddAfter(page, 'Telepon'), CITIZEN.phone);
    assert.equal(await ddAfter(page, 'Layanan'), SERVICE_NAME);
    assert.equal(await ddAfter(page, 'Kantor'), OFFICE_NAME);

    // "Ubah" goes back with every field kept; "Periksa" again confirms.
    await navigateBy(page, () => page.getByRole('button', { name: 'Ubah' }).click());
    assert.equal(await h1Text(page), SERVICE_NAME);
    await assertIntakeKept(page, handedIn);
    await navigateBy(page, () =>
      page.getByRole('button', { name: 'Periksa', exact: true }).click());
    assert.equal(await h1Text(page), 'Konfirmasi pendaftaran');

    await navigateBy(page, () => page.getByRole('button',
      { name: 'Daftarkan dan cetak tanda terima' }).click());
    const m = /^\/applications\/([^/]+)\/receipt$/.exec(pathOf(page));
    assert.ok(m, `intake lands on the receipt, got ${page.url()}`);
    assert.equal(await docStatus(page), 200);

    // The receipt: number, PIN, QR code, promised date, documents.
    assert.match(await bodyText(page), /TANDA TERIMA/);
    regno = (await page.locator('p.regno strong').innerText()).trim();
    assert.match(regno, REGNO_RE, 'the registration number looks like NN-NNN-NNNNN-N');
    assert.equal(decodeURIComponent(m[1]), regno, 'the receipt URL names the number');
    const html = await page.content();
    const pm = /PIN: <strong>(\d{6})<\/strong>/.exec(html);
    assert.ok(pm, 'the receipt prints "PIN: <strong>NNNNNN</strong>"');
    pin = pm[1];
        // Two QR codes: the tracking page, then the satisfaction survey.
    assert.equal(await page.locator('svg.qr').count(), 2,
      'two inline <svg class="qr">: tracking and survey');
    assert.match(html, /\/survey\?t=[0-9a-f]{32}/, 'the survey link has a token');
    const qr = await page.locator('svg.qr').first().boundingBox();
    assert.ok(qr && qr.width >= 80 && qr.height >= 80,
      `the QR code is drawn at a scannable size, got ${JSON.stringify(qr)}`);
    promised = (await ddAfter(page, 'Dijanjikan selesai / Promised by', 'article.receipt dl'))
      .trim();
    assert.ok(promised.length > 0, 'the receipt prints the promised date');
    assert.equal(await ddAfter(page, 'Pemohon / Applicant', 'article.receipt dl'),
      CITIZEN.name);
    const docs = (await page.locator('ul.handed li').allInnerTexts()).map((s) => s.trim());
    const names = Object.fromEntries([...mandatory, ...optional].map((r) => [r.code, r.name]));
    assert.deepEqual(docs.sort(), handedIn.map((c) => names[c]).sort(),
      'the receipt lists the documents handed in');
    const printed = (await page.locator('.track .url').first().innerText()).trim();
    assert.equal(printed, url(`/track?no=${regno}&pin=${pin}`),
      'the receipt prints the tracking address with number and PIN');
    assert.ok(!(await bodyText(page)).includes(CITIZEN.nik),
      'the receipt does not print the NIK');
    for (const f of ['a4', 'a5', '80mm', '58mm']) {
      assert.equal(await page.locator(`nav.receipt-formats a[href="?format=${f}"]`).count(),
        1, `the receipt links the ${f} format`);
    }
  });

step('the receipt prints: A4 on one page, 80 mm on a till roll', async (t) => {
  const page = officer('loket');
  const receipt = url(`/applications/${regno}/receipt`);

  // A4, the default: on screen the paper-size links show; in print they,
  // and everything but the receipt, are hidden.
  await page.goto(`${receipt}?format=a4`);
  assert.equal(await page.locator('article.receipt.receipt-a4').count(), 1);
  assert.ok(await page.locator('nav.receipt-formats').isVisible(),
    'on screen the paper-size links show');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('nav.receipt-formats').isHidden(),
    'in print the paper-size links are hidden');
  assert.equal(await page.locator('header.site').count(), 0,
    'the receipt has no site header');
  for (const sel of ['article.receipt', 'p.regno', 'p.pin', 'svg.qr']) {
    assert.ok(await page.locator(sel).first().isVisible(), `in print ${sel} shows`);
  }
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
  assert.equal(pages, 1, `the A4 receipt prints on one page, got ${pages}`);
  const a4pdf = path.join(shots, 'receipt-a4.pdf');
  await fs.writeFile(a4pdf, pdf);
  const a4png = path.join(shots, 'receipt-a4-print.png');
  await page.screenshot({ path: a4png, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // 80 mm thermal paper is about 302 CSS pixels wide: the printed receipt
  // must fit that width (nothing cut off on the right).
  for (const [format, px] of [['80mm', 302], ['58mm', 219]]) {
    await page.setViewportSize({ width: px, height: 900 });
    await navigateBy(page, () =>
      page.locator(`nav.receipt-formats a[href="?format=${format}"]`).click());
    assert.equal(new URL(page.url()).searchParams.get('format'), format);
    assert.equal(await page.locator(`article.receipt.receipt-${format}`).count(), 1,
      `the ${format} link gives the ${format} layout`);
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('nav.receipt-formats').isHidden(),
      `in print (${format}) the paper-size links are hidden`);
    assert.ok(await page.locator('svg.qr').first().isVisible(), `the ${format} receipt has the QR`);
    assert.equal((await page.locator('p.regno strong').innerText()).trim(), regno);
    const shot = path.join(shots, `receipt-${format}-print.png`);
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok((await fs.stat(shot)).size > 1000, `the screenshot ${shot} is not empty`);
    const fit = await page.evaluate((limit) => {
      const wide = [];
      for (const el of document.querySelectorAll('article.receipt, article.receipt *')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > limit + 1) {
          const cls = el.getAttribute('class');
          wide.push(`${el.tagName.toLowerCase()}${cls ? `.${cls.split(' ').join('.')}` : ''}` +
            ` right=${Math.round(r.right)}`);
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    }, px);
    assert.ok(fit.scrollWidth <= px + 1 && fit.wide.length === 0,
      `the ${format} receipt fits ${px} px in print: scrollWidth ${fit.scrollWidth}, ` +
      `too wide: ${fit.wide.slice(0, 6).join('; ')}`);
    await page.emulateMedia({ media: 'screen' });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  t.diagnostic(`receipt prints: ${shots}`);
});

step('the work list shows the new application', async () => {
  const page = officer('loket');
  await page.goto(url(`/applications/${regno}/receipt`));
  await navigateBy(page, () =>
    page.locator('nav.receipt-formats a[href="/work"]').click());
  assert.equal(pathOf(page), '/work');
  assert.equal(await h1Text(page), 'Daftar kerja');
  const row = page.locator('table.work tbody tr', {
    has: page.locator(`a[href="/applications/${regno}"]`) });
  assert.equal(await row.count(), 1, `the work list has a row for ${regno}`);
  const cells = (await row.locator('td').allInnerTexts()).map((s) => s.trim());
  assert.equal(cells[0], regno);
  assert.equal(cells[1], SERVICE_NAME);
  assert.equal(cells[2], CITIZEN.name);
  assert.equal(cells[3], 'Diterima');
  // The front office cannot do the back office's step.
  await navigateBy(page, () => row.locator(`a[href="/applications/${regno}"]`).click());
  assert.equal(pathOf(page), `/applications/${regno}`);
  assert.equal(await h1Text(page), regno);
  assert.equal(await ddAfter(page, 'Status'), 'Diterima');
  assert.equal(await ddAfter(page, 'NIK'), CITIZEN.nikMasked,
    'the application page shows the NIK masked');
  assert.equal(await page.locator('button[name="action"][value="step"]').count(), 0,
    'the front office has no step button while the back office is next');
});

// The citizen's tracking page, with its checks that never change: the
// number, no NIK, no phone, no e-mail, no staff logins.
async function trackPage(expectedStatus) {
  const page = citizen.page;
  await navigateBy(page, () => page.reload());
  assert.equal(await docStatus(page), 200);
  await checkTrack(page, expectedStatus);
  return page;
}

async function checkTrack(page, expectedStatus) {
  assert.equal(pathOf(page), '/track');
  assert.equal(await h1Text(page), regno);
  const status = (await page.locator('p.status').innerText()).trim();
  assert.equal(status, expectedStatus, `the tracking page says "${expectedStatus}"`);
  assert.equal(await page.locator('form[action="/logout"]').count(), 0,
    'the citizen is not signed in');
  const html = await page.content();
  for (const secret of [CITIZEN.nik, CITIZEN.nik.slice(6), CITIZEN.nikMasked,
    CITIZEN.phone, CITIZEN.phone.slice(1), CITIZEN.email]) {
    assert.ok(!html.includes(secret), `the tracking page does not contain "${secret}"`);
  }
  assert.doesNotMatch(html, /\((loket|proses|camat)\)/,
    'the tracking page does not name the officers');
}

step('the citizen tracks the application with number and PIN', async () => {
  const context = await newContext(browser, problems);
  const page = await context.newPage();
  citizen = { context, page };
  await page.goto(url('/'));
  assert.equal(await page.locator('form[action="/logout"]').count(), 0);
  await navigateBy(page, () =>
    page.locator('header.site nav a[href="/track"]', { hasText: 'Lacak' }).click());
  assert.equal(pathOf(page), '/track');
  assert.equal(await h1Text(page), 'Lacak permohonan');
  const form = page.locator('form[action="/track"]');
  await form.locator('input[name="no"]').fill(regno);
  await form.locator('input[name="pin"]').fill(pin);
  await navigateBy(page, () => form.locator('button[type="submit"]').click());
  assert.equal(await docStatus(page), 200);
  await checkTrack(page, 'Diterima');
  trackUrl = page.url();
  assert.equal(await ddAfter(page, 'Kantor'), OFFICE_NAME);
  const when = await ddAfter(page, 'Dijanjikan selesai');
  assert.ok(when.startsWith(promised.split(' perkiraan')[0]),
    `the promised date "${when}" is the receipt's "${promised}"`);
  const events = await page.locator('ol.events li').allInnerTexts();
  assert.equal(events.length, 1, 'one event so far');
  assert.match(events[0], /Didaftarkan → Diterima/);
});

step('a mistyped registration number is caught as a typing error', async () => {
  const page = citizen.page;
  // Change one digit (the serial's last one), keeping the check digit.
  const digits = [...regno];
  const i = regno.lastIndexOf('-') - 1;
  digits[i] = String((Number(digits[i]) + 1) % 10);
  const wrong = digits.join('');
  assert.notEqual(wrong, regno);
  await page.goto(url('/track'));
  const form = page.locator('form[action="/track"]');
  await form.locator('input[name="no"]').fill(wrong);
  await form.locator('input[name="pin"]').fill(pin);
  await expect422(() => navigateBy(page, () => form.locator('button[type="submit"]').click()));
  assert.equal(await docStatus(page), 422);
  assert.equal(await h1Text(page), 'Lacak permohonan');
  assert.match(await page.locator('.error-summary').innerText(), /salah ketik/);
  assert.equal(await page.locator('input[name="no"]').inputValue(), wrong,
    'the form keeps the number as typed');
  assert.equal(await page.locator('p.status').count(), 0, 'no application is shown');

  await page.goto(trackUrl);
  await checkTrack(page, 'Diterima');
});

step('the back- and head-of-office officers sign in', async () => {
  for (const login of ['proses', 'camat']) {
    const context = await newContext(browser, problems);
    const page = await context.newPage();
    staff[login] = { context, page };
    assert.equal(await signIn(page, server.url, login, PASSWORD), '/staff');
    assert.match(await h1Text(page), /^Selamat datang/);
    assert.equal(await page.locator('main a[href="/work"]', { hasText: 'Daftar kerja' })
      .count(), 1, `${login} has the work list on the workspace`);
  }
  assert.equal(await officer('proses').locator('main a[href="/intake"]').count(), 0,
    'the back office does not register applications');
});

// Opens the application from the work list as `login`; returns the page.
async function openFromWorkList(login, expectedStatus) {
  const page = officer(login);
  await page.goto(url('/staff'));
  await navigateBy(page, () =>
    page.locator('main a[href="/work"]', { hasText: 'Daftar kerja' }).click());
  assert.equal(pathOf(page), '/work');
  const row = page.locator('table.work tbody tr', {
    has: page.locator(`a[href="/applications/${regno}"]`) });
  assert.equal(await row.count(), 1, `${login}'s work list shows ${regno}`);
  const link = row.locator(`a[href="/applications/${regno}"]`);
  assert.equal((await row.locator('td').nth(3).innerText()).trim(), expectedStatus,
    `${login}'s work list says "${expectedStatus}"`);
  await navigateBy(page, () => link.click());
  assert.equal(pathOf(page), `/applications/${regno}`);
  assert.equal(await h1Text(page), regno);
  assert.equal(await ddAfter(page, 'Status'), expectedStatus);
  return page;
}

// "Langkah berikutnya: <step> (<role>)" on an application page.
async function nextStep(page) {
  const line = page.locator('main p', { hasText: /^Langkah berikutnya:/ });
  if (await line.count() === 0) return null;
  const stepName = (await line.locator('strong').innerText()).trim();
  const text = (await line.innerText()).trim();
  const prefix = `Langkah berikutnya: ${stepName} (`;
  assert.ok(text.startsWith(prefix) && text.endsWith(')'),
    `the next-step line reads "${text}"`);
  return { stepName, role: text.slice(prefix.length, -1) };
}

// Presses the action button `value` on the application page, with `note`.
async function act(page, value, note = '') {
  await page.locator('form.actions textarea[name="note"]').fill(note);
  await navigateBy(page, () =>
    page.locator(`form.actions button[name="action"][value="${value}"]`).click());
}

async function expectRecorded(page, status) {
  assert.equal(pathOf(page), `/applications/${regno}`);
  assert.equal(new URL(page.url()).searchParams.get('done'), '1');
  assert.equal((await page.locator('p.flash').innerText()).trim(), 'Tercatat.');
  assert.equal(await ddAfter(page, 'Status'), status);
}

// The next SOP step, done by whoever the application page names.
async function doNextStep(expectedStepCode, expectedRoleLogin, statusBefore, statusAfter) {
  // Anyone in the office sees who is next; ask the front office.
  const look = await openFromWorkList('loket', statusBefore);
  const next = await nextStep(look);
  assert.ok(next, 'the application page names the next step');
  const login = officerForRole(next.role);
  assert.equal(login, expectedRoleLogin,
    `the step "${next.stepName}" is for ${next.role}`);
  // The others have no button for it.
  for (const o of OFFICERS.filter((x) => x.login !== login)) {
    const other = await openFromWorkList(o.login, statusBefore);
    assert.equal(await other.locator('button[name="action"][value="step"]').count(), 0,
      `${o.login} has no step button while ${login} is next`);
  }
  const page = await openFromWorkList(login, statusBefore);
  const button = page.locator('form.actions button[name="action"][value="step"]');
  assert.equal(await button.count(), 1, `${login} has the step button`);
  assert.equal((await button.innerText()).trim(), `Selesaikan langkah: ${next.stepName}`);
  await act(page, 'step');
  await expectRecorded(page, statusAfter);
  const last = (await page.locator('ol.events li').last().innerText()).trim();
  // Who did it in words (issue 15): "(oleh LOGIN)".
  assert.ok(last.includes(`→ ${statusAfter}`) && last.includes(expectedStepCode) &&
    last.includes(`(oleh ${login})`), `the history records the step: "${last}"`);
  return page;
}

step('back office: verification', async () => {
  await doNextStep('VERIFIKASI', 'proses', 'Diterima', 'Diverifikasi');
  const page = await trackPage('Diverifikasi');
  assert.equal(await page.locator('dd.warn').count(), 0, 'no clock-stopped notice');
});

step('back office returns the file for completion; the clock stops', async () => {
  const page = await openFromWorkList('proses', 'Diverifikasi');
  // Without a note: refused, nothing changes.
  await expect422(() => act(page, 'return'));
  assert.equal(await docStatus(page), 422);
  assert.match(await page.locator('.error-summary').innerText(), /Isi catatan/);
  assert.equal(await ddAfter(page, 'Status'), 'Diverifikasi');

  await act(page, 'return', RETURN_NOTE);
  await expectRecorded(page, 'Dikembalikan untuk dilengkapi');
  assert.match(await ddAfter(page, 'Janji selesai'), /jam berhenti selama dikembalikan/);
  assert.equal(await page.locator('button[name="action"][value="step"]').count(), 0,
    'no step can be done while the file is with the citizen');
  assert.equal(await page.locator('button[name="action"][value="resume"]').count(), 0,
    'the back office does not resume');

  const track = await trackPage('Dikembalikan untuk dilengkapi');
  assert.match(await track.locator('dd.warn').innerText(), /waktu penyelesaian berhenti/);
  const notes = await track.locator('ol.events li q').allInnerTexts();
  assert.ok(notes.map((s) => s.trim()).includes(RETURN_NOTE),
    `the citizen sees what is missing, got ${JSON.stringify(notes)}`);
});

step('front office resumes when the citizen brings the missing document', async () => {
  const page = await openFromWorkList('loket', 'Dikembalikan untuk dilengkapi');
  const resume = page.locator('form.actions button[name="action"][value="resume"]');
  assert.equal(await resume.count(), 1, 'the front office can resume');
  assert.equal((await resume.innerText()).trim(), 'Berkas dilengkapi, lanjutkan');
  await act(page, 'resume');
  await expectRecorded(page, 'Diverifikasi');
  assert.doesNotMatch(await ddAfter(page, 'Janji selesai'), /jam berhenti/);

  const track = await trackPage('Diverifikasi');
  assert.equal(await track.locator('dd.warn').count(), 0,
    'the clock-stopped notice is gone');
  assert.ok((await ddAfter(track, 'Dijanjikan selesai')).length > 0);
  assert.ok((await track.locator('ol.events li q').allInnerTexts())
    .map((s) => s.trim()).includes(RETURN_NOTE), 'the return stays in the history');
});

step('back office: drafting the letter', async () => {
  await doNextStep('KONSEP', 'proses', 'Diverifikasi', 'Sedang diproses');
  await trackPage('Sedang diproses');
});

step('head of office: signing', async () => {
  await doNextStep('TTD', 'camat', 'Sedang diproses', 'Sudah ditandatangani');
  await trackPage('Sudah ditandatangani');
});

step('front office: ready for pick-up', async () => {
  const page = await doNextStep('SERAH', 'loket', 'Sudah ditandatangani', 'Siap diambil');
  assert.equal(await nextStep(page), null, 'no step is left after the last one');
  assert.equal(await page.locator('button[name="action"][value="step"]').count(), 0);
  assert.equal(await page.locator('button[name="action"][value="hand_over"]').count(), 1,
    'the front office can hand it over');

  const track = await trackPage('Siap diambil');
  const ready = (await track.locator('p.ok').innerText()).trim();
  // Since when (issue 15: "siap diambil" with its date).
  assert.match(ready, /Siap diambil sejak \S+, \d+ \S+ \d{4} pukul [\d.]+ WIB\. Bawa tanda terima dan KTP-el asli\./);
  assert.match(ready, /surat kuasa/);
});

step('front office hands it over to the citizen', async () => {
  const page = await openFromWorkList('loket', 'Siap diambil');
  await act(page, 'hand_over', COLLECTOR);
  await expectRecorded(page, 'Sudah diserahkan');
  assert.equal(await ddAfter(page, 'Diambil oleh'), COLLECTOR);
  for (const v of ['step', 'return', 'resume', 'hand_over']) {
    assert.equal(await page.locator(`button[name="action"][value="${v}"]`).count(), 0,
      `no "${v}" button once handed over`);
  }
  const history = (await page.locator('ol.events li').allInnerTexts()).map((s) => s.trim());
  assert.equal(history.length, 8,
    `registration, 4 steps, return, resume, hand-over: ${JSON.stringify(history)}`);

  // Done: off the open work list, on the handed-over one.
  await page.goto(url('/work'));
  assert.equal(await page.locator(`table.work a[href="/applications/${regno}"]`).count(), 0,
    'the open work list no longer shows it');
  await page.goto(url('/work?state=handed_over'));
  assert.equal(await page.locator(`table.work a[href="/applications/${regno}"]`).count(), 1,
    'the handed-over list shows it');

  const track = await trackPage('Sudah diserahkan');
  assert.equal(await track.locator('p.ok').count(), 0, 'no pick-up notice any more');
  assert.equal(await ddAfter(track, 'Ketepatan waktu'), 'Tepat waktu');
  const steps = (await track.locator('ol.events li').allInnerTexts()).map((s) => s.trim());
  assert.equal(steps.length, 8, `the citizen sees every step: ${JSON.stringify(steps)}`);
  for (const s of ['Diterima', 'Diverifikasi', 'Dikembalikan untuk dilengkapi',
    'Sedang diproses', 'Sudah ditandatangani', 'Siap diambil', 'Sudah diserahkan']) {
    assert.ok(steps.some((x) => x.includes(`→ ${s}`)), `the history has "→ ${s}"`);
  }
  assert.ok(!(await track.content()).includes(COLLECTOR),
    'the hand-over note (who collected) is not public');
});

test('no console errors, CSP violations, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

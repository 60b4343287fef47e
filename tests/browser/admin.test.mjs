// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 15's staff lists and administration in headless Chromium, one
// server for the whole file, with JavaScript off (the filters are plain
// GET forms) and axe-core on every new page:
//   - the Sekda filters the work list by service from the select and
//     moves between statuses with the filter kept; every row names its
//     office;
//   - the administrator filters the offices table;
//   - the administrator schedules a change of a standard with a date in
//     the editor, sees it listed as scheduled and compares the two
//     versions from the editor's selects, the differing fields marked.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  steps, startServer, launchBrowser, newContext, navigateBy, Problems,
  runCli, signIn, axeSerious,
} from './lib.mjs';

const OFFICE = '35.10.09';
const PASSWORD = 'Sandi-Uji-12345';

let server;
let browser;
let apiKey;
const regnos = {};
const problems = new Problems();
const { step, check } = steps(problems);
const people = {}; // login -> {context, page}

test.before(async () => {
  server = await startServer({
    beforeServe: async ({ db }) => {
      const add = (login, role, office) => runCli(db, ['user', 'add', login,
        '--role', role, ...(office ? ['--office', office] : []),
        '--name', `Petugas ${login}`, '--password-stdin'],
      { input: `${PASSWORD}\n` });
      await add('loket', 'front_office', OFFICE);
      await add('sekda', 'sekkab');
      await add('adm', 'administrator');
      const key = await runCli(db, ['apikey', 'create', '--user', 'loket']);
      apiKey = key.stdout.trim().slice(0, 51);
    },
  });
  browser = await launchBrowser();
});

test.after(async () => {
  for (const who of Object.values(people)) {
    await who.context.close().catch(() => {});
  }
  if (browser) await browser.close();
  if (server) await server.stop();
});

const url = (p) => new URL(p, server.url).href;

// A signed-in page with JavaScript off (what works must work without
// it), or on (axe-core runs in the page).
async function person(login, js = false) {
  const key = `${login}${js ? '+js' : ''}`;
  if (people[key]) return people[key];
  const context = await newContext(browser, problems, { javaScriptEnabled: js });
  const page = await context.newPage();
  assert.equal(await signIn(page, server.url, login, PASSWORD), '/staff');
  people[key] = { context, page };
  return people[key];
}

// axe-core on the page at path as login sees it (JavaScript on).
async function axeAt(login, path) {
  const { page } = await person(login, true);
  await page.goto(url(path));
  return axeSerious(page, path);
}

// The local day in WIB `days` from today, as the server reckons it.
function wibDay(days) {
  const t = new Date(Date.now() + 7 * 3600_000 + days * 86400_000);
  return t.toISOString().slice(0, 10);
}

step('two applications are registered (through the API)', async () => {
  for (const [service, nik] of [['SKTM', '3510164101900301'],
    ['DOMISILI', '3510164101900302']]) {
    const r = await fetch(url('/api/v1/applications'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        office: OFFICE, service,
        citizen: { nik, name: 'Siti Aminah', village: '35.10.09.2001',
          phone: '081234567890' },
        requirements: service === 'SKTM'
          ? ['KTP', 'KK', 'PENGANTAR_RT', 'PENGANTAR_DESA', 'SURAT_PERNYATAAN']
          : ['KTP', 'KK', 'PENGANTAR_RT', 'PENGANTAR_DESA'],
      }),
    });
    assert.equal(r.status, 201);
    regnos[service] = (await r.json()).registration_no;
  }
});

step('the Sekda filters the work list by service, without JavaScript', async () => {
  const { page } = await person('sekda');
  await page.goto(url('/work'));
  assert.equal(await page.locator('table.work th', { hasText: 'Kantor' }).count(), 1);
  await page.getByLabel('Layanan', { exact: true }).selectOption('DOMISILI');
  await navigateBy(page, () => page.getByRole('button', { name: 'Cari' }).click());
  assert.equal(new URL(page.url()).searchParams.get('service'), 'DOMISILI');
  const rows = page.locator('table.work tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), new RegExp(regnos.DOMISILI));
  assert.match(await rows.first().locator('td.office').innerText(),
    /Kantor Kecamatan Genteng/);
  // A status link keeps the service.
  await navigateBy(page, () => page.locator('ul.counts a').first().click());
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('service'), 'DOMISILI');
  assert.equal(q.get('state'), 'received');
  assert.equal(await page.getByLabel('Layanan', { exact: true }).inputValue(), 'DOMISILI');
  assert.deepEqual(await axeAt('sekda', page.url()), []);
});

step('the administrator filters the offices table, without JavaScript', async () => {
  const { page } = await person('adm');
  await page.goto(url('/admin/offices'));
  await page.getByLabel('Nama atau kode').fill('genteng');
  await page.getByLabel('Tingkat', { exact: true }).selectOption('desa');
  await navigateBy(page, () => page.getByRole('button', { name: 'Saring' }).click());
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('q'), 'genteng');
  assert.equal(q.get('level'), 'desa');
  const names = await page.locator('table.list tbody td:first-child').allInnerTexts();
  assert.ok(names.length >= 2, names.join(', '));
  for (const n of names) assert.match(n, /Genteng/);
  assert.deepEqual(await axeAt('adm', page.url()), []);
  await page.goto(url('/admin/apikeys'));
  assert.match(await page.locator('td.office').first().innerText(),
    /Kantor Kecamatan Genteng/);
  assert.deepEqual(await axeAt('adm', '/admin/apikeys'), []);
});

step('the administrator schedules a change and compares the versions', async () => {
  const { page } = await person('adm');
  await page.goto(url('/admin/services/DOMISILI'));
  const day = wibDay(30);
  await page.getByLabel('Jangka waktu').fill('90');
  await page.getByLabel('Biaya dalam rupiah, mis. 10.000 (0 = gratis)').fill('0');
  await page.getByLabel('Berlaku mulai tanggal').fill(day);
  await navigateBy(page, () =>
    page.getByRole('button', { name: 'Simpan sebagai versi baru' }).click());
  assert.match(await page.locator('.flash').innerText(), /terjadwal/);
  const row = page.locator('details.versions tr.scheduled');
  assert.equal(await row.count(), 1);
  assert.equal(await row.locator('time').getAttribute('datetime'), day);
  assert.deepEqual(await axeAt('adm', '/admin/services/DOMISILI'), []);
  // The public page still shows the standard in effect.
  const anon = await newContext(browser, problems);
  const pub = await anon.newPage();
  await pub.goto(url('/services/DOMISILI'));
  assert.match(await pub.locator('body').innerText(), /60 menit kerja/);
  await anon.close();
  // Compare from the editor's selects (the newest and the one before).
  await navigateBy(page, () => page.getByRole('button', { name: 'Bandingkan' }).click());
  assert.match(new URL(page.url()).pathname, /\/admin\/services\/DOMISILI\/compare$/);
  const changed = await page.locator('table.compare tr.changed th').allInnerTexts();
  assert.ok(changed.some((t) => /Jangka waktu — berubah/.test(t)), changed.join(' | '));
  assert.ok(changed.some((t) => /Berlaku mulai — berubah/.test(t)), changed.join(' | '));
  assert.ok(!changed.some((t) => /^Nama/.test(t)), changed.join(' | '));
  assert.deepEqual(await axeAt('adm', page.url()), []);
});

check('no console errors, CSP violations, page errors or failed requests',
  async () => {
    assert.equal(problems.format(), '');
  });

// SPDX-License-Identifier: AGPL-3.0-or-later
// Issue 15 in headless Chromium, one server for the whole file: what only
// a browser shows.
//   - paper: the receipt in every format printed to PDF is one page of
//     its own paper (A4, A5; the 80 mm and 58 mm rolls one strip, also
//     with two copies and with JavaScript off), and every service's A4
//     poster is one A4 page;
//   - photos: a phone photo with a position in its EXIF is scaled in the
//     browser with JavaScript on, on the server with it off, and the
//     stored photo has no EXIF either way;
//   - axe-core on every kind of page: no serious or critical finding.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  steps, startServer, launchBrowser, newContext, navigateBy, Problems,
  runCli, signIn, axeSerious, pdfPages,
} from './lib.mjs';

const OFFICE = '35.10.09';
const PASSWORD = 'Sandi-Uji-12345';
const PHONE = {
  viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};

let server;
let browser;
let apiKey;
let regno;
let pin;
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
      await add('belakang', 'back_office', OFFICE);
      await add('pengaduan', 'complaint_officer');
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

async function person(login, options) {
  if (people[login]) return people[login];
  const context = await newContext(browser, problems, options);
  const page = await context.newPage();
  assert.equal(await signIn(page, server.url, login, PASSWORD), '/staff');
  people[login] = { context, page };
  return people[login];
}

step('an application is registered (through the API)', async () => {
  const r = await fetch(url('/api/v1/applications'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      office: OFFICE, service: 'DOMISILI',
      citizen: { nik: '3510164101900123', name: 'Siti Aminah',
        village: '35.10.09.2001', phone: '081234567890' },
      requirements: ['KTP', 'KK', 'PENGANTAR_RT', 'PENGANTAR_DESA', 'BUKTI_TEMPAT'],
    }),
  });
  const text = await r.text();
  assert.equal(r.status, 201, text);
  const j = JSON.parse(text);
  regno = j.registration_no;
  pin = j.pin;
});

// ---- Paper ----

const FORMATS = [
  { format: 'a4', w: 210, h: 297 },
  { format: 'a5', w: 148, h: 210 },
  { format: '80mm', w: 80, strip: true },
  { format: '58mm', w: 58, strip: true },
];

async function printed(page, path) {
  await page.goto(url(path));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdfPages(pdf);
}

check('every receipt format prints on its own paper, one page', async () => {
  const { page } = await person('loket');
  for (const f of FORMATS) {
    for (const copies of [1, 2]) {
      const got = await printed(page,
        `/applications/${regno}/receipt?format=${f.format}&copies=${copies}`);
      const what = `${f.format}, ${copies} cop${copies > 1 ? 'ies' : 'y'}`;
      assert.ok(Math.abs(got.widthMm - f.w) < 1, `${what}: ${got.widthMm} mm wide`);
      if (f.strip) {
        // One continuous strip, as long as the receipt (measured).
        assert.equal(got.pages, 1, `${what}: ${got.pages} pages`);
        assert.ok(got.heightMm > 60 * copies && got.heightMm < 400 * copies,
          `${what}: a strip of ${got.heightMm} mm`);
      } else {
        assert.equal(got.pages, copies, `${what}: ${got.pages} pages`);
        assert.ok(Math.abs(got.heightMm - f.h) < 1, `${what}: ${got.heightMm} mm high`);
      }
    }
  }
  // The officer is named; the office copy has no PIN.
  await page.goto(url(`/applications/${regno}/receipt?format=80mm&copies=2`));
  const text = await page.locator('main').innerText();
  assert.match(text, /Petugas loket/);
  assert.match(await page.locator('.receipt:not(.copy-office)').innerText(),
    new RegExp(`PIN: ${pin}`));
  assert.doesNotMatch(await page.locator('.copy-office').innerText(),
    new RegExp(pin), 'the office copy does not print the PIN');
});

check('without JavaScript a counter receipt is still one strip', async () => {
  const context = await newContext(browser, problems, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server.url, 'loket', PASSWORD);
  for (const f of FORMATS.filter((x) => x.strip)) {
    const got = await printed(page, `/applications/${regno}/receipt?format=${f.format}`);
    assert.equal(got.pages, 1, `${f.format}: ${got.pages} pages`);
    assert.ok(Math.abs(got.widthMm - f.w) < 1, `${f.format}: ${got.widthMm} mm wide`);
  }
  await context.close();
});

check('every service\'s A4 poster is one A4 page', async () => {
  const r = await fetch(url('/api/v1/services'));
  const services = (await r.json()).items;
  assert.ok(services.length >= 30, `${services.length} services`);
  const context = await newContext(browser, problems);
  const page = await context.newPage();
  const long = [];
  for (const s of services) {
    const q = s.accepted_at.includes('kecamatan') ? `?office=${OFFICE}` : '';
    const got = await printed(page, `/services/${s.code}/poster${q}`);
    if (got.pages !== 1 || Math.abs(got.widthMm - 210) > 1) {
      long.push(`${s.code}: ${got.pages} pages of ${got.widthMm} x ${got.heightMm} mm`);
    }
  }
  assert.deepEqual(long, [], 'posters on more than one A4 page');
  // Not for an office that does not offer the service.
  const expected = problems.allow(/status of 404/);
  const no = await page.goto(url('/services/KTP-EL/poster?office=35.10.16.1001'));
  expected();
  assert.equal(no.status(), 404);
  assert.match(await page.locator('main').innerText(), /tidak dilayani di/);
  await context.close();
});

// ---- Finding things ----

check('on a phone: a service\'s time, cost and where come first; the '
  + 'directory fits', async () => {
  const context = await newContext(browser, problems, PHONE);
  const page = await context.newPage();
  for (const code of ['SKTM', 'RIWAYAT-TANAH', 'KTP-EL']) {
    await page.goto(url(`/services/${code}`));
    const facts = await page.locator('dl.keyfacts').boundingBox();
    assert.ok(facts && facts.y + facts.height <= 640,
      `${code}: time, cost and where within the first screen (${JSON.stringify(facts)})`);
    const text = await page.locator('dl.keyfacts').innerText();
    assert.match(text, /Waktu[\s\S]*Biaya[\s\S]*Di mana/);
  }
  for (const p of ['/offices', '/offices?q=Kembiritan', '/intake']) {
    await page.goto(url(p));
    const fit = await page.evaluate(() => ({
      w: document.documentElement.scrollWidth,
      limit: document.documentElement.clientWidth,
    }));
    assert.ok(fit.w <= fit.limit + 1, `${p}: ${fit.w} > ${fit.limit}`);
  }
  await context.close();
});

check('the counter\'s picker narrows while typing (JavaScript on)', async () => {
  const { page } = await person('loket');
  await page.goto(url('/intake'));
  await page.locator('#picker-q').fill('akte kematian');
  await page.waitForFunction(() => {
    const r = document.getElementById('picker-results');
    return r && !r.hidden && r.children.length > 0;
  });
  const first = await page.locator('#picker-results li').first()
    .getAttribute('data-code');
  assert.equal(first, 'AKTA-MATI');
  assert.equal(await page.locator('#picker-list').isHidden(), true);
  await page.locator('#picker-q').fill('');
  await page.waitForFunction(() => !document.getElementById('picker-list').hidden);
});

// ---- Photos ----

// A JPEG of noise, w x h, drawn by the browser, with an APP1 "Exif"
// segment holding a position in plain text, as a phone's carries one.
async function phonePhoto(page, w, h) {
  const b64 = await page.evaluate(async ([w2, h2]) => {
    const c = document.createElement('canvas');
    c.width = w2;
    c.height = h2;
    const g = c.getContext('2d');
    const img = g.createImageData(w2, h2);
    for (let i = 0; i < img.data.length; i++) {
      img.data[i] = (i * 2654435761 >>> 13) & 255;
    }
    g.putImageData(img, 0, 0);
    const blob = await new Promise((res) => c.toBlob(res, 'image/jpeg', 0.95));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }, [w, h]);
  const jpeg = Buffer.from(b64, 'base64');
  const payload = Buffer.from('Exif\0\0SECRETGPS -8.2194,114.3691', 'latin1');
  const app1 = Buffer.alloc(4);
  app1[0] = 0xff;
  app1[1] = 0xe1;
  app1.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, payload, jpeg.subarray(2)]);
}

function jpegSize(buf) {
  for (let i = 2; i + 9 < buf.length;) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      return { h: buf.readUInt16BE(i + 5), w: buf.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

async function complainWithPhoto(context, photo, js) {
  const page = await context.newPage();
  await page.goto(url('/complaints/new'));
  await page.locator('#f-office').selectOption(OFFICE);
  await page.locator('#f-category').selectOption({ index: 1 });
  await page.locator('#f-body').fill('Ruang tunggu panas, kipas angin rusak.');
  await page.locator('input[name="identity"][value="anonymous"]').check();
  await page.locator('#f-photo').setInputFiles(
    { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
  let sent = photo.length;
  if (js) {
    // photo.js has redrawn it: wait for the smaller file.
    await page.waitForFunction(() =>
      document.querySelector('#f-photo').hasAttribute('data-scaled'));
    sent = Number(await page.locator('#f-photo').getAttribute('data-scaled'));
  }
  await navigateBy(page, () =>
    page.getByRole('button', { name: 'Kirim pengaduan' }).click());
  const html = await page.content();
  const m = /<strong>(P-[0-9-]+)<\/strong>/.exec(html);
  assert.ok(m, 'the complaint\'s number is shown');
  await page.close();
  return { number: m[1], sent };
}

async function storedPhoto(number) {
  const { page, context } = await person('pengaduan');
  await page.goto(url(`/complaints/${number}`));
  const src = await page.locator('img[src^="/complaints/photo/"]').getAttribute('src');
  const got = await context.request.get(url(src));
  assert.equal(got.status(), 200);
  return got.body();
}

check('a phone photo: scaled in the browser, stored without EXIF', async () => {
  const context = await newContext(browser, problems, PHONE);
  const tmp = await context.newPage();
  await tmp.goto(url('/'));
  const photo = await phonePhoto(tmp, 3000, 2000);
  await tmp.close();
  assert.ok(photo.includes('SECRETGPS'));
  const { number, sent } = await complainWithPhoto(context, photo, true);
  assert.ok(sent < photo.length / 2, `sent ${sent} bytes of ${photo.length}`);
  const stored = await storedPhoto(number);
  assert.ok(!stored.includes('SECRETGPS') && !stored.includes('Exif'),
    'no EXIF in the stored photo');
  const size = jpegSize(stored);
  assert.ok(size && Math.max(size.w, size.h) <= 1600, `stored ${JSON.stringify(size)}`);
  await context.close();
});

check('a phone photo without JavaScript: scaled and cleaned on the server',
  async () => {
    const context = await newContext(browser, problems,
      { ...PHONE, javaScriptEnabled: false });
    const js = await browser.newContext();
    const tmp = await js.newPage();
    await tmp.goto(url('/'));
    const photo = await phonePhoto(tmp, 3000, 2000);
    await js.close();
    const { number, sent } = await complainWithPhoto(context, photo, false);
    assert.equal(sent, photo.length, 'sent as it is');
    const stored = await storedPhoto(number);
    assert.ok(!stored.includes('SECRETGPS') && !stored.includes('Exif'),
      'no EXIF in the stored photo');
    const size = jpegSize(stored);
    assert.deepEqual(size, { w: 1600, h: 1067 });
    await context.close();
  });

// ---- axe-core on every kind of page ----

check('axe-core: no serious or critical finding on any kind of page',
  async () => {
    const anon = await newContext(browser, problems);
    const a = await anon.newPage();
    const publicPages = [
      '/', '/services', '/services?q=akta', '/services/SKTM',
      `/services/SKTM/poster?office=${OFFICE}`, '/offices', `/offices/${OFFICE}`,
      `/offices/${OFFICE}/leaflet`, '/track', `/track?no=${regno}&pin=${pin}`,
      `/complaints/new?office=${OFFICE}`, `/survey?office=${OFFICE}&service=SKTM`,
      '/reports/ikm', '/performance', '/login', '/nope-404',
    ];
    const expected = problems.allow(/status of (404|422)/); // /nope-404, the slip
    const bad = [];
    for (const p of publicPages) {
      await a.goto(url(p));
      bad.push(...await axeSerious(a, p));
    }
    await anon.close();
    const staff = {
      loket: ['/staff', '/intake', '/intake/DOMISILI', '/work',
        `/applications/${regno}`, `/applications/${regno}/receipt?format=a4`,
        `/applications/${regno}/receipt?format=58mm&copies=2`],
      pengaduan: ['/complaints', '/complaints/paper'],
      sekda: ['/oversight', `/oversight/offices/${OFFICE}`, '/oversight/escalations',
        '/oversight/report'],
      adm: ['/admin/users', '/admin/offices', `/admin/offices/${OFFICE}`,
        '/admin/services', '/admin/services/SKTM', '/admin/calendar',
        '/admin/calendar/2026-01-01/delete', '/admin/apikeys', '/admin/audit',
        '/admin/surveys/import', '/devices'],
    };
    for (const [login, paths] of Object.entries(staff)) {
      const { page } = await person(login);
      for (const p of paths) {
        await page.goto(url(p));
        bad.push(...await axeSerious(page, p));
      }
    }
    // Forms as they come back: the confirmation and the missing slip.
    const { page } = await person('loket');
    await page.goto(url('/intake/DOMISILI'));
    await page.locator('#f-nik').fill('3510164101900123');
    await page.locator('#f-name').fill('Budi');
    await page.locator('#f-phone').fill('081234567891');
    await navigateBy(page, () =>
      page.getByRole('button', { name: 'Periksa', exact: true }).click());
    bad.push(...await axeSerious(page, 'the missing-documents slip'));
    expected();
    assert.deepEqual(bad, []);
  });

check('no console errors, CSP violations, page errors or failed requests',
  async () => {
    assert.equal(problems.format(), '');
  });

// SPDX-License-Identifier: AGPL-3.0-or-later
// The regency's view in headless Chromium: the Sekda (role sekkab) signs in
// on a laptop (1366x768), chooses last month on /oversight and sees the
// ranking of the offices; opens the worst office (the last one ranked), its
// applications completed late, and one of them (read-only: the NIK masked,
// no phone or e-mail, no action buttons); prints the monthly report to an A4
// PDF whose page count is one summary page plus one page per office; opens
// the twelve-month trends, whose server-drawn charts render (SVG with their
// data tables) without console errors. Then /oversight and the other pages
// with the figures (the public /performance and the block on an office's
// page among them) on a 360x640 phone: nothing wider than the screen but
// the tables that scroll sideways inside their wrappers.
//
// The data: a month of applications written into the fresh SQLite database
// with the sqlite3 command line before the server starts (each with its
// submit and completion events, numbers with their real check digits), then
// `satupintu measures rebuild`, the supported path for imported histories.
// The month is the last whole month before the test starts, and every page
// is asked for with that month spelled out (period=YYYY-MM), so nothing
// depends on the day the test runs: the twelve-month trends hold that month
// whatever today is, even if a month ends while the test runs.

import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  steps,
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
  runCli, signIn,
} from './lib.mjs';

const PASSWORD = 'Sandi-Uji-12345';
const SEKDA = 'sekda.uji';
const LAPTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = {
  viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, isMobile: true,
  hasTouch: true,
};
const SERVICE = 'DOMISILI-USAHA'; // one working day, every kecamatan
// The citizen behind every application: what the Sekda must never see.
const NIK = '3510165208850042';
const NIK_MASKED = '351016********42';
const PHONE_NO = '085799912345';
const EMAIL = 'warga.khusus@contoh.id';
// Completed in the month (on time of them), per office; the worst office
// ranked is Giri; Kalipuro has too few to be ranked (the minimum is 20).
const OFFICES = [
  { code: '35.10.16', name: 'Kantor Kecamatan Banyuwangi', completed: 30, onTime: 29 },
  { code: '35.10.09', name: 'Kantor Kecamatan Genteng', completed: 25, onTime: 22 },
  { code: '35.10.13', name: 'Kantor Kecamatan Rogojampi', completed: 24, onTime: 18 },
  { code: '35.10.05', name: 'Kantor Kecamatan Muncar', completed: 22, onTime: 13 },
  { code: '35.10.17', name: 'Kantor Kecamatan Giri', completed: 20, onTime: 8, open: 3 },
  { code: '35.10.21', name: 'Kantor Kecamatan Kalipuro', completed: 10, onTime: 4 },
];
const WORST = OFFICES[4];

// The last whole month before now, in Banyuwangi (UTC+7).
const MONTH = (() => {
  const now = new Date(Date.now() + 7 * 3600 * 1000);
  let y = now.getUTCFullYear();
  let m = now.getUTCMonth(); // the month before, 1-based
  if (m === 0) { y -= 1; m = 12; }
  return { y, m, code: `${y}-${String(m).padStart(2, '0')}` };
})();
const PERIOD = `period=${MONTH.code}`;

let server;
let browser;
let shots;
const problems = new Problems();
const { step, check } = steps(problems);

let sekda; // {context, page}: the laptop
let worstHref; // the worst office's page, as linked from the ranking
let lateRegno; // one application of it completed late

// ---------------------------------------------------------------------------
// The data

const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9], [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5], [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

// A registration number (core/regno.c): YY-OOO-SSSSS-C, Damm check digit.
function regno(year, officeNo, serial) {
  const yy = String(year % 100).padStart(2, '0');
  const oo = String(officeNo).padStart(3, '0');
  const ss = String(serial).padStart(5, '0');
  let x = 0;
  for (const d of yy + oo + ss) x = DAMM[x][Number(d)];
  return `${yy}-${oo}-${ss}-${x}`;
}

// Unix seconds of a local time in Banyuwangi.
function wib(y, m, d, hh, mm = 0) {
  return Math.floor(Date.UTC(y, m - 1, d, hh - 7, mm) / 1000);
}

function sqlite(dbFile, sql) {
  return new Promise((resolve, reject) => {
    const child = execFile('sqlite3', ['-bail', dbFile], { timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`sqlite3: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    child.stdin.end(sql);
  });
}

// The month's applications: per office, `completed` completed on working
// days of the month (the late ones three days after their promise), and
// `open` still open with their promise in the month (overdue now).
async function writeMonth(db) {
  const file = db.replace(/^sqlite:/, '');
  const numbers = Object.fromEntries((await sqlite(file,
    `SELECT code || '=' || number FROM offices WHERE code IN (${
      OFFICES.map((o) => `'${o.code}'`).join(',')});`))
    .trim().split('\n').map((l) => l.split('=')));
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  const lines = ['BEGIN;'];
  const { y, m } = MONTH;
  let serial = 90000;
  for (const o of OFFICES) {
    const total = o.completed + (o.open || 0);
    for (let i = 0; i < total; i++) {
      const no = regno(y, Number(numbers[o.code]), ++serial);
      const day = 2 + (i % 18); // the 2nd to the 19th
      const sub = wib(y, m, day, 9);
      const promise = wib(y, m, day + 1, 15);
      const open = i >= o.completed;
      const late = !open && i >= o.onTime;
      const done = open ? null : late ? wib(y, m, day + 4, 10) : wib(y, m, day + 1, 10);
      lines.push(
        'INSERT INTO applications (regno, pin, office_id, service_id,' +
        ' service_version, nik, citizen_name, phone, email, fee, state,' +
        ' next_step, submitted_at, promised_at, completed_at) VALUES (' +
        `${q(no)}, '424242', (SELECT id FROM offices WHERE code = ${q(o.code)}),` +
        ` (SELECT id FROM services WHERE code = ${q(SERVICE)}),` +
        ` (SELECT current_version FROM services WHERE code = ${q(SERVICE)}),` +
        ` ${q(NIK)}, 'Warga Uji', ${q(PHONE_NO)}, ${q(EMAIL)}, 0,` +
        ` ${open ? "'in_process'" : "'ready'"}, ${open ? 1 : 9}, ${sub},` +
        ` ${promise}, ${done ?? 'NULL'});`,
        'INSERT INTO application_events (application_id, at, actor, action,' +
        ` state_after, promised_at) VALUES ((SELECT id FROM applications` +
        ` WHERE regno = ${q(no)}), ${sub}, 'fo.uji', 'submit', 'received',` +
        ` ${promise});`);
      if (!open) {
        lines.push(
          'INSERT INTO application_events (application_id, at, actor,' +
          ` action, state_after) VALUES ((SELECT id FROM applications WHERE` +
          ` regno = ${q(no)}), ${done}, 'bo.uji', 'step', 'ready');`);
      }
    }
  }
  lines.push('COMMIT;');
  await sqlite(file, lines.join('\n'));
  await runCli(db, ['measures', 'rebuild']);
}

// ---------------------------------------------------------------------------
// Helpers

function url(p) {
  return new URL(p, server.url).href;
}

async function docStatus(page) {
  return page.evaluate(() => performance.getEntriesByType('navigation')[0].responseStatus);
}

// The number of pages of a PDF: its /Type /Page objects.
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

// The page holds no personal data of the citizen (the NIK only masked).
async function assertNoPersonalData(page, what) {
  const html = await page.content();
  for (const secret of [NIK, NIK.slice(6, 14), PHONE_NO, PHONE_NO.slice(4), EMAIL,
    '424242']) {
    assert.ok(!html.includes(secret), `${what} shows ${secret}`);
  }
}

// The ranking's rows: rank (a number or null), office name, link.
async function rankingRows(page) {
  return page.locator('table.ranking tbody tr').evaluateAll((rows) => rows.map((tr) => {
    const cells = tr.querySelectorAll('td');
    const a = tr.querySelector('a');
    const rank = cells[0].textContent.trim();
    return {
      rank: /^\d+$/.test(rank) ? Number(rank) : null,
      name: a.textContent.trim(),
      href: a.getAttribute('href'),
      onTime: cells[3].textContent.trim(),
    };
  }));
}

// ---------------------------------------------------------------------------

test.before(async () => {
  server = await startServer({
    beforeServe: async ({ db }) => {
      await runCli(db, ['user', 'add', SEKDA, '--role', 'sekkab',
        '--name', 'Sekretaris Daerah Uji', '--password-stdin'],
      { input: `${PASSWORD}\n` });
      await writeMonth(db);
    },
  });
  browser = await launchBrowser();
  shots = await fs.mkdtemp(path.join(os.tmpdir(), 'satupintu-shots-oversight-'));
});

test.after(async () => {
  if (sekda) await sekda.context.close().catch(() => {});
  if (browser) await browser.close();
  if (server) await server.stop();
});

step('the Sekda signs in on a laptop and sees the ranking of last month', async () => {
  const context = await newContext(browser, problems, LAPTOP);
  const page = await context.newPage();
  sekda = { context, page };
  assert.equal(await signIn(page, server.url, SEKDA, PASSWORD), '/staff');
  await navigateBy(page, () => page.locator('ul.cards a[href="/oversight"]').click());
  assert.equal(pathOf(page), '/oversight');
  assert.equal(await docStatus(page), 200);
  // The month chosen in the period form.
  const form = page.locator('form.filters');
  await form.locator('input[name="period"]').fill(MONTH.code);
  await navigateBy(page, () => form.locator('button[type="submit"]').click());
  assert.equal(new URL(page.url()).searchParams.get('period'), MONTH.code);
  assert.match(await h1Text(page), /Kinerja pelayanan kabupaten/);
  const completed = OFFICES.reduce((n, o) => n + o.completed, 0);
  const onTime = OFFICES.reduce((n, o) => n + o.onTime, 0);
  const headline = await page.locator('dl.headline').innerText();
  assert.ok(headline.includes(`${onTime} dari ${completed} selesai`),
    `the headline counts ${onTime} of ${completed}: ${headline}`);

  const rows = await rankingRows(page);
  assert.equal(rows.length, 43, 'every service point is listed');
  const ranked = rows.filter((r) => r.rank !== null);
  assert.deepEqual(ranked.map((r) => r.name), OFFICES.slice(0, 5).map((o) => o.name),
    'the five offices with 20 or more completed are ranked, best first');
  assert.deepEqual(ranked.map((r) => r.rank), [1, 2, 3, 4, 5]);
  assert.deepEqual(ranked.map((r) => r.onTime.replace(/[▲▼=·].*$/s, '').trim()),
    ['96,7\u00a0%', '88,0\u00a0%', '75,0\u00a0%', '59,1\u00a0%', '40,0\u00a0%']);
  const few = rows.find((r) => r.name === OFFICES[5].name);
  assert.equal(few.rank, null);
  assert.match(few.onTime, /terlalu sedikit untuk diukur/);
  // The ranked come first; the last ranked is the worst.
  assert.deepEqual(rows.slice(0, 5), ranked);
  const worst = ranked[ranked.length - 1];
  assert.equal(worst.name, WORST.name);
  worstHref = worst.href;
  // Its overdue now, linked.
  const overdue = page.locator('table.ranking tbody tr', { hasText: WORST.name })
    .locator('td.overdue a');
  assert.equal((await overdue.innerText()).trim(), String(WORST.open));
  await assertNoPersonalData(page, '/oversight');
  await page.screenshot({ path: path.join(shots, 'oversight-laptop.png'), fullPage: true });
});

step('the worst office, its late applications, and one of them', async () => {
  const { page } = sekda;
  await navigateBy(page, () => page.locator(`table.ranking a[href="${worstHref}"]`).click());
  assert.equal(pathOf(page), `/oversight/offices/${WORST.code}`);
  assert.equal(await h1Text(page), WORST.name);
  assert.equal(new URL(page.url()).searchParams.get('period'), MONTH.code);
  const row = page.locator('table.list tbody tr', { hasText: 'Surat Keterangan Domisili Usaha' });
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[2].trim(), String(WORST.completed), 'completed, by service');
  assert.equal(cells[3].trim(), '40,0\u00a0%');
  await assertNoPersonalData(page, 'the office page');

  await navigateBy(page, () => page.locator('p.links a', { hasText: 'Selesai terlambat' }).click());
  assert.equal(pathOf(page), `/oversight/offices/${WORST.code}/applications`);
  assert.equal(new URL(page.url()).searchParams.get('which'), 'late');
  const late = page.locator('table.list tbody tr');
  assert.equal(await late.count(), WORST.completed - WORST.onTime);
  for (const r of await late.all()) {
    assert.equal(await r.getAttribute('class'), 'overdue');
    assert.match((await r.locator('td').last().innerText()).trim(), /^[1-9]\d*$/,
      'working days late');
  }
  await assertNoPersonalData(page, 'the late list');
  const first = late.first().locator('a');
  lateRegno = (await first.innerText()).trim();
  assert.match(lateRegno, /^\d{2}-\d{3}-\d{5}-\d$/);

  await navigateBy(page, () => first.click());
  assert.equal(pathOf(page), `/applications/${lateRegno}`);
  assert.equal(await docStatus(page), 200);
  const text = await page.locator('main').innerText();
  assert.ok(text.includes(lateRegno));
  assert.ok(text.includes(NIK_MASKED), 'the NIK is shown masked');
  await assertNoPersonalData(page, 'the application');
  assert.equal(await page.locator('main form[action$="/events"]').count(), 0,
    'read-only: no action for the Sekda');
});

step('the monthly report prints on A4: a summary page and a page per office', async () => {
  const { page } = sekda;
  await page.goto(url(`/oversight?${PERIOD}`));
  const link = page.locator('p.links a', { hasText: 'Laporan bulanan' });
  await navigateBy(page, () => link.click());
  assert.equal(pathOf(page), '/oversight/report');
  assert.equal(new URL(page.url()).searchParams.get('period'), MONTH.code);
  const sections = await page.locator('section.report-page').count();
  const offices = await page.locator('section.report-page').first()
    .locator('table.report').nth(1).locator('tbody tr').count();
  assert.equal(offices, 43, 'the summary ranks every service point');
  assert.equal(sections, 1 + offices, 'a summary and a section per office');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = path.join(shots, 'report.pdf');
  await fs.writeFile(file, pdf);
  assert.equal(pdfPages(pdf), 1 + offices,
    `the report prints on 1 + ${offices} A4 pages (${file})`);
});

step('the twelve-month trends: charts drawn, with their numbers', async () => {
  const { page } = sekda;
  await page.goto(url(`/oversight?${PERIOD}`));
  await navigateBy(page, () => page.locator('p.links a', { hasText: 'Tren 12 bulan' }).click());
  assert.equal(pathOf(page), '/oversight/trends');
  assert.equal(await docStatus(page), 200);
  const charts = page.locator('main svg:not(.spark)');
  assert.ok(await charts.count() >= 3, 'three charts at least');
  for (const svg of await charts.all()) {
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, 'the chart is drawn');
    assert.ok(await svg.locator('path, polyline, circle').count() > 0,
      'the chart has marks');
  }
  // The data month is in the twelve, with the regency's on-time rate.
  const completed = OFFICES.reduce((n, o) => n + o.completed, 0);
  const onTime = OFFICES.reduce((n, o) => n + o.onTime, 0);
  const pct = `${(Math.round((1000 * onTime) / completed) / 10).toFixed(1).replace('.', ',')}\u00a0%`;
  const table = page.locator('table.chart-data').first();
  assert.ok((await table.innerText()).includes(pct),
    `the on-time chart's table holds the month's ${pct} (${MONTH.code}): ` +
    `${await table.innerText()}`);
  // One office's trends.
  await navigateBy(page, () =>
    page.locator(`a[href="/oversight/trends?office=${WORST.code}"]`).click());
  assert.equal(await docStatus(page), 200);
  assert.ok(await page.locator('main svg:not(.spark)').count() >= 3);
  await page.screenshot({ path: path.join(shots, 'trends.png'), fullPage: true });
});

step('/oversight on a 360x640 phone: no page-wide horizontal scrolling', async () => {
  const context = await newContext(browser, problems, PHONE);
  const page = await context.newPage();
  try {
    assert.equal(await signIn(page, server.url, SEKDA, PASSWORD), '/staff');
    // The Sekda's pages, and the public ones with the figures: the
    // performance page and the block on an office's page.
    for (const p of [`/oversight?${PERIOD}`, `/oversight/offices/${WORST.code}?${PERIOD}`,
      `/oversight/offices/${WORST.code}/applications?which=late&${PERIOD}`,
      '/oversight/trends', '/oversight/overdue', `/oversight/report?${PERIOD}`,
      '/oversight/escalations', '/followups', `/performance?${PERIOD}`,
      `/offices/${WORST.code}`, `/offices/${WORST.code}?lang=en`]) {
      await page.goto(url(p));
      assert.equal(await docStatus(page), 200);
      const fit = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [];
        // Inside an element that scrolls sideways itself (a .scroll
        // wrapper, a table.list): reachable, not the page's overflow.
        const inScroller = (el) => {
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const o = getComputedStyle(a).overflowX;
            if (o === 'auto' || o === 'scroll') return true;
          }
          return false;
        };
        for (const el of document.querySelectorAll('body *')) {
          if (inScroller(el)) continue;
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > limit + 1) {
            const cls = el.getAttribute('class');
            wide.push(`${el.tagName.toLowerCase()}${cls ? `.${cls.split(' ').join('.')}` : ''}` +
              ` right=${Math.round(r.right)}`);
          }
        }
        return { scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth, wide };
      });
      await page.screenshot({ path: path.join(shots,
        `phone-${p.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
      assert.ok(fit.scrollWidth <= fit.innerWidth,
        `${p}: scrollWidth ${fit.scrollWidth} > ${fit.innerWidth}; sticking out: ` +
        fit.wide.slice(0, 8).join('; '));
      assert.deepEqual(fit.wide, [], `${p}: nothing wider than the screen outside .scroll`);
    }
  } finally {
    await context.close();
  }
});

check('no console errors, page errors or failed requests', (t) => {
  t.diagnostic(`screenshots and the PDF: ${shots}`);
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

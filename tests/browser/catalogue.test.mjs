// SPDX-License-Identifier: AGPL-3.0-or-later
// The public service catalogue, the language switch, staff sign-in with the
// forced password change, and the catalogue on a phone, in headless Chromium.
// One server and one browser for the file; each test has its own browser
// context (own cookies), so the tests do not depend on one another's state.

import test from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import {
  startServer, launchBrowser, newContext, navigateBy, h1Text, pathOf, Problems,
} from './lib.mjs';

let server;
let browser;
const problems = new Problems();

test.before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

test.after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// Opens a page in a new context labelled for problem reports.
async function open(t, options) {
  problems.label = t.name;
  const context = await newContext(browser, problems, options);
  t.after(() => context.close());
  const page = await context.newPage();
  return { context, page };
}

function url(p) {
  return new URL(p, server.url).href;
}

async function serviceLinks(page) {
  return page.locator('ul.services > li a[href^="/services/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

test('catalogue lists the services and search narrows it', { timeout: 120_000 },
  async (t) => {
    const { page } = await open(t);
    const resp = await page.goto(url('/services'));
    assert.equal(resp.status(), 200);
    assert.equal(await h1Text(page), 'Katalog layanan');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');

    const items = page.locator('ul.services > li');
    const all = await items.count();
    assert.ok(all >= 25, `expected at least 25 services, got ${all}`);
    assert.ok((await page.locator('select[name="category"]').count()) === 1,
      'the search form has a category select');

    const q = page.locator('input[name="q"]');
    await q.fill('tidak mampu');
    await navigateBy(page, () => q.press('Enter'));
    assert.equal(pathOf(page), '/services');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'tidak mampu');
    assert.equal(await page.locator('input[name="q"]').inputValue(), 'tidak mampu',
      'the search box keeps what was typed');

    const found = await items.count();
    assert.ok(found >= 1 && found < all,
      `search should narrow ${all} services, got ${found}`);
    const links = await serviceLinks(page);
    assert.ok(links.includes('/services/SKTM'),
      `results should link /services/SKTM, got ${JSON.stringify(links)}`);

    await navigateBy(page, () =>
      page.locator('ul.services > li a[href="/services/SKTM"]').first().click());
    assert.equal(pathOf(page), '/services/SKTM');
    assert.equal(await h1Text(page), 'Surat Keterangan Tidak Mampu');
    assert.ok(await page.getByRole('heading', { name: '1. Persyaratan' }).count() >= 1,
      'the service page has the "1. Persyaratan" heading');
  });

test('language switch shows English and is remembered', { timeout: 120_000 },
  async (t) => {
    const { page } = await open(t);
    await page.goto(url('/services/SKTM'));
    assert.equal(await h1Text(page), 'Surat Keterangan Tidak Mampu');
    const lang = page.locator('a.lang').first();
    assert.equal((await lang.innerText()).trim(), 'English');

    await navigateBy(page, () => lang.click());
    assert.equal(pathOf(page), '/services/SKTM', 'the switch returns to the same page');
    assert.equal(await h1Text(page), 'Certificate of Low Income');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok(await page.getByRole('heading', { name: '1. Requirements' }).count() >= 1,
      'the English page has the "1. Requirements" heading');
    assert.equal((await page.locator('a.lang').first().innerText()).trim(),
      'Bahasa Indonesia');

    // Remembered on the next page, reached by a fresh navigation.
    await page.goto(url('/services'));
    assert.equal(await h1Text(page), 'Service catalogue');

    await navigateBy(page, () => page.locator('a.lang').first().click());
    assert.equal(pathOf(page), '/services');
    assert.equal(await h1Text(page), 'Katalog layanan');
    assert.equal((await page.locator('a.lang').first().innerText()).trim(), 'English');
    await page.goto(url('/services/SKTM'));
    assert.equal(await h1Text(page), 'Surat Keterangan Tidak Mampu');
  });

async function submitLogin(page, login, password) {
  const form = page.locator('form:has(input[name="password"])');
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(password);
  await navigateBy(page, () =>
    form.locator('button[type="submit"], button:not([type]), input[type="submit"]')
      .first().click());
}

test('staff sign-in, forced password change and sign-out', { timeout: 180_000 },
  async (t) => {
    const { page } = await open(t);
    await page.goto(url('/login'));
    assert.equal(pathOf(page), '/login');

    // A wrong password: the login page again, with a message.
    const wrong = server.adminPassword.split('').reverse().join('') + 'x';
    const allowed = problems.allow(
      /Failed to load resource: the server responded with a status of (401|403|422)/);
    await submitLogin(page, 'admin', wrong);
    allowed();
    assert.equal(pathOf(page), '/login');
    const body = await page.locator('body').innerText();
    assert.match(body, /salah/i, 'a wrong password says so');
    assert.equal(await page.locator('form[action="/logout"]').count(), 0,
      'a wrong password does not sign in');

    // The one-time password: signed in, but forced to change it first.
    await submitLogin(page, 'admin', server.adminPassword);
    assert.equal(pathOf(page), '/account/password');
    // The forced change cannot be skipped.
    await page.goto(url('/staff'));
    assert.equal(pathOf(page), '/account/password',
      '/staff before the password change goes back to /account/password');

    const newPassword = `Pintu-Uji-${Date.now().toString(36)}-Kuat!9`;
    await page.locator('input[name="current"]').fill(server.adminPassword);
    await page.locator('input[name="new"]').fill(newPassword);
    await page.locator('input[name="confirm"]').fill(newPassword);
    const form = page.locator('form:has(input[name="confirm"])');
    await navigateBy(page, () =>
      form.locator('button[type="submit"], button:not([type]), input[type="submit"]')
        .first().click());
    assert.equal(pathOf(page), '/staff');
    const welcome = await h1Text(page);
    assert.ok(welcome.startsWith('Selamat datang'),
      `the staff home greets in Indonesian, got h1 "${welcome}"`);

    // Sign out from the header.
    const logout = page.locator('form[action="/logout"]').first();
    await navigateBy(page, () =>
      logout.locator('button, input[type="submit"]').first().click());
    assert.notEqual(pathOf(page), '/staff');
    assert.ok(await page.locator('a[href^="/login"]').count() >= 1,
      'after sign-out the page links to /login');
    assert.equal(await page.locator('form[action="/logout"]').count(), 0,
      'after sign-out there is no sign-out button');

    // The session is really gone.
    await page.goto(url('/staff'));
    assert.notEqual(pathOf(page), '/staff', '/staff after sign-out redirects away');
    assert.equal(pathOf(page), '/login');
  });

test('catalogue fits a phone screen', { timeout: 120_000 }, async (t) => {
  const { page } = await open(t, {
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true,
    hasTouch: true,
  });
  await page.goto(url('/services'));
  assert.equal(await h1Text(page), 'Katalog layanan');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'satupintu-shots-'));
  // What the phone shows first, and the whole page.
  const shot = path.join(dir, 'services-360.png');
  await page.screenshot({ path: shot });
  const full = path.join(dir, 'services-360-full.png');
  await page.screenshot({ path: full, fullPage: true });
  for (const f of [shot, full]) {
    assert.ok((await fs.stat(f)).size > 1000, `the screenshot ${f} is not empty`);
  }
  t.diagnostic(`screenshots: ${shot} ${full}`);

  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= 360 + 1,
    `no horizontal scrolling at 360 px: scrollWidth ${scrollWidth}, ` +
    `clientWidth ${clientWidth}`);
});

test('no console errors, page errors or failed requests', () => {
  assert.equal(problems.list.length, 0,
    `problems seen in the browser:\n${problems.format()}`);
});

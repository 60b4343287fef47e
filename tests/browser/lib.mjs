// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared helpers for the browser tests: start a Satu Pintu server on a
// fresh SQLite database, launch Debian's Chromium through playwright-core,
// and collect every console error, page error and failed request so a test
// can assert that there were none (CSP violations arrive as console errors).

import { spawn } from 'node:child_process';
import test from 'node:test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Generous: the machine has 2 cores and a debug (maybe sanitized) build.
export const TIMEOUT_MS = 30_000;
const STARTUP_TIMEOUT_MS = 20_000;

const ADMIN_RE =
  /^First administrator: user admin, one-time password: ([A-Za-z0-9]{12,})\s*$/m;
const LISTEN_RE = /^Satu Pintu listening on (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m;

function serverBinary() {
  const bin = process.env.SATUPINTU_BIN;
  if (!bin) {
    throw new Error(
      'SATUPINTU_BIN is not set: run tests/browser/run.sh PATH/TO/satupintu');
  }
  return path.resolve(bin);
}

// Runs `bin args...` to completion; resolves with {code, signal, stdout, stderr}.
// `input`, when given, is written to the command's stdin.
function run(bin, args, timeoutMs, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args,
      { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // the exit status tells
      child.stdin.end(input);
    }
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')} timed out after ${timeoutMs} ms\n` +
        `stdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Runs the `satupintu` command line against the database `db` (a --db
// value such as the `db` startServer returns), e.g.
//   await runCli(server.db, ['user', 'add', 'loket', '--role', 'front_office',
//     '--office', '35.10.09', '--password-stdin'], { input: 'Sandi-Uji-12345\n' });
// Resolves with {code, signal, stdout, stderr}; rejects if the exit status is
// not 0 (unless `check: false`) or the command takes longer than `timeoutMs`.
export async function runCli(db, args, { input, check = true,
  timeoutMs = STARTUP_TIMEOUT_MS } = {}) {
  const bin = serverBinary();
  const full = [...args, '--db', db];
  const r = await run(bin, full, timeoutMs, input);
  if (check && r.code !== 0) {
    throw new Error(`satupintu ${full.join(' ')} exited ${r.code ?? r.signal}\n` +
      `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return r;
}

// Starts `satupintu serve` on a new database in a temp dir.
// Returns {url, adminPassword, dir, db, stop(), restart()}; url ends with
// '/'; restart() stops the server and starts it again on the same database
// and port; db is the
// --db value (for runCli). `options.beforeServe`, if given, is awaited with
// {db, dir} after `init` and before `serve` (e.g. to add users with runCli).
// `options.env`, if given, is added to the environment of `serve` (only),
// e.g. { SATUPINTU_KIOSK_GAP: '3600' }.
export async function startServer(options = {}) {
  const bin = serverBinary();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'satupintu-browser-'));
  const db = `sqlite:${path.join(dir, 'satupintu.db')}`;
  let child = null;
  try {
    const init = await run(bin, ['init', '--db', db], STARTUP_TIMEOUT_MS);
    if (init.code !== 0) {
      throw new Error(`satupintu init exited ${init.code ?? init.signal}\n` +
        `stdout:\n${init.stdout}\nstderr:\n${init.stderr}`);
    }
    const m = ADMIN_RE.exec(init.stdout);
    if (!m) {
      throw new Error('satupintu init printed no "First administrator" line\n' +
        `stdout:\n${init.stdout}\nstderr:\n${init.stderr}`);
    }
    const adminPassword = m[1];
    if (options.beforeServe) await options.beforeServe({ db, dir });

    // One `serve` process on db at listen; resolves when it listens.
    const out = { stdout: '', stderr: '' };
    const serve = async (listen) => {
      child = spawn(bin, ['serve', '--db', db, '--listen', listen],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
      const proc = child;
      out.stdout = '';
      proc.stdout.setEncoding('utf8').on('data', (d) => { out.stdout += d; });
      proc.stderr.setEncoding('utf8').on('data', (d) => { out.stderr += d; });
      const exited = new Promise((resolve) => {
        proc.on('close', (code, signal) => resolve({ code, signal }));
      });
      const listening = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          done();
          reject(new Error(`satupintu serve printed no listening line in ` +
            `${STARTUP_TIMEOUT_MS} ms\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`));
        }, STARTUP_TIMEOUT_MS);
        const onData = () => {
          const lm = LISTEN_RE.exec(out.stdout);
          if (lm) { done(); resolve(lm[1]); }
        };
        const onError = (e) => { done(); reject(e); };
        const onClose = (code, signal) => {
          done();
          reject(new Error(`satupintu serve exited (${code ?? signal}) before ` +
            `listening\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`));
        };
        function done() {
          clearTimeout(timer);
          proc.stdout.off('data', onData);
          proc.off('error', onError);
          proc.off('close', onClose);
        }
        proc.stdout.on('data', onData);
        proc.on('error', onError);
        proc.on('close', onClose);
      });
      return { proc, exited, url: listening };
    };
    // SIGTERM and wait for the exit (SIGKILL after 10 s).
    const halt = async (s) => {
      if (s.proc.exitCode === null && s.proc.signalCode === null) {
        s.proc.kill('SIGTERM');
      }
      const killer = setTimeout(() => s.proc.kill('SIGKILL'), 10_000);
      const { code, signal } = await s.exited;
      clearTimeout(killer);
      if (signal === 'SIGKILL') {
        throw new Error('satupintu serve did not stop within 10 s of SIGTERM\n' +
          `stderr:\n${out.stderr}`);
      }
      return { code, signal };
    };

    let current = await serve('127.0.0.1:0');
    const url = current.url;
    let stopped = null;
    const stop = () => {
      stopped ??= (async () => {
        try {
          const { code, signal } = await halt(current);
          return { code, signal, stdout: out.stdout, stderr: out.stderr };
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      })();
      return stopped;
    };
    // Stop the server (SIGTERM, as a service manager restarts it) and start
    // it again on the same database and port: what a browser sees across a
    // restart. Resolves with the old process's exit {code, signal}.
    const restart = async () => {
      const ended = await halt(current);
      current = await serve(`127.0.0.1:${new URL(url).port}`);
      return ended;
    };
    return { url, adminPassword, dir, db, output: out, stop, restart };
  } catch (e) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 60_000,
    args: [
      '--no-sandbox', // we run as root
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--headless=new',
    ],
  });
}

// Collects what a person would see as something broken: console errors
// (including CSP violations), uncaught page errors, failed requests and
// sub-resource responses with status >= 400.
export class Problems {
  constructor() {
    this.list = [];
    this.allowed = [];
    this.label = '';
  }

  // Errors that match `re` are expected (e.g. a 401 on a wrong password)
  // until the returned function is called.
  allow(re) {
    this.allowed.push(re);
    return () => { this.allowed = this.allowed.filter((r) => r !== re); };
  }

  add(kind, text, where) {
    if (this.allowed.some((re) => re.test(text))) return;
    this.list.push({ test: this.label, kind, text, where });
  }

  watch(context) {
    context.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location();
      this.add('console', msg.text(), loc && loc.url);
    });
    context.on('weberror', (err) => {
      this.add('pageerror', String(err.error()), err.page()?.url());
    });
    context.on('requestfailed', (req) => {
      const failure = req.failure()?.errorText || 'failed';
      // A navigation cut short by the next one is not a defect.
      if (failure === 'net::ERR_ABORTED' && req.isNavigationRequest()) return;
      // Chromium fetches a page's icon after the load event; going on to
      // the next page cancels it. A cancelled icon is no defect (a missing
      // one still shows as an HTTP error).
      if (failure === 'net::ERR_ABORTED' &&
          /\/static\/icon\.svg$/.test(new URL(req.url()).pathname)) return;
      this.add('requestfailed', `${req.method()} ${req.url()}: ${failure}`, req.url());
    });
    context.on('response', (resp) => {
      const req = resp.request();
      if (req.isNavigationRequest()) return; // pages are checked by the tests
      if (resp.status() >= 400) {
        this.add('response', `${req.method()} ${resp.url()}: HTTP ${resp.status()}`,
          resp.url());
      }
    });
    return context;
  }

  format() {
    return this.list
      .map((p) => `[${p.test}] ${p.kind}: ${p.text}${p.where ? ` (${p.where})` : ''}`)
      .join('\n');
  }
}

// A new context (own cookies) whose problems go to `problems`.
export async function newContext(browser, problems, options = {}) {
  const context = await browser.newContext({ locale: 'id-ID', ...options });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  problems.watch(context);
  return context;
}

// Runs `action` (a click, a key press) that leads to a new document, and
// waits until that new document has loaded, whatever its URL: works for a
// form posted back to the same URL and for a redirect to the same page.
export async function navigateBy(page, action) {
  const mark = `bt${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => { window.__btMark = m; }, mark);
  await action();
  await page.waitForFunction(
    (m) => window.__btMark !== m && document.readyState === 'complete',
    mark, { timeout: TIMEOUT_MS, polling: 100 });
  return page;
}

export async function h1Text(page) {
  return (await page.locator('h1').first().innerText()).trim();
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

// Signs `login` in on the /login page of the server at `baseUrl` and waits
// for the page that follows. Returns the pathname it lands on (/staff
// normally, /login again on a wrong password).
export async function signIn(page, baseUrl, login, password) {
  await page.goto(new URL('/login', baseUrl).href);
  const form = page.locator('form:has(input[name="password"])');
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(password);
  await navigateBy(page, () =>
    form.locator('button[type="submit"], button:not([type]), input[type="submit"]')
      .first().click());
  return pathOf(page);
}

// Ordered steps that share state (one server, one browser, one journey):
//   const { step, check } = steps(problems);
// step(name, fn) is skipped once an earlier step has failed, and its own
// failure skips the rest. check(name, fn) is skipped the same way, but its
// own failure does not stop the journey (what it checks is not needed
// further on). Each labels `problems` with its name.
export function steps(problems) {
  const STEP_TIMEOUT = { timeout: 180_000 };
  let broken = null;
  const define = (name, fn, stops) => test(name, STEP_TIMEOUT, async (t) => {
    if (broken) {
      t.skip(`an earlier step failed: ${broken}`);
      return;
    }
    problems.label = name;
    try {
      await fn(t);
    } catch (e) {
      if (stops) broken = name;
      throw e;
    }
  });
  return {
    step: (name, fn) => define(name, fn, true),
    check: (name, fn) => define(name, fn, false),
  };
}

// axe-core (npm, tests/browser/package.json) on the page as it is now:
// resolves with the violations of impact "serious" or "critical", each as
// "rule: target (summary)" text, for assert.deepEqual(..., []). The script
// is added through the DevTools protocol, not a <script> tag, so the
// page's Content-Security-Policy does not get in its way.
let axeSource = null;
export async function axeSerious(page, label = '') {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  const bad = [];
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const n of v.nodes) {
      bad.push(`${label}${label ? ': ' : ''}${v.id} (${v.impact}) at ` +
        `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`);
    }
  }
  return bad;
}

// The number of pages of a PDF (its /Type /Page objects) and the size of
// the first, in millimetres, from its MediaBox.
export function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/
    .exec(text);
  const mm = (pt) => Math.round((Number(pt) * 25.4) / 72 * 10) / 10;
  return {
    pages,
    widthMm: box ? mm(Number(box[3]) - Number(box[1])) : 0,
    heightMm: box ? mm(Number(box[4]) - Number(box[2])) : 0,
  };
}

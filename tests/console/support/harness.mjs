// What every console test shares: a real `roost serve` (every listener on 127.0.0.1 port 0, a fresh
// data folder), headless Chromium through playwright-core, screenshots, and waiting helpers.
//
//   import { run, waitForText } from './support/harness.mjs';
//   run('sign_in', async (t) => {
//     await t.page.goto(t.url('/'));
//     await t.signIn();
//     await t.shot('topics');          // <screenshots>/topics-desktop.png and topics-phone.png
//   }, { serverArgs: ['--admin-key', 'k'] });
//
// Environment: ROOST_BIN (the roost binary), ROOST_CONSOLE_SCREENSHOTS (folder for screenshots),
// ROOST_CHROMIUM (default /usr/bin/chromium). Exits 0 when the test passed, 1 when it failed
// (with the server's log), 77 (skipped) when there is no Chromium.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// The console's npm packages (playwright-core, mqtt) live in web/node_modules.
export const webRequire = createRequire(path.join(here, '..', '..', '..', 'web', 'package.json'));

const START_TIMEOUT_MS = 15000;
const STOP_TIMEOUT_MS = 10000;
export const WAIT_MS = 15000;
const LISTENING = /listening (\S+) on (\S+):(\d+)/;
const PRIVATE_KEY = /private key of tenant 'default': ([0-9a-f]{32})/;

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 667 };

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                        '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// One `roost serve` with the listeners on port 0; resolves once HTTP, bemfa and line listen and
// the first tenant's key is printed.
async function startServer(extraArgs) {
  const bin = process.env.ROOST_BIN;
  if (!bin || !fs.existsSync(bin)) throw new Error(`ROOST_BIN must name the roost binary (got ${bin})`);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-console-'));
  const args = ['serve', '--mqtt', '127.0.0.1:0', '--bemfa', '127.0.0.1:0', '--line', '127.0.0.1:0',
                '--http', '127.0.0.1:0', '--data', data, '--log-level', 'info', ...extraArgs];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = { proc, data, args, log: [], listening: {}, key: null, exited: null };
  const wanted = ['http', 'bemfa', 'line'];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`roost did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const check = () => {
      if (server.key && wanted.every((w) => server.listening[w])) {
        clearTimeout(timer);
        resolve();
      }
    };
    const onLine = (line) => {
      server.log.push(line);
      if (server.log.length > 3000) server.log.shift();
      const l = line.match(LISTENING);
      if (l) server.listening[l[1]] = { host: l[2], port: Number(l[3]) };
      const k = line.match(PRIVATE_KEY);
      if (k) server.key = k[1];
      check();
    };
    for (const stream of [proc.stdout, proc.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        lines.forEach(onLine);
      });
    }
    proc.on('exit', (code, signal) => {
      server.exited = { code, signal };
      clearTimeout(timer);
      reject(new Error(`roost exited (${signal || code}) before it was ready`));
    });
  });
  return server;
}

async function stopServer(server) {
  if (server.exited) return server.exited;
  const exited = new Promise((resolve) => server.proc.once('exit', (code, signal) => resolve({ code, signal })));
  server.proc.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), STOP_TIMEOUT_MS));
  const result = await Promise.race([exited, timeout]);
  if (!result) {
    server.proc.kill('SIGKILL');
    throw new Error(`roost did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
  }
  return result;
}

// Polls `read()` until `ok(value)`; returns the value, or throws with `what` and the last value.
export async function waitFor(what, read, ok, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (e) {
      last = `(error: ${e.message})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Waits until the text of `locator` (its first match) matches `pattern`; returns the text.
export function waitForText(locator, pattern, timeout = WAIT_MS) {
  const re = pattern instanceof RegExp ? pattern : new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return waitFor(`text ${re}`, () => locator.first().innerText({ timeout: 1000 }), (t) => re.test(t), timeout);
}

// Runs one console test; see the top of this file.
export async function run(name, body, { serverArgs = [] } = {}) {
  const chromiumPath = process.env.ROOST_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    console.log(`console.${name}: skipped: no Chromium at ${chromiumPath} (scripts/install-deps.sh installs it)`);
    process.exit(77);
  }
  const shots = process.env.ROOST_CONSOLE_SCREENSHOTS || path.join(os.tmpdir(), 'roost-console-screenshots');
  fs.mkdirSync(shots, { recursive: true });

  const { chromium } = webRequire('playwright-core');
  let server = null;
  let context = null;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-chromium-'));
  const pageErrors = [];
  const cleanups = [];
  let failed = null;
  try {
    server = await startServer(serverArgs);
    const http = server.listening.http;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: DESKTOP,
    });
    context.setDefaultTimeout(WAIT_MS);
    const watch = (page) => {
      page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        // A refused request (a wrong key on purpose) is logged by the browser itself; anything
        // else the page logs as an error is a bug.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`);
      });
    };
    context.on('page', watch);
    const page = context.pages()[0] || (await context.newPage());
    watch(page);

    const base = `http://${http.host}:${http.port}`;
    const t = {
      name,
      server,
      page,
      context,
      key: server.key,
      base,
      url: (p) => `${base}${p}`,
      bemfa: server.listening.bemfa,
      line: server.listening.line,
      // Calls the native API with the tenant's key (or `key`); returns {status, body}.
      api: async (method, p, json, key = server.key) => {
        const res = await fetch(`${base}${p}`, {
          method,
          headers: { Authorization: `Bearer ${key}`, ...(json ? { 'Content-Type': 'application/json' } : {}) },
          body: json ? JSON.stringify(json) : undefined,
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      },
      // Signs in through the sign-in page (the page must be showing it).
      signIn: async (key = server.key) => {
        await page.locator('#private-key').fill(key);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Topics' }).waitFor();
      },
      // Desktop and phone screenshots of the current page: <name>-desktop.png, <name>-phone.png.
      shot: async (shotName) => {
        await page.evaluate(() => {
          if (document.activeElement) document.activeElement.blur();
          window.scrollTo(0, 0);
        });
        await page.setViewportSize(DESKTOP);
        await page.waitForTimeout(150); // layout settles after a resize
        await page.screenshot({ path: path.join(shots, `${shotName}-desktop.png`), fullPage: true });
        await page.setViewportSize(PHONE);
        await page.waitForTimeout(150);
        await page.screenshot({ path: path.join(shots, `${shotName}-phone.png`), fullPage: true });
        await page.setViewportSize(DESKTOP);
      },
      // Runs `fn` when the test ends (devices to close, ...).
      onCleanup: (fn) => cleanups.push(fn),
    };
    await body(t);
    if (pageErrors.length) throw new Error(`the page reported errors:\n  ${pageErrors.join('\n  ')}`);
  } catch (e) {
    failed = e;
  }
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {
      // a device that is already gone
    }
  }
  if (context) await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  if (server) {
    if (server.exited) {
      const how = server.exited.signal || `status ${server.exited.code}`;
      failed = new Error(`roost exited with ${how} during the test${failed ? `; then: ${failed.message}` : ''}`);
    }
    try {
      const exit = await stopServer(server);
      if (!failed && (exit.code !== 0 || exit.signal)) failed = new Error(`roost exited with ${exit.signal || exit.code} after SIGTERM (expected 0)`);
    } catch (e) {
      failed = failed || e;
    }
    fs.rmSync(server.data, { recursive: true, force: true });
  }
  if (failed) {
    console.error(`console.${name}: FAILED: ${failed.stack || failed.message}`);
    if (server) console.error(`--- roost ${server.args.join(' ')}\n${server.log.slice(-200).join('\n')}\n--- end of roost log`);
    process.exit(1);
  }
  console.log(`console.${name}: passed (screenshots in ${shots})`);
  process.exit(0);
}

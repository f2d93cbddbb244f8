// Shared plumbing of the real-client launchers: code-server (VS Code 1.100.3 in the browser, from npm)
// on 127.0.0.1 in its own process group with isolated state, and Debian's Chromium via playwright-core.
// Nothing here downloads anything; nothing listens beyond 127.0.0.1.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The repo root (= the extension) resolved from this file, never hard-coded. */
export const REPO = path.resolve(E2E_DIR, '..', '..');
export const FIXTURE_WS = path.join(REPO, 'test', 'fixtures', 'workspace');
export const CODE_SERVER = path.join(E2E_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const t0 = Date.now();
export const lap = (tag, msg) => console.log(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

export function requireInstalled() {
  const missing = [];
  if (!fs.existsSync(CODE_SERVER)) missing.push('code-server (test/e2e/node_modules)');
  if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', 'playwright-core'))) missing.push('playwright-core');
  if (!fs.existsSync(CHROMIUM)) missing.push(CHROMIUM);
  if (missing.length) {
    console.error(`missing: ${missing.join(', ')}. Run: bash test/e2e/install.sh`);
    process.exit(2);
  }
}

/** A fresh temp dir for one run: code-server state, Chromium profile, logs, workspace copy. */
export function makeRunDir(prefix) {
  const base = process.env.REPORT_LINT_E2E_TMP || os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `report-lint-${prefix}-`));
}

/** A fresh copy of test/fixtures/workspace (tests edit documents; the repo copy stays pristine). */
export function copyWorkspace(runDir, from = FIXTURE_WS) {
  const ws = path.join(runDir, 'workspace');
  fs.cpSync(from, ws, { recursive: true });
  return ws;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitHealthy(port, child, timeoutMs) {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (child.exitCode !== null || child.signalCode) return reject(new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`));
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (r) => {
        r.resume();
        r.statusCode === 200 ? resolve() : retry();
      });
      req.on('error', retry);
      req.on('timeout', () => req.destroy());
    };
    const retry = () => (Date.now() > end ? reject(new Error(`code-server not healthy within ${timeoutMs} ms`)) : setTimeout(poll, 100));
    poll();
  });
}

const groups = new Set();
/** SIGTERM the process group, SIGKILL what is left after a grace period. */
export async function killGroup(pid, graceMs = 5000) {
  if (!pid) return;
  groups.delete(pid);
  const alive = () => { try { process.kill(-pid, 0); return true; } catch { return false; } };
  try { process.kill(-pid, 'SIGTERM'); } catch { return; }
  const end = Date.now() + graceMs;
  while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (alive()) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
}
function killAllSync() {
  for (const pid of groups) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
  groups.clear();
}
process.on('exit', killAllSync);

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group, all state under runDir.
 * Returns {port, pid, child, url(base), logFile, stop()}.
 */
export async function startCodeServer(runDir, { extraArgs = [], env = {}, settings = {}, tag = 'e2e', port: wanted } = {}) {
  const port = wanted ? Number(wanted) : await freePort();
  const ud = path.join(runDir, 'user-data');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    ...settings,
  }, null, 2));
  const config = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const xdg = path.join(runDir, 'xdg');
  const childEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace configured: no request leaves loopback
    ...env,
  };
  delete childEnv.VSCODE_IPC_HOOK_CLI; // never talk to an editor this shell may run inside
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(CODE_SERVER, [
    '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', ud, '--extensions-dir', path.join(runDir, 'extensions'),
    ...extraArgs,
  ], { env: childEnv, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  groups.add(child.pid);
  await waitHealthy(port, child, 60000);
  lap(tag, `code-server ${port} up (pgid ${child.pid}, state in ${runDir})`);
  return { port, pid: child.pid, child, base: `http://127.0.0.1:${port}`, authority: `127.0.0.1:${port}`, logFile, stop: () => killGroup(child.pid) };
}

/** Runs code-server's CLI once (e.g. --install-extension) with the same isolated dirs; returns its output. */
export function codeServerCli(runDir, args) {
  const xdg = path.join(runDir, 'xdg');
  return new Promise((resolve, reject) => {
    const child = spawn(CODE_SERVER, [
      '--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions'), ...args,
    ], {
      env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'),
        XDG_CACHE_HOME: path.join(xdg, 'cache'), EXTENSIONS_GALLERY: '{}' },
      detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    groups.add(child.pid);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      groups.delete(child.pid);
      code === 0 ? resolve(out) : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

/** Debian's Chromium, headless, fresh profile under runDir; never a downloaded browser. */
export async function launchChromium(runDir, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const xdg = path.join(runDir, 'chrome-xdg');
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chrome-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_CACHE_HOME: path.join(xdg, 'cache'), HOME: xdg },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  const page = context.pages()[0] || (await context.newPage());
  const external = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|vscode-|about:)/.test(u)) external.push(u);
  });
  return { context, page, external };
}

/** Workbench URL: folder plus a payload (extensionDevelopmentPath, openFile, ...). */
export function workbenchUrl(cs, folder, payload = []) {
  let url = `${cs.base}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
export const remote = (cs, absPath) => `vscode-remote://${cs.authority}${absPath}`;

/** Hard timeout for a whole launcher: kills every group it started and exits 1. */
export function hardTimeout(tag, seconds, onTimeout) {
  const t = setTimeout(async () => {
    console.error(`[${tag}] HARD TIMEOUT after ${seconds}s: stopping everything`);
    try { await onTimeout?.(); } catch {}
    killAllSync();
    process.exit(1);
  }, seconds * 1000);

  return t;
}

/** Ctrl-C / SIGTERM: stop our process groups, then exit. */
export function onSignals(cleanup) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, async () => {
      try { await cleanup?.(); } catch {}
      killAllSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Bundles test/integration (esbuild, vscode+mocha external) when out/ lacks it or is older than the sources. */
export async function ensureSuiteBuilt(TESTS, TAG) { // TESTS: the output file
  const srcDir = path.join(REPO, 'test', 'integration');
  if (!fs.existsSync(srcDir)) return;
  const newest = Math.max(...fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts')).map((f) => fs.statSync(path.join(srcDir, f)).mtimeMs));
  if (fs.existsSync(TESTS) && fs.statSync(TESTS).mtimeMs >= newest) return;
  const esbuild = createRequire(path.join(REPO, 'package.json'))('esbuild');
  await esbuild.build({
    entryPoints: [path.join(srcDir, 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', 'mocha'], outfile: TESTS, sourcemap: true, logLevel: 'warning',
  });
  lap(TAG, `bundled ${path.relative(REPO, TESTS)}`);
}

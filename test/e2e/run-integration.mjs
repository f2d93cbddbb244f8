#!/usr/bin/env node
// `npm run test:integration`: the integration suite (test/integration, mocha inside the extension host)
// in a real VS Code 1.100.3 = code-server 4.100.3 from npm, driven by Debian's Chromium. The repo root
// is loaded as extensionDevelopmentPath and out/test/integration/index.js as extensionTestsPath through
// the workbench URL payload; the exit code is the one the workbench hands to codeAutomationExit.
//
// usage: node test/e2e/run-integration.mjs [--keep] [--grep PATTERN] [--workspace DIR] [--extension DIR]
//   env: REPORT_LINT_E2E_TIMEOUT_S (hard timeout, default 480), REPORT_LINT_E2E_TMP (temp base)
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  REPO, copyWorkspace, ensureSuiteBuilt, hardTimeout, killGroup, lap, launchChromium, makeRunDir, onSignals, remote, requireInstalled,
  startCodeServer, workbenchUrl,
} from './lib.mjs';

const TAG = 'integration';
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const KEEP = args.includes('--keep') || !!process.env.REPORT_LINT_E2E_KEEP;
const EXT = path.resolve(opt('--extension') || REPO);
const TESTS = path.join(EXT, 'out', 'test', 'integration', 'index.js');
const TIMEOUT_S = Number(process.env.REPORT_LINT_E2E_TIMEOUT_S || 480);

requireInstalled();
await ensureSuiteBuilt(TESTS, TAG);

const runDir = makeRunDir('it');
const ws = copyWorkspace(runDir, opt('--workspace') ? path.resolve(opt('--workspace')) : undefined);
const bridge = path.join(runDir, 'bridge');
fs.mkdirSync(bridge);
let cs, browser, bridgeTimer;
let serving = false; // one bridge request at a time
const cleanup = async () => {
  clearInterval(bridgeTimer);
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
};
onSignals(cleanup);
hardTimeout(TAG, TIMEOUT_S, cleanup);

// workbench chatter that says nothing about our extension
const QUIET = /^(Ignoring fetching additional builtin extensions|Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|ChatSessionStore|Updating additional builtin extensions cache)/;

let exitCode = 1;
try {
  // the suite's benchmark numbers (test/integration/perf.test.ts) land in test/e2e/out/integration-perf.json
  const env = { REPORT_LINT_E2E_BRIDGE: bridge, REPORT_LINT_E2E_OUT: path.join(REPO, 'test', 'e2e', 'out') };
  if (opt('--grep')) env.REPORT_LINT_E2E_GREP = opt('--grep');
  cs = await startCodeServer(runDir, { env, tag: TAG });
  const { context, page, external } = await launchChromium(runDir);
  browser = context;

  // the workbench calls these window globals when they exist; expose them BEFORE goto
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
    if (QUIET.test(line)) return;
    process.stdout.write(`  [exthost ${type}] ${line.replace(/\n/g, '\n  ')}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    for (const l of logs || []) {
      const f = path.join(runDir, 'workbench-logs', l.relativePath);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, l.contents);
    }
    resolveExit(code);
  });
  page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
  page.on('crash', () => { console.error(`[${TAG}] the workbench page crashed`); resolveExit(1); });
  page.on('close', () => resolveExit(1)); // no-op once codeAutomationExit has resolved
  bridgeTimer = setInterval(() => serveBridge(page).catch((e) => console.log(`  [bridge] ${e.message}`)), 100);

  const payload = [
    ['extensionDevelopmentPath', remote(cs, EXT)],
    ['extensionTestsPath', remote(cs, TESTS)],
    ['skipWelcome', 'true'],
  ];
  lap(TAG, `workbench: extension ${EXT}, tests ${path.relative(EXT, TESTS)}, workspace ${ws}`);
  // no need to wait for 'load': codeAutomationExit (or the hard timeout) ends the run
  await page.goto(workbenchUrl(cs, ws, payload), { waitUntil: 'commit', timeout: 120000 });
  exitCode = await exited;
  lap(TAG, `codeAutomationExit(${exitCode})`);
  if (external.length) console.log(`  requests beyond 127.0.0.1: ${external.join(', ')}`);
} catch (e) {
  console.error(`[${TAG}] RUNNER ERROR: ${e.stack || e}`);
  exitCode = 1;
} finally {
  await cleanup();
}
if (exitCode !== 0) {
  relayHostLogs();
  console.log(`[${TAG}] state kept for inspection: ${runDir}`);
} else if (!KEEP) {
  fs.rmSync(runDir, { recursive: true, force: true });
}
lap(TAG, exitCode === 0 ? 'PASSED' : `FAILED (exit ${exitCode})`);
process.exit(exitCode === 0 ? 0 : 1);

// ---------------------------------------------------------------------------------------------

/** Answers requests the suite writes into the bridge dir with what the workbench DOM shows. */

async function serveBridge(page) {
  if (serving) return;
  serving = true;
  try {
    for (const f of fs.readdirSync(bridge).filter((n) => n.endsWith('.request.json'))) {
      const req = JSON.parse(fs.readFileSync(path.join(bridge, f), 'utf8'));
      fs.rmSync(path.join(bridge, f));
      let answer = { ok: false, items: [] };
      if (req.kind === 'statusbar') answer = await statusBarShows(page, req.number, 25000);
      if (req.kind === 'keystrokes') answer = await profiled(page, req.label ?? 'keystrokes', () => typeAndTime(page, req));
      const out = path.join(bridge, f.replace('.request.json', '.answer.json'));
      fs.writeFileSync(out + '.tmp', JSON.stringify(answer));
      fs.renameSync(out + '.tmp', out);
    }
  } finally {
    serving = false;
  }
}

/** Waits (bounded) until a status-bar item's text holds `number` as a whole number. */
async function statusBarShows(page, number, timeoutMs) {
  const re = new RegExp(`(^|\\D)${number}(\\D|$)`);
  const end = Date.now() + timeoutMs;
  let items = [];
  for (;;) {
    items = await page.$$eval('.part.statusbar .statusbar-item', (els) =>
      els.map((e) => `${(e.textContent || '').trim()} | ${e.getAttribute('aria-label') || ''}`).filter((t) => t !== ' | '));
    const matched = items.find((t) => re.test(t.split(' | ')[0]) && /report|lint|profile|zh-|问题|finding/i.test(t));
    if (matched) return { ok: true, items, matched };
    if (Date.now() > end) return { ok: false, items };
    await page.waitForTimeout(100); // polling the DOM for a condition, bounded by timeoutMs
  }
}

/**
 * Types in the focused editor as a user would (Chromium input events, not the extension API) and
 * times each keystroke in the page. An even keystroke commits `req.char` as an input method commits
 * it (text input) and must add one squiggle to the line holding `req.lineText`; an odd one is
 * Backspace and must take it away again. Per keystroke, in epoch ms (performance.timeOrigin + now,
 * comparable with the extension host's clock): `input`, its first input event (keydown or
 * beforeinput, capture phase); `echo`, the first frame whose DOM shows the line's new text (the
 * editor's own work); `drawn`, the first frame whose DOM shows the line's squiggles changed (the
 * editor renders on an animation frame, so this is the frame the user sees it in). Each keystroke is
 * bounded by `req.timeoutMs`.
 */
/**
 * With REPORT_LINT_E2E_PROFILE=DIR, the page's JavaScript is profiled while `run` runs (Chrome
 * DevTools Protocol) and written to DIR/<label>-<time>.cpuprofile (read with bench/top-self.mjs).
 */
async function profiled(page, label, run) {
  const dir = process.env.REPORT_LINT_E2E_PROFILE;
  if (!dir) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(path.resolve(dir), `${label.replace(/[^\w.-]+/g, '_')}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    console.log(`[${TAG}] page profile of ${label}: ${file}`);
    await cdp.detach().catch(() => {});
  }
}

async function typeAndTime(page, req) {
  const samples = [];
  await page.evaluate(() => {
    const w = window;
    w.__rlInput = 0;
    const mark = () => { if (!w.__rlInput) w.__rlInput = performance.now(); };
    if (!w.__rlListening) {
      // once per page: the listeners only keep the first input event after each arming
      w.__rlListening = true;
      for (const type of ['keydown', 'beforeinput']) document.addEventListener(type, mark, true);
    }
    w.__rlLine = (lineText) => {
      const editor = document.querySelector('.monaco-editor.focused') || document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return { editor: false };
      const line = [...editor.querySelectorAll('.view-lines .view-line')].find((e) => (e.textContent || '').includes(lineText));
      if (!line) return { editor: true, line: false };
      const overlay = [...editor.querySelectorAll('.view-overlays > div')].find((e) => e.style.top === line.style.top);
      return { editor: true, line: true, text: line.textContent, squiggles: overlay ? overlay.querySelectorAll('[class*="squiggly-"]').length : 0 };
    };
  });
  const before = await page.evaluate((t) => window.__rlLine(t), req.lineText);
  if (!before.line) return { ok: false, error: `no editor line holding ${req.lineText} in view`, before };
  for (let i = 0; i < req.count; i++) {
    const insert = i % 2 === 0;
    const want = before.squiggles + (insert ? 1 : 0);
    await page.evaluate(([lineText, want, timeoutMs]) => {
      const w = window;
      const editor = document.querySelector('.monaco-editor.focused') || document.querySelector('.editor-instance .monaco-editor');
      const text0 = w.__rlLine(lineText).text;
      w.__rlInput = 0;
      w.__rlDone = new Promise((resolve) => {
        let echo = 0;
        const check = () => {
          if (!w.__rlInput) return;
          const s = w.__rlLine(lineText);
          if (!s.line) return;
          if (!echo && s.text !== text0) echo = performance.now();
          if (echo && s.squiggles === want) {
            const o = performance.timeOrigin;
            finish({ ok: true, input: o + w.__rlInput, echo: o + echo, drawn: o + performance.now() });
          }
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => finish({ ok: false, error: `the line's squiggles did not reach ${want} within ${timeoutMs} ms`, last: w.__rlLine(lineText) }), timeoutMs);
        const finish = (r) => { observer.disconnect(); clearTimeout(timer); resolve(r); };
        observer.observe(editor, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    }, [req.lineText, want, req.timeoutMs]);
    if (insert) await page.keyboard.insertText(req.char);
    else await page.keyboard.press('Backspace');
    const r = await page.evaluate(() => window.__rlDone);
    if (!r.ok) return { ok: false, error: r.error, last: r.last, samples };
    samples.push({ edit: insert ? 'insert' : 'delete', input: r.input, echo: r.echo, drawn: r.drawn });
  }
  return { ok: true, before: before.squiggles, samples };
}

/** On failure: show the extension host's and the extension's own logs from this run. */
function relayHostLogs() {
  const roots = [path.join(runDir, 'workbench-logs'), path.join(runDir, 'user-data', 'logs')];
  const files = [];
  const walk = (d) => { if (fs.existsSync(d)) for (const n of fs.readdirSync(d)) { const p = path.join(d, n); fs.statSync(p).isDirectory() ? walk(p) : files.push(p); } };
  roots.forEach(walk);
  for (const f of files.filter((p) => /exthost|remoteexthost|report|Report/i.test(p))) {
    const text = fs.readFileSync(f, 'utf8').trim();
    if (!text) continue;
    console.log(`----- ${path.relative(runDir, f)} (last 40 lines) -----`);
    console.log(text.split('\n').slice(-40).join('\n'));
  }
  if (cs) console.log(`----- code-server.log (last 20 lines) -----\n${fs.readFileSync(cs.logFile, 'utf8').trim().split('\n').slice(-20).join('\n')}`);
}

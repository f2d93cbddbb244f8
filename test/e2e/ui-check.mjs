#!/usr/bin/env node
// `npm run test:ui`: what a person sees, through the browser. code-server opens a fresh copy of the
// fixture workspace with the extension loaded; we open the example report by Quick Open, wait for the
// squiggles, open the Problems panel and check its entries (rule ids and lines), check the status bar
// count, and take screenshots into test/screenshots/. The preview check runs once the manifest
// contributes reportLint.openPreview (issue 7); until then it says so and is skipped. Last, the snippet
// check of snippet-shot.mjs: a new .report.md, gzzj + Tab, save, placeholders in the Problems panel.
//
// usage: node test/e2e/ui-check.mjs [--vsix FILE] [--extension DIR] [--readme] [--keep]
//   --vsix FILE  install the packaged extension (code-server --install-extension) instead of loading
//                the repo root as extensionDevelopmentPath
//   --readme     also write the readme-*.png screenshots the README shows
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, codeServerCli, copyWorkspace, hardTimeout, lap, launchChromium, makeRunDir, onSignals, remote, requireInstalled,
  startCodeServer, workbenchUrl,
} from './lib.mjs';
import { SNIPPET_SHOT, snippetCheck } from './snippet-shot.mjs';

const TAG = 'ui';
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const VSIX = opt('--vsix') ? path.resolve(opt('--vsix')) : undefined;
const README = args.includes('--readme');
const KEEP = args.includes('--keep');
const EXT = path.resolve(opt('--extension') || REPO); // the extension loaded as extensionDevelopmentPath
const SHOTS = path.join(REPO, 'test', 'screenshots');
const REPORT = '2024年工作总结.report.txt';
// rule id -> 1-based lines, as the Problems panel shows them ("Ln 8")
const EXPECTED = [
  ['placeholder', 1], ['required-section', 1], ['placeholder', 7], ['artifact', 8], ['duplicate-punctuation', 8],
  ['placeholder', 12], ['heading-numbering', 14],
];

requireInstalled();
if (!VSIX && !fs.existsSync(path.join(EXT, 'dist', 'client.js'))) {
  console.error('dist/client.js is missing: run `npm run build` first');
  process.exit(2);
}
fs.mkdirSync(SHOTS, { recursive: true });
const runDir = makeRunDir('ui');
const ws = copyWorkspace(runDir);
let cs, browser;
const cleanup = async () => {
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
};
onSignals(cleanup);
hardTimeout(TAG, Number(process.env.REPORT_LINT_E2E_TIMEOUT_S || 420), cleanup);

const failures = [];
let passed = 0;
const check = (ok, what) => { lap(TAG, `${ok ? 'ok  ' : 'FAIL'} ${what}`); ok ? passed++ : failures.push(what); };
let page;
try {
  if (VSIX) lap(TAG, (await codeServerCli(runDir, ['--install-extension', VSIX])).trim().split('\n').pop());
  cs = await startCodeServer(runDir, { tag: TAG });
  const b = await launchChromium(runDir);
  browser = b.context;
  page = b.page;
  page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
  const payload = VSIX ? [] : [['extensionDevelopmentPath', remote(cs, EXT)]];
  await page.goto(workbenchUrl(cs, ws, [...payload, ['skipWelcome', 'true']]), { waitUntil: 'commit', timeout: 120000 });
  // generous bounds: a loaded 2-core machine takes up to a minute or two to bring the workbench up
  await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
  await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label="${REPORT}"]`, { timeout: 120000 });
  lap(TAG, 'workbench up, explorer lists the report');

  // open the report as a person does: Quick Open, type its name, Enter
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 45000 });
  await page.keyboard.type('2024年工作总结');
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${REPORT}"]`, { timeout: 45000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${REPORT}"]`, { timeout: 45000 });
  lap(TAG, 'report open in an editor');
  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120000 });
  check(true, 'warning squiggles in the editor');

  // Problems panel
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 45000 });
  let rows = [];
  const want = EXPECTED.length;
  const end = Date.now() + 45000;
  for (;;) { // the panel fills in asynchronously: poll (bounded) until all expected entries are rendered
    rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => (e.textContent || '').replace(/\s+/g, ' ').trim()));
    if (EXPECTED.every(([rule, line]) => rows.some((r) => r.includes(rule) && r.includes(`Ln ${line},`))) || Date.now() > end) break;
    await page.waitForTimeout(200);
  }
  for (const [rule, line] of EXPECTED) {
    check(rows.some((r) => r.includes(rule) && r.includes(`Ln ${line},`) && r.includes('report-lint')), `Problems panel: ${rule} on line ${line}`);
  }
  const entries = rows.filter((r) => r.includes('report-lint'));
  check(entries.length === want, `Problems panel: exactly ${want} report-lint entries (got ${entries.length})`);
  check(!rows.some((r) => r.includes('notes.md')), 'Problems panel: nothing for notes.md');
  if (failures.length) console.log(rows.map((r) => `    | ${r}`).join('\n'));

  // status bar: the count of findings of the active report
  const items = await page.$$eval('.part.statusbar .statusbar-item', (els) => els.map((e) => (e.textContent || '').trim()).filter(Boolean));
  const sb = items.find((t) => new RegExp(`(^|\\D)${want}(\\D|$)`).test(t) && !/Ln \d|Spaces|UTF|CRLF|LF/.test(t));
  check(!!sb, `status bar shows ${want} findings (${sb ? `"${sb}"` : `items: ${JSON.stringify(items)}`})`);
  await page.screenshot({ path: path.join(SHOTS, 'ui-problems.png') });
  if (README) await page.screenshot({ path: path.join(SHOTS, 'readme-problems.png') });
  lap(TAG, 'screenshot test/screenshots/ui-problems.png');

  await previewCheck();
  // issue 6: gzzj + Tab in a new .report.md, save, Problems lists the placeholders (readme-snippet.png)
  const snippetShots = [path.join(SHOTS, 'ui-snippet.png'), ...(README ? [SNIPPET_SHOT] : [])];
  await snippetCheck({ page, ws, check, lap: (m) => lap(TAG, m), shots: snippetShots });
} catch (e) {
  failures.push(`runner: ${e.message}`);
  console.error(`[${TAG}] ${e.stack || e}`);
  if (page) await page.screenshot({ path: path.join(SHOTS, 'ui-failure.png') }).catch(() => {});
} finally {
  await cleanup();
}
if (failures.length) console.log(`[${TAG}] state kept for inspection: ${runDir}`);
else if (!KEEP) fs.rmSync(runDir, { recursive: true, force: true });
console.log(`ui: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);

/** Title of a contributed command as the palette shows it ("Category: Title"), %nls% keys resolved. */
function paletteLabel(id) {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
  const nlsFile = path.join(EXT, 'package.nls.json');
  const nls = fs.existsSync(nlsFile) ? JSON.parse(fs.readFileSync(nlsFile, 'utf8')) : {};
  const t = (v) => (typeof v === 'string' ? v.replace(/^%(.+)%$/, (m, k) => (typeof nls[k] === 'string' ? nls[k] : nls[k]?.message ?? m)) : v);
  const cmd = (manifest.contributes?.commands || []).find((c) => c.command === id);
  if (!cmd) return undefined;
  return { title: t(cmd.title), label: cmd.category ? `${t(cmd.category)}: ${t(cmd.title)}` : t(cmd.title) };
}

/** Runs a command from the command palette (F1), as a person does; false when it is not contributed. */
async function runFromPalette(id) {
  const c = paletteLabel(id);
  if (!c) return false;
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 45000 });
  await page.keyboard.type(c.label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: c.title }).first().waitFor({ timeout: 45000 });
  check(true, `command palette lists "${c.label}"`);
  await page.keyboard.press('Enter');
  return true;
}

/**
 * The preview (issue 7), once the manifest contributes reportLint.openPreview: run it from the palette
 * and find the rendered report inside the webview iframes (page.frames()). Then export to HTML through
 * the save dialog (code-server's simple file dialog: accept the suggested path) when that command exists.
 */
async function previewCheck() {
  if (!(await runFromPalette('reportLint.openPreview'))) {
    lap(TAG, 'skip preview: the manifest does not contribute reportLint.openPreview yet');
    return;
  }
  // poll (bounded) the webview frames for the rendered title in a frame that is actually shown: the
  // webview may reload its frames while it starts, so a frame is re-found on every round
  // the box of a frame's element when it and every frame around it are shown, else undefined
  const shown = async (f) => {
    let inner;
    for (let fr = f; fr && fr !== page.mainFrame(); fr = fr.parentFrame()) {
      const el = await fr.frameElement();
      const box = await el.boundingBox();
      if (!box || box.width < 10 || box.height < 10 || !(await el.isVisible())) return undefined;
      inner ??= box;
    }
    return inner;
  };
  const findShown = async () => {
    for (const f of page.frames()) {
      try {
        const text = await f.evaluate(() => document.body?.innerText || '');
        const box = text.includes('2024年工作总结') ? await shown(f) : undefined;
        if (box) return box;
      } catch { /* detached while we looked */ }
    }
    return undefined;
  };
  // then wait until the preview's area is visibly painted: the webview paints in its own renderer and
  // may replace its frame while it starts (a blank area compresses to a few KB of PNG, the page not)
  const end = Date.now() + 60000;
  let found = false;
  let painted = false;
  let lastSize, lastBox, lastErr;
  while (!painted && Date.now() < end) {
    const box = await findShown();
    if (box) {
      found = true;
      lastBox = box;
      try {
        lastSize = (await page.screenshot({ clip: box })).length;
        painted = lastSize > 15000;
      } catch (e) { lastErr = e.message.split('\n')[0]; }
    }
    if (!painted) await page.waitForTimeout(250);
  }
  check(found, 'preview webview shows the report title');
  check(painted, `the preview is painted on screen (not a blank area)${painted ? '' : `: last ${lastSize} bytes of PNG for ${JSON.stringify(lastBox)}${lastErr ? `, ${lastErr}` : ''}`}`);
  await page.screenshot({ path: path.join(SHOTS, 'ui-preview.png') });
  if (README) await page.screenshot({ path: path.join(SHOTS, 'readme-preview.png') });
  lap(TAG, 'screenshot test/screenshots/ui-preview.png');

  // export: back to the report's editor, then Export to HTML and accept the suggested file name
  await page.locator(`.tab[aria-label*="${REPORT}"]`).first().click();
  const before = new Set(fs.readdirSync(ws));
  if (!(await runFromPalette('reportLint.exportHtml'))) {
    lap(TAG, 'skip export: the manifest does not contribute reportLint.exportHtml yet');
    return;
  }
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 45000 });
  await page.keyboard.press('Enter');
  const endX = Date.now() + 45000;
  let exported;
  while (!exported && Date.now() < endX) { // poll the workspace copy (bounded) for the new file
    exported = fs.readdirSync(ws).find((f) => !before.has(f) && f.endsWith('.html'));
    if (!exported) await page.waitForTimeout(250);
  }
  const html = exported ? fs.readFileSync(path.join(ws, exported), 'utf8') : '';
  check(!!exported && html.includes('2024年工作总结'), `export to HTML wrote ${exported ?? 'nothing'} holding the report title`);
}

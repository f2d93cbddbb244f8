#!/usr/bin/env node
// Issue 6, as a person: in an empty `new.report.md`, type `gzzj` and press Tab; the 工作总结 skeleton
// appears; save (Ctrl+S); the Problems panel lists the skeleton's placeholder findings. The screenshot
// is test/screenshots/readme-snippet.png (the README shows it).
// Called by ui-check.mjs (same browser, after its checks), or on its own:
//   node test/e2e/snippet-shot.mjs [--keep]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REPO, copyWorkspace, hardTimeout, lap as lapAt, launchChromium, makeRunDir, onSignals, remote, requireInstalled,
  startCodeServer, workbenchUrl,
} from './lib.mjs';

export const SNIPPET_FILE = 'new.report.md';
export const SNIPPET_SHOT = path.join(REPO, 'test', 'screenshots', 'readme-snippet.png');
// lines of the 工作总结 skeleton (snippets/report.code-snippets.json) that must be on screen
const SKELETON = ['工作总结', '一、主要做法和成效', '（一）', '二、存在的问题', '三、下一步工作打算'];

/** Runs a command by its palette label (F1, type, Enter), waiting for the row that shows `title`. */
async function palette(page, label, title = label) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 45000 });
  await page.keyboard.type(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 45000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 45000 });
}

/** Polls (bounded, every 200 ms) until `fn()` returns a truthy value; returns the last value. */
async function until(page, fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  let v;
  for (;;) {
    v = await fn();
    if (v || Date.now() > end) return v;
    await page.waitForTimeout(200); // polling a condition, bounded by timeoutMs
  }
}

/**
 * The check itself, on a workbench page whose folder is `ws`. `check(ok, what)` records results;
 * `shots`: where the screenshot goes. Throws only on runner errors (a wait that timed out is a failed check).
 */
export async function snippetCheck({ page, ws, check, lap, shots = [SNIPPET_SHOT] }) {
  // close what earlier checks opened, so that the Problems panel shows the new report's findings only
  // (pull diagnostics are dropped when a document closes)
  await palette(page, 'View: Close All Editors', 'Close All Editors');
  await page.waitForSelector('.tabs-container .tab', { state: 'detached', timeout: 45000 });

  // a new empty file, as a person makes it: the Explorer's "New File..." action on the workspace folder,
  // type the name, Enter (VS Code creates the file on disk and opens it)
  const header = page.locator('.explorer-viewlet .pane-header').filter({ has: page.locator('.title', { hasText: /workspace/i }) }).first();
  await header.hover();
  await header.locator('.action-label[aria-label^="New File"]').first().click({ timeout: 45000 });
  const nameBox = page.locator('.explorer-folders-view .monaco-inputbox input');
  await nameBox.waitFor({ state: 'visible', timeout: 45000 });
  await page.keyboard.type(SNIPPET_FILE);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${SNIPPET_FILE}"]`, { timeout: 45000 });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.waitFor({ timeout: 45000 });
  const created = await until(page, async () => fs.existsSync(path.join(ws, SNIPPET_FILE)) && fs.readFileSync(path.join(ws, SNIPPET_FILE), 'utf8') === '', 20000);
  check(!!created, `the Explorer's New File made an empty ${SNIPPET_FILE} on disk`);
  await editor.locator('.view-lines').click(); // the cursor in the empty editor
  const lang = await page.locator('.statusbar-item[id="status.editor.mode"]').first().textContent({ timeout: 10000 }).catch(() => '?');
  lap(`${SNIPPET_FILE} open (language mode: ${(lang || '').trim()})`);

  // type the prefix as a person does, then Tab
  await page.keyboard.type('gzzj', { delay: 50 });
  const viewText = () => editor.locator('.view-lines').evaluate((el) => (el.textContent || '').replace(/\u00a0/g, ' '));
  await until(page, async () => (await viewText()).includes('gzzj'), 10000);
  const suggest = await page.locator('.suggest-widget.visible').count();
  lap(`typed gzzj; suggest widget ${suggest ? 'open' : 'closed'}; pressing Tab`);
  await page.keyboard.press('Tab');
  const expanded = await until(page, async () => { const t = await viewText(); return SKELETON.every((s) => t.includes(s)); }, 20000);
  check(!!expanded, `gzzj + Tab inserts the 工作总结 skeleton (${SKELETON.join(' / ')})`);
  if (!expanded) {
    lap(`editor shows: ${JSON.stringify((await viewText()).slice(0, 200))}`);
    await page.screenshot({ path: path.join(REPO, 'test', 'screenshots', 'ui-snippet-failure.png') });
    return;
  }

  // leave snippet mode, save, wait until the tab is clean and the file on disk holds the skeleton
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  const saved = await until(page, async () => {
    const dirty = await page.locator(`.tab.dirty[aria-label*="${SNIPPET_FILE}"]`).count();
    return dirty === 0 && fs.readFileSync(path.join(ws, SNIPPET_FILE), 'utf8').includes('二、存在的问题');
  }, 20000);
  check(!!saved, `Ctrl+S saves the skeleton to ${SNIPPET_FILE}`);

  // the Problems panel: open it if it is not shown, then wait for the placeholder entries of the new file
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel', { state: 'visible', timeout: 45000 });
  const rowsNow = () => page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => (e.textContent || '').replace(/\s+/g, ' ').trim()));
  let rows = [];
  const enough = await until(page, async () => {
    rows = await rowsNow();
    const file = rows.some((r) => r.includes(SNIPPET_FILE));
    const ph = rows.filter((r) => r.includes('placeholder') && r.includes('report-lint'));
    return file && ph.length >= 3;
  }, 60000);
  const ph = rows.filter((r) => r.includes('placeholder') && r.includes('report-lint'));
  check(!!enough, `Problems panel lists ${SNIPPET_FILE} with its placeholder findings (${ph.length} placeholder entries)`);
  if (!enough) console.log(rows.map((r) => `    | ${r}`).join('\n'));
  else console.log(ph.slice(0, 4).map((r) => `    | ${r.slice(0, 140)}`).join('\n'));
  // the editor on top, the Problems panel below: what the README shows
  for (const shot of shots) {
    await page.screenshot({ path: shot });
    lap(`screenshot ${path.relative(REPO, shot)}`);
  }
}

// ---- on its own: a fresh code-server with the repo as extensionDevelopmentPath ----
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const TAG = 'snippet';
  const KEEP = process.argv.includes('--keep');
  requireInstalled();
  const runDir = makeRunDir('snip');
  const ws = copyWorkspace(runDir);
  let cs, browser, page;
  const cleanup = async () => { if (browser) await browser.close().catch(() => {}); if (cs) await cs.stop(); };
  onSignals(cleanup);
  hardTimeout(TAG, Number(process.env.REPORT_LINT_E2E_TIMEOUT_S || 300), cleanup);
  const failures = [];
  let passed = 0;
  const lap = (m) => lapAt(TAG, m);
  const check = (ok, what) => { lap(`${ok ? 'ok  ' : 'FAIL'} ${what}`); ok ? passed++ : failures.push(what); };
  try {
    cs = await startCodeServer(runDir, { tag: TAG });
    ({ context: browser, page } = await launchChromium(runDir));
    await page.goto(workbenchUrl(cs, ws, [['extensionDevelopmentPath', remote(cs, REPO)], ['skipWelcome', 'true']]), { waitUntil: 'commit', timeout: 120000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 120000 });
    await snippetCheck({ page, ws, check, lap });
  } catch (e) {
    failures.push(`runner: ${e.message}`);
    console.error(`[${TAG}] ${e.stack || e}`);
    if (page) await page.screenshot({ path: path.join(REPO, 'test', 'screenshots', 'ui-snippet-failure.png') }).catch(() => {});
  } finally {
    await cleanup();
  }
  if (failures.length || KEEP) console.log(`[${TAG}] state kept: ${runDir}`);
  else fs.rmSync(runDir, { recursive: true, force: true });
  console.log(`snippet: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

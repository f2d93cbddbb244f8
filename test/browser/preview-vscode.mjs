#!/usr/bin/env node
// The preview in a real VS Code (code-server 4.100.3 from test/e2e, driven by Debian's Chromium):
// opens a report, runs "Report: Open Preview to the Side" from the command palette, and checks the
// webview: pages rendered under the CSP, title centred, the level-1 headings, placeholders
// highlighted; typing updates it; a click on a finding moves the editor; it follows the active
// editor; scroll sync both ways without a feedback loop.
//
// usage: node test/browser/preview-vscode.mjs [--file REPORT --headings N] [--readme] [--keep]
//   default report: test/fixtures/render/work-summary.txt (3 level-1 headings); the seed report is
//   `--file /work/shared/seed/000_eef47a82924a2744.txt --headings 5`.
//   --readme  writes docs/images/preview-vscode.png
// Needs `bash test/e2e/install.sh` and `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, copyWorkspace, hardTimeout, lap, launchChromium, makeRunDir, onSignals, remote, requireInstalled, startCodeServer, workbenchUrl } from '../e2e/lib.mjs';

const TAG = 'preview';
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const FILE = path.resolve(opt('--file') || path.join(REPO, 'test/fixtures/render/work-summary.txt'));
const HEADINGS = Number(opt('--headings') || 3);
const README = args.includes('--readme');
requireInstalled();
if (!fs.existsSync(path.join(REPO, 'dist', 'client.js'))) {
  console.error('dist/client.js is missing: run `npm run build` first');
  process.exit(2);
}
const runDir = makeRunDir('preview');
const ws = copyWorkspace(runDir);
// Named so that the default include setting (总结, 报告 …) makes it a report.
const SEED = '预览检查工作总结报告.txt';
fs.copyFileSync(FILE, path.join(ws, SEED));
const LONG = '长篇工作总结.report.txt';
const body = fs.readFileSync('/work/main/test/fixtures/render/work-summary.txt', 'utf8').split('\n').slice(2, 27).join('\n');
fs.writeFileSync(path.join(ws, LONG), `长篇工作总结\n\n${Array.from({ length: 8 }, () => body).join('\n')}\n`);
let cs, browser;
const cleanup = async () => {
  if (browser) await browser.close().catch(() => {});
  if (cs) await cs.stop();
};
onSignals(cleanup);
hardTimeout(TAG, Number(process.env.REPORT_LINT_E2E_TIMEOUT_S || 300), cleanup);
const results = [];
const check = (ok, what) => { lap(TAG, `${ok ? 'ok  ' : 'FAIL'} ${what}`); results.push([ok, what]); };
try {
  cs = await startCodeServer(runDir, { tag: TAG });
  const b = await launchChromium(runDir, { viewport: { width: 1600, height: 1000 } });
  browser = b.context;
  const page = b.page;
  await page.goto(workbenchUrl(cs, ws, [['extensionDevelopmentPath', remote(cs, REPO)], ['skipWelcome', 'true']]), { waitUntil: 'commit', timeout: 120000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
  await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label="${SEED}"]`, { timeout: 120000 });
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 45000 });
  await page.keyboard.type('预览检查工作总结报告');
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${SEED}"]`, { timeout: 45000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label*="${SEED}"]`, { timeout: 45000 });
  await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120000 });
  lap(TAG, 'seed open with squiggles');
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 20000 });
  await page.keyboard.type('Report: Open Preview to the Side');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Preview to the Side' }).first().waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
  let frame;
  const end = Date.now() + 60000;
  while (!frame && Date.now() < end) {
    for (const f of page.frames()) {
      const n = await f.evaluate(() => document.querySelectorAll('.rl-page').length).catch(() => 0);
      if (n > 0) { frame = f; break; }
    }
    if (!frame) await page.waitForTimeout(250);
  }
  check(!!frame, 'preview webview renders pages');
  if (frame) {
    const info = await frame.evaluate(() => {
      const t = document.querySelector('.rl-title');
      const cs = t && getComputedStyle(t);
      return {
        title: t?.textContent, align: cs?.textAlign, titleFont: cs?.fontSize,
        h1: document.querySelectorAll('.rl-h1').length,
        findings: Array.from(document.querySelectorAll('.rl-f')).map((e) => e.textContent).slice(0, 12),
        pages: document.querySelectorAll('.rl-page').length,
        pn: Array.from(document.querySelectorAll('.rl-pn')).map((e) => [e.textContent, getComputedStyle(e).textAlign]).slice(0, 2),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
        summary: document.querySelector('.rl-summary')?.textContent,
        figures: document.querySelectorAll('.rl-figures tbody tr').length,
        zoom: document.getElementById('rl-root').style.getPropertyValue('--rl-zoom'),
      };
    });
    console.log(JSON.stringify(info, null, 1));
    check(info.align === 'center' && !!info.title, `title centred ("${info.title}")`);
    check(info.h1 === HEADINGS, `${HEADINGS} level-1 headings (${info.h1})`);
    check(info.findings.some((t) => /xx|XX|某某/.test(t)), `placeholders highlighted (${info.findings.slice(0, 5).join(' ')})`);
    check(/^default-src 'none'; style-src \S+.* 'nonce-[A-Za-z0-9+/=]{32}'; script-src 'nonce-/.test(info.csp || ''), 'CSP default-src none with a nonce in the webview');
    check(info.pn.length > 0 && info.pn[0][0] === '\u2014 1 \u2014' && info.pn[0][1] === 'right', 'page 1 numbered — 1 — on the right');
    if (README) {
      fs.mkdirSync(path.join(REPO, 'docs/images'), { recursive: true });
      await page.screenshot({ path: path.join(REPO, 'docs/images/preview-vscode.png') });
      lap(TAG, 'screenshot docs/images/preview-vscode.png');
    }
    // live update: type at the top of the editor, the preview follows by message
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('新');
    const t0 = Date.now();
    await frame.waitForFunction(() => document.querySelector('.rl-title')?.textContent?.startsWith('新'), null, { timeout: 20000 }).then(() => check(true, `preview updated after typing (${Date.now() - t0} ms)`), () => check(false, 'preview updated after typing'));
    // click a finding in the preview: the editor moves to it
    const lnBefore = await page.evaluate(() => Array.from(document.querySelectorAll('.statusbar-item')).map((e) => e.textContent).find((t) => /Ln \d+/.test(t || '')));
    const target = frame.locator('.rl-f', { hasText: /XX|xx|某某/ }).last();
    const text = await target.textContent();
    await target.click();
    const moved = await page.waitForFunction((before) => { const t = Array.from(document.querySelectorAll('.statusbar-item')).map((e) => e.textContent).find((x) => /Ln \d+/.test(x || '')); return t && t !== before ? t : false; }, lnBefore, { timeout: 15000 }).then((h) => h.jsonValue(), () => undefined);
    check(!!moved, `click on finding "${text}" moves the editor (${lnBefore} → ${moved})`);
    // follows the active editor: open the long report, the preview switches to it
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 45000 });
    await page.keyboard.type('长篇工作总结');
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${LONG}"]`, { timeout: 45000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab[aria-label*="${LONG}"]`, { timeout: 45000 });
    let f2;
    const end2 = Date.now() + 30000;
    while (!f2 && Date.now() < end2) {
      for (const f of page.frames()) {
        const t = await f.evaluate(() => document.querySelector('.rl-title')?.textContent || '').catch(() => '');
        if (t === '长篇工作总结') { f2 = f; break; }
      }
      if (!f2) await page.waitForTimeout(250);
    }
    check(!!f2, 'the preview follows the active editor to another report');
    if (f2) {
      // The first line number shown in the report's editor.
      const editorTop = () => page.evaluate(() => {
        const ed = Array.from(document.querySelectorAll('.monaco-editor')).find((e) => e.querySelector('.line-numbers') && e.getBoundingClientRect().width > 200);
        if (!ed) return NaN;
        const top = ed.getBoundingClientRect().top;
        const nums = Array.from(ed.querySelectorAll('.line-numbers')).filter((n) => n.getBoundingClientRect().top >= top - 2).map((n) => Number(n.textContent));
        return nums.length ? Math.min(...nums) : NaN;
      });
      const t0 = await editorTop();
      await f2.evaluate(() => { const p = document.querySelectorAll('.rl-page')[3]; window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY + 100); });
      let t1 = t0;
      const e3 = Date.now() + 10000;
      while (!(t1 > t0 + 5) && Date.now() < e3) { await page.waitForTimeout(200); t1 = await editorTop(); }
      check(t1 > t0 + 5, `scrolling the preview scrolls the editor (first visible line ${t0} → ${t1})`);
      const y0 = await f2.evaluate(() => window.scrollY);
      await page.click('.editor-group-container .monaco-editor .view-lines');
      await page.keyboard.press('Control+Home');
      let y1 = y0;
      const e4 = Date.now() + 10000;
      while (y1 >= y0 - 200 && Date.now() < e4) { await page.waitForTimeout(200); y1 = await f2.evaluate(() => window.scrollY); }
      check(y1 < y0 - 200, `moving the editor to the top scrolls the preview back (scrollY ${Math.round(y0)} → ${Math.round(y1)})`);
      // no ping-pong: both stay put afterwards
      const a = [await editorTop(), await f2.evaluate(() => window.scrollY)];
      await page.waitForTimeout(1500);
      const b = [await editorTop(), await f2.evaluate(() => window.scrollY)];
      check(a[0] === b[0] && Math.abs(a[1] - b[1]) < 2, `no scroll feedback loop (${JSON.stringify(a)} → ${JSON.stringify(b)})`);
    }
  }
} catch (e) {
  check(false, `no error (${e instanceof Error ? e.message.split('\n')[0] : e})`);
} finally {
  await cleanup();
}
const failed = results.filter((r) => !r[0]).length;
console.log(`preview-vscode: ${results.length - failed} passed, ${failed} failed`);
if (failed) console.log(`state kept for inspection: ${runDir}`);
else fs.rmSync(runDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);

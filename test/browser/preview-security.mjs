// The preview in a real browser: renders reports containing <script>, <img onerror>, javascript:
// links, </style> and friends into the exact page the webview shows (same CSP, same media/preview.js),
// loads it in headless Debian Chromium and checks that no script of the document ran, no request
// left the page, no CSP violation happened, and the markup is shown as text. Also checks the
// self-contained HTML export. Exits non-zero on any failure.
// Needs /usr/bin/chromium (apt-get install -y chromium) and playwright-core (devDependency).
import { chromium } from 'playwright-core';
import { readFileSync } from 'fs';
import { join } from 'path';
import { randomBytes } from 'crypto';
import { loadEngine, root } from './bundle.mjs';

const MEDIA = 'https://media.report-lint.invalid';
const PAGE = 'https://preview.report-lint.invalid/index.html';
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

const engine = await loadEngine();
const hostileMd = readFileSync(join(root, 'test/fixtures/render/hostile.md'), 'utf8');
const cases = [
  { name: 'Markdown, official style', text: hostileMd, format: 'markdown', style: 'official' },
  { name: 'Markdown, plain style', text: hostileMd, format: 'markdown', style: 'plain' },
  { name: 'plain text, official style', text: hostileMd, format: 'plain', style: 'official' },
];

// What a document must not manage: each payload sets window.__pwned, calls alert, or fetches.
const extra = [
  '<a href="javascript:alert(document.domain)">js</a> [x](  javascript:alert(1) ) [y](JaVaScRiPt:alert(1)) [z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<object data="https://example.com/x.swf"></object><embed src="https://example.com/e"><video src=x onerror=alert(1)></video>',
  '<link rel="stylesheet" href="https://example.com/x.css"><meta http-equiv="refresh" content="0;url=https://example.com/">',
  '"><script>window.__pwned=8</script><style>body{background:url(https://example.com/s.png)}</style>',
  '<form action="https://example.com/f"><input name=q autofocus onfocus="window.__pwned=9"><button>go</button></form>',
  '![x](https://example.com/img.png "t\\" onerror=\\"window.__pwned=10") <details open ontoggle="window.__pwned=11">d</details>',
].join('\n\n');
for (const c of cases) c.text = `${c.text}\n\n${extra}\n`;

const stub = `
  window.__posted = [];
  window.__violations = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    setState: (s) => { window.__state = s; },
    getState: () => window.__state,
  });
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };
`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  for (const c of cases) {
    const result = engine.lint(c.text, { format: c.format });
    const rendered = engine.renderReportHtml(result, { style: c.style, lang: 'zh', figures: engine.figureViews(result.model, result.findings) });
    const nonce = randomBytes(24).toString('base64');
    const html = engine.previewPageHtml({
      cspSource: MEDIA,
      nonce,
      scriptUri: `${MEDIA}/media/preview.js`,
      styleUri: `${MEDIA}/media/preview.css`,
      css: rendered.css,
      body: rendered.body,
      state: { uri: 'file:///hostile.md', version: 1 },
      lang: 'zh',
      title: rendered.title,
    });

    const context = await browser.newContext({ serviceWorkers: 'block', javaScriptEnabled: true });
    const requests = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === PAGE) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (url === `${MEDIA}/media/preview.js`) return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(join(root, 'media/preview.js'), 'utf8') });
      if (url === `${MEDIA}/media/preview.css`) return route.fulfill({ status: 200, contentType: 'text/css', body: readFileSync(join(root, 'media/preview.css'), 'utf8') });
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('request', (r) => {
      const url = r.url();
      if (url !== PAGE && !url.startsWith(`${MEDIA}/media/preview.`) && !url.startsWith('data:')) requests.push(url);
    });
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await page.addInitScript(stub);
    await page.goto(PAGE, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'), null, { timeout: 5000 });

    // Give every handler a chance: hover and click everything, focus inputs, toggle details.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('#rl-root *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error']) el.dispatchEvent(new Event(type));
      }
    });
    const links = await page.$$('#rl-root .rl-link');
    for (const l of links) await l.click({ force: true }).catch(() => undefined);

    const shown = await page.evaluate(() => document.getElementById('rl-root').textContent);
    const pwned = await page.evaluate(() => window.__pwned);
    const violations = await page.evaluate(() => window.__violations);
    const tags = await page.evaluate(() => Array.from(document.querySelectorAll('#rl-root script, #rl-root img, #rl-root iframe, #rl-root svg, #rl-root object, #rl-root embed, #rl-root video, #rl-root form, #rl-root input, #rl-root a[href], #rl-root link, #rl-root meta, #rl-root style, #rl-root details:not(.rl-figures):not(.rl-unplaced)')).map((e) => e.outerHTML.slice(0, 80)));
    const handlers = await page.evaluate(() => Array.from(document.querySelectorAll('#rl-root *')).filter((e) => Array.from(e.attributes).some((a) => /^on/i.test(a.name) || (a.name === 'style'))).length);

    check(pwned === undefined && dialogs === 0, `${c.name}: no script of the document ran (window.__pwned = ${pwned}, dialogs ${dialogs})`);
    check(requests.length === 0, `${c.name}: no request left the page${requests.length ? `: ${requests.join(', ')}` : ''}`);
    check(violations.length === 0, `${c.name}: no CSP violation${violations.length ? `: ${violations.join('; ')}` : ''}`);
    check(tags.length === 0, `${c.name}: no element from the document's markup${tags.length ? `: ${tags.join(' | ')}` : ''}`);
    check(handlers === 0, `${c.name}: no event-handler or style attribute in the rendered report`);
    check(shown.includes('<script>window.__pwned=1</script>') && shown.includes('<img src=x onerror="window.__pwned=2">') && shown.includes('</style><script>window.__pwned=4</script><style>'), `${c.name}: the markup is shown as text`);

    // The preview script under the CSP: a click on a finding asks to reveal it; an update by message
    // replaces the report (and the style sheet) without running anything.
    const finding = await page.$('#rl-root .rl-f');
    if (finding) {
      await finding.click({ force: true });
      const reveal = await page.evaluate(() => window.__posted.find((m) => m.type === 'reveal'));
      check(reveal && Number.isInteger(reveal.start), `${c.name}: clicking a finding posts a reveal message (${JSON.stringify(reveal)})`);
    }
    const again = engine.renderReportHtml(engine.lint(`${c.text}\n\n<script>window.__pwned=99</script>新增一段。\n`, { format: c.format }), { style: c.style === 'official' ? 'plain' : 'official', lang: 'zh' });
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'update', uri: 'file:///hostile.md', version: 2, html: again.body, css: again.css });
    await page.waitForFunction(() => document.getElementById('rl-root').textContent.includes('新增一段'), null, { timeout: 5000 });
    const afterUpdate = await page.evaluate(() => ({ pwned: window.__pwned, violations: window.__violations.length, style: document.getElementById('rl-doc-style').textContent.length }));
    check(afterUpdate.pwned === undefined && afterUpdate.violations === 0 && afterUpdate.style === again.css.length, `${c.name}: an update by message shows the new text and style sheet, runs nothing`);
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'update', uri: 'file:///hostile.md', version: 1, html: '<p id="stale">stale</p>', css: '' });
    await page.evaluate(() => window.postMessage({ type: 'update', html: 5 }, '*'));
    const stale = await page.evaluate(() => !!document.getElementById('stale'));
    check(!stale, `${c.name}: an older version or a malformed message is dropped`);
    check(requests.length === 0, `${c.name}: still no request after the update`);
    await context.close();
  }

  // The HTML export: self-contained, no script at all.
  {
    const exported = engine.renderStandaloneHtml(engine.lint(cases[0].text, { format: 'markdown' }));
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const requests = [];
    await context.route('**/*', (route) => {
      if (route.request().url() === PAGE) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: exported });
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.addInitScript(stub);
    await page.goto(PAGE, { waitUntil: 'load' });
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('body *')) for (const type of ['mouseover', 'focus', 'error']) el.dispatchEvent(new Event(type));
    });
    const r = await page.evaluate(() => ({ pwned: window.__pwned, scripts: document.scripts.length, violations: window.__violations.length, pages: document.querySelectorAll('.rl-page').length }));
    check(r.pwned === undefined && r.scripts === 0, `HTML export: no script (${r.scripts} script elements)`);
    check(requests.length === 0, `HTML export: no request left the page${requests.length ? `: ${requests.join(', ')}` : ''}`);
    check(r.violations === 0, 'HTML export: no CSP violation');
    check(r.pages >= 1, `HTML export: ${r.pages} A4 page(s)`);
    await context.close();
  }
} finally {
  await browser.close();
}

if (failures.length) {
  console.error(`\npreview security: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('\npreview security: all checks passed');

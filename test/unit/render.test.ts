// The renderer: GB/T 9704 page layout, escaping of hostile text, findings in place, summary,
// figures panel, plain style and the preview page around it.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, parseReport, type Finding } from '../../server/src/engine';
import { renderReportHtml, renderStandaloneHtml, breakLines, previewPageHtml, previewCsp, figureViews, parseWebviewMessage, type FigureView } from '../../server/src/engine/render';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/render', name), 'utf8');

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const textOf = (html: string) => unescape(html.replace(/<[^>]*>/g, ''));

/** The visual lines of an official rendering: [data-line, text]. */
function lines(html: string): { line: number; text: string; cls: string }[] {
  const out: { line: number; text: string; cls: string }[] = [];
  const re = /<div class="(rl-ln[^"]*)" data-line="(\d+)">(.*?)<\/div>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) out.push({ cls: m[1], line: Number(m[2]), text: textOf(m[3]) });
  return out;
}

function pages(html: string): string[] {
  return html.split('<section class="rl-page').slice(1);
}

function finding(text: string, needle: string, rule = 'placeholder', severity: Finding['severity'] = 'warning', from = 0): Finding {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `"${needle}" in the text`);
  return { rule, severity, start, end: start + needle.length, message: { zh: `请填写“${needle}”`, en: `Fill in "${needle}"` } };
}

describe('official layout (GB/T 9704-2012)', () => {
  const text = fixture('work-summary.txt');
  const result = lint(text, { format: 'plain' });
  const r = renderReportHtml(result, { lang: 'zh' });

  test('a Chinese report gets the official style and the title centred in 小标宋', () => {
    assert.equal(r.style, 'official');
    assert.match(r.documentHtml, /<h1 class="rl-title" data-line="0">XX县文化馆2024年工作情况的报告<\/h1>|<h1 class="rl-title" data-line="0">.*XX.*县文化馆2024年工作情况的报告<\/h1>/);
    assert.equal(r.title, 'XX县文化馆2024年工作情况的报告');
    assert.match(r.css, /\.rl-official \.rl-title \{ font-family: "方正小标宋简体", "方正小标宋_GBK", [^}]*"华文中宋", "STZhongsong", "宋体"[^}]*font-size: 22pt;[^}]*text-align: center;/);
  });

  test('headings get their level: 一、 黑体, （一） 楷体 (run-in: only the heading words), 1. and （1） 仿宋', () => {
    const heads = [...r.documentHtml.matchAll(/<div class="rl-p (rl-h rl-h\d(?: rl-runin)?)" data-line="(\d+)">/g)].map((m) => [m[1], Number(m[2]) + 1]);
    assert.deepEqual(heads, [
      ['rl-h rl-h1', 7],
      ['rl-h rl-h2 rl-runin', 9],
      ['rl-h rl-h3 rl-runin', 11],
      ['rl-h rl-h4 rl-runin', 13],
      ['rl-h rl-h2', 15],
      ['rl-h rl-h1', 21],
      ['rl-h rl-h1', 25],
    ]);
    assert.match(r.documentHtml, /<span class="rl-hd">（一）公共文化服务提质增效。<\/span>全年开放天数/);
    assert.match(r.css, /\.rl-official \.rl-h1:not\(\.rl-runin\), \.rl-official \.rl-h1 \.rl-hd \{ font-family: "Times New Roman", "黑体", "SimHei"/);
    assert.match(r.css, /\.rl-official \.rl-h2:not\(\.rl-runin\), \.rl-official \.rl-h2 \.rl-hd \{ font-family: "Times New Roman", "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"/);
    assert.match(r.css, /\.rl-official \{[^}]*font-family: "Times New Roman", "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"[^}]*font-size: 16pt;/);
  });

  test('the 主送机关 is flush left, the 落款 right-aligned two characters in, after one blank line', () => {
    assert.match(r.documentHtml, /<div class="rl-p rl-addressee" data-line="2"><div class="rl-ln" data-line="2">县文化和旅游局：<\/div><\/div>/);
    assert.match(r.documentHtml, /<div class="rl-sig rl-sig-first" data-line="30">(<span [^>]*>XX<\/span>)?县文化馆<\/div><div class="rl-sig" data-line="31">2024年12月30日<\/div>/);
    assert.match(r.css, /\.rl-official \.rl-sig \{ text-align: right; padding-right: calc\(2 \* var\(--cell\)\); \}/);
  });

  test('A4 page, 天头 37 mm, 订口 28 mm, 版心 156×225 mm, 22 lines × 28 characters', () => {
    assert.match(r.css, /--cell: calc\(156mm \/ 28\); --pitch: calc\(225mm \/ 22\)/);
    assert.match(r.css, /\.rl-official \.rl-page \{[^}]*width: 210mm; min-height: 297mm; padding: 37mm 26mm 35mm 28mm;/);
    assert.match(r.css, /\.rl-official \.rl-area \{ width: 156mm; min-height: 225mm; \}/);
  });

  test('the 落款 does not stand alone on a page: the last body line goes with it (§7.3.5)', () => {
    const ps = pages(r.documentHtml);
    assert.equal(ps.length, 2);
    assert.equal(r.stats.pages, 2);
    // 2 title lines (title + blank) and 20 body lines would fill page 1, leaving the 落款 alone on page 2.
    assert.equal(lines(ps[0]).length, 19);
    assert.deepEqual(lines(ps[1]).map((l) => l.text), ['特此报告。']);
    assert.match(ps[1], /特此报告。<\/div><\/div><div class="rl-sig rl-sig-first"/);
  });

  test('page numbers — n — in 4号宋体, odd pages right and even pages left, one character in, 7 mm under the 版心', () => {
    const ps = pages(r.documentHtml);
    assert.match(ps[0], /^ rl-odd" data-page="1"[^>]*>.*<div class="rl-pn">\u2014 1 \u2014<\/div><\/section>/s);
    assert.match(ps[1], /^ rl-even" data-page="2"[^>]*>.*<div class="rl-pn">\u2014 2 \u2014<\/div><\/section>/s);
    assert.match(r.css, /\.rl-official \.rl-pn \{[^}]*top: 269mm; left: 28mm; width: 156mm; font-family: "宋体", "SimSun"[^}]*font-size: 14pt;/);
    assert.match(r.css, /\.rl-official \.rl-odd \.rl-pn \{ text-align: right; padding-right: 1em; \}/);
    assert.match(r.css, /\.rl-official \.rl-even \.rl-pn \{ text-align: left; padding-left: 1em; \}/);
  });

  test('the directive line is left out, the line under it is kept', () => {
    assert.doesNotMatch(r.body, /report-lint-disable/);
    assert.match(r.documentHtml, /其中乡镇分场活动由××镇承办。/);
  });

  test('summary bar: counts per severity, profile and character count', () => {
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of result.findings) counts[f.severity]++;
    assert.match(r.summaryHtml, new RegExp(`<span class="rl-count rl-c-warning" data-severity="warning">${counts.warning} 警告</span>`));
    assert.match(r.summaryHtml, /<span class="rl-profile">文种: 工作总结<\/span>/);
    const visible = [...textOf(r.documentHtml.replace(/<div class="rl-pn">[^<]*<\/div>/g, ''))].filter((c) => !/\s/u.test(c)).length;
    assert.equal(r.stats.characters, visible);
    assert.match(r.summaryHtml, new RegExp(`字数: ${visible}<`));
  });
});

describe('line grid', () => {
  test('a paragraph of 100 characters: 26 after the two-character indent, then 28, 28, 18', () => {
    const para = '测'.repeat(100);
    const r = renderReportHtml(parseReport(`标题\n\n${para}\n`, 'plain'), { style: 'official', summary: false });
    assert.deepEqual(lines(r.documentHtml).map((l) => [...l.text].length), [26, 28, 28, 18]);
    assert.deepEqual(lines(r.documentHtml).map((l) => l.cls), ['rl-ln rl-first rl-j', 'rl-ln rl-j', 'rl-ln rl-j', 'rl-ln']);
  });

  test('a comma never starts a line: it hangs at the end of the line before', () => {
    const para = `${'甲'.repeat(26)}，${'乙'.repeat(10)}。`;
    const r = renderReportHtml(parseReport(`标题\n\n${para}\n`, 'plain'), { style: 'official', summary: false });
    assert.deepEqual(lines(r.documentHtml).map((l) => l.text), [`${'甲'.repeat(26)}，`, `${'乙'.repeat(10)}。`]);
  });

  test('an opening quote never ends a line, a Latin word is not split', () => {
    assert.deepEqual(breakLines(`${'甲'.repeat(27)}“乙”`, new Set(), 28, 0), [{ from: 0, to: 27 }, { from: 27, to: 30 }]);
    const s = `${'甲'.repeat(25)}Kubernetes集群`;
    const spans = breakLines(s, new Set(), 28, 0);
    assert.deepEqual(spans.map((sp) => s.slice(sp.from, sp.to)), ['甲'.repeat(25), 'Kubernetes集群']);
  });

  test('23 one-line paragraphs fill page 1 with 22 lines and put one on page 2', () => {
    const body = Array.from({ length: 23 }, (_, i) => `第${i + 1}段。`).join('\n');
    const r = renderReportHtml(parseReport(body, 'plain'), { style: 'official', summary: false });
    const ps = pages(r.documentHtml);
    assert.equal(ps.length, 2);
    assert.equal(lines(ps[0]).length, 22);
    assert.deepEqual(lines(ps[1]).map((l) => l.text), ['第23段。']);
  });

  test('a paragraph crossing the page end continues on the next page', () => {
    const body = Array.from({ length: 20 }, (_, i) => `第${i + 1}段。`).join('\n') + '\n' + '长'.repeat(26 + 28 * 3);
    const r = renderReportHtml(parseReport(body, 'plain'), { style: 'official', summary: false });
    const ps = pages(r.documentHtml);
    assert.equal(lines(ps[0]).length, 22);
    assert.match(ps[1], /^[^>]*><div class="rl-area"><div class="rl-p rl-cont rl-para" data-line="20"><div class="rl-ln rl-j" data-line="20">/);
    assert.equal(lines(ps[1]).length, 2);
  });
});

describe('escaping: a report a stranger wrote shows as text', () => {
  const text = fixture('hostile.md');
  const r = renderReportHtml(lint(text, { format: 'markdown' }), { lang: 'zh' });

  test('no element of the document itself reaches the HTML', () => {
    for (const tag of ['script', 'img', 'iframe', 'svg', 'style', 'a', 'b', 'div style', 'link', 'meta']) {
      assert.doesNotMatch(r.body, new RegExp(`<${tag}[\\s>]`, 'i'), `<${tag}`);
    }
    // Every < of the text is escaped, so a real tag is the only place an attribute can be.
    assert.doesNotMatch(r.body, /<[^>]*\son\w+=/i);
    assert.doesNotMatch(r.body, /<[^>]*\s(?:href|src|style)=/i);
  });

  test('the tags are shown as text', () => {
    const shown = textOf(r.documentHtml);
    assert.ok(shown.includes('关于<script>window.__pwned=1</script>的报告'));
    assert.ok(shown.includes('<img src=x onerror="window.__pwned=2">'));
    assert.ok(shown.includes('</style><script>window.__pwned=4</script><style>'));
    assert.ok(shown.includes('[点击这里](javascript:window.__pwned=3)'));
    assert.ok(shown.includes('[远程图片]'));
    assert.ok(shown.includes('"引号" & \'apostrophe\' & <b>'));
  });

  test('a directive inside a Markdown line is cut out, the rest of the line kept', () => {
    assert.doesNotMatch(r.body, /report-lint-/);
    assert.match(r.documentHtml, />\s*XX项<\/div>|> XX项<\/div>/);
  });

  test('a Markdown link keeps its target as a tooltip, never as a live link', () => {
    assert.match(r.documentHtml, /<span class="rl-link" title="https:\/\/example.com\/track">外部<\/span>/);
  });

  test('a message with markup in the title attribute is escaped', () => {
    const t = '标题\n\n正文<b>一</b>。\n';
    const f: Finding = { rule: 'x', severity: 'error', start: t.indexOf('<b>'), end: t.indexOf('<b>') + 3, message: { zh: '“<b>”"\'&', en: '' } };
    const out = renderReportHtml({ model: parseReport(t, 'plain'), findings: [f] }, { lang: 'zh' });
    assert.match(out.documentHtml, /<span class="rl-f rl-f-error" title="“&lt;b&gt;”&quot;&#39;&amp; \[x\]" data-f="0" data-start="6">&lt;b&gt;<\/span>一&lt;\/b&gt;。/);
  });
});

describe('findings in place', () => {
  test('a placeholder is wrapped in a span with its severity, message and offset', () => {
    const t = '关于2024年工作情况的报告\n\n全年完成XX项任务。\n';
    const f = finding(t, 'XX');
    const r = renderReportHtml({ model: parseReport(t, 'plain'), findings: [f] }, { lang: 'zh' });
    assert.match(r.documentHtml, /<div class="rl-ln rl-first" data-line="2">全年完成<span class="rl-f rl-f-warning" title="请填写“XX” \[placeholder\]" data-f="0" data-start="20">XX<\/span>项任务。<\/div>/);
    assert.equal(r.stats.unplaced, 0);
  });

  test('offsets stay exact after CRLF and a surrogate pair', () => {
    const t = '报告\r\n\r\n𠮷野家XX店开业。\r\n';
    const f = finding(t, 'XX');
    assert.equal(f.start, 10);
    const r = renderReportHtml({ model: parseReport(t, 'plain'), findings: [f] }, { style: 'official' });
    assert.match(r.documentHtml, /𠮷野家<span class="rl-f rl-f-warning"[^>]*data-start="10">XX<\/span>店开业。/);
  });

  test('overlapping findings split into pieces; the worse severity colours the overlap', () => {
    const t = '报告\n\n甲乙丙丁戊。\n';
    const a = finding(t, '甲乙丙', 'a', 'info');
    const b = finding(t, '丙丁', 'b', 'error');
    const r = renderReportHtml({ model: parseReport(t, 'plain'), findings: [a, b] }, { style: 'official', lang: 'en' });
    assert.match(r.documentHtml, /<span class="rl-f rl-f-info"[^>]*data-f="0"[^>]*>甲乙<\/span><span class="rl-f rl-f-error" title="Fill in &quot;甲乙丙&quot; \[a\]\nFill in &quot;丙丁&quot; \[b\]" data-f="0 1" data-start="4">丙<\/span><span class="rl-f rl-f-error"[^>]*data-f="1"[^>]*>丁<\/span>戊。/);
  });

  test('a finding across a line break is underlined on both lines', () => {
    const t = `报告\n\n${'甲'.repeat(24)}乙丙丁戊${'己'.repeat(10)}\n`;
    const f = finding(t, '乙丙丁戊');
    const r = renderReportHtml({ model: parseReport(t, 'plain'), findings: [f] }, { style: 'official' });
    const ls = lines(r.documentHtml);
    assert.match(r.documentHtml, /乙丙<\/span><\/div><div class="rl-ln" data-line="2"><span class="rl-f rl-f-warning"[^>]*>丁戊<\/span>/);
    assert.equal(ls.length, 2);
  });

  test('a zero-width finding gets a marker; one with no visible text is listed under the summary', () => {
    const t = '---\ntitle: x\n---\n# 报告\n\n正文。\n';
    const zero: Finding = { rule: 'z', severity: 'info', start: t.indexOf('正文') + 2, end: t.indexOf('正文') + 2, message: { zh: '缺少内容', en: 'missing' } };
    const hidden: Finding = { rule: 'h', severity: 'hint', start: 4, end: 9, message: { zh: '元数据', en: 'front matter' } };
    const r = renderReportHtml({ model: parseReport(t, 'markdown'), findings: [hidden, zero] }, { lang: 'zh' });
    assert.match(r.documentHtml, /正文<span class="rl-fz rl-f-info" title="缺少内容 \[z\]" data-f="1" data-start="\d+"><\/span>。/);
    assert.equal(r.stats.unplaced, 1);
    assert.match(r.summaryHtml, /<details class="rl-unplaced"><summary>不在正文中显示的问题（1）<\/summary><ul><li class="rl-f-hint" data-start="4" data-line="1" data-f="0">第2行: 元数据 \[h\]<\/li><\/ul><\/details>/);
    assert.doesNotMatch(r.documentHtml, /title: x/);
  });

  test('every finding lint reports on the fixture has its place', () => {
    const t = fixture('work-summary.txt');
    const res = lint(t, { format: 'plain' });
    const r = renderReportHtml(res);
    assert.ok(res.findings.length > 0);
    assert.equal(r.stats.unplaced, 0);
    assert.equal((r.documentHtml.match(/data-f="/g) ?? []).length >= res.findings.length, true);
  });

  test('findings can be turned off', () => {
    const t = '报告\n\n全年完成XX项任务。\n';
    const r = renderReportHtml({ model: parseReport(t, 'plain'), findings: [finding(t, 'XX')] }, { findings: false });
    assert.doesNotMatch(r.body, /class="rl-f/);
  });
});

describe('Markdown', () => {
  test('emphasis, code and escapes are rendered, offsets found through the escape', () => {
    const t = '# 报告\n\n正文 **加粗** `代码` \\*星号XX\n';
    const f = finding(t, 'XX');
    const r = renderReportHtml({ model: parseReport(t, 'markdown'), findings: [f] }, { style: 'plain' });
    assert.match(r.documentHtml, /<strong>加粗<\/strong>/);
    assert.match(r.documentHtml, /<code>代码<\/code>/);
    assert.match(r.documentHtml, /\*星号<span class="rl-f rl-f-warning"[^>]*data-start="25">XX<\/span>/);
  });

  test('a table keeps its cells, with findings in them', () => {
    const t = '# 报告\n\n| 项目 | 数量 |\n|---|---|\n| 宣传栏 | XX |\n';
    const r = renderReportHtml({ model: parseReport(t, 'markdown'), findings: [finding(t, 'XX')] }, { style: 'official' });
    assert.match(r.documentHtml, /<table class="rl-table" data-line="2"><tr><th>项目<\/th><th>数量<\/th><\/tr><tr><td>宣传栏<\/td><td><span class="rl-f rl-f-warning"[^>]*>XX<\/span><\/td><\/tr><\/table>/);
  });
});

describe('plain style (English reports)', () => {
  const text = fixture('status-report.md');
  const r = renderReportHtml(lint(text, { format: 'markdown' }), { lang: 'en' });

  test('an English report gets the plain style: title, section headings, list items, signature', () => {
    assert.equal(r.style, 'plain');
    assert.doesNotMatch(r.documentHtml, /rl-page/);
    assert.match(r.documentHtml, /<h1 class="rl-title" data-line="0">Platform Team Status Report, Q3 2024<\/h1>/);
    assert.match(r.documentHtml, /<h2 class="rl-h rl-h1" data-line="2">Summary<\/h2>/);
    assert.match(r.documentHtml, /<p class="rl-para" data-line="18">1\. Finish the storage migration by November 15, 2024\.<\/p>/);
    assert.match(r.documentHtml, /<p class="rl-sig rl-sig-first" data-line="25">Jane Doe<br>October 3, 2024<\/p>/);
    assert.match(r.summaryHtml, /Profile: Status report/);
  });

  test('the style setting switches a Chinese report to plain and an English one to official', () => {
    const zh = renderReportHtml(parseReport('报告\n\n正文。\n', 'plain'), { style: 'plain' });
    assert.match(zh.documentHtml, /^<article class="rl-doc rl-plain" lang="zh-CN">/);
    const en = renderReportHtml(lint(text, { format: 'markdown' }), { style: 'official' });
    assert.match(en.documentHtml, /^<div class="rl-doc rl-official" lang="en">/);
  });
});

describe('figures panel', () => {
  test('without figures there is no panel; with them, every figure is a row, problems marked and the panel open', () => {
    const t = '关于2024年学习情况的报告\n\n全年培训干部120人次，其中科级干部80人次、一般干部60人次。\n';
    const res = lint(t, { format: 'plain' });
    assert.equal(renderReportHtml(res).figuresHtml, '');
    const figures = figureViews(res.model, res.findings);
    assert.deepEqual(figures.map((f) => [f.text, f.status]), [['120人次', 'mismatch'], ['80人次', 'mismatch'], ['60人次', 'mismatch']]);
    const r = renderReportHtml(res, { figures, lang: 'zh' });
    assert.match(r.figuresHtml, /<details class="rl-figures" open><summary>数字一览（3），3 处待核实<\/summary>/);
    assert.match(r.figuresHtml, /<tr class="rl-fig-mismatch" data-start="\d+" data-line="2"><td>培训干部<\/td><td>120<\/td><td>人次<\/td><td>120人次<\/td><td>第3行<\/td>/);
  });

  test('a conflict marks the mentions the rule compared, not a plan of the same metric', () => {
    const t = '关于理论学习情况的报告\n\n我单位组织中心组集中学习12次，开展专题研讨5次。\n\n一、主要做法\n\n组织中心组集中学习14次，专题研讨5次。下一步，计划组织中心组集中学习20次。\n';
    const res = lint(t, { format: 'plain' });
    assert.deepEqual(res.findings.filter((f) => f.rule === 'figure-conflict').map((f) => t.slice(f.start, f.end)), ['14次']);
    assert.deepEqual(figureViews(res.model, res.findings).map((f) => [f.text, f.status]), [['12次', 'conflict'], ['5次', 'ok'], ['14次', 'conflict'], ['5次', 'ok'], ['20次', 'ok']]);
  });

  test('figure text is escaped like everything else', () => {
    const fig: FigureView = { start: 0, end: 1, text: '<img src=x>', metric: '<script>', status: 'conflict' };
    const r = renderReportHtml(parseReport('报告\n', 'plain'), { figures: [fig], lang: 'en' });
    assert.match(r.figuresHtml, /<details class="rl-figures" open><summary>Figures \(1\), 1 to check<\/summary>/);
    assert.match(r.figuresHtml, /<td>&lt;script&gt;<\/td>/);
    assert.doesNotMatch(r.figuresHtml, /<img|<script/);
  });
});

describe('export and preview pages', () => {
  test('the HTML export is one self-contained file without scripts or findings', () => {
    const t = fixture('work-summary.txt');
    const html = renderStandaloneHtml(lint(t, { format: 'plain' }));
    assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    assert.match(html, /@page \{ size: A4; margin: 0; \}/);
    assert.doesNotMatch(html, /<script|<link|<[^>]*\s(?:src|href)=|class="rl-f|class="rl-summary"/);
    assert.match(html, /<title>XX县文化馆2024年工作情况的报告<\/title>/);
  });

  test('the preview page: CSP default-src none, nonce on style and script, media from the webview only', () => {
    const nonce = 'AbCdEfGhIjKlMnOpQrStUvWx0123';
    const page = previewPageHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css', css: '.x{}</style><script>', body: '<p>b</p>', state: { uri: 'file:///a"b', version: 3 }, lang: 'zh' });
    assert.equal(previewCsp('S', nonce), `default-src 'none'; style-src S 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src S data:; font-src S; form-action 'none'; base-uri 'none'; frame-src 'none'`);
    assert.match(page, new RegExp(`<script nonce="${nonce}" src="https://file\\+\\.vscode-resource\\.vscode-cdn\\.net/ext/media/preview\\.js"></script>`));
    assert.match(page, new RegExp(`<style nonce="${nonce}" id="rl-doc-style">\\.x\\{\\}<\\\\/style><script></style>`));
    assert.match(page, /data-state="\{&#34;uri&#34;:&#34;file:\/\/\/a\\&#34;b&#34;,&#34;version&#34;:3\}"/);
    assert.throws(() => previewPageHtml({ cspSource: 's', nonce: 'x" onload="1', scriptUri: '', styleUri: '', css: '', body: '', state: { uri: '', version: 0 }, lang: 'en' }), /invalid nonce/);
  });

  test('messages from the webview are checked: only our three shapes with whole, non-negative numbers pass', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', version: 3 }), { type: 'ready', version: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'scroll', line: 12 }), { type: 'scroll', line: 12 });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', start: 40, line: 2, extra: '<x>' }), { type: 'reveal', start: 40, line: 2 });
    for (const bad of [null, 'reveal', [], { type: 'scroll', line: -1 }, { type: 'scroll', line: 1.5 }, { type: 'scroll', line: '3' }, { type: 'reveal' }, { type: 'reveal', start: Number.NaN }, { type: 'openLink', href: 'javascript:1' }, { type: 'command', command: 'workbench.action.terminal.new' }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

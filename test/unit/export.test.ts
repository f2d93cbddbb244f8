// The Word export, read back: a .docx is a zip of XML parts (document, styles, settings, footers).

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import JSZip from 'jszip';
import { lint, parseReport, createLinter } from '../../server/src/engine';
import { renderDocx, DOCX_FONTS } from '../../server/src/engine/render/docx';
import { handleExportRequest, handleRenderRequest, type RenderHost } from '../../server/src/renderRequests';
import { exportMain, parseExportArgs } from '../../server/src/exportCommand';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/render', name), 'utf8');

interface Docx {
  document: string;
  styles: string;
  settings: string;
  footers: string[];
  files: string[];
}

async function readDocx(bytes: Uint8Array): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const files = Object.keys(zip.files);
  const footers = await Promise.all(files.filter((f) => /^word\/footer\d+\.xml$/.test(f)).sort().map(read));
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), settings: await read('word/settings.xml'), footers, files };
}

/** The XML of one style by id. */
function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, 's').exec(styles);
  assert.ok(m, `style ${id}`);
  return m[0];
}

/** Paragraphs of the body as [style, text]. */
function paragraphs(document: string): [string, string][] {
  return [...document.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((m) => [
    /<w:pStyle w:val="([^"]+)"/.exec(m[1])?.[1] ?? '',
    [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  ]);
}

describe('Word export (official style)', async () => {
  const text = fixture('work-summary.txt');
  const bytes = await renderDocx(lint(text, { format: 'plain' }));
  const docx = await readDocx(bytes);

  test('is a zip with the Word parts', () => {
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([bytes[0], bytes[1]], [0x50, 0x4b]);
    for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/settings.xml']) assert.ok(docx.files.includes(part), part);
  });

  test('the text in order, each paragraph in its style; the directive line left out', () => {
    assert.deepEqual(paragraphs(docx.document), [
      ['Title', 'XX县文化馆2024年工作情况的报告'],
      ['ReportBlank', ''],
      ['ReportAddressee', '县文化和旅游局：'],
      ['Normal', '2024年，我馆在县委、县政府的领导下，围绕群众文化需求，扎实开展各项工作，全年组织文化活动86场，服务群众3.2万人次。现将有关情况报告如下：'],
      ['Heading1', '一、主要工作和成效'],
      ['Normal', '（一）公共文化服务提质增效。全年开放天数达到306天，新增数字资源12TB，线上访问量同比增长18.5%。'],
      ['Normal', '1.阵地建设。完成馆内多功能厅改造，新增座位120个。'],
      ['Normal', '（1）展厅改造。更新展板46块，布设“非遗”展区1处。'],
      ['Heading2', '（二）群众文化活动丰富多彩'],
      ['Normal', '组织“村晚”“广场舞大赛”等品牌活动，参与群众XX人次。'],
      ['Normal', '其中乡镇分场活动由××镇承办。'],
      ['Heading1', '二、存在的问题'],
      ['Normal', '一是专业人才不足，二是经费保障不够稳定，三是数字化服务能力有待提升。'],
      ['Heading1', '三、下一步工作打算'],
      ['Normal', '2025年，我馆将继续完善公共文化服务体系，力争全年组织文化活动100场以上。'],
      ['Normal', '特此报告。'],
      ['ReportBlank', ''],
      ['ReportSignature', 'XX县文化馆'],
      ['ReportSignature', '2024年12月30日'],
    ]);
    assert.doesNotMatch(docx.document, /report-lint/);
  });

  test('the 落款 is kept on one page with the line before it', () => {
    assert.match(docx.document, /<w:p><w:pPr><w:pStyle w:val="Normal"\/><w:keepNext\/><\/w:pPr><w:r><w:t xml:space="preserve">特此报告。<\/w:t>/);
    assert.match(docx.document, /<w:pStyle w:val="ReportBlank"\/><w:keepNext\/><\/w:pPr><\/w:p><w:p><w:pPr><w:pStyle w:val="ReportSignature"\/><w:keepNext\/>/);
  });

  test('a run-in heading keeps its heading words in the heading font, the rest in the body font', () => {
    assert.match(docx.document, /<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="楷体_GB2312" w:hAnsi="Times New Roman"\/><\/w:rPr><w:t xml:space="preserve">（一）公共文化服务提质增效。<\/w:t><\/w:r><w:r><w:t xml:space="preserve">全年开放天数/);
  });

  test('fonts and sizes: body 3号仿宋, title 2号小标宋 centred, headings 黑体 and 楷体', () => {
    assert.match(docx.styles, /<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"\/><w:spacing w:val="-5"\/><w:sz w:val="32"\/>/);
    const title = style(docx.styles, 'Title');
    assert.match(title, /w:eastAsia="方正小标宋简体"/);
    assert.match(title, /<w:sz w:val="44"\/>/);
    assert.match(title, /<w:jc w:val="center"\/>/);
    assert.match(style(docx.styles, 'Heading1'), /w:eastAsia="黑体"/);
    assert.match(style(docx.styles, 'Heading2'), /w:eastAsia="楷体_GB2312"/);
    assert.match(style(docx.styles, 'Heading3'), /w:eastAsia="仿宋_GB2312"/);
    assert.match(style(docx.styles, 'Heading1'), /<w:outlineLvl w:val="0"\/>/);
    assert.equal(DOCX_FONTS.body, '仿宋_GB2312');
  });

  test('body paragraphs: first line indented two characters, exact 28.95 pt lines (22 a page)', () => {
    const normal = style(docx.styles, 'Normal');
    assert.match(normal, /<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    assert.match(normal, /<w:ind w:firstLine="632" w:firstLineChars="200"\/>/);
    assert.match(normal, /<w:jc w:val="both"\/>/);
  });

  test('落款 right-aligned two characters from the edge; 主送机关 flush left', () => {
    assert.match(style(docx.styles, 'ReportSignature'), /<w:pPr><w:ind w:right="632" w:firstLine="0" w:firstLineChars="0"\/><w:jc w:val="right"\/><\/w:pPr>/);
    assert.match(style(docx.styles, 'ReportAddressee'), /<w:ind w:firstLine="0" w:firstLineChars="0"\/>/);
  });

  test('A4 with 天头 37 mm, 订口 28 mm, 版心 156×225 mm and a 22-line grid', () => {
    const sect = /<w:sectPr>.*<\/w:sectPr>/s.exec(docx.document)?.[0] ?? '';
    assert.match(sect, /<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    assert.match(sect, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="850" w:footer="\d+" w:gutter="0"\/>/);
    // 11906 - 1587 - 1474 = 8845 twips = 156 mm; 16838 - 2098 - 1984 = 12756 twips = 225 mm.
    assert.equal(11906 - 1587 - 1474, 8845);
    assert.equal(16838 - 2098 - 1984, 12756);
    assert.match(sect, /<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    assert.ok(22 * 579 <= 12756);
  });

  test('page numbers — n — as a PAGE field: odd pages right, even pages left, one 4号 character in', () => {
    assert.match(docx.settings, /<w:evenAndOddHeaders\/>/);
    const sect = /<w:sectPr>.*<\/w:sectPr>/s.exec(docx.document)?.[0] ?? '';
    assert.match(sect, /<w:footerReference w:type="default" r:id="rId\d+"\/>/);
    assert.match(sect, /<w:footerReference w:type="even" r:id="rId\d+"\/>/);
    assert.equal(docx.footers.length, 2);
    const [odd, even] = docx.footers;
    for (const f of docx.footers) {
      assert.match(f, /<w:t xml:space="preserve">— <\/w:t><\/w:r><w:r><w:fldChar w:fldCharType="begin"\/><\/w:r><w:r><w:instrText xml:space="preserve">PAGE<\/w:instrText><\/w:r><w:r><w:fldChar w:fldCharType="separate"\/><\/w:r><w:r><w:fldChar w:fldCharType="end"\/><\/w:r><w:r><w:t xml:space="preserve"> —<\/w:t>/);
    }
    assert.match(odd, /<w:ind w:right="280"\/><w:jc w:val="right"\/>/);
    assert.match(even, /<w:ind w:left="280"\/><w:jc w:val="left"\/>/);
    const pn = style(docx.styles, 'ReportPageNumber');
    assert.match(pn, /w:eastAsia="宋体"/);
    assert.match(pn, /<w:sz w:val="28"\/>/);
  });
});

describe('Word export (plain style, English)', async () => {
  const text = fixture('status-report.md');
  const docx = await readDocx(await renderDocx(lint(text, { format: 'markdown' })));

  test('English reports get the plain style: Cambria body, Calibri headings, 25 mm margins, centred page number', () => {
    assert.match(style(docx.styles, 'Normal'), /w:ascii="Cambria"/);
    assert.match(style(docx.styles, 'Heading1'), /w:ascii="Calibri"/);
    assert.match(docx.document, /<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/);
    assert.equal(docx.footers.length, 1);
    assert.match(docx.footers[0], /<w:jc w:val="center"\/>/);
    assert.doesNotMatch(docx.footers[0], /—/);
  });

  test('bold stays bold, the table becomes a Word table, the signature keeps its two lines', () => {
    assert.match(docx.document, /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">new billing pipeline<\/w:t><\/w:r>/);
    assert.match(docx.document, /<w:tbl>.*Availability.*99\.95%.*<\/w:tbl>/s);
    assert.match(docx.document, /<w:t xml:space="preserve">Jane Doe<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve"><\/w:t><\/w:r><w:r><w:t xml:space="preserve">October 3, 2024<\/w:t>/);
  });
});

describe('hostile text in the Word export', async () => {
  test('markup is plain text in the document XML', async () => {
    const docx = await readDocx(await renderDocx(parseReport(fixture('hostile.md'), 'markdown')));
    assert.match(docx.document, /关于&lt;script&gt;window.__pwned=1&lt;\/script&gt;的报告/);
    assert.doesNotMatch(docx.document, /<script|<img|<iframe/);
    assert.doesNotMatch(docx.files.join(' '), /media\//);
  });
});

describe('render and export requests', () => {
  const docs = new Map([
    ['file:///r/2024年工作总结.report.txt', { uri: 'file:///r/2024年工作总结.report.txt', version: 7, languageId: 'report', getText: () => fixture('work-summary.txt') }],
    ['file:///r/notes.md', { uri: 'file:///r/notes.md', version: 2, languageId: 'markdown', getText: () => '# 说明\n\n不是报告。\n' }],
  ]);
  const host: RenderHost = {
    getDocument: (uri) => docs.get(uri),
    check: async (doc) => (doc.languageId === 'report' ? { version: doc.version, result: lint(doc.getText(), { format: 'plain' }) } : { version: doc.version }),
    locale: 'zh',
  };

  test('reportLint/renderHtml returns the version it rendered, the HTML and its CSS', async () => {
    const r = await handleRenderRequest({ uri: 'file:///r/2024年工作总结.report.txt', version: 6, style: 'auto' }, host);
    assert.ok(r);
    assert.equal(r.version, 7);
    assert.equal(r.style, 'official');
    assert.match(r.html, /<div class="rl-summary" role="status">/);
    assert.match(r.html, /<details class="rl-figures"( open)?><summary>数字一览（\d+）/);
    assert.match(r.css, /\.rl-official \.rl-page/);
  });

  test('a document that is not a report still renders (without findings); an unknown one gives null', async () => {
    const r = await handleRenderRequest({ uri: 'file:///r/notes.md', style: 'plain', lang: 'en' }, host);
    assert.ok(r);
    assert.equal(r.style, 'plain');
    assert.match(r.html, /<h1 class="rl-title" data-line="0">说明<\/h1>/);
    assert.equal(await handleRenderRequest({ uri: 'file:///nope.txt' }, host), null);
  });

  test('bad parameters are refused', async () => {
    await assert.rejects(handleRenderRequest({ uri: 42 } as never, host), /uri must be a non-empty string/);
    await assert.rejects(handleRenderRequest({ uri: 'file:///r/notes.md', style: 'fancy' } as never, host), /style must be official, plain or auto/);
    await assert.rejects(handleExportRequest({ uri: 'file:///r/notes.md', kind: 'pdf' } as never, host), /kind must be docx or html/);
  });

  test('reportLint/export gives base64 bytes and a file name from the document', async () => {
    const d = await handleExportRequest({ uri: 'file:///r/2024年工作总结.report.txt', kind: 'docx' }, host);
    assert.ok(d);
    assert.equal(d.suggestedName, '2024年工作总结.docx');
    const docx = await readDocx(Buffer.from(d.data, 'base64'));
    assert.match(docx.document, /县文化和旅游局：/);
    const h = await handleExportRequest({ uri: 'file:///r/2024年工作总结.report.txt', kind: 'html' }, host);
    assert.ok(h);
    assert.equal(h.suggestedName, '2024年工作总结.html');
    assert.equal(h.mime, 'text/html');
    assert.match(Buffer.from(h.data, 'base64').toString('utf8'), /^<!DOCTYPE html>/);
  });
});

describe('an export while the document is checked again', () => {
  test('the export is of the text it was asked for, though a re-check moves the checked model in place meanwhile', async () => {
    const text = fixture('work-summary.txt');
    const linter = createLinter();
    const checked = linter.lint(text, { format: 'plain' });
    const doc = { uri: 'file:///r/2024年工作总结.report.txt', version: 1, languageId: 'plaintext', getText: () => text };
    const host: RenderHost = { getDocument: () => doc, check: async () => ({ version: 1, result: checked }) };
    const expected = await handleExportRequest({ uri: doc.uri, kind: 'html' }, { ...host, check: async () => ({ version: 1, result: lint(text, { format: 'plain' }) }) });
    // The request waits for the check; the user types a new first line meanwhile, and the server
    // checks the new text with the same linter before the export goes on.
    const pending = handleExportRequest({ uri: doc.uri, kind: 'html' }, host);
    const edited = text.slice(0, text.indexOf('\n') + 1) + '新增一段开头的说明文字。\n' + text.slice(text.indexOf('\n') + 1);
    linter.lint(edited, { format: 'plain' });
    const got = await pending;
    assert.ok(got && expected);
    const html = (d: { data: string }) => Buffer.from(d.data, 'base64').toString('utf8');
    assert.equal(html(got), html(expected));
    assert.doesNotMatch(html(got), /新增一段开头/);
  });
});

describe('report-lint --export docx|html OUT FILE', () => {
  test('writes a Word document and an HTML page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-lint-export-test-'));
    try {
      const input = join(__dirname, '../../../test/fixtures/render/work-summary.txt');
      const messages: string[] = [];
      assert.equal(await exportMain(['--export', 'docx', join(dir, 'a.docx'), input], (s) => messages.push(s)), 0);
      const docx = await readDocx(readFileSync(join(dir, 'a.docx')));
      assert.match(docx.document, /<w:pStyle w:val="Title"\/><\/w:pPr><w:r><w:t xml:space="preserve">XX县文化馆2024年工作情况的报告<\/w:t>/);
      assert.match(messages.join(''), /a\.docx: Word document written \(\d+ bytes\)/);
      assert.equal(await exportMain(['--export', 'html', join(dir, 'a.html'), '--style', 'plain', input], () => undefined), 0);
      assert.match(readFileSync(join(dir, 'a.html'), 'utf8'), /<article class="rl-doc rl-plain" lang="zh-CN">/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad usage exits 2 and writes nothing', async () => {
    assert.equal(parseExportArgs(['--export', 'pdf', 'x.pdf', 'a.txt']), '--export needs docx or html, got "pdf"');
    assert.equal(parseExportArgs(['--export', 'docx']), '--export needs an output file');
    assert.equal(parseExportArgs(['--export', 'docx', 'o.docx', 'a.txt', 'b.txt']), '--export takes exactly one report file');
    assert.equal(parseExportArgs(['--export', 'docx', 'o.docx', '--style', 'fancy', 'a.txt']), '--style is official or plain, got "fancy"');
    const dir = mkdtempSync(join(tmpdir(), 'report-lint-export-test-'));
    try {
      assert.equal(await exportMain(['--export', 'docx', join(dir, 'o.docx'), join(dir, 'missing.txt')], () => undefined), 2);
      assert.equal(existsSync(join(dir, 'o.docx')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

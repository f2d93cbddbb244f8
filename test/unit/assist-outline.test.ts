// The outline (document symbols), folding ranges and 字数 counts of a report.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, type DocumentFormat } from '../../server/src/engine';
import { documentSymbols, foldingRanges, countReport, sectionCountAt, characterCount, flattenSymbols, type OutlineSymbol } from '../../server/src/engine/assist';

function outline(text: string, format: DocumentFormat = 'plain') {
  const r = lint(text, { format });
  const show = (list: OutlineSymbol[]): unknown[] =>
    list.map((s) => {
      const row: unknown[] = [s.kind, s.name, text.slice(s.start, s.end), text.slice(s.selectionStart, s.selectionEnd)];
      if (s.detail) row.push(s.detail);
      if (s.children.length) row.push(show(s.children));
      return row;
    });
  const symbols = documentSymbols(r.model, r.sections);
  return { r, symbols, shown: show(symbols) };
}

const PLAIN = [
  'XX镇2024年度工作总结',
  '今年以来，我镇扎实推进各项工作。现将有关情况总结如下：',
  '一、主要做法和成效',
  '（一）加强领导。压实责任，召开会议12次。',
  '（二）强化宣传',
  '开展活动。',
  '二、存在的问题',
  '一是学习不深入；二是宣传不到位。',
  '下一步，我们将重点抓好以下工作。',
  '继续加强学习。',
  'XX镇',
  '2024年12月28日',
].join('\n');

test('outline: title, the unheaded opening, headings nested by level, unheaded sections inside their heading', () => {
  assert.deepEqual(outline(PLAIN).shown, [
    ['title', 'XX镇2024年度工作总结', 'XX镇2024年度工作总结', 'XX镇2024年度工作总结'],
    ['section', '导语（段落）', '今年以来，我镇扎实推进各项工作。现将有关情况总结如下：', '今年以来，我镇扎实推进各项工作。现将有关情况总结如下：'],
    ['heading', '一、主要做法和成效', '一、主要做法和成效\n（一）加强领导。压实责任，召开会议12次。\n（二）强化宣传\n开展活动。', '一、主要做法和成效', '主要做法和成效', [
      ['heading', '（一）加强领导', '（一）加强领导。压实责任，召开会议12次。', '（一）加强领导'],
      ['heading', '（二）强化宣传', '（二）强化宣传\n开展活动。', '（二）强化宣传'],
    ]],
    ['heading', '二、存在的问题', '二、存在的问题\n一是学习不深入；二是宣传不到位。\n下一步，我们将重点抓好以下工作。\n继续加强学习。\nXX镇\n2024年12月28日', '二、存在的问题', '存在的问题', [
      ['section', '下一步工作打算（段落）', '下一步，我们将重点抓好以下工作。\n继续加强学习。', '下一步，我们将重点抓好以下工作。'],
      ['section', '落款（段落）', 'XX镇\n2024年12月28日', 'XX镇'],
    ]],
  ]);
});

test('folding: one range per multi-line heading part and unheaded section', () => {
  const { r } = outline(PLAIN);
  assert.deepEqual(foldingRanges(r.model, r.sections), [
    { startLine: 2, endLine: 5 },
    { startLine: 4, endLine: 5 },
    { startLine: 6, endLine: 11 },
    { startLine: 8, endLine: 9 },
    { startLine: 10, endLine: 11 },
  ]);
});

const MD = [
  '---', 'title: x', '---',
  '# 红河镇2024年度工作总结', '', '现将有关情况总结如下：', '',
  '## 一、主要做法', '', '### （一）加强领导', '', '压实责任。', '', '（二）强化宣传。开展活动**5**次。', '', '```', 'code 中文', '```', '',
  '## 二、存在的问题', '', '<!-- report-lint-disable -->', '问题。', '',
  '## 三、下一步工作打算', '', '| 项目 | 数量 |', '|---|---|', '| 培训 | 12 |', '',
].join('\n');

test('Markdown: # levels nest, and a plain （二） paragraph is a sibling of ### （一）', () => {
  const { shown } = outline(MD, 'markdown');
  const names = (rows: unknown[], d = 0): string[] =>
    rows.flatMap((row) => {
      const r = row as unknown[];
      const kids = Array.isArray(r[r.length - 1]) ? (r[r.length - 1] as unknown[]) : [];
      return [`${'  '.repeat(d)}${r[1]}`, ...names(kids, d + 1)];
    });
  assert.deepEqual(names(shown), ['红河镇2024年度工作总结', '导语（段落）', '一、主要做法', '  （一）加强领导', '  （二）强化宣传', '二、存在的问题', '三、下一步工作打算']);
});

test('every symbol’s selection lies in its range, and every child in its parent', () => {
  for (const [text, format] of [[PLAIN, 'plain'], [MD, 'markdown'], [PLAIN.replace(/\n/g, '\r\n'), 'plain']] as const) {
    const { symbols } = outline(text, format);
    const check = (list: OutlineSymbol[], parent?: OutlineSymbol) => {
      for (const s of list) {
        assert.ok(s.start <= s.selectionStart && s.selectionEnd <= s.end, s.name);
        if (parent) assert.ok(parent.start <= s.start && s.end <= parent.end, `${s.name} in ${parent.name}`);
        check(s.children, s);
      }
    };
    check(symbols);
  }
});

test('CRLF and 𠮷: ranges are exact UTF-16 offsets', () => {
  const text = '𠮷镇工作总结\r\n现将有关情况总结如下：\r\n一、𠮷镇做法\r\n开展活动。\r\n二、存在的问题\r\n问题。';
  const { symbols } = outline(text);
  const h = flattenSymbols(symbols).find((s) => s.name === '一、𠮷镇做法')!;
  assert.equal(text.slice(h.start, h.end), '一、𠮷镇做法\r\n开展活动。');
  assert.equal(text.slice(h.selectionStart, h.selectionEnd), '一、𠮷镇做法');
});

test('字数: Han characters and full-width punctuation count 1 each; a run of Latin letters or digits counts 1', () => {
  const cases: [string, number][] = [
    ['加强学习，提升能力。', 10],
    ['2024年', 2],
    ['GDP增长5.2%', 4],
    ['COVID-19', 1],
    ['𠮷野家', 3],
    ['“两个维护”', 6],
    ['工作——', 4],
    ['……', 2],
    ['２０２４年', 5],
    ['hello world', 2],
    ['“Hello,” she said.', 3],
    ['** | ---', 0],
    ['第一\r\n第二', 4],
    ['加强\u3000学习 ', 4],
    ['（见附件1）。', 7],
  ];
  for (const [s, n] of cases) assert.equal(characterCount(s), n, s);
  assert.equal(characterCount('前言2024年后记', 2, 7), 2);
});

test('字数 of the report and of each section: Markdown syntax, code, comments and table rules do not count', () => {
  const r = lint(MD, { format: 'markdown' });
  const c = countReport(r.model, r.sections);
  assert.equal(c.total, 80);
  assert.deepEqual(c.sections.map((s) => [s.id, s.name, s.count]), [
    ['opening', '导语', 11],
    ['achievements', '主要做法和成效', 33],
    ['problems', '存在的问题', 10],
    ['next-steps', '下一步工作打算', 16],
  ]);
  assert.deepEqual(c.headings.map((h) => [h.name, h.count, MD.slice(h.anchor, h.anchor + 2)]), [
    ['导语（段落）', 11, '现将'],
    ['一、主要做法', 33, '一、'],
    ['（一）加强领导', 12, '（一'],
    ['（二）强化宣传', 15, '（二'],
    ['二、存在的问题', 10, '二、'],
    ['三、下一步工作打算', 16, '三、'],
  ]);
});

test('an English report: outline names and counts in English', () => {
  const text = '# Team Status Report\n\n## Summary\n\nIn the past month we shipped 3 releases.\n\n## Issues\n\nThe build is slow.\n';
  const { shown, r } = outline(text, 'markdown');
  assert.deepEqual(shown.map((s) => (s as unknown[]).slice(0, 2)), [['title', 'Team Status Report'], ['heading', 'Summary'], ['heading', 'Issues']]);
  assert.equal((shown[1] as unknown[])[4], 'Summary');
  assert.equal(countReport(r.model, r.sections).total, 3 + 1 + 8 + 1 + 4);
});

test('the count of the section at the cursor is the innermost part containing it', () => {
  const r = lint(MD, { format: 'markdown' });
  const c = countReport(r.model, r.sections);
  assert.deepEqual([MD.indexOf('压实责任'), MD.indexOf('问题。'), MD.indexOf('培训'), 0].map((o) => sectionCountAt(c, o)?.name), ['（一）加强领导', '二、存在的问题', '三、下一步工作打算', undefined]);
});

test('a section found in a paragraph ends with the heading part that holds it', () => {
  const text = ['XX镇工作总结', '现将有关情况总结如下：', '一、主要做法', '开展活动。', '但也存在一些不足：宣传不够。', '二、其他工作', '开展调研。', '三、下一步工作打算', '加强学习。'].join('\n');
  const r = lint(text, { format: 'plain' });
  const c = countReport(r.model, r.sections);
  assert.deepEqual(c.sections.map((s) => [s.id, text.slice(s.start, s.end)]), [
    ['opening', '现将有关情况总结如下：'],
    // Sections do not overlap: the body stops where the problems paragraph starts.
    ['achievements', '一、主要做法\n开展活动。'],
    ['problems', '但也存在一些不足：宣传不够。'],
    ['next-steps', '三、下一步工作打算\n加强学习。'],
  ]);
});

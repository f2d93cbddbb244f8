// The document model: title, headings with their level and marker, paragraphs and tables, each
// with exact [start, end) UTF-16 offsets (CRLF and surrogate pairs included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport, parseMarker, LineIndex, type Block, type ReportModel } from '../../server/src/engine';

const slice = (m: ReportModel, b: { start: number; end: number }) => m.text.slice(b.start, b.end);
const headings = (m: ReportModel) =>
  m.textBlocks.filter((b) => b.kind === 'heading').map((b) => [b.marker?.level, b.marker?.ordinal, b.marker?.text, b.marker?.wellFormed]);

test('plain text: the first short line is the title; markers give the heading levels', () => {
  const text = ['东风镇2024年度意识形态工作总结', '现将有关情况报告如下：', '一、加强组织领导', '（一）压实责任', '1.建立台账', '（1）按月更新', '正文段落。'].join('\n');
  const m = parseReport(text, 'plain');
  assert.equal(slice(m, m.title!), '东风镇2024年度意识形态工作总结');
  assert.deepEqual(headings(m), [
    [1, 1, '一、', true],
    [2, 1, '（一）', true],
    [3, 1, '1.', true],
    [4, 1, '（1）', true],
  ]);
  assert.deepEqual(m.textBlocks.map((b) => b.kind), ['title', 'paragraph', 'heading', 'heading', 'heading', 'heading', 'paragraph']);
  for (const b of m.textBlocks) assert.equal(b.text, slice(m, b));
});

test('plain text: a run-in heading stops at its first full stop', () => {
  const text = '（一）加强领导。镇党委召开会议12次。';
  const m = parseReport(text, 'plain');
  const h = m.textBlocks[0];
  assert.equal(text.slice(h.marker!.end, h.headingEnd), '加强领导。');
});

test('plain text: a line ending in ：or a speech subtitle is not a title', () => {
  assert.equal(parseReport('各位代表：\n现在，我代表县政府作报告。', 'plain').title, undefined);
  assert.equal(parseReport('——2024年2月在县人民代表大会上\n各位代表：', 'plain').title, undefined);
});

test('markers: wrong forms are recognised at their level and flagged', () => {
  const cases: [string, number, string, boolean][] = [
    ['一.加强领导', 1, '一、', false],
    ['(一)加强领导', 2, '（一）', false],
    ['（一）、加强领导', 2, '（一）', false],
    ['1、加强领导', 3, '1.', false],
    ['(1)加强领导', 4, '（1）', false],
    ['十二、其他', 1, '十二、', true],
    ['一、2013年工作回顾', 1, '一、', true],
    ['3．11月27日召开会议', 3, '3.', true],
  ];
  for (const [s, level, canonical, wellFormed] of cases) {
    const mk = parseMarker(s, 10)!;
    assert.deepEqual([mk.level, mk.canonical, mk.wellFormed, mk.start], [level, canonical, wellFormed, 10], s);
  }
});

test('markers: lists of numbers and decimals are not markers', () => {
  for (const s of ['一、二等奖各1名', '1、2月份', '3.5亿元', '2024.3.5']) assert.equal(parseMarker(s, 0), undefined, s);
});

test('Markdown: # headings carry markers; the # title is the title', () => {
  const text = '# 2024年工作总结\n\n## 一、主要做法\n\n### （一）加强领导\n\n正文。\n';
  const m = parseReport(text, 'markdown');
  assert.equal(m.title?.kind, 'title');
  assert.equal(m.text.slice(m.title!.contentStart, m.title!.end), '2024年工作总结');
  const hs = m.textBlocks.filter((b) => b.kind === 'heading');
  assert.deepEqual(hs.map((b) => [b.markdownLevel, b.marker?.level, b.marker?.text, slice(m, b.marker!)]), [
    [2, 1, '一、', '一、'],
    [3, 2, '（一）', '（一）'],
  ]);
});

test('Markdown: code spans and link targets are blanked to spaces of the same length', () => {
  const text = '# 总结\n\n见`XX`与[说明](http://x.cn/XX)。\n';
  const m = parseReport(text, 'markdown');
  const p = m.textBlocks.find((b) => b.kind === 'paragraph')!;
  assert.equal(p.text.length, p.end - p.start);
  assert.ok(!p.text.includes('XX'));
  assert.ok(p.text.includes('[说明]'));
});

test('Markdown tables: a table block and its cells with exact offsets', () => {
  const text = '# 总结\n\n| 项目 | 数量 |\n| --- | --- |\n| 学习 | 12 |\n| 宣讲 | 𠮷3 |\n';
  const m = parseReport(text, 'markdown');
  const table = m.textBlocks.find((b) => b.kind === 'table') as Block;
  assert.ok(table);
  assert.deepEqual(m.tableCells.map((c) => [c.row, c.column, c.text, slice(m, c)]), [
    [0, 0, '项目', '项目'],
    [0, 1, '数量', '数量'],
    [1, 0, '学习', '学习'],
    [1, 1, '12', '12'],
    [2, 0, '宣讲', '宣讲'],
    [2, 1, '𠮷3', '𠮷3'],
  ]);
});

test('Markdown: the text after a table is read (paragraphs and headings below it are blocks)', () => {
  const text = '# 总结\n\n| 项目 | 数量 |\n|---|---|\n| 学习 | 12 |\n\n表后段落XX。\n\n## 二、下一步\n';
  const m = parseReport(text, 'markdown');
  assert.deepEqual(m.blocks.map((b) => [b.kind, b.line, slice(m, b)]), [
    ['title', 0, '# 总结'],
    ['table', 2, '| 项目 | 数量 |\n|---|---|\n| 学习 | 12 |'],
    ['paragraph', 6, '表后段落XX。'],
    ['heading', 8, '## 二、下一步'],
  ]);
});

test('CRLF: block offsets and line positions are exact', () => {
  const text = '工作总结\r\n一、做法\r\n正文。\r\n';
  const m = parseReport(text, 'plain');
  const h = m.textBlocks[1];
  assert.equal(h.start, text.indexOf('一、'));
  assert.equal(h.end, text.indexOf('\r\n正文'));
  assert.deepEqual(m.lines.positionAt(text.indexOf('正文')), { line: 2, character: 0 });
  assert.equal(m.lines.lineText(1), '一、做法');
});

test('surrogate pairs: UTF-16 offsets for rules, code-point columns for people', () => {
  const text = '𠮷𠮷XX\n第二行';
  const lines = new LineIndex(text);
  const offset = text.indexOf('XX');
  assert.equal(offset, 4);
  assert.deepEqual(lines.positionAt(offset), { line: 0, character: 4 });
  assert.deepEqual(lines.humanPosition(offset), { line: 1, column: 3 });
  assert.deepEqual(lines.humanPosition(text.indexOf('第二行')), { line: 2, column: 1 });
});

test('lone CR line breaks count as lines', () => {
  const lines = new LineIndex('甲\r乙\n丙');
  assert.deepEqual(lines.lineStarts, [0, 2, 4]);
  assert.equal(lines.lineText(1), '乙');
});

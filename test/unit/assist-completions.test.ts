// Completions while writing: next heading marker, next 一是 item, missing sections by name.
// The cursor is written as ‸ in each snippet.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport, detectProfile, matchSections, findProfile, type DocumentFormat } from '../../server/src/engine';
import { completionsAt } from '../../server/src/engine/assist';

function complete(withCursor: string, format: DocumentFormat = 'plain', profileId?: string) {
  const offset = withCursor.indexOf('‸');
  const text = withCursor.replace('‸', '');
  const model = parseReport(text, format);
  const profile = profileId ? findProfile(profileId) : detectProfile(model);
  const sections = profile ? matchSections(model, profile) : [];
  const items = completionsAt(model, offset, profile, sections).sort((a, b) => a.sortText.localeCompare(b.sortText));
  return { items, offset, text };
}
const labels = (s: string, format: DocumentFormat = 'plain') => complete(s, format).items.map((i) => i.label);

const SUMMARY = 'XX镇2024年度工作总结\n现将有关情况总结如下：\n';

test('at the start of a line after 一、二、三、 the next marker is 四、, then a first （一）, or 1. skipping a level', () => {
  const { items, offset } = complete(SUMMARY + '一、主要做法\n二、工作成效\n三、存在的问题\n‸');
  assert.deepEqual(items.map((i) => [i.label, i.insertText, i.kind, i.start, i.end]), [
    ['四、', '四、', 'marker', offset, offset],
    ['（一）', '（一）', 'marker', offset, offset],
    ['1.', '1.', 'marker', offset, offset],
  ]);
  assert.equal(items[0].detail, '下一个一级标题');
});

test('under （一） the next （二） comes first, then 1., then the parent’s next 二、', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n（一）加强领导\n压实责任。\n‸'), ['（二）', '1.', '二、']);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n（一）加强领导\n1.学习\n‸'), ['2.', '（1）', '（二）', '二、']);
});

test('an empty document starts with 一、', () => {
  assert.deepEqual(labels('‸'), ['一、']);
});

test('what was typed filters the markers and is replaced: （ and a half-width (', () => {
  const { items, offset } = complete(SUMMARY + '一、主要做法\n（一）加强领导\n（‸');
  assert.deepEqual(items.map((i) => [i.label, i.start, i.end]), [['（二）', offset - 1, offset]]);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n（一）加强领导\n(‸'), ['（二）']);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n二‸'), ['二、']);
});

test('Chinese numerals beyond 十: 十一、 and 二十、', () => {
  const heads = (n: number) => Array.from({ length: n }, (_, i) => `${'一二三四五六七八九十'[i] ?? ['十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九'][i - 10]}、标题\n`).join('');
  assert.equal(labels(SUMMARY + heads(10) + '‸')[0], '十一、');
  assert.equal(labels(SUMMARY + heads(19) + '‸')[0], '二十、');
});

test('after 一是…； in a paragraph: 二是, replacing what was typed of it', () => {
  const a = complete(SUMMARY + '一、主要做法\n一是加强学习；‸');
  assert.deepEqual(a.items.map((i) => [i.label, i.kind, i.start, i.end]), [['二是', 'enumeration', a.offset, a.offset]]);
  const b = complete(SUMMARY + '一、主要做法\n一是加强学习；二是压实责任；三‸');
  assert.deepEqual(b.items.map((i) => [i.label, i.start, i.end]), [['三是', b.offset - 1, b.offset]]);
  // 第一，… continues with 第二，
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n第一，加强学习。‸'), ['第二，']);
});

test('a new paragraph after 一是… paragraphs offers the next item first, then markers', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n一是加强学习。\n二是压实责任。\n‸'), ['三是', '二、', '（一）', '1.']);
});

test('no enumeration item mid-word, after a heading or for 统一是', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n一是加强学习‸'), []);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n一是加强学习。\n二、存在的问题\n‸'), ['三、', '（一）', '1.']);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n标准统一是前提；‸'), []);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n唯一是前提；‸'), []);
});

test('typing ； offers the next item only at the first ； after an item, not at its sub-clauses', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n一是完成甲项目；推进乙项目；‸'), []);
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n第一，加强学习；‸'), []);
  // After 。 a multi-sentence item may go on, so the next item stays on offer once typed.
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n一是完成甲项目。推进乙项目。二‸'), ['二是']);
});

test('in the paragraph being written, 一是 may follow a word: 今后一是…；', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n今后一是要学习再深入；‸'), ['二是']);
  // An earlier run in the section does not decide when the current paragraph started its own.
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n一是甲；二是乙；三是丙。\n今后一是要学习再深入；‸'), ['二是']);
});

test('right after a new heading marker: the profile’s missing sections by name, required first', () => {
  const { items, offset } = complete(SUMMARY + '一、主要做法\n压实责任。\n二、‸');
  assert.deepEqual(items.map((i) => [i.label, i.kind, i.start, i.end]), [
    ['存在的问题', 'section', offset, offset],
    ['下一步工作打算', 'section', offset, offset],
    ['经验体会', 'section', offset, offset],
  ]);
  assert.equal(items[0].detail, '工作总结的必备部分');
  assert.equal(items[2].detail, '工作总结的可选部分');
});

test('after （二） under a 一、 heading no sections are offered: they are top-level parts', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n（一）甲\n（二）‸'), []);
  assert.deepEqual(labels(SUMMARY + '（一）主要做法\n（二）‸')[0], '存在的问题');
});

test('sections already present are not offered; typed text filters', () => {
  assert.deepEqual(labels(SUMMARY + '一、主要做法\n二、存在的问题\n问题。\n三、‸'), ['下一步工作打算', '经验体会']);
  const { items, offset } = complete(SUMMARY + '一、主要做法\n二、下‸');
  assert.deepEqual(items.map((i) => [i.label, i.start, i.end]), [['下一步工作打算', offset - 1, offset]]);
});

test('a duty report offers its own sections; a heading that only the profile’s patterns know gets a literal one', () => {
  assert.deepEqual(labels('2024年度述职报告\n本人任职以来：\n一、履职情况\n二、‸'), ['存在的问题', '今后努力方向']);
  const gov = complete('2024年政府工作报告\n一、过去一年工作回顾\n二、‸').items.map((i) => i.label);
  assert.deepEqual(gov, ['困难和问题', '总体要求', '重点工作和任务', '政府自身建设']);
});

test('English: after "## " in Markdown, the missing sections; only 1. 2. 3. at line start', () => {
  const doc = '# Team Status Report\n\n## Summary\n\nIn the past month we shipped.\n\n## ‸';
  assert.deepEqual(labels(doc, 'markdown'), ['Accomplishments', 'Issues and risks', 'Next steps']);
  assert.deepEqual(labels('Team Status Report\n\nIn the past month we shipped.\n\n‸'), ['1.']);
  assert.deepEqual(labels('Team Status Report\n1. Summary\nIn the past month we shipped.\n‸'), ['2.']);
});

test('CRLF and a surrogate pair before the cursor keep offsets exact', () => {
  const { items, offset, text } = complete('𠮷镇2024年度工作总结\r\n现将有关情况总结如下：\r\n一、主要做法\r\n（‸');
  assert.equal(items[0].label, '（一）');
  assert.equal(text.slice(items[0].start, items[0].end), '（');
  assert.equal(items[0].end, offset);
});

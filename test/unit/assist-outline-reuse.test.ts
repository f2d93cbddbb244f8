// The outline, 字数 and folding ranges the editor asks for after each edit: made once per checked
// version (reportOutline), with block counts kept across versions, and always equal to what the
// three functions give on a report checked from scratch.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, createLinter, parseReport, type DocumentFormat, type LintResult } from '../../server/src/engine';
import { assertRechecks } from './random-edits';
import { documentSymbols, foldingRanges, countReport, blockCount, characterCount, reportOutline, type UiLanguage } from '../../server/src/engine/assist';

const REPORT = [
  '青山镇2024年度工作总结',
  '今年以来，我镇扎实推进各项工作。现将有关情况总结如下：',
  '一、主要做法和成效',
  '（一）加强领导。压实责任，召开会议12次。',
  '（二）强化宣传',
  '开展宣讲活动，覆盖群众3000人。',
  '二、存在的问题',
  '一是学习不深入；二是宣传不到位。',
  '三、下一步工作打算',
  '下一步，我们将重点抓好以下工作。',
  '继续加强学习。',
  '青山镇人民政府',
  '2024年12月28日',
].join('\n');

/** What the three functions give for a report checked from scratch. */
function fresh(text: string, format: DocumentFormat, lang: UiLanguage) {
  const r = lint(text, { format });
  return { symbols: documentSymbols(r.model, r.sections, lang), counts: countReport(r.model, r.sections, undefined, lang), folding: foldingRanges(r.model, r.sections) };
}

/** What the language server answers from a linter's result. */
function shared(r: LintResult, lang: UiLanguage) {
  const o = reportOutline(r.model, r.sections, lang);
  return { symbols: o.symbols, counts: o.counts, folding: o.folding };
}

test('reportOutline: the outline, counts and folding ranges of the report, pinned', () => {
  const r = lint(REPORT, { format: 'plain' });
  const o = reportOutline(r.model, r.sections, 'zh');
  const line = (offset: number) => r.model.lines.lineAt(offset);
  const rows = (list: typeof o.symbols): unknown[] => list.map((s) => [s.kind, s.name, line(s.start), line(s.end), ...(s.children.length ? [rows(s.children)] : [])]);
  assert.deepEqual(rows(o.symbols), [
    ['title', '青山镇2024年度工作总结', 0, 0],
    ['section', '导语（段落）', 1, 1],
    ['heading', '一、主要做法和成效', 2, 5, [
      ['heading', '（一）加强领导', 3, 3],
      ['heading', '（二）强化宣传', 4, 5],
    ]],
    ['heading', '二、存在的问题', 6, 7],
    ['heading', '三、下一步工作打算', 8, 12, [['section', '落款（段落）', 11, 12]]],
  ]);
  // Per line: 10 + 27 + 9 + 20 + 7 + 14 + 7 + 16 + 9 + 16 + 7 + 7 + 6 (12 and 3000 count once each).
  assert.equal(o.counts.total, 155);
  assert.deepEqual(o.counts.sections.map((s) => [s.id, s.count]), [
    ['opening', 27],
    ['achievements', 9 + 20 + 7 + 14],
    ['problems', 7 + 16],
    ['next-steps', 9 + 16 + 7],
    ['signature', 7 + 6],
  ]);
  assert.deepEqual(o.counts.headings.map((h) => [h.name, h.count]), [
    ['导语（段落）', 27],
    ['一、主要做法和成效', 50],
    ['（一）加强领导', 20],
    ['（二）强化宣传', 7 + 14],
    ['二、存在的问题', 23],
    ['三、下一步工作打算', 9 + 16 + 7 + 7 + 6],
    ['落款（段落）', 13],
  ]);
  assert.deepEqual(o.folding, [
    { startLine: 2, endLine: 5 },
    { startLine: 4, endLine: 5 },
    { startLine: 6, endLine: 7 },
    { startLine: 8, endLine: 12 },
    { startLine: 11, endLine: 12 },
  ]);
  // Equal to the three functions, each on its own.
  assert.deepEqual(shared(r, 'zh'), fresh(REPORT, 'plain', 'zh'));
  assert.deepEqual(shared(r, 'en'), fresh(REPORT, 'plain', 'en'));
});

test('reportOutline: made once per model, sections and language, each part when first read', () => {
  const r = lint(REPORT, { format: 'plain' });
  const zh = reportOutline(r.model, r.sections, 'zh');
  assert.equal(reportOutline(r.model, r.sections, 'zh'), zh);
  assert.equal(zh.symbols, zh.symbols);
  assert.equal(zh.counts, zh.counts);
  const en = reportOutline(r.model, r.sections, 'en');
  assert.notEqual(en, zh);
  assert.equal(en.symbols[1].name, 'Opening overview (paragraph)');
  assert.deepEqual(en.folding, zh.folding);
  // Other sections (another check of the same model) are another outline.
  assert.notEqual(reportOutline(r.model, [], 'zh'), reportOutline(r.model, r.sections, 'zh'));
  assert.deepEqual(reportOutline(r.model, [], 'zh').symbols, documentSymbols(r.model, [], 'zh'));
});

/** Replaces the first `find` in `text`. */
function edit(text: string, find: string, replace: string): string {
  const at = text.indexOf(find);
  assert.ok(at >= 0, find);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

test('after each edit, the shared outline and counts equal a check from scratch (headings added and removed, counts changed)', () => {
  for (const format of ['plain', 'markdown'] as const) {
    const linter = createLinter();
    let text = REPORT;
    let before = shared(linter.lint(text, { format }), 'zh');
    const steps: [string, string, string][] = [
      // Four more characters in a paragraph of （二）: its part and the whole grow by 4.
      ['开展宣讲活动', '开展宣讲活动进村入户', 'paragraph'],
      // A new heading: （三） under 一、.
      ['二、存在的问题', '（三）抓好队伍\n培训干部50人。\n二、存在的问题', 'heading added'],
      // The heading （一） becomes a paragraph; its text stays in 一、.
      ['（一）加强领导。', '加强领导。', 'heading removed'],
      // A line break inside a paragraph, then joined again.
      ['二是宣传不到位。', '二是宣传\n不到位。', 'line split'],
      ['二是宣传\n不到位。', '二是宣传不到位。', 'lines joined'],
      // The problems heading goes: its paragraph joins the part above.
      ['二、存在的问题\n', '', 'section heading removed'],
      // Characters that count differently: a Latin run counts once, 𠮷 once.
      ['继续加强学习。', '继续加强学习GDP2024与𠮷。', 'runs and surrogates'],
      // The title changes.
      ['青山镇2024年度', '青山镇2025年度', 'title'],
    ];
    for (const [find, replace, what] of steps) {
      text = edit(text, find, replace);
      const now = shared(linter.lint(text, { format }), 'zh');
      assert.deepEqual(now, fresh(text, format, 'zh'), `${format}: ${what}`);
      if (what === 'paragraph') {
        assert.equal(now.counts.total, before.counts.total + 4);
        assert.equal(now.counts.headings.find((h) => h.name === '（二）强化宣传')!.count, before.counts.headings.find((h) => h.name === '（二）强化宣传')!.count + 4);
      }
      before = now;
    }
  }
});

test('after random edits, the shared outline, counts and folding equal a check from scratch', () => {
  const pieces = ['X', '字', '，', '。', '一、', '二、', '（一）', '（二）', '1.', '\n', '\r\n', ' ', '## ', '存在的问题', '下一步', '𠮷', 'GDP', '|'];
  assertRechecks(REPORT, pieces, { maxDeleted: 8, maxPieces: 4, runs: 150 }, (result, text, format) => assert.deepEqual(shared(result, 'zh'), fresh(text, format, 'zh')));
});

test('blockCount: a kept count is used only while the block has the text and kind it was counted with', () => {
  const model = parseReport('标题\n开展活动3次。', 'plain');
  const b = model.blocks[1];
  assert.equal(blockCount(b), characterCount('开展活动3次。'));
  b.text = '开展活动';
  assert.equal(blockCount(b), 4);
  b.kind = 'code';
  assert.equal(blockCount(b), 0);
  b.kind = 'paragraph';
  assert.equal(blockCount(b), 4);
});

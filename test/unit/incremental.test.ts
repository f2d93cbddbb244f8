// Re-checking after edits must give exactly what a check from scratch gives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint, createLinter, reparse, parseReport, blockRule, RULES, LineIndex, type LintResult } from '../../server/src/engine';
import { memoized, type Rule } from '../../server/src/engine/rules/types';
import { extractFigures } from '../../server/src/engine/figures';
import { randomEdits, applyEdit, assertRechecks } from './random-edits';

const BASE = [
  'XX镇2024年度宣传思想工作总结',
  '2024年，镇党委认真落实意识形态工作责任制，现将有关情况报告如下：',
  '一、加强组织领导',
  '全年召开专题会议4次，，研究部署宣传工作。一是抓学习；二是抓阵地；四是抓队伍。',
  '（一）健全机制',
  '制定某某制度3项、、完善工作台账。',
  '（三）强化考核',
  '二、存在的问题',
  '但还存在一些不足：一是宣传形式单一；二是队伍力量薄弱。',
  '三、下一步工作打算',
  '下一步，我们将持续用力，做好【填写重点工作】。',
  '红河镇党委',
  '2024年12月28日',
].join('\r\n');

const view = (r: LintResult) => r.findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end, severity: f.severity, message: f.message.en, fixes: f.fixes }));
const blocks = (text: string) => parseReport(text, 'plain').blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end, line: b.line, contentStart: b.contentStart, marker: b.marker, headingEnd: b.headingEnd }));

test('an edited model equals a freshly parsed one (insertions, deletions, line breaks, CRLF)', () => {
  const edits: [number, number, string][] = [
    [0, 2, '红河'],
    [BASE.indexOf('四是'), BASE.indexOf('四是') + 1, '三'],
    [BASE.indexOf('（三）'), BASE.indexOf('（三）') + 3, '（二）'],
    [BASE.indexOf('\r\n'), BASE.indexOf('\r\n') + 2, ''],
    [BASE.indexOf('\r\n') + 1, BASE.indexOf('\r\n') + 1, '\r\n插入一行\r\n'],
    [BASE.length, BASE.length, '\r\n附件：统计表'],
  ];
  for (const [start, end, insert] of edits) {
    const next = BASE.slice(0, start) + insert + BASE.slice(end);
    const model = reparse(parseReport(BASE, 'plain'), next);
    assert.deepEqual(
      model.blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end, line: b.line, contentStart: b.contentStart, marker: b.marker, headingEnd: b.headingEnd })),
      blocks(next),
      `edit [${start}, ${end}) → ${JSON.stringify(insert)}`,
    );
  }
});

test('a linter re-checking random edits gives the findings of a check from scratch', () => {
  const pieces = ['X', 'x', '、', '，', '。', '一', '二', '是', '\n', '\r\n', '（', '）', '1', '.', '某', '镇', ' ', '##'];
  assertRechecks(BASE, pieces, { maxDeleted: 6, maxPieces: 5, runs: 300 }, (result, text, format) => assert.deepEqual(view(result), view(lint(text, { format }))));
});

// Figures with relations the figure rules check: a total and its parts that do not add up, a
// growth rate against a base, the same metric stated twice, a plan figure, dates and a signature.
const FIGURES = [
  '红河县2024年工作总结',
  '一、主要成效',
  '开展宣讲4场、座谈6场，共9场。',
  '农村居民人均可支配收入21600元，比上年的20000元增长12.5%。',
  '全年共培训干部120人，其中党员80人。',
  '（一）干部培训',
  '2024年3月5日召开培训会，全年培训干部100人。',
  '| 项目 | 数量 |',
  '|---|---|',
  '| 培训班 | 12期 |',
  '二、下一步打算',
  '力争2025年培训干部200人，今年完成投资6000万元。',
  '红河县人民政府',
  '2024年12月30日',
].join('\n');

test('a linter re-checking random edits of figures gives the figures and findings of a check from scratch', () => {
  const pieces = ['1', '2', '0', '5', '人', '场', '万元', '%', '其中', '共', '，', '。', '、', '\n', '年', '月', '下一步', '|', '增长', '近', '多'];
  assertRechecks(FIGURES, pieces, { maxDeleted: 6, maxPieces: 4, runs: 200 }, (result, text, format) => {
    assert.deepEqual(view(result), view(lint(text, { format })));
    assert.deepEqual(extractFigures(result.model), extractFigures(parseReport(text, format)));
  });
});

test('the figure rules find what they find in the figures fixture, so the property above checks them', () => {
  const rules = new Set(lint(FIGURES, { format: 'markdown' }).findings.map((f) => f.rule));
  for (const id of ['figure-sum-mismatch', 'percentage-mismatch']) assert.ok(rules.has(id), `${id} in ${[...rules].join(', ')}`);
});

test('block-rule findings are reused for unchanged blocks and shifted with them', () => {
  let calls = 0;
  const doubledX = blockRule({
    id: 'test-doubled-x',
    defaultSeverity: 'warning',
    description: { zh: '测试', en: 'test' },
    checkBlock(block) {
      calls++;
      const out = [];
      for (const m of block.text.matchAll(/XX/g)) {
        const start = block.start + m.index!;
        out.push({ start, end: start + 2, message: { zh: 'XX', en: 'XX' }, fixes: [{ title: { zh: '删', en: 'delete' }, edits: [{ start, end: start + 2, newText: '' }], safe: true }] });
      }
      return out;
    },
  });
  const rules = [...RULES, doubledX];
  const linter = createLinter();
  const first = linter.lint(BASE, { format: 'plain', rules });
  const blocksChecked = calls;
  assert.equal(blocksChecked, parseReport(BASE, 'plain').textBlocks.length);
  // Insert two characters on the third line: only that block is checked again.
  const at = BASE.indexOf('一、');
  const edited = BASE.slice(0, at) + '新增' + BASE.slice(at);
  const second = linter.lint(edited, { format: 'plain', rules });
  assert.equal(calls - blocksChecked, 1);
  const mine = (r: LintResult) => r.findings.filter((f) => f.rule === 'test-doubled-x').map((f) => [f.start, f.fixes![0].edits[0].start]);
  assert.deepEqual(mine(first), [[0, 0]]);
  assert.deepEqual(mine(second), mine(lint(edited, { format: 'plain', rules })));
  assert.deepEqual(view(second), view(lint(edited, { format: 'plain', rules })));
});

test('a line index updated for an edit equals one built from scratch (CR, LF and CRLF split or joined)', () => {
  const piece = fc.constantFrom('a', '镇', '𠮷', '\n', '\r', '\r\n', '\n\r', '　');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat({ max: 5 }), fc.array(piece, { maxLength: 4 }), (parts, at, len, insert) => {
      const before = parts.join('');
      const start = at % (before.length + 1);
      const oldEnd = Math.min(before.length, start + len);
      const added = insert.join('');
      const after = before.slice(0, start) + added + before.slice(oldEnd);
      const updated = LineIndex.afterEdit(new LineIndex(before), after, start, oldEnd, start + added.length);
      assert.deepEqual(updated.lineStarts, new LineIndex(after).lineStarts, JSON.stringify({ before, start, oldEnd, added }));
    }),
    { numRuns: 2000 },
  );
});

test('a document-wide rule memoises per block: an edit recomputes the edited block only', () => {
  const computed: string[] = [];
  const counter: Rule = {
    id: 'test-memo-count',
    defaultSeverity: 'info',
    description: { zh: '测试', en: 'test' },
    check(ctx) {
      const out = [];
      for (const block of ctx.model.textBlocks) {
        // The first 某 of each block, relative to the block.
        const at = memoized(ctx, block, 'test-memo-count/first', () => {
          computed.push(block.text);
          return block.text.indexOf('某');
        });
        if (at >= 0) out.push({ start: block.start + at, end: block.start + at + 1, message: { zh: '某', en: '某' } });
      }
      return out;
    },
  };
  const rules = [...RULES, counter];
  const linter = createLinter();
  linter.lint(BASE, { format: 'plain', rules });
  assert.equal(computed.length, parseReport(BASE, 'plain').textBlocks.length);
  computed.length = 0;
  const at = BASE.indexOf('一、');
  const edited = BASE.slice(0, at) + '新增' + BASE.slice(at);
  const result = linter.lint(edited, { format: 'plain', rules });
  assert.deepEqual(computed, ['新增一、加强组织领导']);
  const mine = (r: LintResult) => r.findings.filter((f) => f.rule === 'test-memo-count').map((f) => [f.start, edited.slice(f.start, f.start + 3)]);
  assert.deepEqual(mine(result), [[edited.indexOf('某某制度'), '某某制']]);
  assert.deepEqual(view(result), view(lint(edited, { format: 'plain', rules })));
});

test('findings of an unchanged block are placed again when what they depend on (blockContext) changes', () => {
  // A block rule whose findings depend on the title: it flags 某 only in a report titled …总结.
  const titled: Rule = blockRule({
    id: 'test-title-context',
    defaultSeverity: 'info',
    description: { zh: '测试', en: 'test' },
    blockContext: (ctx) => (ctx.model.title ? ctx.model.text.slice(ctx.model.title.start, ctx.model.title.end) : ''),
    checkBlock(block, ctx) {
      const title = ctx.model.title ? ctx.model.text.slice(ctx.model.title.start, ctx.model.title.end) : '';
      const at = block.kind === 'title' || !title.endsWith('总结') ? -1 : block.text.indexOf('某');
      return at < 0 ? [] : [{ start: block.start + at, end: block.start + at + 1, message: { zh: '某', en: '某' } }];
    },
  });
  const rules = [...RULES, titled];
  const linter = createLinter();
  const mine = (r: LintResult) => r.findings.filter((f) => f.rule === 'test-title-context').length;
  assert.equal(mine(linter.lint(BASE, { format: 'plain', rules })), 1);
  const retitled = BASE.replace('工作总结', '工作报告');
  assert.equal(mine(linter.lint(retitled, { format: 'plain', rules })), 0);
  assert.equal(mine(linter.lint(BASE, { format: 'plain', rules })), 1);
});

// Markdown whose blocks reach over lines and blank lines: lists (loose, lazy, nested), quotes,
// fences, HTML comments, tables, setext headings, indented code.
const MARKDOWN = [
  '# XX县2024年工作总结',
  '',
  '2024年，我县认真落实各项工作。',
  '',
  '## 一、主要成效',
  '',
  '1. 召开会议4次',
  '1. 培训干部120人，其中党员80人',
  '懒惰续行',
  '',
  '1. 第三项',
  '',
  '   第三项的第二段',
  '',
  '- 要点甲',
  '  - 子要点',
  '',
  '> 引文第一行',
  '续行',
  '',
  '```',
  '代码一是',
  '',
  '三是代码',
  '```',
  '',
  '<!--',
  '注释XX',
  '',
  '-->',
  '',
  '| 项目 | 数量 |',
  '|---|---|',
  '| 培训班 | 12期 |',
  '',
  '（二）强化考核',
  '=========',
  '',
  '    缩进代码',
  '',
  '    仍是代码',
  '',
  '三、下一步打算',
  '',
  '红河县人民政府',
  '2024年12月30日',
].join('\n');

test('Markdown re-parsed around an edit equals a fresh parse (lists, quotes, fences, comments, tables)', () => {
  const alphabet = fc.constantFrom('X', '一', '是', '\n', '\n\n', ' ', '  ', '1. ', '- ', '> ', '`', '```', '~~~', '<!--', '-->', '|', '---', '===', '#', '、', '。', '    ');
  const shape = (text: string, model: ReturnType<typeof parseReport>) =>
    model.blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end, line: b.line, contentStart: b.contentStart, marker: b.marker, headingEnd: b.headingEnd, markdownLevel: b.markdownLevel, text: b.text, raw: text.slice(b.start, b.end) }));
  fc.assert(
    fc.property(randomEdits(alphabet, 8, 4, 6), (edits) => {
      let model = parseReport(MARKDOWN, 'markdown');
      let text = MARKDOWN;
      for (const edit of edits) {
        text = applyEdit(text, edit);
        model = reparse(model, text);
        assert.deepEqual(shape(text, model), shape(text, parseReport(text, 'markdown')), JSON.stringify(text));
        assert.deepEqual(model.tableCells, parseReport(text, 'markdown').tableCells);
      }
    }),
    { numRuns: 1500 },
  );
});

test('a one-character edit in Markdown prose re-parses only its stretch (blocks elsewhere are the same objects)', () => {
  const model = parseReport(MARKDOWN, 'markdown');
  const at = MARKDOWN.indexOf('三、下一步打算');
  const edited = reparse(model, MARKDOWN.slice(0, at) + '（' + MARKDOWN.slice(at));
  const before = model.blocks.filter((b) => b.end < MARKDOWN.indexOf('（二）强化考核') && b !== model.title);
  assert.ok(before.length > 10);
  for (const b of before) assert.ok(edited.blocks.includes(b), `block at line ${b.line} reused`);
});

test('Markdown documents made of random block lines, re-parsed after random edits, equal a fresh parse', () => {
  const line = fc.constantFrom('', '', '', '正文一是XX。', '续行文字', '1. 项', '2) 项', '- 点', '  - 子点', '    缩进', '> 引', '>', '| a | b |', '|---|---|', 'a | b', '---', '===', '## 二、标题', '# 标题', '  续', '[r]: /x', '***', '三、下一步', '（一）强化', '1．全角', '<!-- c -->', '```', '~~~');
  const alphabet = fc.constantFrom('X', '\n', '\n\n', ' ', '1. ', '- ', '> ', '|', '=', '-', '#', '、', '    ');
  const shape = (model: ReturnType<typeof parseReport>) =>
    model.blocks.map((b) => ({ kind: b.kind, start: b.start, end: b.end, line: b.line, contentStart: b.contentStart, marker: b.marker, headingEnd: b.headingEnd, markdownLevel: b.markdownLevel, text: b.text }));
  fc.assert(
    fc.property(fc.array(line, { minLength: 3, maxLength: 40 }), randomEdits(alphabet, 10, 4, 6), (lines, edits) => {
      let text = lines.join('\n');
      let model = parseReport(text, 'markdown');
      for (const edit of edits) {
        text = applyEdit(text, edit);
        model = reparse(model, text);
        assert.deepEqual(shape(model), shape(parseReport(text, 'markdown')), JSON.stringify(text));
      }
    }),
    { numRuns: 2000 },
  );
});

test('a paste of 200,000 lines is re-checked like a fresh check (no spread of the new lines or blocks into splice)', () => {
  const base = '2024年工作总结\n\n一、总体情况\n\n本年度完成XX项任务。\n';
  const linter = createLinter();
  linter.lint(base, { format: 'plain' });
  const at = base.indexOf('\n\n') + 1;
  const blank = base.slice(0, at) + '\n'.repeat(200_000) + base.slice(at);
  const r1 = linter.lint(blank, { format: 'plain' });
  assert.equal(r1.model.lines.lineCount, new LineIndex(blank).lineCount);
  assert.deepEqual(view(r1), view(lint(blank, { format: 'plain' })));
  const lines = blank.slice(0, at) + '好。\n'.repeat(200_000) + blank.slice(at);
  const r2 = linter.lint(lines, { format: 'plain' });
  assert.equal(r2.model.blocks.length, parseReport(lines, 'plain').blocks.length);
  assert.deepEqual(view(r2), view(lint(lines, { format: 'plain' })));
  assert.deepEqual(r2.findings.filter((f) => f.rule === 'placeholder').map((f) => lines.slice(f.start, f.end)), ['XX']);
});

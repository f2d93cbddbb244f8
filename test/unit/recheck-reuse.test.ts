// What a linter reuses from one check to the next, beyond the blocks: the figure set's lists, the
// marks the artifact rule finds between blocks, the findings array. Each reuse writes over
// something of an earlier check; after any sequence of edits the result must still equal a check
// from scratch. All sentences are our own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lint, parseReport, createLinter, blockRule, RULES, type LintResult } from '../../server/src/engine';
import type { Rule } from '../../server/src/engine/rules/types';
import type { RuleFinding } from '../../server/src/engine/types';
import { extractFigures } from '../../server/src/engine/figures';

const view = (r: LintResult) => r.findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end, severity: f.severity, message: f.message.en, fixes: f.fixes }));

const REPORT = [
  '青山镇2024年工作总结',
  '一、主要成效',
  '全年培训干部120人。',
  '其中党员80人，入党积极分子30人。',
  '2024年3月5日召开动员会，2024年6月30日完成中期检查。',
  '开展宣讲4场、座谈6场，共10场。',
  '农村居民人均可支配收入21600元，比上年的20000元增长12.5%。',
  '##paidbegin##',
  '二、下一步打算',
  '力争2025年培训干部200人。',
  '青山镇人民政府',
  '2024年12月30日',
].join('\n');

/** The text with `[start, end)` replaced by `s`. */
const splice = (text: string, start: number, end: number, s: string) => text.slice(0, start) + s + text.slice(end);

/** Checks `text` with the linter and compares findings and figures with a check from scratch. */
function checkAgainstFresh(linter: ReturnType<typeof createLinter>, text: string, what: string): LintResult {
  const r = linter.lint(text, { format: 'plain' });
  assert.deepEqual(view(r), view(lint(text, { format: 'plain' })), what);
  assert.deepEqual(extractFigures(r.model), extractFigures(parseReport(text, 'plain')), what);
  return r;
}

test('the figure lists of a check are written over two checks later, never by the next one', () => {
  const linter = createLinter();
  const r1 = linter.lint(REPORT, { format: 'plain' });
  const s1 = extractFigures(r1.model);
  const lists1 = [s1.figures, s1.dates, s1.sentences, s1.relations];
  const t2 = splice(REPORT, REPORT.indexOf('全年培训'), REPORT.indexOf('全年培训'), '本年度');
  const s2 = extractFigures(checkAgainstFresh(linter, t2, 'second check').model);
  const lists2 = [s2.figures, s2.dates, s2.sentences, s2.relations];
  // The second check read the first one's objects from its lists: it must have written elsewhere.
  for (let k = 0; k < 4; k++) assert.notEqual(lists2[k], lists1[k]);
  const t3 = splice(t2, t2.indexOf('开展宣讲'), t2.indexOf('开展宣讲'), '全镇');
  const s3 = extractFigures(checkAgainstFresh(linter, t3, 'third check').model);
  const lists3 = [s3.figures, s3.dates, s3.sentences, s3.relations];
  for (let k = 0; k < 4; k++) {
    assert.equal(lists3[k], lists1[k], 'the first check\'s lists, written over');
    assert.notEqual(lists3[k], lists2[k]);
  }
});

test('a run of edits that grows and shrinks every figure list gives what a check from scratch gives', () => {
  const linter = createLinter();
  let text = REPORT;
  linter.lint(text, { format: 'plain' });
  const steps: [string, (t: string) => string][] = [
    // A total whose parts are in the next block (其中 opening the line): the part now exceeds it.
    ['the total a 其中 line refers to, changed', (t) => t.replace('120人', '60人')],
    ['a block holding two dates, deleted', (t) => splice(t, t.indexOf('2024年3月5日'), t.indexOf('开展宣讲'), '')],
    [
      'a paste of many lines with figures, dates and relations',
      (t) => {
        const lines: string[] = [];
        for (let i = 1; i <= 60; i++) lines.push(`第${i}批培训干部${i * 3}人，其中党员${i}人，${2024}年${(i % 12) + 1}月${(i % 28) + 1}日结业。`);
        const at = t.indexOf('开展宣讲');
        return splice(t, at, at, `${lines.join('\n')}\n`);
      },
    ],
    ['a figure inside the pasted lines, changed', (t) => t.replace('第30批培训干部90人', '第30批培训干部9人')],
    ['the total restored', (t) => t.replace('60人', '120人')],
    ['the pasted lines deleted again', (t) => splice(t, t.indexOf('第1批'), t.indexOf('开展宣讲'), '')],
    ['a sentence end inside a paragraph with a growth rate, removed', (t) => t.replace('21600元，', '21600元')],
    ['a date added to the title line', (t) => splice(t, t.indexOf('\n'), t.indexOf('\n'), '（2024年12月）')],
    ['everything after the first heading, deleted', (t) => t.slice(0, t.indexOf('一、主要成效'))],
    ['the report back', () => REPORT],
  ];
  for (const [what, edit] of steps) {
    text = edit(text);
    checkAgainstFresh(linter, text, what);
  }
});

test('marks between blocks and inside them keep their fixes across edits that move them', () => {
  const text = ['青山镇2024年工作总结', '##paidbegin##', '全年培训干部120人。\u200B', '', '  ##end##  ', '2024年12月30日'].join('\r\n');
  const linter = createLinter();
  let t = text;
  checkAgainstFresh(linter, t, 'first check');
  for (const [what, edit] of [
    ['a line inserted above the marks', (s: string) => splice(s, s.indexOf('\r\n') + 2, s.indexOf('\r\n') + 2, '新增一行。\r\n')],
    ['a marker no longer alone on its line', (s: string) => s.replace('##paidbegin##', '##paidbegin##正文')],
    ['a marker alone again', (s: string) => s.replace('##paidbegin##正文', '##paidbegin##')],
    ['the line break after the last marker, removed', (s: string) => s.replace('  ##end##  \r\n', '  ##end##  ')],
    ['the marker at the end of the document', (s: string) => s.replace('2024年12月30日', '')],
  ] as [string, (s: string) => string][]) {
    t = edit(t);
    checkAgainstFresh(linter, t, what);
  }
});

test('block findings out of block order are sorted as a check from scratch sorts them', () => {
  // A block rule that reports a block holding 某 a few characters past the block's end too, where
  // the next block's findings are (no rule of ours does that; the merge must not rely on it).
  const odd = blockRule({
    id: 'test-odd-order',
    defaultSeverity: 'info',
    description: { zh: '测试', en: 'test' },
    checkBlock(b) {
      const at = b.text.indexOf('某');
      return at < 0 ? [] : [{ start: b.start + at, end: b.start + at + 1, message: { zh: '某', en: '某' } }, { start: b.end + 3, end: b.end + 4, message: { zh: '后', en: 'after' } }];
    },
  });
  const rules = [...RULES, odd];
  const text = ['某镇2024年工作总结', '某某同志', '全年培训干部120人。', '某单位'].join('\n');
  const linter = createLinter();
  let t = text;
  for (const edit of [(s: string) => s, (s: string) => '前' + s, (s: string) => s.replace('全年', '某年'), (s: string) => s.replace('某单位', '单位')]) {
    t = edit(t);
    assert.deepEqual(view(linter.lint(t, { format: 'plain', rules })), view(lint(t, { format: 'plain', rules })));
  }
});

test('a document-wide finding the rule returns again keeps its placed finding; a new message makes a new one', () => {
  // A rule that keeps its finding objects between checks (as artifact does for its marks).
  const kept = new Map<string, RuleFinding>();
  const stable: Rule = {
    id: 'test-stable',
    defaultSeverity: 'warning',
    description: { zh: '测试', en: 'test' },
    check({ model }) {
      const out: RuleFinding[] = [];
      for (const b of model.textBlocks) {
        const at = b.text.indexOf('某');
        if (at < 0) continue;
        const key = b.text;
        let f = kept.get(key);
        if (!f) kept.set(key, (f = { start: 0, end: 0, message: { zh: b.text, en: b.text } }));
        f.start = b.start + at;
        f.end = f.start + 1;
        out.push(f);
      }
      return out;
    },
  };
  const rules = [stable];
  const text = ['某镇2024年工作总结', '正文一行。', '某某同志', '某单位'].join('\n');
  const linter = createLinter();
  const first = linter.lint(text, { format: 'plain', rules }).findings.slice();
  const t2 = text.replace('正文一行', '正文两行，多写几字');
  const second = linter.lint(t2, { format: 'plain', rules });
  assert.deepEqual(view(second), view(lint(t2, { format: 'plain', rules })));
  assert.equal(second.findings.length, 3);
  second.findings.forEach((f, i) => assert.equal(f, first[i], 'the same placed finding, moved'));
  assert.equal(t2.slice(second.findings[2].start, second.findings[2].end), '某');
  // The rule's finding for 某单位 gets a new message: its placed finding is a new one.
  kept.get('某单位')!.message = { zh: '新', en: 'new' };
  const t3 = t2 + '\n';
  const third = linter.lint(t3, { format: 'plain', rules });
  assert.notEqual(third.findings[2], second.findings[2]);
  assert.equal(third.findings[2].message.en, 'new');
  assert.equal(third.findings[0], second.findings[0]);
});

test('a marker in a block no edit touched keeps its finding, moved; a marker on an edited line gets a new one', () => {
  const rules = RULES.filter((x) => x.id === 'artifact');
  for (const format of ['plain', 'markdown'] as const) {
    const text = ['青山镇2024年工作总结', '', '全年培训干部120人。', '', '正文一段。', '', '##paidbegin##', '', '正文##end##', ''].join('\n');
    const linter = createLinter();
    const first = linter.lint(text, { format, rules }).findings.slice();
    assert.equal(first.length, 2, format);
    // A line inserted above both marks: their blocks only move.
    const t2 = text.replace('全年', '新增一行。\n\n全年');
    const second = linter.lint(t2, { format, rules });
    assert.deepEqual(view(second), view(lint(t2, { format, rules })), format);
    second.findings.forEach((f, i) => assert.equal(f, first[i], `${format}: the same finding, moved`));
    // Text added after the second marker: its block changed, its finding is made anew.
    const t3 = t2.replace('正文##end##', '正文##end##尾');
    const third = linter.lint(t3, { format, rules });
    assert.deepEqual(view(third), view(lint(t3, { format, rules })), format);
    assert.equal(third.findings[0], second.findings[0], format);
    assert.notEqual(third.findings[1], second.findings[1], format);
  }
});

test('a marker with only white space of any kind around it on its line is deleted with its line', () => {
  // What String.prototype.trim removes: tab, no-break space, ideographic space, BOM, en quad …
  for (const ws of ['\t', '\u00A0', '\u3000', '\uFEFF', '\u2000', '\u205F', ' ']) {
    const text = `青山镇2024年工作总结\n${ws}##paidbegin##${ws}\n全年培训干部120人。\n正文##end##\u200B\n`;
    const r = lint(text, { format: 'plain', rules: RULES.filter((x) => x.id === 'artifact') });
    const fixes = r.findings.filter((f) => text.slice(f.start, f.end).startsWith('##')).map((f) => text.slice(f.fixes![0].edits[0].start, f.fixes![0].edits[0].end));
    assert.deepEqual(fixes, [`${ws}##paidbegin##${ws}\n`, '##end##'], JSON.stringify(ws));
  }
});

test('figure extraction keeps no model alive after it (its scan state lets go of the text)', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const made = () => {
    // A report of its own, with figures in a sentence (the relations' scratch reads its gaps).
    const r = lint(REPORT.replace('青山镇', '绿水镇'), { format: 'plain' });
    assert.ok(extractFigures(r.model).figures.length > 5);
    return new WeakRef(r.model);
  };
  const ref = made();
  await new Promise((done) => setTimeout(done, 0));
  gc();
  assert.equal(ref.deref(), undefined);
});

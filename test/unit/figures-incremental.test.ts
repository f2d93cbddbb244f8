// Figures across versions of one document: a linter re-reads only the blocks an edit touched and
// takes the figures, relations and checks of the others over, moved in place. Whatever it
// reuses, the result equals a check from scratch. All sentences are our own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, parseReport, createLinter, RULES } from '../../server/src/engine';
import { extractFigures, figureChecks } from '../../server/src/engine/figures';

const FIGURE_RULES = new Set(['figure-conflict', 'figure-part-exceeds-whole', 'figure-sum-mismatch', 'percentage-mismatch', 'year-mismatch', 'date-out-of-period', 'figure-fact']);
const rules = RULES.filter((r) => FIGURE_RULES.has(r.id));
const view = (text: string, r: ReturnType<typeof lint>) => r.findings.map((f) => [f.rule, text.slice(f.start, f.end), f.start, f.fixes?.map((x) => x.edits)]);

const REPORT = [
  '红河镇2024年工作总结',
  '一、主要成效',
  '全年召开专题会议4次，培训干部120人，其中党员80人。',
  '农村居民人均可支配收入21600元，比上年的20000元增长12.5%。',
  '开展宣讲4场、座谈6场，共9场。',
  '二、下一步打算',
  '力争明年培训干部200人。',
].join('\n');

/** Inserts `s` at `at`. */
const insert = (text: string, at: number, s: string) => text.slice(0, at) + s + text.slice(at);

test('figures of blocks before an edit are the same objects; those after it are the same objects, moved', () => {
  const linter = createLinter();
  const first = extractFigures(linter.lint(REPORT, { format: 'plain', rules }).model);
  const before = first.figures.map((f) => ({ f, start: f.start, id: f.id }));
  const at = REPORT.indexOf('农村居民');
  const next = insert(REPORT, at, '全镇');
  const second = extractFigures(linter.lint(next, { format: 'plain', rules }).model);
  assert.deepEqual(second, extractFigures(parseReport(next, 'plain')));
  for (const { f, start } of before) {
    if (start < at) assert.ok(second.figures.includes(f) && f.start === start, `reused in place: ${f.text}`);
  }
  const moved = before.filter((x) => x.start > REPORT.indexOf('开展宣讲'));
  assert.ok(moved.length >= 3);
  for (const { f, start } of moved) {
    assert.ok(second.figures.includes(f), `reused: ${f.text}`);
    assert.equal(f.start, start + 2);
    assert.equal(next.slice(f.start, f.end), f.text);
  }
});

test('a check and its fix move with their block', () => {
  const linter = createLinter();
  linter.lint(REPORT, { format: 'plain', rules });
  const next = insert(REPORT, REPORT.indexOf('全年召开'), '本镇');
  const r = linter.lint(next, { format: 'plain', rules });
  assert.deepEqual(view(next, r), view(next, lint(next, { format: 'plain', rules })));
  const growth = figureChecks(r.model).find((c) => c.rule === 'percentage-mismatch' && !c.ok)!;
  assert.equal(next.slice(growth.start, growth.end), '12.5%');
  assert.deepEqual(growth.fixes![0].edits.map((e) => next.slice(e.start, e.end)), ['12.5']);
});

test('a line opening with 其中 follows edits of the total on the line before', () => {
  const text = '红河镇2024年工作总结\n全年培训干部120人。\n其中党员80人。';
  const linter = createLinter();
  assert.deepEqual(view(text, linter.lint(text, { format: 'plain', rules })), []);
  const next = text.replace('120人', '60人');
  const r = linter.lint(next, { format: 'plain', rules });
  assert.deepEqual(view(next, r), [['figure-part-exceeds-whole', '80人', next.indexOf('80人'), undefined]]);
  assert.deepEqual(view(next, r), view(next, lint(next, { format: 'plain', rules })));
  assert.deepEqual(extractFigures(r.model), extractFigures(parseReport(next, 'plain')));
});

test('a heading that turns into a plan heading makes the figures after it plans', () => {
  const text = '红河镇2024年工作总结\n一、主要成效\n培训干部120人。\n二、其他工作\n培训干部150人。';
  const linter = createLinter();
  const r1 = linter.lint(text, { format: 'plain', rules });
  assert.deepEqual(view(text, r1).map((x) => x[0]), ['figure-conflict']);
  const next = text.replace('其他工作', '下一步打算');
  const r2 = linter.lint(next, { format: 'plain', rules });
  assert.deepEqual(view(next, r2), []);
  assert.deepEqual(extractFigures(r2.model), extractFigures(parseReport(next, 'plain')));
  assert.ok(extractFigures(r2.model).figures.find((f) => f.text === '150人')!.plan);
});

test('identical paragraphs each keep their own figures across edits', () => {
  const para = '全年培训干部120人，其中党员80人。';
  const text = ['红河镇2024年工作总结', para, para, para].join('\n');
  const linter = createLinter();
  linter.lint(text, { format: 'plain', rules });
  let t = text;
  for (const at of [t.indexOf('\n') + 1, t.lastIndexOf('全年'), t.indexOf('其中')]) {
    t = insert(t, at, '的');
    const r = linter.lint(t, { format: 'plain', rules });
    const set = extractFigures(r.model);
    assert.deepEqual(set, extractFigures(parseReport(t, 'plain')));
    for (const f of set.figures) assert.equal(t.slice(f.start, f.end), f.text);
    assert.equal(new Set(set.figures).size, set.figures.length);
  }
});

test('the number forms read without a regex: 百分之 with and without a number, thousands groups', () => {
  const figs = (t: string) => extractFigures(parseReport(t, 'plain')).figures.map((f) => [f.text, f.value]);
  assert.deepEqual(figs('覆盖率达到百分之九十五。'), [['百分之九十五', 95]]);
  assert.deepEqual(figs('覆盖率百分之12.5。'), [['百分之12.5', 12.5]]);
  assert.deepEqual(figs('百分之百的决心，完成任务3项。'), [['百分之百', 100], ['3项', 3]]);
  assert.deepEqual(figs('投资1,200,000元，覆盖3,4567户。'), [['1,200,000元', 1200000], ['4567户', 4567]]);
});

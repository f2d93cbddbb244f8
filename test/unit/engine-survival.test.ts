// A rule that throws must not take the check down: it is skipped and named, the others still report.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, createLinter, RULES, blockRule, type Rule } from '../../server/src/engine';

const broken: Rule = {
  id: 'broken-rule',
  defaultSeverity: 'warning',
  description: { zh: '测试', en: 'test' },
  check() {
    throw new Error('boom');
  },
};
const brokenBlock = blockRule({
  id: 'broken-block-rule',
  defaultSeverity: 'warning',
  description: { zh: '测试', en: 'test' },
  checkBlock() {
    throw new TypeError('block boom');
  },
});

test('a throwing rule is listed in failures once; the other rules still report', () => {
  const text = 'XX镇2024年工作总结\n开展活动5次，，成效明显。\n';
  for (const run of [(t: string) => lint(t, { format: 'plain', rules: [...RULES, broken, brokenBlock] }), (t: string) => createLinter().lint(t, { format: 'plain', rules: [...RULES, broken, brokenBlock] })]) {
    const r = run(text);
    assert.deepEqual(r.failures.map((f) => [f.rule, f.error.split('\n')[0]]), [['broken-rule', 'boom'], ['broken-block-rule', 'block boom']]);
    assert.deepEqual(r.findings.filter((f) => f.rule === 'placeholder' || f.rule === 'duplicate-punctuation').map((f) => [f.rule, f.start]), [['placeholder', 0], ['duplicate-punctuation', 19]]);
  }
});

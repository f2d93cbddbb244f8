// The seed report: its figures do not contradict each other, so no figure rule warns; the
// figures the brief names are read as they should be.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, parseReport, RULES } from '../../server/src/engine';
import { extractFigures } from '../../server/src/engine/figures';

const SEED = join(__dirname, '../../../../shared/seed/000_eef47a82924a2744.txt');
const FIGURE_RULES = new Set(['figure-conflict', 'figure-part-exceeds-whole', 'figure-sum-mismatch', 'percentage-mismatch', 'year-mismatch', 'date-out-of-period', 'figure-fact']);

test('the seed: no warnings from the figure rules; 200多人 holds 170 registered; 近104篇 is approximate', { skip: !existsSync(SEED) && 'seed not present' }, () => {
  const text = readFileSync(SEED, 'utf8');
  const result = lint(text, { format: 'plain', rules: RULES.filter((r) => FIGURE_RULES.has(r.id)) });
  assert.deepEqual(result.failures, []);
  assert.deepEqual(result.findings.map((f) => [f.rule, text.slice(f.start, f.end)]), []);
  const set = extractFigures(parseReport(text, 'plain'));
  const volunteers = set.figures.find((f) => f.text === '200多人')!;
  assert.deepEqual([volunteers.subject, volunteers.low, volunteers.high, volunteers.approx], ['志愿者', 200, 300, true]);
  const registered = set.figures.find((f) => f.text === '170人')!;
  assert.ok(set.relations.some((r) => r.kind === 'parts' && r.whole === volunteers.id && r.parts.includes(registered.id)));
  const reports = set.figures.find((f) => f.text === '近104篇')!;
  assert.deepEqual([reports.value, reports.approx, reports.qualifier, reports.high], [104, true, '近', 104]);
});

// The seed report (../shared/seed, outside the repo: test data only, never copied here) must draw
// exactly what issue 2's "Done when" lists. Skipped when the file is not there (a fresh clone).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';
import { lint, decodeReportBytes, type LintResult } from '../../server/src/engine';

const SEED = resolve(process.cwd(), '..', 'shared', 'seed', '000_eef47a82924a2744.txt');

function checkSeed(): LintResult | undefined {
  if (!existsSync(SEED)) return undefined;
  return lint(decodeReportBytes(readFileSync(SEED)).text, { format: 'plain' });
}

const linesOf = (r: LintResult, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => r.model.lines.lineAt(f.start) + 1);

test('seed: profile zh-work-summary', (t) => {
  const r = checkSeed();
  if (!r) return t.skip(`seed report not found at ${SEED}`);
  assert.equal(r.profile?.id, 'zh-work-summary');
  assert.deepEqual(r.failures, []);
});

test('seed: a placeholder for each xx/XX/XXX', (t) => {
  const r = checkSeed();
  if (!r) return t.skip(`seed report not found at ${SEED}`);
  // The issue says 20, but the seed holds 21 runs of [Xx]{2,}: lines 1, 2, 6 (×5), 8 (×11), 12, 13, 14.
  assert.deepEqual(linesOf(r, 'placeholder'), [1, 2, 6, 6, 6, 6, 6, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12, 13, 14]);
  for (const f of r.findings.filter((x) => x.rule === 'placeholder')) assert.match(r.model.text.slice(f.start, f.end), /^[Xx]{2,3}$/);
});

test('seed: artifacts on ##paidbegin## and ##paidend##', (t) => {
  const r = checkSeed();
  if (!r) return t.skip(`seed report not found at ${SEED}`);
  const found = r.findings.filter((f) => f.rule === 'artifact').map((f) => [r.model.lines.lineAt(f.start) + 1, r.model.text.slice(f.start, f.end)]);
  assert.deepEqual(found, [
    [6, '##paidbegin##'],
    [15, '##paidend##'],
  ]);
});

test('seed: duplicate-punctuation on 、、 in line 8', (t) => {
  const r = checkSeed();
  if (!r) return t.skip(`seed report not found at ${SEED}`);
  const found = r.findings.filter((f) => f.rule === 'duplicate-punctuation').map((f) => [r.model.lines.lineAt(f.start) + 1, r.model.text.slice(f.start, f.end)]);
  assert.deepEqual(found, [[8, '、、']]);
});

test('seed: no heading-numbering or enumeration-sequence finding', (t) => {
  const r = checkSeed();
  if (!r) return t.skip(`seed report not found at ${SEED}`);
  assert.deepEqual(linesOf(r, 'heading-numbering'), []);
  assert.deepEqual(linesOf(r, 'enumeration-sequence'), []);
  // 一、…五、 are all seen as level-1 headings.
  assert.deepEqual(r.model.numbered.map((b) => b.marker!.text), ['一、', '二、', '三、', '四、', '五、']);
});

test('seed: required-section only for the missing 落款, at info', (t) => {
  const r = checkSeed();
  if (!r) return t.skip(`seed report not found at ${SEED}`);
  const found = r.findings.filter((f) => f.rule === 'required-section').map((f) => [r.model.lines.lineAt(f.start) + 1, f.severity, f.data?.section]);
  assert.deepEqual(found, [[1, 'info', 'signature']]);
  // The unheaded problems paragraph (line 13) and next steps (line 14) were found by their cues.
  const where = Object.fromEntries(r.sections.filter((s) => s.start !== undefined).map((s) => [s.section.id, r.model.lines.lineAt(s.start!) + 1]));
  assert.equal(where.problems, 13);
  assert.equal(where['next-steps'], 14);
});

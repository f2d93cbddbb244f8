// Diagnostics deltas: the steps the server sends (diagnosticDelta), the list the client rebuilds
// from them (applyDelta, DeltaPuller), and that the two always agree on the lists re-checks make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyDelta, diagnosticDelta, moved, type DeltaOp, type DeltaReport } from '../../server/src/diagnosticDelta';
import { DeltaPuller, type Token } from '../../client/src/deltaPull';
import type { LintResult } from '../../server/src/engine';
import { assertRechecks } from './random-edits';

function diag(line: number, character: number, message = 'm', code = 'placeholder'): Diagnostic {
  return { range: { start: { line, character }, end: { line, character: character + 2 } }, severity: 2, code, message };
}

/** The list `ops` make of `before`, as the client rebuilds it from the server's diagnostics. */
const apply = (before: Diagnostic[], ops: DeltaOp[]) => applyDelta(before, ops, (i) => before[i], (i, lines) => moved(before[i], lines), (d) => d);

test('a finding added between others: keep, add, keep', () => {
  const before = [diag(0, 0), diag(5, 3), diag(9, 1)];
  const now = [diag(0, 0), diag(5, 3), diag(7, 4, 'new', 'duplicate-punctuation'), diag(9, 1)];
  const ops = diagnosticDelta(before, now);
  assert.deepEqual(ops, [{ keep: 2 }, { add: [diag(7, 4, 'new', 'duplicate-punctuation')] }, { keep: 1 }]);
  assert.deepEqual(apply(before, ops!), now);
});

test('a finding gone, and one moved within its line: drop two, add the moved one', () => {
  const before = [diag(0, 0), diag(5, 3), diag(5, 9), diag(9, 1)];
  const now = [diag(0, 0), diag(5, 10), diag(9, 1)];
  const ops = diagnosticDelta(before, now);
  assert.deepEqual(ops, [{ keep: 1 }, { drop: 2 }, { add: [diag(5, 10)] }, { keep: 1 }]);
  assert.deepEqual(apply(before, ops!), now);
});

test('a line typed above findings moves them: kept, moved by one line', () => {
  const before = [diag(0, 0), diag(5, 3), diag(9, 1)];
  const now = [diag(0, 0), diag(6, 3), diag(10, 1)];
  const ops = diagnosticDelta(before, now);
  assert.deepEqual(ops, [{ keep: 1 }, { keep: 2, lines: 1 }]);
  assert.deepEqual(apply(before, ops!), now);
  // lines joined: moved up
  assert.deepEqual(diagnosticDelta(now, before), [{ keep: 1 }, { keep: 2, lines: -1 }]);
});

test('only a finding that is the same but for its line is moved; its message, code and column must match', () => {
  const before = [diag(1, 0), diag(5, 3, 'a')];
  assert.deepEqual(diagnosticDelta(before, [diag(1, 0), diag(6, 3, 'b')]), [{ keep: 1 }, { drop: 1 }, { add: [diag(6, 3, 'b')] }]);
  assert.deepEqual(diagnosticDelta(before, [diag(1, 0), diag(6, 4, 'a')]), [{ keep: 1 }, { drop: 1 }, { add: [diag(6, 4, 'a')] }]);
  // related information may point into the moved text: such a diagnostic is sent again
  const related = (d: Diagnostic): Diagnostic => ({ ...d, relatedInformation: [{ location: { uri: 'file:///a', range: d.range }, message: 'r' }] });
  assert.deepEqual(diagnosticDelta([diag(1, 0), related(diag(5, 3))], [diag(1, 0), related(diag(6, 3))]), [{ keep: 1 }, { drop: 1 }, { add: [related(diag(6, 3))] }]);
  assert.deepEqual(diagnosticDelta([diag(1, 0), related(diag(5, 3))], [diag(1, 0), related(diag(5, 3))]), [{ keep: 2 }]);
});

test('when most of the list is new, no delta: the whole list is as small', () => {
  assert.equal(diagnosticDelta([diag(0, 0), diag(1, 0), diag(2, 0)], [diag(0, 1), diag(1, 1), diag(2, 0)]), undefined);
  assert.deepEqual(diagnosticDelta([diag(0, 0), diag(1, 0), diag(2, 0)], [diag(0, 0), diag(1, 1), diag(2, 0)]), [{ keep: 1 }, { drop: 1 }, { add: [diag(1, 1)] }, { keep: 1 }]);
  // every finding gone: dropping them all is the delta
  assert.deepEqual(diagnosticDelta([diag(0, 0), diag(1, 0)], []), [{ drop: 2 }]);
  assert.equal(diagnosticDelta([], [diag(0, 0)]), undefined);
});

test('steps that do not fit the list held are refused', () => {
  const before = [diag(0, 0), diag(1, 0)];
  assert.equal(apply(before, [{ keep: 3 }]), undefined, 'more kept than held');
  assert.equal(apply(before, [{ keep: 1 }]), undefined, 'one left unaccounted for');
  assert.equal(apply(before, [{ keep: 1 }, { drop: -1 }, { keep: 2 }]), undefined, 'a negative count');
  assert.equal(apply(before, [{ keep: 1.5 } as DeltaOp, { drop: 0.5 }]), undefined, 'a fraction');
  assert.equal(apply(before, [{ keep: 2, lines: 0.5 }]), undefined, 'a fractional move');
  assert.equal(apply(before, [{ add: 'x' } as unknown as DeltaOp, { keep: 2 }]), undefined, 'items that are not a list');
  assert.deepEqual(apply(before, [{ drop: 1 }, { keep: 1, lines: 2 }]), [diag(3, 0)]);
});

test('property: the steps between two re-checks rebuild the second list exactly (edits with line breaks)', () => {
  const base = 'XX镇2024年工作总结\n\n一、主要工作\n全年召开会议5次，不在、、网络平台发布信息。\n\n二、存在问题\n组织学习XX次，完成XX项。\n四、下一步打算\n继续努力。\n';
  const asDiagnostics = (r: LintResult): Diagnostic[] =>
    r.findings.map((f) => ({ range: { start: r.model.lines.positionAt(f.start), end: r.model.lines.positionAt(f.end) }, severity: 2, code: f.rule, message: f.message.en }));
  let before: Diagnostic[] | undefined;
  let deltas = 0;
  assertRechecks(base, ['\n', 'XX', '、、', '五、', '的', '\r\n', '𠮷'], { maxDeleted: 6, maxPieces: 3, runs: 300 }, (result) => {
    const now = asDiagnostics(result);
    if (before) {
      const ops = diagnosticDelta(before, now);
      if (ops) {
        deltas++;
        assert.deepEqual(apply(before, ops), now);
      }
    }
    before = now;
  });
  assert.ok(deltas > 300, `${deltas} deltas`);
});

// The client's side, over a fake server and converter.
const vs = (d: Diagnostic) => ({ range: d.range, message: d.message, converted: true }) as unknown as vscode.Diagnostic;
function fakeClient(answers: DeltaReport[]) {
  const sent: (string | undefined)[] = [];
  const converted: number[] = [];
  const puller = new DeltaPuller(
    async (params) => {
      sent.push(params.previousResultId);
      const a = answers.shift();
      if (!a) throw new Error('no answer left');
      return a;
    },
    async (ds) => {
      converted.push(ds.length);
      return ds.map(vs);
    },
  );
  return { puller, sent, converted };
}
const live: Token = { isCancellationRequested: false };

test('client: a delta keeps the VS Code diagnostics it had and converts only the new and the moved', async () => {
  const first = [diag(0, 0), diag(5, 3), diag(9, 1)];
  const { puller, sent, converted } = fakeClient([
    { kind: 'full', resultId: '1', items: first },
    { kind: 'delta', resultId: '2', ops: [{ keep: 1 }, { add: [diag(2, 2, 'n')] }, { keep: 2, lines: 1 }] },
    { kind: 'unchanged', resultId: '2' },
  ]);
  const a = await puller.pull('file:///r.txt', undefined, live);
  assert.ok(a && a.answer === 'full' && a.report.kind === 'full');
  const b = await puller.pull('file:///r.txt', '1', live);
  assert.ok(b && b.answer === 'delta' && b.report.kind === 'full');
  assert.deepEqual(b.report.items.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`), ['0:0 m', '2:2 n', '6:3 m', '10:1 m']);
  assert.equal(b.report.items[0], a.report.items[0], 'the kept diagnostic is the same object');
  assert.deepEqual(converted, [3, 3], 'the first list, then the new one and the two moved');
  assert.deepEqual(await puller.pull('file:///r.txt', '2', live), { report: { kind: 'unChanged', resultId: '2' }, answer: 'unchanged' });
  assert.deepEqual(sent, [undefined, '1', '2']);
  assert.equal(puller.refused, 0);
});

test('client: steps that do not fit, or a list it does not hold, bring the whole list asked for afresh', async () => {
  const { puller, sent } = fakeClient([
    { kind: 'full', resultId: '1', items: [diag(0, 0)] },
    { kind: 'delta', resultId: '2', ops: [{ keep: 5 }] },
    { kind: 'full', resultId: '3', items: [diag(0, 0), diag(1, 0)] },
    { kind: 'full', resultId: '4', items: [diag(2, 0)] },
  ]);
  await puller.pull('file:///r.txt', undefined, live);
  const b = await puller.pull('file:///r.txt', '1', live);
  assert.ok(b && b.answer === 'full' && b.report.kind === 'full' && b.report.items.length === 2 && b.report.resultId === '3');
  // the language client names a result this client does not hold (say, after a restart)
  await puller.pull('file:///r.txt', '9', live);
  assert.deepEqual(sent, [undefined, '1', undefined, undefined]);
  assert.equal(puller.refused, 1);
});

test('client: a pull cancelled while answered gives nothing and keeps nothing', async () => {
  const token = { isCancellationRequested: false };
  const { puller, sent } = fakeClient([
    { kind: 'full', resultId: '1', items: [diag(0, 0)] },
    { kind: 'delta', resultId: '2', ops: [{ keep: 1 }, { add: [diag(1, 0)] }] },
    { kind: 'full', resultId: '3', items: [diag(4, 0)] },
  ]);
  await puller.pull('file:///r.txt', undefined, token);
  const pulling = puller.pull('file:///r.txt', '1', token);
  token.isCancellationRequested = true;
  assert.equal(await pulling, undefined);
  token.isCancellationRequested = false;
  // the language client still has result 1; the server has moved on to 2 and answers in full
  const c = await puller.pull('file:///r.txt', '1', token);
  assert.ok(c && c.report.kind === 'full' && c.report.resultId === '3');
  assert.deepEqual(sent, [undefined, '1', '1']);
});

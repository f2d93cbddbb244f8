// The client's banded diagnostics collection: which of VS Code's collections it writes, and when.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { BandedDiagnostics, bandSize, sameDiagnostic } from '../../client/src/bandedDiagnostics';

const uri = (s: string) => ({ toString: () => s }) as unknown as vscode.Uri;
const A = uri('file:///a.report.md');
const B = uri('file:///b.report.md');

function diag(line: number, character: number, message: string, code = 'placeholder'): vscode.Diagnostic {
  const pos = (l: number, c: number) => ({ line: l, character: c });
  return { range: { start: pos(line, character), end: pos(line, character + 2) }, message, severity: 1, code } as unknown as vscode.Diagnostic;
}

/** A banded collection over fake VS Code collections that log every call as "band op uri [lines]". */
function setup(lines: Record<string, number> = {}) {
  const log: string[] = [];
  const fake = (band: number) =>
    ({
      set: (u: vscode.Uri, list?: readonly vscode.Diagnostic[]) => log.push(`${band} set ${u} ${list ? `[${list.map((d) => `${d.range.start.line}:${d.range.start.character}`).join(' ')}]` : 'undefined'}`),
      delete: (u: vscode.Uri) => log.push(`${band} delete ${u}`),
      clear: () => log.push(`${band} clear`),
      dispose: () => log.push(`${band} dispose`),
    }) as unknown as vscode.DiagnosticCollection;
  const c = new BandedDiagnostics('report-lint', fake, (u) => lines[u.toString()]);
  return { c, log, take: () => log.splice(0) };
}

test('band size: 16 lines, doubled until the file fits in 64 bands', () => {
  assert.equal(bandSize(1), 16);
  assert.equal(bandSize(1024), 16);
  assert.equal(bandSize(1025), 32);
  assert.equal(bandSize(2107), 64);
});

test('a first set writes each band with diagnostics to its own collection, in line order', () => {
  const { c, take } = setup({ [A.toString()]: 100 });
  c.set(A, [diag(0, 0, 'a'), diag(3, 1, 'b'), diag(20, 0, 'c'), diag(70, 5, 'd')]);
  assert.deepEqual(take(), [`0 set ${A} [0:0 3:1]`, `1 set ${A} [20:0]`, `4 set ${A} [70:5]`]);
  assert.deepEqual(c.get(A)!.map((d) => d.message), ['a', 'b', 'c', 'd']);
  assert.ok(c.has(A) && !c.has(B));
});

test('typing within a line rewrites only the band of that line; an unchanged list writes nothing', () => {
  const { c, take } = setup({ [A.toString()]: 100 });
  const first = [diag(0, 0, 'a'), diag(20, 4, 'c'), diag(70, 5, 'd')];
  c.set(A, first);
  take();
  // the same findings anew (new objects, as each pull brings): nothing goes to VS Code
  c.set(A, [diag(0, 0, 'a'), diag(20, 4, 'c'), diag(70, 5, 'd')]);
  assert.deepEqual(take(), []);
  assert.deepEqual(c.get(A), first, 'the objects VS Code has are kept');
  assert.equal(c.get(A)![1], first[1]);
  // a character typed on line 20 before the finding
  c.set(A, [diag(0, 0, 'a'), diag(20, 5, 'c'), diag(70, 5, 'd')]);
  assert.deepEqual(take(), [`1 set ${A} [20:5]`]);
  // the finding on line 70 goes away: its band is emptied
  c.set(A, [diag(0, 0, 'a'), diag(20, 5, 'c')]);
  assert.deepEqual(take(), [`4 set ${A} undefined`]);
  // a new finding in a band that had none
  c.set(A, [diag(0, 0, 'a'), diag(20, 5, 'c'), diag(40, 0, 'e')]);
  assert.deepEqual(take(), [`2 set ${A} [40:0]`]);
  assert.deepEqual(c.get(A)!.map((d) => d.message), ['a', 'c', 'e']);
});

test('a new line moves the findings below it: their bands are rewritten, the ones above are not', () => {
  const { c, take } = setup({ [A.toString()]: 100 });
  c.set(A, [diag(2, 0, 'a'), diag(20, 0, 'c'), diag(40, 0, 'e')]);
  take();
  c.set(A, [diag(2, 0, 'a'), diag(21, 0, 'c'), diag(41, 0, 'e')]);
  assert.deepEqual(take(), [`1 set ${A} [21:0]`, `2 set ${A} [41:0]`]);
  // a finding moved across a band boundary
  c.set(A, [diag(2, 0, 'a'), diag(32, 0, 'c'), diag(41, 0, 'e')]);
  assert.deepEqual(take(), [`1 set ${A} undefined`, `2 set ${A} [32:0 41:0]`]);
});

test('any field VS Code shows makes a diagnostic different', () => {
  const base = diag(1, 2, 'm');
  assert.ok(sameDiagnostic(base, diag(1, 2, 'm')));
  assert.ok(!sameDiagnostic(base, diag(1, 2, 'n')));
  assert.ok(!sameDiagnostic(base, diag(1, 2, 'm', 'figure-sum')));
  assert.ok(!sameDiagnostic(base, { ...diag(1, 2, 'm'), severity: 2 } as vscode.Diagnostic));
  assert.ok(!sameDiagnostic(base, { ...diag(1, 2, 'm'), source: 'report-lint' } as vscode.Diagnostic));
  assert.ok(!sameDiagnostic(base, { ...diag(1, 2, 'm'), tags: [1] } as vscode.Diagnostic));
  const linked = (target: string) => ({ ...diag(1, 2, 'm'), code: { value: 'placeholder', target: uri(target) } }) as vscode.Diagnostic;
  assert.ok(sameDiagnostic(linked('file:///docs/placeholder.md'), linked('file:///docs/placeholder.md')));
  assert.ok(!sameDiagnostic(linked('file:///docs/placeholder.md'), linked('file:///docs/other.md')));
  const related = (line: number) =>
    ({ ...diag(1, 2, 'm'), relatedInformation: [{ message: 'total', location: { uri: A, range: diag(line, 0, '').range } }] }) as unknown as vscode.Diagnostic;
  assert.ok(sameDiagnostic(related(5), related(5)));
  assert.ok(!sameDiagnostic(related(5), related(6)));
});

test('a file that grows past 64 bands gets larger bands once, all rewritten; a small change back keeps them', () => {
  const lines: Record<string, number> = { [A.toString()]: 1024 };
  const { c, take } = setup(lines);
  c.set(A, [diag(10, 0, 'a'), diag(1000, 0, 'z')]);
  assert.deepEqual(take(), [`0 set ${A} [10:0]`, `62 set ${A} [1000:0]`]);
  lines[A.toString()] = 1025;
  c.set(A, [diag(10, 0, 'a'), diag(1001, 0, 'z')]);
  assert.deepEqual(take(), [`0 set ${A} [10:0]`, `31 set ${A} [1001:0]`, `62 set ${A} undefined`]);
  lines[A.toString()] = 1024; // the line deleted again: the 32-line bands stay
  c.set(A, [diag(10, 0, 'a'), diag(1000, 0, 'z')]);
  assert.deepEqual(take(), [`31 set ${A} [1000:0]`]);
});

test('without the document open, the last diagnostic line sizes the bands', () => {
  const { c, take } = setup();
  c.set(B, [diag(5, 0, 'a'), diag(3000, 0, 'b')]);
  assert.deepEqual(take(), [`0 set ${B} [5:0]`, `46 set ${B} [3000:0]`]);
});

test('delete, clear, set with entries, iteration and dispose', () => {
  const { c, take } = setup({ [A.toString()]: 100, [B.toString()]: 100 });
  c.set([
    [A, [diag(0, 0, 'a')]],
    [B, [diag(30, 0, 'b')]],
    [A, [diag(50, 0, 'c')]],
  ]);
  assert.deepEqual(take(), [`0 set ${A} [0:0]`, `3 set ${A} [50:0]`, `1 set ${B} [30:0]`]);
  c.set([
    [A, [diag(9, 0, 'x')]],
    [A, undefined],
  ]);
  assert.deepEqual(take(), [`0 delete ${A}`, `3 delete ${A}`]);
  assert.ok(!c.has(A));
  assert.deepEqual([...c].map(([u, list]) => `${u} ${list.length}`), [`${B} 1`]);
  const seen: string[] = [];
  c.forEach((u, list, coll) => seen.push(`${u} ${list[0].message} ${coll === c}`));
  assert.deepEqual(seen, [`${B} b true`]);
  c.set(B, []);
  assert.deepEqual(take(), [`1 delete ${B}`]);
  c.set(A, [diag(0, 0, 'a')]);
  take();
  c.clear();
  assert.deepEqual(take(), ['0 clear', '1 clear', '2 clear', '3 clear']);
  assert.equal(c.get(A), undefined);
  c.dispose();
  assert.deepEqual(take(), ['0 dispose', '1 dispose', '2 dispose', '3 dispose']);
});

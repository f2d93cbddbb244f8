// Diagnostics deltas: the custom pull our VS Code client makes instead of `textDocument/diagnostic`.
//
// A keystroke that adds or removes one finding changes one diagnostic of the file, and LSP's pull
// answers it with the whole list: on a 1 MB report with a thousand findings, 150 KB or more made,
// sent, parsed and converted at each keystroke. Here the server answers with the changes to the
// list the client already has: keep the first n, drop m, add these, keep the rest moved by k
// lines (a line typed or deleted above them). The client rebuilds the whole list and hands it to
// vscode-languageclient as an ordinary full report.
//
// Both sides import this file: the server to make a delta (`diagnosticDelta`), the client to apply
// it (`applyDelta`). Pure: no I/O, no vscode.
import type { Diagnostic } from 'vscode-languageserver-types';

/** The request the client sends (params: `DeltaParams`), answered with a `DeltaReport`. */
export const DELTA_METHOD = 'reportLint/diagnostics';
/** The server's experimental capability that says it answers DELTA_METHOD. */
export const DELTA_CAPABILITY = 'reportLintDiagnosticDeltas';

export interface DeltaParams {
  textDocument: { uri: string };
  /** The result id of the list the client has, as in `textDocument/diagnostic`. */
  previousResultId?: string;
}

/**
 * One step over the client's list, in order: `keep` copies the next n diagnostics (moved by
 * `lines` lines when given), `drop` skips the next n, `add` inserts new ones. The steps account
 * for every diagnostic of the client's list exactly once.
 */
export type DeltaOp = { keep: number; lines?: number } | { drop: number } | { add: Diagnostic[] };

export type DeltaReport =
  | { kind: 'full'; resultId?: string; items: Diagnostic[] }
  | { kind: 'unchanged'; resultId: string }
  | { kind: 'delta'; resultId: string; ops: DeltaOp[] };

const json = (x: unknown) => (x === undefined ? '' : JSON.stringify(x));

/**
 * Whether `b` is `a` moved by `lines` lines: the same range otherwise, message, severity, code,
 * source and link. Anything else a diagnostic may carry (tags, data, related information) must be
 * the same, and related information (which may point into the moved text) only when not moved.
 */
export function sameMoved(a: Diagnostic, b: Diagnostic, lines: number): boolean {
  if (a === b && lines === 0) return true;
  const ar = a.range, br = b.range;
  if (ar.start.line + lines !== br.start.line || ar.end.line + lines !== br.end.line) return false;
  if (ar.start.character !== br.start.character || ar.end.character !== br.end.character) return false;
  if (a.message !== b.message || a.severity !== b.severity || a.code !== b.code || a.source !== b.source) return false;
  if (a.codeDescription?.href !== b.codeDescription?.href) return false;
  if (json(a.tags) !== json(b.tags) || json(a.data) !== json(b.data)) return false;
  if (a.relatedInformation === undefined && b.relatedInformation === undefined) return true;
  return lines === 0 && json(a.relatedInformation) === json(b.relatedInformation);
}

/** `d` moved by `lines` lines (a new object; `d` is left as it is). */
export function moved(d: Diagnostic, lines: number): Diagnostic {
  if (lines === 0) return d;
  const { start, end } = d.range;
  return { ...d, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
}

/**
 * The steps that turn `before` into `now`: the diagnostics both begin with, those they end with
 * (in `now` moved by as many lines as its last one moved), and between them what went and what
 * came. Undefined when most of `now` would be sent anyway: the full list is then as small.
 */
export function diagnosticDelta(before: readonly Diagnostic[], now: readonly Diagnostic[]): DeltaOp[] | undefined {
  const m = before.length, n = now.length;
  let head = 0;
  while (head < m && head < n && sameMoved(before[head], now[head], 0)) head++;
  let tail = 0;
  let lines = 0;
  if (head < m && head < n) {
    lines = now[n - 1].range.start.line - before[m - 1].range.start.line;
    while (tail < m - head && tail < n - head && sameMoved(before[m - 1 - tail], now[n - 1 - tail], lines)) tail++;
    if (tail === 0) lines = 0;
  }
  const added = n - head - tail;
  if (n > 0 && added * 2 > n) return undefined;
  const ops: DeltaOp[] = [];
  if (head) ops.push({ keep: head });
  if (m - head - tail) ops.push({ drop: m - head - tail });
  if (added) ops.push({ add: now.slice(head, n - tail) });
  if (tail) ops.push(lines ? { keep: tail, lines } : { keep: tail });
  return ops;
}

/**
 * Applies `ops` to `before`, the list the client has: `keep(i)` gives the kept item at index i of
 * `before` unchanged, `move(i, lines)` the one moved, `add(d)` a new one. Returns the new list, or
 * undefined when the steps do not fit `before` (the client then asks for the whole list).
 */
export function applyDelta<B, T>(
  before: readonly B[],
  ops: readonly DeltaOp[],
  keep: (i: number) => T,
  move: (i: number, lines: number) => T,
  add: (d: Diagnostic) => T,
): T[] | undefined {
  const out: T[] = [];
  let i = 0;
  for (const op of ops) {
    if ('add' in op) {
      if (!Array.isArray(op.add)) return undefined;
      for (const d of op.add) out.push(add(d));
      continue;
    }
    const count = 'keep' in op ? op.keep : op.drop;
    if (!Number.isInteger(count) || count < 0 || i + count > before.length) return undefined;
    if ('keep' in op) {
      const lines = op.lines ?? 0;
      if (!Number.isInteger(lines)) return undefined;
      for (let k = i; k < i + count; k++) out.push(lines ? move(k, lines) : keep(k));
    }
    i += count;
  }
  return i === before.length ? out : undefined;
}

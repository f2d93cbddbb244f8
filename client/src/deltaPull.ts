// The client's side of diagnostics deltas (server/src/diagnosticDelta.ts): it keeps, per file, the
// list the server last answered (as the server sent it, and as VS Code diagnostics), asks for the
// changes to it, and rebuilds the whole list, converting only the diagnostics that are new or
// moved. The diagnostics it keeps are handed on as they are, so VS Code (and the banded
// collection) find the same objects where nothing changed.
//
// It imports VS Code's types only: sending and converting come from the language client.
import type * as vscode from 'vscode';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyDelta, moved, type DeltaOp, type DeltaParams, type DeltaReport } from '../../server/src/diagnosticDelta';

export interface Token {
  readonly isCancellationRequested: boolean;
}

/** What vscode-languageclient takes from a diagnostics provider (its `vsdiag` report kinds). */
export type PulledReport = { kind: 'full'; resultId?: string; items: vscode.Diagnostic[] } | { kind: 'unChanged'; resultId: string };

/** A pull's report, and how the server answered it: the whole list, "unchanged", or a delta. */
export interface Pulled {
  report: PulledReport;
  answer: 'full' | 'unchanged' | 'delta';
}

interface Held {
  resultId: string;
  sent: Diagnostic[];
  items: vscode.Diagnostic[];
}

export class DeltaPuller {
  private readonly held = new Map<string, Held>();
  /** Deltas that did not fit the list held (the whole list was then asked for afresh). */
  refused = 0;

  /**
   * `send` makes the request (DELTA_METHOD) and rejects as the language client's requests do;
   * `convert` turns the server's diagnostics into VS Code's (and adds what the client adds to
   * them, such as rule links); it may stop early once the token is cancelled.
   */
  constructor(
    private readonly send: (params: DeltaParams, token: Token) => Promise<DeltaReport>,
    private readonly convert: (diagnostics: Diagnostic[], token: Token) => Promise<vscode.Diagnostic[]>,
  ) {}

  /**
   * The file's diagnostics after a pull, as the language client wants them, and how the server
   * answered. `previousResultId` is the result the language client has. Undefined when the token
   * was cancelled (nothing is kept); rejects as `send` does.
   */
  async pull(uri: string, previousResultId: string | undefined, token: Token): Promise<Pulled | undefined> {
    const had = this.held.get(uri);
    const base = had && previousResultId !== undefined && had.resultId === previousResultId ? had : undefined;
    let report = await this.send({ textDocument: { uri }, previousResultId: base?.resultId }, token);
    if (token.isCancellationRequested) return undefined;
    if (report.kind === 'unchanged' && base) return { report: { kind: 'unChanged', resultId: report.resultId }, answer: 'unchanged' };
    if (report.kind === 'delta' && base) {
      const rebuilt = await this.rebuild(base, report.ops, token);
      if (token.isCancellationRequested) return undefined;
      if (rebuilt) {
        this.held.set(uri, { resultId: report.resultId, ...rebuilt });
        return { report: { kind: 'full', resultId: report.resultId, items: rebuilt.items }, answer: 'delta' };
      }
    }
    if (report.kind !== 'full') {
      // Steps that do not fit the list held here (or an answer about a list it never named):
      // the whole list, asked for afresh.
      this.refused++;
      report = await this.send({ textDocument: { uri } }, token);
      if (token.isCancellationRequested) return undefined;
      if (report.kind !== 'full') throw new Error(`${uri}: the server answered a request for the whole list with "${report.kind}"`);
    }
    const items = await this.convert(report.items, token);
    if (token.isCancellationRequested) return undefined;
    if (report.resultId === undefined) this.held.delete(uri);
    else this.held.set(uri, { resultId: report.resultId, sent: report.items, items });
    return { report: { kind: 'full', resultId: report.resultId, items }, answer: 'full' };
  }

  /** Forgets a file's list (closed, or its diagnostics cleared). */
  forget(uri: string): void {
    this.held.delete(uri);
  }

  /** Forgets every list (the server stopped: a new one has given none of them). */
  clear(): void {
    this.held.clear();
  }

  private async rebuild(base: Held, ops: readonly DeltaOp[], token: Token): Promise<{ sent: Diagnostic[]; items: vscode.Diagnostic[] } | undefined> {
    type Pair = [Diagnostic, vscode.Diagnostic | undefined];
    const pairs = applyDelta<Diagnostic, Pair>(
      base.sent,
      ops,
      (i) => [base.sent[i], base.items[i]],
      (i, lines) => [moved(base.sent[i], lines), undefined],
      (d) => [d, undefined],
    );
    if (!pairs) return undefined;
    const fresh: Diagnostic[] = [];
    for (const [d, item] of pairs) if (!item) fresh.push(d);
    const converted = fresh.length ? await this.convert(fresh, token) : [];
    if (converted.length !== fresh.length) return undefined;
    const items = new Array<vscode.Diagnostic>(pairs.length);
    let k = 0;
    for (let i = 0; i < pairs.length; i++) items[i] = pairs[i][1] ?? converted[k++];
    return { sent: pairs.map((p) => p[0]), items };
  }
}

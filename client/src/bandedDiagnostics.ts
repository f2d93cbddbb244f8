// The diagnostics collection the language client writes its pulled diagnostics to. VS Code has no
// way to change part of a file's diagnostics: a collection's set(uri, …) makes the extension host
// convert and send every diagnostic of the file, and the workbench replace every marker of that
// collection (and redraw their decorations), at each keystroke. With a thousand findings in a 1 MB
// report that was most of the time from a keystroke to its squiggle.
//
// This collection keeps each file's diagnostics in bands of lines, each band in a VS Code
// collection of its own, and hands VS Code only the bands whose diagnostics changed. Typing within
// a line changes one band, usually none; a new line moves the bands below it. To the language
// client (and to anyone reading it) it is one ordinary collection with the whole list per file.
//
// It imports VS Code's types only: the collections it writes to come from `create`.
import type * as vscode from 'vscode';

/** At most this many bands per file, */
export const MAX_BANDS = 64;
/** of at least this many lines each (doubled until the file fits in MAX_BANDS bands). */
export const MIN_BAND_LINES = 16;

/** Lines per band for a file of `lines` lines. */
export function bandSize(lines: number): number {
  let size = MIN_BAND_LINES;
  while (lines > size * MAX_BANDS) size *= 2;
  return size;
}

const codeValue = (code: vscode.Diagnostic['code']) => (typeof code === 'object' ? code.value : code);
const codeTarget = (code: vscode.Diagnostic['code']) => (typeof code === 'object' ? code.target.toString() : undefined);

function sameRange(a: vscode.Range, b: vscode.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether VS Code would show `a` and `b` the same (every field a diagnostic hands to the workbench). */
export function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  if (a === b) return true;
  if (!sameRange(a.range, b.range) || a.message !== b.message || a.severity !== b.severity || a.source !== b.source) return false;
  if (codeValue(a.code) !== codeValue(b.code) || codeTarget(a.code) !== codeTarget(b.code)) return false;
  const at = a.tags ?? [], bt = b.tags ?? [];
  if (at.length !== bt.length || at.some((t, i) => t !== bt[i])) return false;
  const ar = a.relatedInformation ?? [], br = b.relatedInformation ?? [];
  return (
    ar.length === br.length &&
    ar.every((r, i) => r.message === br[i].message && r.location.uri.toString() === br[i].location.uri.toString() && sameRange(r.location.range, br[i].location.range))
  );
}

const sameList = (a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]) => a.length === b.length && a.every((d, i) => sameDiagnostic(d, b[i]));

interface File {
  uri: vscode.Uri;
  all: readonly vscode.Diagnostic[];
  size: number;
  /** bands[i]: the diagnostics that start on lines [i·size, (i+1)·size), as VS Code has them */
  bands: (readonly vscode.Diagnostic[])[];
}

const EMPTY: readonly vscode.Diagnostic[] = Object.freeze([]);

export class BandedDiagnostics implements vscode.DiagnosticCollection {
  private readonly collections: vscode.DiagnosticCollection[] = [];
  private readonly files = new Map<string, File>();

  /**
   * `create(i)` makes band i's VS Code collection (asked for in order: 0, 1, 2 …, so that VS Code,
   * which lists a file's diagnostics collection by collection, lists them in line order).
   * `lineCount(uri)` is the file's length in lines if it is open; otherwise the last diagnostic's
   * line stands in for it.
   */
  constructor(
    readonly name: string,
    private readonly create: (band: number) => vscode.DiagnosticCollection,
    private readonly lineCount: (uri: vscode.Uri) => number | undefined,
  ) {}

  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[] | undefined): void;
  set(entries: ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>): void;
  set(first: vscode.Uri | ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>, diagnostics?: readonly vscode.Diagnostic[] | undefined): void {
    if (!Array.isArray(first)) return this.setOne(first as vscode.Uri, diagnostics);
    // As VS Code's own collection does: entries for one file are joined, `undefined` empties it.
    const merged = new Map<string, [vscode.Uri, vscode.Diagnostic[]]>();
    for (const [uri, list] of first as ReadonlyArray<[vscode.Uri, readonly vscode.Diagnostic[] | undefined]>) {
      const key = uri.toString();
      const entry = merged.get(key) ?? [uri, []];
      merged.set(key, entry);
      if (list === undefined) entry[1] = [];
      else entry[1].push(...list);
    }
    for (const [uri, list] of merged.values()) this.setOne(uri, list);
  }

  private setOne(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[] | undefined): void {
    const key = uri.toString();
    if (!diagnostics || diagnostics.length === 0) return this.delete(uri);
    let lines = this.lineCount(uri);
    if (lines === undefined) lines = diagnostics.reduce((max, d) => Math.max(max, d.range.start.line + 1), 0);
    const old = this.files.get(key);
    // A file keeps its band size while it fits and is not much shorter, so that a line typed and
    // deleted at a boundary does not move every band each time.
    const size = old && lines <= old.size * MAX_BANDS && lines * 4 > old.size * MAX_BANDS ? old.size : bandSize(lines);
    const bands: vscode.Diagnostic[][] = [];
    for (const d of diagnostics) {
      const i = Math.min(Math.floor(d.range.start.line / size), MAX_BANDS - 1);
      while (bands.length <= i) bands.push([]);
      bands[i].push(d);
    }
    const kept: (readonly vscode.Diagnostic[])[] = [];
    const changes = Math.max(bands.length, old?.bands.length ?? 0);
    for (let i = 0; i < changes; i++) {
      const now = bands[i] ?? EMPTY;
      const before = old && old.size === size ? old.bands[i] ?? EMPTY : undefined;
      if (before !== undefined && sameList(before, now)) {
        kept.push(before); // VS Code keeps the objects it has: code actions see the same diagnostics
        continue;
      }
      kept.push(now);
      if (now.length === 0 && (before ?? old?.bands[i] ?? EMPTY).length === 0) continue;
      this.collection(i).set(uri, now.length ? now : undefined);
    }
    while (kept.length && kept[kept.length - 1].length === 0) kept.pop();
    this.files.set(key, { uri, all: Object.freeze(kept.flat()), size, bands: kept });
  }

  private collection(i: number): vscode.DiagnosticCollection {
    while (this.collections.length <= i) this.collections.push(this.create(this.collections.length));
    return this.collections[i];
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    const file = this.files.get(key);
    if (!file) return;
    this.files.delete(key);
    file.bands.forEach((band, i) => band.length && this.collections[i].delete(uri));
  }

  clear(): void {
    this.files.clear();
    for (const c of this.collections) c.clear();
  }

  forEach(callback: (uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[], collection: vscode.DiagnosticCollection) => unknown, thisArg?: unknown): void {
    for (const file of this.files.values()) callback.call(thisArg, file.uri, file.all, this);
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] | undefined {
    return this.files.get(uri.toString())?.all;
  }

  has(uri: vscode.Uri): boolean {
    return this.files.has(uri.toString());
  }

  *[Symbol.iterator](): IterableIterator<[uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]]> {
    for (const file of this.files.values()) yield [file.uri, file.all];
  }

  dispose(): void {
    this.files.clear();
    for (const c of this.collections) c.dispose();
    this.collections.length = 0;
  }
}

// Line index and position conversion over UTF-16 offsets; built once per text, binary-searched.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export class LineIndex {
  /** Offset of the first character of each line. A line ends before its \n, \r\n or \r. */
  readonly lineStarts: number[];

  /** `lineStarts` is for `LineIndex.afterEdit`; others pass the text alone. */
  constructor(readonly text: string, lineStarts?: number[]) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    // The next \n and the next \r found with indexOf (a native scan), not a loop over every
    // character: in a one-shot check that loop ran interpreted until V8 compiled it on the stack.
    const starts = [0];
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      let i: number;
      if (cr < 0 || (lf >= 0 && lf < cr)) i = lf;
      else {
        i = cr;
        if (text.charCodeAt(i + 1) === 10) i++;
      }
      starts.push(i + 1);
      if (lf >= 0 && lf <= i) lf = text.indexOf('\n', i + 1);
      if (cr >= 0 && cr <= i) cr = text.indexOf('\r', i + 1);
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, made from `previous` (the index of the text before an edit that replaced
   * [start, oldEnd) with what is now [start, newEnd)): only the edited lines are scanned.
   */
  static afterEdit(previous: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    // A line starts at s when text[s-1] is \n, or a \r not followed by \n. For s-1 below the edit
    // (less one character: a \r\n can be split) or above it, both characters are unchanged.
    const from = Math.max(0, start - 1);
    const to = Math.min(text.length, newEnd + 1);
    const old = previous.lineStarts;
    // Lines starting at or before `from` are kept, those starting after `oldEnd + 1` are moved, the
    // ones between are found again: one copy of the array, changed in place.
    const k = previous.lineAt(from) + 1;
    let m = k;
    while (m < old.length && old[m] <= oldEnd + 1) m++;
    const found: number[] = [];
    for (let j = from; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) found.push(j + 1);
    }
    const starts = replaceRange(old.slice(), k, m, found);
    const delta = newEnd - oldEnd;
    if (delta !== 0) for (let i = k + found.length; i < starts.length; i++) starts[i] += delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Returns the 0-based line containing `offset`. */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.lineStarts[pos.line] + pos.character, this.lineEnd(pos.line));
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** 1-based line and 1-based column counted in characters (code points), as the CLI prints. */
  humanPosition(offset: number): { line: number; column: number } {
    const { line, character } = this.positionAt(offset);
    const start = this.lineStarts[line];
    let column = 1;
    for (let i = start; i < start + character; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < start + character) {
        const d = this.text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      column++;
    }
    return { line: line + 1, column };
  }
}

/**
 * `items` in place of `array[from, to)`, in place when that is cheap, else as a new array (a
 * spread of a long list into splice() overflows the stack: a paste of 200,000 lines).
 */
export function replaceRange<T>(array: T[], from: number, to: number, items: T[]): T[] {
  if (items.length === to - from) {
    for (let i = 0; i < items.length; i++) array[from + i] = items[i];
    return array;
  }
  if (items.length <= 1024) {
    array.splice(from, to - from, ...items);
    return array;
  }
  return array.slice(0, from).concat(items, array.slice(to));
}

/**
 * `s` as a string of its own. A substring of a long text may share the text's memory (V8 makes
 * longer substrings views into their parent), so a substring kept after the text is replaced keeps
 * the whole text alive: anything kept between checks (blocks, cache keys, memoised values) that
 * was cut from a document's text goes through here first.
 */
export function detach(s: string): string {
  // A concatenation flattened by `slice` is a fresh copy; the result is a view into that copy only.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** What `\s` matches (JavaScript's white space and line terminators, what `trim` removes; U+3000 included), by code unit. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when the code unit at `offset` is the low half of a surrogate pair (not a boundary). */
export function isInsideSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const hi = text.charCodeAt(offset - 1);
  const lo = text.charCodeAt(offset);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** Han ideographs (including extensions and compatibility ideographs). */
export const HAN = /\p{Script=Han}/u;

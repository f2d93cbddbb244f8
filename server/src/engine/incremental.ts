// Re-checking after an edit: reuse the blocks and block-rule findings that the edit did not touch.

import { LineIndex, detach, replaceRange } from './text';
import { parseReport, plainBlocks, markdownBlocks, finishModel, type Block, type ReportModel } from './model';
import { lintModel, createLintCache, type LintOptions, type LintResult } from './lint';
import { createFigureBlockCache, useFigureBlockCache } from './figures';

export interface Linter {
  /** Checks the text; the next call reuses what this one computed where the text is unchanged. */
  lint(text: string, options: LintOptions): LintResult;
}

/** A linter for one document that keeps its model and block findings between versions. */
export function createLinter(): Linter {
  let previous: ReportModel | undefined;
  const cache = createLintCache();
  const figures = createFigureBlockCache();
  return {
    lint(text, options) {
      const last = previous;
      // Re-parsing moves the earlier model's blocks in place: if it threw half way, that model
      // would be neither version, so it is let go before and kept only once the new one is made.
      previous = undefined;
      const model = last && last.format === options.format ? reparse(last, text) : parseReport(text, options.format);
      previous = model;
      useFigureBlockCache(model, figures);
      return lintModel(model, options, cache);
    },
  };
}

/** Length of the common prefix of two strings, compared in chunks first. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (n + step <= limit && a.slice(a.length - n - step, a.length - n) === b.slice(b.length - n - step, b.length - n)) n += step;
  }
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/**
 * Moves a block of the earlier version to where it is now, in place: the earlier version's model is
 * not valid any more once a later one is made from it (no block, marker or finding of it is copied).
 */
function shiftBlock(b: Block, offset: number, lines: number): Block {
  if (offset !== 0) {
    b.start += offset;
    b.end += offset;
    b.contentStart += offset;
    if (b.headingEnd !== undefined) b.headingEnd += offset;
    if (b.marker) {
      b.marker.start += offset;
      b.marker.end += offset;
    }
  }
  b.line += lines;
  return b;
}

/**
 * Blocks re-parsed from a new version hold copies of their text: they live on into later versions,
 * and a substring would keep this version's whole text alive with them (`detach`). Blocks of a full
 * parse share the text they were cut from, which is kept once, whatever edits follow.
 */
function detached(blocks: Block[]): Block[] {
  for (const b of blocks) b.text = detach(b.text);
  return blocks;
}

/**
 * The blocks of a new version: the earlier version's blocks above line `before` as they were, the
 * re-parsed `fresh` ones, and the earlier version's blocks from its line `after` on, moved. The
 * earlier version's array is used up: it becomes the new one, changed in place.
 */
function splice(previous: ReportModel, before: number, fresh: Block[], after: number, offsetDelta: number, lineDelta: number): Block[] {
  const blocks = previous.blocks;
  let a = 0;
  while (a < blocks.length && blocks[a].line < before) a++;
  let b = a;
  while (b < blocks.length && blocks[b].line < after) b++;
  for (let k = 0; k < a; k++) if (blocks[k] === previous.title) blocks[k] = untitled(blocks[k], previous);
  for (let k = b; k < blocks.length; k++) blocks[k] = shiftBlock(untitled(blocks[k], previous), offsetDelta, lineDelta);
  return replaceRange(blocks, a, b, detached(fresh));
}

/** An earlier version's title block as the block it was before it was taken for the title. */
function untitled(b: Block, previous: ReportModel): Block {
  if (b !== previous.title) return b;
  // A copy of its own marker too: blocks are moved in place (`shiftBlock`).
  const block: Block = { ...b, kind: b.markdownLevel !== undefined ? 'heading' : 'paragraph', cacheKey: undefined, lintSlot: undefined };
  if (b.marker) block.marker = { ...b.marker };
  return block;
}

/**
 * A new model for `text` from the model of an earlier version. Plain text is re-parsed only around
 * the changed lines; Markdown between the blank lines around the change when nothing there can
 * reach past them (see `reparseMarkdown`), else in full. `previous` is used up: its blocks below the
 * change are moved in place into the new model.
 */
export function reparse(previous: ReportModel, text: string): ReportModel {
  if (previous.text === text) return previous;
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const lines = LineIndex.afterEdit(previous.lines, text, prefix, old.length - suffix, text.length - suffix);
  if (previous.format === 'markdown') return reparseMarkdown(previous, text, lines, prefix, suffix) ?? finishModel(text, 'markdown', lines, markdownBlocks(text, lines));
  // One line of margin on each side covers a CR and LF split by the edit.
  const firstLine = Math.max(0, previous.lines.lineAt(prefix) - 1);
  const oldLastLine = Math.min(previous.lines.lineCount - 1, previous.lines.lineAt(old.length - suffix) + 1);
  const newLastLine = Math.min(lines.lineCount - 1, lines.lineAt(text.length - suffix) + 1);
  const offsetDelta = text.length - old.length;
  const lineDelta = newLastLine - oldLastLine;
  const blocks = splice(previous, firstLine, plainBlocks(text, lines, firstLine, newLastLine), oldLastLine + 1, offsetDelta, lineDelta);
  return finishModel(text, 'plain', lines, blocks);
}

// What a change must not touch for a partial Markdown re-parse: fences (``` ~~~) and HTML (<!-- … -->),
// which run on across blank lines.
const REACHES_FAR = /[`~<>]/;
// A line that may carry a context over a blank line: indented (list item content, code), a list
// item, a block quote.
const CARRIES_ON = /^(?:[ \t]|[-*+][ \t]|[0-9]{1,9}[.)](?:[ \t]|$)|>)/;
const BLANK = /^[ \t]*$/;
// A line of prose that Markdown reads as the same paragraph line wherever the paragraph starts: no
// indentation, no block syntax at its start (heading, quote, list, rule, setext underline, fence,
// HTML, reference), no table pipe.
const SIMPLE = /^(?![ \t]|[#>*+=|`~<_[-]|[0-9]{1,9}[.)](?:[ \t]|$))[^|]+$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/m;
const SETEXT_LINE = new RegExp(SETEXT.source);
const MAX_SCAN = 200;

/**
 * Markdown re-parsed from the blank line before the change to the blank line after it, when those
 * lines close everything above and below them: no block of the earlier version spans them, the
 * lines next to them open no list, quote or indented block, and the change itself adds or removes
 * no fence or HTML mark. Undefined when that does not hold (the caller parses in full).
 */
function reparseMarkdown(previous: ReportModel, text: string, lines: LineIndex, prefix: number, suffix: number): ReportModel | undefined {
  const old = previous.text;
  // The lines the change touches, before and after it (a mark can be broken by a character typed into it).
  const touched = (t: string, ls: LineIndex, from: number, to: number) => t.slice(ls.lineStarts[ls.lineAt(from)], ls.lineEnd(ls.lineAt(to)));
  if (REACHES_FAR.test(touched(old, previous.lines, prefix, old.length - suffix)) || REACHES_FAR.test(touched(text, lines, prefix, text.length - suffix))) return undefined;
  if (text.startsWith('---') || old.startsWith('---')) return undefined; // front matter
  const blank = (l: number) => BLANK.test(lines.lineText(l));
  const lineDelta = lines.lineCount - previous.lines.lineCount;
  // Blocks of the earlier version over several lines (tables, code, HTML): none may run over a boundary.
  const long: { first: number; last: number }[] = [];
  for (const b of previous.blocks) {
    const last = previous.lines.lineAt(Math.max(b.start, b.end - 1));
    if (last > b.line) long.push({ first: b.line, last });
  }
  const spans = (l: number) => long.some((b) => b.first < l && b.last >= l);
  // The paragraph above a boundary must not be in a list, quote or table (its lines may be lazy ones,
  // or table rows).
  const carriesOnIn = (ls: LineIndex, l: number) => {
    for (; l >= 0 && !BLANK.test(ls.lineText(l)); l--) if (CARRIES_ON.test(ls.lineText(l)) || ls.lineText(l).includes('|')) return true;
    return false;
  };
  const carriesOn = (l: number) => carriesOnIn(lines, l);
  // The stretch starts below a line `l` above the change (or at the top): a blank line with no list
  // or quote above it, or a line of prose followed by another (one paragraph's lines read the same
  // whether or not the paragraph is cut between them) …
  const simple = (l: number) => SIMPLE.test(lines.lineText(l));
  const firstChanged = lines.lineAt(Math.max(0, prefix - 1));
  let from = -1;
  for (let l = firstChanged - 1, n = 0; l >= 0 && n < MAX_SCAN; l--, n++) {
    if (spans(l + 1)) continue;
    if (blank(l)) {
      let above = l - 1;
      while (above >= 0 && blank(above)) above--;
      if (above >= 0 && carriesOn(above)) continue;
    } else if (!(simple(l) && simple(l + 1) && !carriesOn(l))) continue;
    from = l + 1;
    break;
  }
  if (from < 0 && firstChanged - 1 >= MAX_SCAN) return undefined;
  if (from < 0) from = 0;
  // … and ends before a line `to` below it (or at the end): a blank line with no indented, list or
  // quote line after it, or a line of prose after another.
  const lastChanged = lines.lineAt(Math.min(text.length, text.length - suffix + 1));
  let to = -1;
  for (let l = lastChanged + 1, n = 0; l < lines.lineCount && n < MAX_SCAN; l++, n++) {
    if (spans(l - lineDelta)) continue;
    if (blank(l)) {
      let below = l + 1;
      while (below < lines.lineCount && blank(below)) below++;
      if (below < lines.lineCount && CARRIES_ON.test(lines.lineText(below))) continue;
    } else {
      // Inside a paragraph: the lines above must have been prose outside any list or quote in the
      // earlier version too, or the blocks below were read in another context.
      const lo = l - lineDelta;
      if (!(simple(l - 1) && simple(l) && !carriesOn(l - 1))) continue;
      // A setext underline further down would make a heading of the paragraph, the stretch's lines too.
      let k = l;
      while (k < lines.lineCount && !blank(k) && !SETEXT_LINE.test(lines.lineText(k))) k++;
      if (k < lines.lineCount && !blank(k)) continue;
      if (!(SIMPLE.test(previous.lines.lineText(lo - 1)) && !carriesOnIn(previous.lines, lo - 1))) continue;
    }
    to = l;
    break;
  }
  if (to < 0 && lines.lineCount - lastChanged - 1 > MAX_SCAN) return undefined;
  if (to < 0) to = lines.lineCount;
  const oldTo = to - lineDelta;
  // A fence or HTML block inside the stretch may run on past its end: those are parsed in full.
  const stretch = (t: string, ls: LineIndex, a: number, b: number) => t.slice(ls.lineStarts[a], b < ls.lineCount ? ls.lineStarts[b] : t.length);
  // An unclosed fence or HTML block runs to the end of the document, over anything added below it.
  const last = previous.blocks[previous.blocks.length - 1];
  if (last && (last.kind === 'code' || last.kind === 'html') && from > last.line) return undefined;
  const newStretch = stretch(text, lines, from, to);
  const oldStretch = stretch(old, previous.lines, from, oldTo);
  if (REACHES_FAR.test(newStretch) || REACHES_FAR.test(oldStretch)) return undefined;
  // A setext underline makes a heading of the whole paragraph above it, lines above the stretch too.
  if (from > 0 && !blank(from - 1) && (SETEXT.test(newStretch) || SETEXT.test(oldStretch))) return undefined;
  const blocks = splice(previous, from, markdownBlocks(text, lines, from, to), oldTo, text.length - old.length, lineDelta);
  return finishModel(text, 'markdown', lines, blocks);
}

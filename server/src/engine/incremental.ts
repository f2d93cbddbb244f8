// Re-checking after an edit: reuse the blocks and block-rule findings that the edit did not touch.

import { LineIndex } from './text';
import { parseReport, plainBlocks, finishModel, type Block, type ReportModel } from './model';
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
      const model = previous && previous.format === options.format ? reparse(previous, text) : parseReport(text, options.format);
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

function shiftBlock(b: Block, offset: number, lines: number): Block {
  const s: Block = { ...b, start: b.start + offset, end: b.end + offset, contentStart: b.contentStart + offset, line: b.line + lines };
  if (b.headingEnd !== undefined) s.headingEnd = b.headingEnd + offset;
  if (b.marker) s.marker = { ...b.marker, start: b.marker.start + offset, end: b.marker.end + offset };
  return s;
}

/**
 * A new model for `text` from the model of an earlier version. Plain text is re-parsed only around
 * the changed lines; Markdown (whose blocks can span and nest) is parsed again in full.
 */
export function reparse(previous: ReportModel, text: string): ReportModel {
  if (previous.text === text) return previous;
  if (previous.format !== 'plain') return parseReport(text, previous.format);
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const lines = LineIndex.afterEdit(previous.lines, text, prefix, old.length - suffix, text.length - suffix);
  // One line of margin on each side covers a CR and LF split by the edit.
  const firstLine = Math.max(0, previous.lines.lineAt(prefix) - 1);
  const oldLastLine = Math.min(previous.lines.lineCount - 1, previous.lines.lineAt(old.length - suffix) + 1);
  const newLastLine = Math.min(lines.lineCount - 1, lines.lineAt(text.length - suffix) + 1);
  const offsetDelta = text.length - old.length;
  const lineDelta = newLastLine - oldLastLine;
  const blocks: Block[] = [];
  for (const b of previous.blocks) {
    if (b.line >= firstLine) break;
    blocks.push(b === previous.title ? { ...b, kind: 'paragraph', cacheKey: undefined, lintSlot: undefined } : b);
  }
  blocks.push(...plainBlocks(text, lines, firstLine, newLastLine));
  for (const b of previous.blocks) {
    if (b.line > oldLastLine) blocks.push(shiftBlock(b === previous.title ? { ...b, kind: 'paragraph', cacheKey: undefined, lintSlot: undefined } : b, offsetDelta, lineDelta));
  }
  return finishModel(text, 'plain', lines, blocks);
}

// artifact: text no author wrote — scraping markers, replacement characters, invisible characters,
// stray HTML tags in plain text.

import { blockRule, memoized, moveInPlace, type Rule, type RuleContext } from './types';
import type { Block, ReportModel } from '../model';
import type { Fix, RuleFinding } from '../types';
import { detach, isSpace } from '../text';

const MARKER = /##[A-Za-z][A-Za-z0-9_-]{0,40}##/g;
// U+FFFD, zero-width and bidi controls, C0 controls other than tab and line breaks.
const INVISIBLE = /[\uFFFD\u200B-\u200F\u2060-\u2064\u202A-\u202E\u2066-\u2069\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|(?!^)\uFEFF/gu;
const HTML_TAG = /<\/?(?:p|br|div|span|a|b|i|u|em|strong|font|img|table|tr|td|th|tbody|thead|ul|ol|li|h[1-6]|section|article|style|script|meta|link|iframe|center|sup|sub|hr)(?=[\s/>])[^<>\n]{0,200}>|&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash|hellip|#\d{2,6}|#x[0-9a-f]{2,5});/giu;

/** A zero-width joiner between two emoji builds one emoji (👨‍👩‍👧): it belongs there. */
function joinsEmoji(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at);
  const after = text.slice(at + 1, at + 4);
  return /\p{Extended_Pictographic}\uFE0F?$/u.test(before) && /^\p{Extended_Pictographic}/u.test(after);
}

function describe(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code === 0xfffd) return 'U+FFFD (replacement character)';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A leftover marker or an invisible character, at `at` in the text it was found in. */
interface Mark {
  marker: boolean;
  at: number;
  text: string;
}

const INVISIBLE_OR_BOM = new RegExp(`${INVISIBLE.source.replace('|(?!^)\\uFEFF', '')}|\\uFEFF`, 'gu');
const BLANK = new Set([9, 10, 13, 32, 0x3000]);

/** Markers and invisible characters in `s` (a block's raw text, or a stretch between blocks). */
function marksIn(s: string): Mark[] {
  const out: Mark[] = [];
  let m: RegExpExecArray | null;
  MARKER.lastIndex = 0;
  while ((m = MARKER.exec(s))) out.push({ marker: true, at: m.index, text: m[0] });
  INVISIBLE_OR_BOM.lastIndex = 0;
  while ((m = INVISIBLE_OR_BOM.exec(s))) {
    if (m[0] === '\u200D' && joinsEmoji(s, m.index)) continue;
    out.push({ marker: false, at: m.index, text: m[0] });
  }
  return out;
}

/** The marks in a block's raw text, read from a copy (kept between checks, they must not hold on to the text). */
const marksOfBlock = (b: Block, ctx: RuleContext): Mark[] => marksIn(detach(ctx.model.text.slice(b.start, b.end)));

const DELETE_TITLE = { zh: '删除', en: 'Delete it' };
const del = (start: number, end: number): Fix[] => [{ title: DELETE_TITLE, edits: [{ start, end, newText: '' }], safe: true }];

/** The fix deleting a mark at [start, end): a marker alone on its line (but white space) goes with its line. */
function deleteFix(model: ReportModel, h: Mark, start: number, end: number): Fix[] {
  if (!h.marker) return del(start, end);
  const text = model.text;
  const line = model.lines.lineAt(start);
  const ls = model.lines.lineStarts[line];
  const le = model.lines.lineEnd(line);
  let k = ls;
  while (k < start && isSpace(text.charCodeAt(k))) k++;
  if (k < start) return del(start, end);
  k = end;
  while (k < le && isSpace(text.charCodeAt(k))) k++;
  if (k < le) return del(start, end);
  const next = line + 1 < model.lines.lineCount ? model.lines.lineStarts[line + 1] : le;
  return next > le ? del(ls, next) : del(start, end);
}

/** Findings for `hits` (at `base` in the text), appended to `out`. */
function placeMarks(hits: Mark[], base: number, model: ReportModel, out: RuleFinding[]): void {
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const start = base + h.at;
    const end = start + h.text.length;
    // A byte order mark at the very start of the file is the encoding's, not the author's.
    if (start === 0 && !h.marker && h.text === '\uFEFF') continue;
    out.push({ start, end, message: markMessage(h), fixes: deleteFix(model, h, start, end) });
  }
}

/**
 * A text block's mark findings, made for its marks at `start`. A linter keeps them with the block
 * object. They depend on the block's text, the lines it is on (a marker's fix) and whether it starts
 * the text (a byte order mark there is no finding). A re-parse gives a changed block a new object,
 * and moves an unchanged one in place only where the edit did not touch its lines (it re-parses
 * every line an edit touches and the lines next to them): kept findings need only be moved.
 */
interface PlacedMarks {
  marks: Mark[];
  start: number;
  findings: RuleFinding[];
}
const placedMarks = new WeakMap<Block, PlacedMarks>();

/** The block's kept mark findings, moved to where it is now, or made anew. */
function marksOfKept(b: Block, marks: Mark[], model: ReportModel): RuleFinding[] {
  let placed = placedMarks.get(b);
  if (!placed || placed.marks !== marks || (placed.start === 0) !== (b.start === 0)) {
    placed = { marks, start: b.start, findings: [] };
    placeMarks(marks, b.start, model, placed.findings);
    placedMarks.set(b, placed);
  } else if (placed.start !== b.start) {
    const d = b.start - placed.start;
    for (let i = 0; i < placed.findings.length; i++) moveInPlace(placed.findings[i], d);
    placed.start = b.start;
  }
  return placed.findings;
}

// The messages of the marks between blocks, made once per mark text: the rest of the document is
// read again on every re-check, and a report can hold hundreds of the same marker.
const markMessages = new Map<string, { zh: string; en: string }>();
function markMessage(h: Mark): { zh: string; en: string } {
  const key = (h.marker ? 'm' : 'c') + h.text;
  let message = markMessages.get(key);
  if (!message) {
    message = h.marker
      ? { zh: `残留标记“${h.text}”不是正文内容，应删除。`, en: `Leftover marker "${h.text}" is not part of the text; delete it.` }
      : { zh: `不可见或异常字符 ${describe(h.text)}，应删除。`, en: `Invisible or broken character ${describe(h.text)}; delete it.` };
    if (markMessages.size < 4096) markMessages.set(key, message);
  }
  return message;
}

export const artifactRule: Rule = blockRule({
  id: 'artifact',
  defaultSeverity: 'warning',
  description: {
    zh: '非作者所写的残留文本：##paidbegin## 等抓取标记、乱码替换符、零宽字符、纯文本中的 HTML 标签。',
    en: 'Text no author wrote: scraping markers such as ##paidbegin##, U+FFFD, zero-width characters, stray HTML tags in plain text.',
  },
  // Stray HTML in plain text: block by block (the format is part of the cache's context).
  checkBlock(b, { model }) {
    const findings: RuleFinding[] = [];
    if (model.format !== 'plain') return findings;
    HTML_TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HTML_TAG.exec(b.text))) {
      const start = b.start + m.index;
      findings.push({
        start,
        end: start + m[0].length,
        message: { zh: `纯文本中残留 HTML 代码“${m[0]}”。`, en: `Stray HTML "${m[0]}" in plain text.` },
        fixes: del(start, start + m[0].length),
      });
    }
    return findings;
  },
  // Markers and invisible characters are found anywhere, including code and HTML blocks: in each
  // text block (kept per block by a linter) and in the stretches between them.
  checkRest(ctx) {
    const { model } = ctx;
    const text = model.text;
    const findings: RuleFinding[] = [];
    const gap = (from: number, to: number) => {
      // Between blocks there is mostly a line break and indentation: skip those without slicing.
      let k = from;
      while (k < to && BLANK.has(text.charCodeAt(k))) k++;
      if (k < to) placeMarks(marksIn(text.slice(from, to)), from, model, findings);
    };
    const blocks = model.textBlocks;
    let pos = 0;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.start > pos) gap(pos, b.start);
      const marks = memoized(ctx, b, 'artifact/marks', marksOfBlock);
      if (marks.length) {
        if (!ctx.memo) placeMarks(marks, b.start, model, findings);
        else {
          // A linter's: the same finding objects again, so that they keep their placed findings.
          const kept = marksOfKept(b, marks, model);
          for (let k = 0; k < kept.length; k++) findings.push(kept[k]);
        }
      }
      pos = Math.max(pos, b.end);
    }
    if (pos < text.length) gap(pos, text.length);
    return findings;
  },
});

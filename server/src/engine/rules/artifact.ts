// artifact: text no author wrote — scraping markers, replacement characters, invisible characters,
// stray HTML tags in plain text.

import { blockRule, memoized, type Rule, type RuleContext } from './types';
import type { Block, ReportModel } from '../model';
import type { RuleFinding } from '../types';
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
const del = (start: number, end: number) => [{ title: DELETE_TITLE, edits: [{ start, end, newText: '' }], safe: true }];

/** What deleting a mark at [start, end) deletes (`DELETE_FROM`…`DELETE_TO`): a marker alone on its line, the line with it. */
let DELETE_FROM = 0;
let DELETE_TO = 0;
function deleteRange(model: ReportModel, h: Mark, start: number, end: number): void {
  DELETE_FROM = start;
  DELETE_TO = end;
  if (!h.marker) return;
  // The marker often sits alone on its line (nothing else but white space): delete the line with it.
  const text = model.text;
  const line = model.lines.lineAt(start);
  const ls = model.lines.lineStarts[line];
  const le = model.lines.lineEnd(line);
  let k = ls;
  while (k < start && isSpace(text.charCodeAt(k))) k++;
  if (k < start) return;
  k = end;
  while (k < le && isSpace(text.charCodeAt(k))) k++;
  if (k < le) return;
  const next = line + 1 < model.lines.lineCount ? model.lines.lineStarts[line + 1] : le;
  if (next > le) {
    DELETE_FROM = ls;
    DELETE_TO = next;
  }
}

/** Findings for `hits` (at `base` in the text), appended to `out`. */
function placeMarks(hits: Mark[], base: number, model: ReportModel, out: RuleFinding[]): void {
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const start = base + h.at;
    const end = start + h.text.length;
    // A byte order mark at the very start of the file is the encoding's, not the author's.
    if (start === 0 && !h.marker && h.text === '\uFEFF') continue;
    deleteRange(model, h, start, end);
    out.push({ start, end, message: markMessage(h), fixes: del(DELETE_FROM, DELETE_TO) });
  }
}

/** A text block's mark findings as made for its marks (memoised by its text) at `start`. */
interface PlacedMarks {
  marks: Mark[];
  start: number;
  findings: RuleFinding[];
}
/** Kept by a linter's checks, with the block object (moved in place by a re-parse; a changed block is a new object). */
const placedMarks = new WeakMap<Block, PlacedMarks>();

/** True when placing the marks at `start` would make the findings `placed` holds, moved there. */
function stillPlaced(placed: PlacedMarks, start: number, model: ReportModel): boolean {
  // The byte order mark exception depends on the block being at the start of the text.
  if ((placed.start === 0) !== (start === 0)) return false;
  const d = start - placed.start;
  const { marks, findings } = placed;
  let j = 0;
  for (let i = 0; i < marks.length; i++) {
    const h = marks[i];
    const s = start + h.at;
    if (s === 0 && !h.marker && h.text === '\uFEFF') continue;
    const f = findings[j++];
    if (f === undefined || f.start + d !== s) return false;
    deleteRange(model, h, s, s + h.text.length);
    const e = f.fixes![0].edits[0];
    if (e.start + d !== DELETE_FROM || e.end + d !== DELETE_TO) return false;
  }
  return j === findings.length;
}

/** Moves a block's mark findings (and their fixes) to `start`, in place. */
function movePlaced(placed: PlacedMarks, start: number): void {
  const d = start - placed.start;
  for (let i = 0; i < placed.findings.length; i++) {
    const f = placed.findings[i];
    f.start += d;
    f.end += d;
    const e = f.fixes![0].edits[0];
    e.start += d;
    e.end += d;
  }
  placed.start = start;
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
    // A linter keeps each text block's findings with the block and gives them again, moved in
    // place, while they are what placing its marks now would make (a marker's fix reads its line).
    const keep = ctx.memo !== undefined;
    const blocks = model.textBlocks;
    let pos = 0;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.start > pos) gap(pos, b.start);
      const marks = memoized(ctx, b, 'artifact/marks', marksOfBlock);
      if (marks.length) {
        if (!keep) placeMarks(marks, b.start, model, findings);
        else {
          let placed = placedMarks.get(b);
          if (!placed || placed.marks !== marks || !stillPlaced(placed, b.start, model)) {
            placed = { marks, start: b.start, findings: [] };
            placeMarks(marks, b.start, model, placed.findings);
            placedMarks.set(b, placed);
          } else if (placed.start !== b.start) movePlaced(placed, b.start);
          for (let k = 0; k < placed.findings.length; k++) findings.push(placed.findings[k]);
        }
      }
      pos = Math.max(pos, b.end);
    }
    if (pos < text.length) gap(pos, text.length);
    return findings;
  },
});

// The document model: title, headings with their numbering markers, paragraphs and tables,
// each with [start, end) UTF-16 offsets into the original text (CRLF and surrogates exact).

import MarkdownIt from 'markdown-it';
import { LineIndex, detach, isSpace } from './text';
import { parseChineseNumeral, toChineseNumeral, CHINESE_NUMERAL_CHARS } from './numerals';
import type { DocumentFormat, Span } from './types';

/** The four official heading levels: 一、 → （一） → 1. → （1）. */
export type MarkerLevel = 1 | 2 | 3 | 4;

export interface HeadingMarker extends Span {
  level: MarkerLevel;
  ordinal: number;
  /** The marker as written, e.g. "（一）" or "一." */
  text: string;
  /** The canonical form for its level and ordinal, e.g. "（一）". */
  canonical: string;
  /** False when the marker has the wrong form for its level (一. (一) 1、 （一）、). */
  wellFormed: boolean;
}

export type BlockKind = 'title' | 'heading' | 'paragraph' | 'table' | 'code' | 'html' | 'rule' | 'front-matter';

export interface Block extends Span {
  kind: BlockKind;
  /** 0-based first line of the block. */
  line: number;
  /** Offset where the text proper begins (after Markdown `#`, list or quote markers). */
  contentStart: number;
  /**
   * The block's text from `start` to `end` with code spans, URLs and Markdown link targets
   * blanked to spaces of the same length, so that offsets stay valid.
   */
  text: string;
  /** Numbering marker at the start of the block, when it has one. */
  marker?: HeadingMarker;
  /** Markdown `#` level (1–6) for ATX/setext headings. */
  markdownLevel?: number;
  /** For headings: where the heading's own words end (before the first 。 of a run-in heading). */
  headingEnd?: number;
  /**
   * `blockKey`'s value, kept on the block once computed (it holds when an edit moves the block);
   * a copy of another kind must set it to undefined.
   */
  cacheKey?: string;
  /** What a linter's cache holds for this block (engine-internal, see lint.ts); reset like `cacheKey`. */
  lintSlot?: unknown;
}

export interface TableCell extends Span {
  text: string;
  row: number;
  column: number;
}

export interface ReportModel {
  text: string;
  format: DocumentFormat;
  lines: LineIndex;
  title?: Block;
  /** Every block in document order (title, headings, paragraphs, tables, code …). */
  blocks: Block[];
  /** Blocks whose text rules should read: title, headings, paragraphs and tables. */
  textBlocks: Block[];
  /** Blocks that carry a numbering marker (headings, and numbered run-in paragraphs). */
  numbered: Block[];
  tableCells: TableCell[];
}

const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
// Line-start numbering markers, loosely matched so that wrong forms are recognised too.
// After a bracketed marker a stray mark is part of the wrong form, and so is a run of it:
// "（一）、、、" is fixed to "（一）" at once (one mark at a time, fix-all needed a round per mark).
const STRAY_AFTER_BRACKET = '(?:、+|\\.+|．+|，+|,+)?';
const MARKER_PATTERNS: { level: MarkerLevel; re: RegExp; chinese: boolean }[] = [
  { level: 2, re: new RegExp(`^[（(](${CN})[）)]${STRAY_AFTER_BRACKET}`, 'u'), chinese: true },
  { level: 4, re: new RegExp(`^[（(]([0-9０-９]{1,3})[）)]${STRAY_AFTER_BRACKET}`, 'u'), chinese: false },
  // "一、2013年工作回顾" is a heading; "一.5" is not a marker.
  { level: 1, re: new RegExp(`^(${CN})(?:、|[.．](?![0-9０-９]))`, 'u'), chinese: true },
  // "3.5" is a decimal, but "3．11月27日" (ASCII digit, full-width point) is item 3 and a date.
  { level: 3, re: /^(?:([0-9]{1,3})(?:\.(?![0-9０-９])|．|、)|([０-９]{1,3})(?:[.．](?![0-9０-９])|、))/u, chinese: false },
];

const CN_CANON = toChineseNumeral;

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Reads a numbering marker at the start of `s`; `offset` is where `s` begins in the text. */
export function parseMarker(s: string, offset: number): HeadingMarker | undefined {
  for (let k = 0; k < MARKER_PATTERNS.length; k++) {
    const { level, re, chinese } = MARKER_PATTERNS[k];
    const m = re.exec(s);
    if (!m) continue;
    const digits = m[1] ?? m[2];
    const ordinal = chinese ? parseChineseNumeral(digits) : parseInt(toAsciiDigits(digits), 10);
    if (ordinal === undefined || ordinal <= 0) continue;
    // "一、二等奖" or "1、2月" are lists of numbers, not markers.
    const after = s.charAt(m[0].length);
    if (level === 1 && /[一二三四五六七八九十]/u.test(after) && /^[、]/u.test(s.slice(digits.length))) {
      const rest = s.slice(m[0].length);
      if (/^[一二三四五六七八九十]+[、等]/u.test(rest)) continue;
    }
    if (level === 3 && m[0].endsWith('、') && /^[0-9０-９]/u.test(after)) continue;
    const canonical =
      level === 1 ? `${CN_CANON(ordinal)}、` : level === 2 ? `（${CN_CANON(ordinal)}）` : level === 3 ? `${ordinal}.` : `（${ordinal}）`;
    const text = m[0];
    const wellFormed =
      level === 1 ? text.endsWith('、')
        : level === 2 ? /^（[^）]+）$/u.test(text)
          : level === 3 ? /[.．]$/u.test(text) && !/[０-９]/u.test(text)
            : /^（[0-9]+）$/u.test(text);
    return { level, ordinal, text, canonical, wellFormed, start: offset, end: offset + text.length };
  }
  return undefined;
}

const TITLE_MAX = 60;

/** Where a run-in heading ("（一）加强领导。正文……") stops being a heading. */
function headingEndOf(text: string, start: number, contentStart: number): number {
  const rel = contentStart - start;
  // An English run-in heading ("4. We promoted innovation. …") ends at its first full stop.
  const m = /[。！？；]|[.!?](?=\s|$)/u.exec(text.slice(rel));
  return m ? contentStart + m.index + 1 : start + text.length;
}

const md = new MarkdownIt({ html: true, linkify: false });

/** Builds the model of a report. */
export function parseReport(text: string, format: DocumentFormat): ReportModel {
  const lines = new LineIndex(text);
  const blocks = format === 'markdown' ? markdownBlocks(text, lines) : plainBlocks(text, lines);
  return finishModel(text, format, lines, blocks);
}

/**
 * The model of `text` with these blocks. `blocks` becomes the model's, with the title put in place
 * of the block it was made from (a copy: the block may be one an earlier model of the document
 * also had). Plain loops, no callbacks: in a one-shot CLI run this code is not yet optimised.
 */
export function finishModel(text: string, format: DocumentFormat, lines: LineIndex, blocks: Block[]): ReportModel {
  let title: Block | undefined;
  let firstIndex = 0;
  while (firstIndex < blocks.length && (blocks[firstIndex].kind === 'front-matter' || blocks[firstIndex].kind === 'html' || blocks[firstIndex].kind === 'rule')) firstIndex++;
  const first = blocks[firstIndex];
  if (first && (first.kind === 'paragraph' || (first.kind === 'heading' && !first.marker)) && looksLikeTitle(first)) {
    title = { ...first, kind: 'title', cacheKey: undefined, lintSlot: undefined };
    blocks[firstIndex] = title;
  }
  // Plain text has text blocks only: then one array serves as both.
  let textBlocks = blocks;
  const numbered: Block[] = [];
  const tableCells: TableCell[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const k = b.kind;
    if (k === 'title' || k === 'heading' || k === 'paragraph' || k === 'table') {
      if (textBlocks !== blocks) textBlocks.push(b);
      if (b.marker) numbered.push(b);
      if (k === 'table') for (const c of cellsOf(b, lines)) tableCells.push(c);
    } else if (textBlocks === blocks) {
      textBlocks = blocks.slice(0, i);
    }
  }
  return { text, format, lines, title, blocks, textBlocks, numbered, tableCells };
}

function looksLikeTitle(b: Block): boolean {
  const t = b.text.slice(b.contentStart - b.start).trim();
  if (!t || t.length > TITLE_MAX) return false;
  if (b.kind === 'heading' && b.markdownLevel === 1) return true;
  if (/[。；：:;，,]$/u.test(t)) return false;
  // "——2017年3月5日在…会议上" is the subtitle of a speech whose title line is missing.
  if (/^[—–-]/u.test(t)) return false;
  if (/\n/.test(t)) return false;
  return true;
}

/** Blanks inline code, link targets and URLs so that rules do not read them. */
function maskInline(s: string, markdown: boolean): string {
  const blank = (m: string) => m.replace(/[^\r\n]/g, ' ');
  // The URL patterns only run where a URL can be (most report lines have none).
  let out = s.includes('://') ? s.replace(/\b(?:https?|ftp|file):\/\/[^\s<>"'，。；、）)】]+/giu, blank) : s;
  if (/www\./i.test(out)) out = out.replace(/\bwww\.[a-z0-9-]+\.[^\s<>"'，。；、）)】]+/giu, blank);
  if (markdown) {
    out = out
      .replace(/(`+)[^`\r\n][\s\S]*?\1/g, blank)
      .replace(/\]\([^)\r\n]*\)/g, (m) => ']' + blank(m.slice(1)))
      .replace(/<[a-z][a-z0-9+.-]*:[^>\s]*>/gi, blank)
      .replace(/<!--[\s\S]*?-->/g, blank);
  }
  return out;
}

function makeBlock(text: string, kind: BlockKind, start: number, end: number, line: number, contentStart: number, markdown: boolean): Block {
  const raw = text.slice(start, end);
  const block: Block = { kind, start, end, line, contentStart, text: kind === 'code' || kind === 'html' ? raw : maskInline(raw, markdown) };
  if (kind === 'heading' || kind === 'paragraph') {
    const marker = parseMarker(text.slice(contentStart, Math.min(end, contentStart + 12)), contentStart);
    if (marker) {
      block.marker = marker;
      if (kind === 'paragraph') block.kind = 'heading';
    }
    if (block.kind === 'heading') block.headingEnd = headingEndOf(block.text, start, block.marker ? block.marker.end : contentStart);
  }
  return block;
}

/** Blocks of a plain-text report: each non-blank line is one, from line `from` to line `to` inclusive. */
export function plainBlocks(text: string, lines: LineIndex, from = 0, to = lines.lineCount - 1): Block[] {
  const blocks: Block[] = [];
  for (let line = from; line <= to; line++) {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    if (start === end) continue;
    const raw = text.slice(start, end);
    const lead = /^[\s\u3000\ufeff]*/u.exec(raw)![0].length;
    if (lead === raw.length) continue;
    let trimmedEnd = end;
    while (trimmedEnd > start && isSpace(text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
    const kind: BlockKind = /^\s*<!--[\s\S]*-->\s*$/.test(raw) ? 'html' : 'paragraph';
    blocks.push(makeBlock(text, kind, start, trimmedEnd, line, start + lead, false));
  }
  return blocks;
}

/**
 * Blocks of a Markdown report, or of lines `from` to `to` (exclusive) of it: a re-parse passes a
 * stretch of whole blocks between blank lines, which Markdown reads the same on its own.
 */
export function markdownBlocks(text: string, lines: LineIndex, from = 0, to = lines.lineCount): Block[] {
  const blocks: Block[] = [];
  let tokens;
  const whole = from === 0 && to >= lines.lineCount;
  try {
    tokens = md.parse(whole ? text : text.slice(lines.lineStarts[from], to < lines.lineCount ? lines.lineStarts[to] : text.length), {});
  } catch {
    return plainBlocks(text, lines, from, to - 1);
  }
  if (from > 0) {
    for (const t of tokens) if (t.map) t.map = [t.map[0] + from, t.map[1] + from];
  }
  const frontMatter = from === 0 ? /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text) : null;
  const fmEndLine = frontMatter ? lines.lineAt(frontMatter[0].length - 1) + 1 : 0;
  if (frontMatter) {
    blocks.push({ kind: 'front-matter', start: 0, end: frontMatter[0].length, line: 0, contentStart: 0, text: detach(frontMatter[0]) });
  }
  const span = (map: [number, number]) => {
    const start = lines.lineStarts[map[0]];
    const lastLine = Math.max(map[0], map[1] - 1);
    return { start, end: lines.lineEnd(Math.min(lastLine, lines.lineCount - 1)) };
  };
  let inTable = false;
  // Open lists, innermost last: an ordered list is rendered start, start+1, … whatever its items say.
  const lists: { ordered: boolean; start: number; index: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'ordered_list_open' || t.type === 'bullet_list_open') {
      lists.push({ ordered: t.type === 'ordered_list_open', start: Number(t.attrGet('start') ?? 1), index: 0 });
    } else if (t.type === 'ordered_list_close' || t.type === 'bullet_list_close') lists.pop();
    else if (t.type === 'list_item_open' && lists.length) lists[lists.length - 1].index++;
    // table_close carries no line map: it must be seen before the tokens without one are skipped.
    else if (t.type === 'table_close') inTable = false;
    if (!t.map) continue;
    if (t.map[0] < fmEndLine) continue;
    const { start, end } = span(t.map as [number, number]);
    const line = t.map[0];
    const raw = text.slice(start, end);
    switch (t.type) {
      case 'heading_open': {
        const hashes = /^[ \t]*#{1,6}[ \t]*/.exec(raw);
        const contentStart = start + (hashes ? hashes[0].length : /^[ \t]*/.exec(raw)![0].length);
        // A setext heading's underline is not part of its words.
        const end1 = hashes ? end : lines.lineEnd(line);
        const b = makeBlock(text, 'heading', start, trimRight(text, start, end1), line, contentStart, true);
        b.markdownLevel = Number(t.tag.slice(1));
        blocks.push(b);
        break;
      }
      case 'paragraph_open': {
        if (inTable) break;
        const prefix = /^[ \t]*(?:>[ \t]?)*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?/.exec(raw);
        const listItem = tokens[i - 1]?.type === 'list_item_open' ? tokens[i - 1] : undefined;
        let contentStart = start + (prefix ? prefix[0].length : 0);
        // A Markdown ordered list "1. …" keeps its number as the block's marker.
        if (listItem && /^[ \t]*\d/.test(raw)) contentStart = start + /^[ \t]*/.exec(raw)![0].length;
        // Reports put one paragraph on each line even in Markdown: each line is a block, so that
        // a title, a heading marker or an opening phrase at the start of a line is seen as such.
        const last = Math.min(t.map![1], lines.lineCount) - 1;
        const list = lists[lists.length - 1];
        for (let l = line; l <= last; l++) {
          const ls = l === line ? start : lines.lineStarts[l];
          const le = trimRight(text, ls, lines.lineEnd(l));
          if (le <= ls) continue;
          const lineRaw = text.slice(ls, le);
          const cs = l === line ? contentStart : ls + (/^[ \t]*(?:>[ \t]?)*[ \t]*/.exec(lineRaw)?.[0].length ?? 0);
          if (cs >= le) continue;
          const b = makeBlock(text, 'paragraph', ls, le, l, cs, true);
          if (l === line && listItem && list?.ordered && b.marker?.level === 3) {
            // "1. 1. 1." in one Markdown list is shown as 1, 2, 3: check what the reader sees.
            b.marker.ordinal = list.start + list.index - 1;
            b.marker.canonical = `${b.marker.ordinal}.`;
          }
          blocks.push(b);
        }
        break;
      }
      case 'table_open':
        inTable = true;
        blocks.push(makeBlock(text, 'table', start, end, line, start, true));
        break;
      case 'fence':
      case 'code_block':
        blocks.push(makeBlock(text, 'code', start, end, line, start, true));
        break;
      case 'html_block':
        blocks.push(makeBlock(text, 'html', start, end, line, start, true));
        break;
      case 'hr':
        blocks.push(makeBlock(text, 'rule', start, end, line, start, true));
        break;
    }
  }
  return blocks;
}

function trimRight(text: string, start: number, end: number): number {
  while (end > start && /[\s\u3000]/u.test(text.charAt(end - 1))) end--;
  return end;
}

function cellsOf(table: Block, lines: LineIndex): TableCell[] {
  const cells: TableCell[] = [];
  const first = table.line;
  const last = lines.lineAt(table.end);
  let row = 0;
  for (let l = first; l <= last; l++) {
    const ls = lines.lineStarts[l];
    const le = lines.lineEnd(l);
    const raw = table.text.slice(ls - table.start, le - table.start);
    if (/^\s*\|?\s*:?-{2,}/.test(raw)) continue; // the delimiter row
    // Cells lie between unescaped pipes; a leading and a trailing pipe open and close the row.
    const pipes: number[] = [];
    for (let k = 0; k < raw.length; k++) {
      if (raw[k] === '\\') k++;
      else if (raw[k] === '|') pipes.push(k);
    }
    const bounds = [-1, ...pipes, raw.length];
    let column = 0;
    for (let k = 0; k + 1 < bounds.length; k++) {
      const from = bounds[k] + 1;
      const to = bounds[k + 1];
      const body = raw.slice(from, to);
      const edge = (k === 0 && to === pipes[0]) || (k === bounds.length - 2 && from === pipes[pipes.length - 1] + 1);
      if (edge && body.trim() === '') continue;
      const lead = /^\s*/.exec(body)![0].length;
      const trimmed = body.trim();
      if (trimmed) cells.push({ start: ls + from + lead, end: ls + from + lead + trimmed.length, text: trimmed, row, column });
      column++;
    }
    row++;
  }
  return cells;
}

/**
 * What a block's per-block results (rule findings, memoised values, figures) depend on: its kind,
 * where its text starts and its raw text. Computed once per block object and kept on it, so that
 * a moved copy made by the incremental re-parse reuses the string and its hash.
 */
export function blockKey(model: ReportModel, b: Block): string {
  let key = b.cacheKey;
  if (key === undefined) {
    key = detach(`${b.kind}\u0000${b.contentStart - b.start}\u0000${model.text.slice(b.start, b.end)}`);
    b.cacheKey = key;
  }
  return key;
}

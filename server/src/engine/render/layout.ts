// The document as the renderers see it: a list of items (title, headings, paragraphs, tables …)
// made of text runs that remember their UTF-16 offsets in the source, so findings can be placed.
// One builder feeds the HTML preview, the HTML export and the Word export.

import MarkdownIt from 'markdown-it';
import { DIRECTIVE_RE } from '../directives';
import type { Block, ReportModel } from '../model';
import type { SectionMatch } from '../profiles';

/** A piece of text with one formatting; `start` is its offset in the source, or -1 when it has none. */
export interface Run {
  text: string;
  start: number;
  strong?: boolean;
  em?: boolean;
  strike?: boolean;
  code?: boolean;
  /** The link target as written (never turned into a live link in the preview). */
  link?: string;
  /** Part of a run-in heading ("（一）加强领导。" before the body text of the same paragraph). */
  heading?: boolean;
  /** A hard line break. */
  br?: boolean;
  /** Stands for a source line break inside a Markdown paragraph. */
  soft?: boolean;
}

export type ItemKind = 'title' | 'heading' | 'paragraph' | 'addressee' | 'signature' | 'table' | 'code' | 'rule';

export interface TableRow {
  header: boolean;
  cells: Run[][];
}

export interface DocItem {
  kind: ItemKind;
  /** Heading level 1–4 (一、 （一） 1. （1）). */
  level?: 1 | 2 | 3 | 4;
  /** 0-based source line where the item starts. */
  line: number;
  start: number;
  end: number;
  runs: Run[];
  rows?: TableRow[];
  /** Text of a code block. */
  code?: string;
  /** Markdown list or quote context, shown as a prefix. */
  quote?: boolean;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
type Token = ReturnType<typeof md.parse>[number];

// A signature date line, as the profiles recognise it (kept local: the renderer must not depend on a profile).
const DATE_LINE = /^[\s\u3000]*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日[\s\u3000]*$/u;
const EN_DATE_LINE = /^\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s*\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})\s*$/i;
const isDateLine = (s: string) => DATE_LINE.test(s) || EN_DATE_LINE.test(s);

/** Directive ranges (`<!-- report-lint-… -->`): left out of every rendering. */
function directiveRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  if (!text.includes('report-lint-')) return out;
  const re = new RegExp(DIRECTIVE_RE.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Cuts the directive ranges out of mapped runs. */
function withoutDirectives(runs: Run[], ranges: [number, number][]): Run[] {
  if (ranges.length === 0) return runs;
  const out: Run[] = [];
  for (const r of runs) {
    if (r.start < 0) {
      out.push(r);
      continue;
    }
    let pieces: Run[] = [r];
    for (const [a, b] of ranges) {
      if (b <= r.start || a >= r.start + r.text.length) continue;
      const next: Run[] = [];
      for (const p of pieces) {
        const ps = p.start;
        const pe = p.start + p.text.length;
        if (b <= ps || a >= pe) {
          next.push(p);
          continue;
        }
        if (a > ps) next.push({ ...p, text: p.text.slice(0, a - ps) });
        if (b < pe) next.push({ ...p, text: p.text.slice(b - ps), start: b });
      }
      pieces = next;
    }
    out.push(...pieces);
  }
  return out;
}

/** Splits runs at an offset so that the part before `at` can carry the heading font. */
function markHeadingPart(runs: Run[], at: number): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.start < 0 || r.start >= at) {
      out.push(r);
      continue;
    }
    const end = r.start + r.text.length;
    if (end <= at) out.push({ ...r, heading: true });
    else {
      out.push({ ...r, text: r.text.slice(0, at - r.start), heading: true });
      out.push({ ...r, text: r.text.slice(at - r.start), start: at });
    }
  }
  return out;
}

const isBlankRuns = (runs: Run[]) => runs.every((r) => !r.br && r.text.trim() === '');

/**
 * Maps a Markdown text token back to the source from `cursor`: exact when the text is written as is,
 * aligned character by character over backslash escapes and entities otherwise.
 */
function mapText(content: string, src: string, cursor: number, limit: number): { pieces: { text: string; start: number }[]; next: number } | undefined {
  const exact = src.indexOf(content, cursor);
  if (exact >= 0 && exact + content.length <= limit) return { pieces: [{ text: content, start: exact }], next: exact + content.length };
  const first = content.charAt(0);
  let j = cursor;
  while (j < limit && src.charAt(j) !== first && !(src.charAt(j) === '\\' && src.charAt(j + 1) === first) && src.charAt(j) !== '&') j++;
  if (j >= limit) return undefined;
  const pieces: { text: string; start: number }[] = [];
  let cur: { text: string; start: number } | undefined;
  let i = 0;
  while (i < content.length) {
    if (j >= limit) return undefined;
    const c = content.charAt(i);
    const s = src.charAt(j);
    if (s === c) {
      if (!cur || cur.start < 0 || cur.start + cur.text.length !== j) pieces.push((cur = { text: '', start: j }));
      cur.text += c;
      i++;
      j++;
    } else if (s === '\\' && src.charAt(j + 1) === c) {
      j++;
    } else if (s === '&') {
      const semi = src.indexOf(';', j);
      if (semi < 0 || semi - j > 12) return undefined;
      // The entity's decoded character(s) have no offset of their own.
      const cp = content.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      pieces.push((cur = { text: content.slice(i, i + len), start: -1 }));
      i += len;
      j = semi + 1;
    } else return undefined;
  }
  return { pieces, next: j };
}

/** Turns a Markdown inline token's children into runs mapped to the source. */
function inlineRuns(children: Token[], text: string, from: number, limit: number): Run[] {
  const runs: Run[] = [];
  let cursor = from;
  const state = { strong: 0, em: 0, strike: 0 };
  let link: string | undefined;
  const style = (): Partial<Run> => {
    const s: Partial<Run> = {};
    if (state.strong) s.strong = true;
    if (state.em) s.em = true;
    if (state.strike) s.strike = true;
    if (link !== undefined) s.link = link;
    return s;
  };
  const push = (content: string, extra: Partial<Run> = {}) => {
    if (!content) return;
    const mapped = mapText(content, text, cursor, limit);
    if (mapped) {
      for (const p of mapped.pieces) runs.push({ text: p.text, start: p.start, ...style(), ...extra });
      cursor = mapped.next;
    } else runs.push({ text: content, start: -1, ...style(), ...extra });
  };
  for (let k = 0; k < children.length; k++) {
    const t = children[k];
    switch (t.type) {
      case 'text':
        push(t.content);
        break;
      case 'code_inline':
        push(t.content, { code: true });
        break;
      case 'softbreak': {
        // Between two Chinese characters a source line break is no space at all.
        const prev = runs.length ? runs[runs.length - 1].text : '';
        const next = children[k + 1]?.content ?? '';
        const wide = isWide(prev.codePointAt(prev.length - 1) ?? 0x20) || isWide(next.codePointAt(0) ?? 0x20);
        runs.push({ text: wide ? '' : ' ', start: -1, soft: true, ...style() });
        break;
      }
      case 'hardbreak':
        runs.push({ text: '', start: -1, br: true });
        break;
      case 'strong_open':
        state.strong++;
        break;
      case 'strong_close':
        state.strong--;
        break;
      case 'em_open':
        state.em++;
        break;
      case 'em_close':
        state.em--;
        break;
      case 's_open':
        state.strike++;
        break;
      case 's_close':
        state.strike--;
        break;
      case 'link_open':
        link = String(t.attrGet('href') ?? '');
        break;
      case 'link_close':
        link = undefined;
        break;
      case 'image': {
        // Images are never loaded: the preview shows their description.
        const alt = t.children?.map((c) => c.content).join('') || String(t.attrGet('src') ?? '');
        runs.push({ text: `[${alt}]`, start: -1, ...style() });
        break;
      }
      default:
        if (t.content) push(t.content);
    }
  }
  return runs;
}

/** True for characters that take a full cell of the line grid (CJK, full-width forms, CJK punctuation). */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    cp === 0x2014 || cp === 0x2026 || (cp >= 0x2018 && cp <= 0x201d) || cp === 0x00b7 || cp === 0x2116
  );
}

export interface LayoutInput {
  model: ReportModel;
  sections?: SectionMatch[];
  /** The report's language: in English reports a numbered Markdown list item stays a list item. */
  lang?: 'zh' | 'en';
}

/** Builds the renderable items of a report. */
export function layoutReport(input: LayoutInput): DocItem[] {
  const { model } = input;
  const directives = directiveRanges(model.text);
  const items = model.format === 'markdown' ? markdownItems(model, input.lang ?? 'zh') : plainItems(model);
  const cleaned: DocItem[] = [];
  for (const item of items) {
    if (item.kind === 'table' || item.kind === 'code' || item.kind === 'rule') {
      if (item.rows) for (const row of item.rows) row.cells = row.cells.map((c) => withoutDirectives(c, directives));
      cleaned.push(item);
      continue;
    }
    item.runs = withoutDirectives(item.runs, directives);
    if (!isBlankRuns(item.runs)) cleaned.push(item);
  }
  markAddresseeAndSignature(cleaned, input.sections);
  return cleaned;
}

function blockByLine(model: ReportModel): Map<number, Block> {
  const m = new Map<number, Block>();
  for (const b of model.blocks) if (!m.has(b.line)) m.set(b.line, b);
  return m;
}

/** Kind and level of a text item from the model's block at the same line. */
function classify(model: ReportModel, block: Block | undefined, mdLevel?: number): { kind: ItemKind; level?: 1 | 2 | 3 | 4 } {
  if (block && model.title === block) return { kind: 'title' };
  if (block?.marker) return { kind: 'heading', level: block.marker.level };
  if (mdLevel !== undefined) {
    const shift = model.title?.markdownLevel === 1 ? 1 : 0;
    return { kind: 'heading', level: Math.min(4, Math.max(1, mdLevel - shift)) as 1 | 2 | 3 | 4 };
  }
  return { kind: 'paragraph' };
}

function plainItems(model: ReportModel): DocItem[] {
  const items: DocItem[] = [];
  for (const b of model.blocks) {
    const raw = model.text.slice(b.contentStart, b.end);
    let runs: Run[] = [{ text: raw, start: b.contentStart }];
    const { kind, level } = b.kind === 'html' ? { kind: 'paragraph' as ItemKind, level: undefined } : classify(model, b);
    if (kind === 'heading' && b.headingEnd !== undefined && b.headingEnd < b.end) runs = markHeadingPart(runs, b.headingEnd);
    items.push({ kind, level, line: b.line, start: b.start, end: b.end, runs });
  }
  return items;
}

function markdownItems(model: ReportModel, lang: 'zh' | 'en'): DocItem[] {
  const { text, lines } = model;
  const byLine = blockByLine(model);
  const fm = model.blocks.find((b) => b.kind === 'front-matter');
  const firstLine = fm ? lines.lineAt(Math.max(0, fm.end - 1)) + 1 : 0;
  let tokens: Token[];
  try {
    tokens = md.parse(text, {});
  } catch {
    return plainItems(model);
  }
  const items: DocItem[] = [];
  const listStack: { ordered: boolean }[] = [];
  let quoteDepth = 0;
  let listPrefix: Run | undefined;
  const rangeOf = (map: [number, number]) => ({ start: lines.lineStarts[map[0]], end: lines.lineEnd(Math.min(Math.max(map[0], map[1] - 1), lines.lineCount - 1)) });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.map && t.map[0] < firstLine) {
      // Front matter is metadata, not part of the report.
      if (t.nesting === 1) {
        let depth = 0;
        for (; i < tokens.length; i++) {
          depth += tokens[i].nesting;
          if (depth === 0) break;
        }
      }
      continue;
    }
    switch (t.type) {
      case 'bullet_list_open':
        listStack.push({ ordered: false });
        break;
      case 'ordered_list_open':
        listStack.push({ ordered: true });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listStack.pop();
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'list_item_open': {
        const top = listStack[listStack.length - 1];
        const line = t.map ? t.map[0] : 0;
        const block = byLine.get(line);
        if (top?.ordered && block?.marker) {
          let end = block.marker.end;
          while (text.charAt(end) === ' ' || text.charAt(end) === '\t') end++;
          listPrefix = { text: text.slice(block.marker.start, end), start: block.marker.start };
        } else if (top?.ordered) listPrefix = { text: `${t.info}${t.markup} `, start: -1 };
        else listPrefix = { text: '• ', start: -1 };
        break;
      }
      case 'heading_open':
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (!t.map || !inline || inline.type !== 'inline') break;
        const { start, end } = rangeOf(t.map as [number, number]);
        const block = byLine.get(t.map[0]);
        const mdLevel = t.type === 'heading_open' ? Number(t.tag.slice(1)) : undefined;
        let { kind, level } = classify(model, block, mdLevel);
        // "1. Finish the migration" in an English list is a list item, not a level-3 heading.
        if (lang === 'en' && listStack.length && kind === 'heading' && mdLevel === undefined) {
          kind = 'paragraph';
          level = undefined;
        }
        let from = block && block.start === start ? block.contentStart : start;
        let runs: Run[] = [];
        if (listPrefix) {
          runs.push(listPrefix);
          if (listPrefix.start >= 0) from = listPrefix.start + listPrefix.text.length;
          listPrefix = undefined;
        }
        runs.push(...inlineRuns(inline.children ?? [], text, from, end));
        if (kind === 'heading' && block?.headingEnd !== undefined && block.headingEnd < block.end) runs = markHeadingPart(runs, block.headingEnd);
        items.push({ kind, level, line: t.map[0], start, end, runs, quote: quoteDepth > 0 || undefined });
        i++;
        break;
      }
      case 'fence':
      case 'code_block': {
        if (!t.map) break;
        const { start, end } = rangeOf(t.map as [number, number]);
        items.push({ kind: 'code', line: t.map[0], start, end, runs: [], code: t.content.replace(/\n$/, '') });
        break;
      }
      case 'hr': {
        if (!t.map) break;
        const { start, end } = rangeOf(t.map as [number, number]);
        items.push({ kind: 'rule', line: t.map[0], start, end, runs: [] });
        break;
      }
      case 'table_open': {
        if (!t.map) break;
        const { start, end } = rangeOf(t.map as [number, number]);
        const rows: TableRow[] = [];
        let row: TableRow | undefined;
        let header = false;
        let rowLine = t.map[0];
        for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
          const c = tokens[i];
          if (c.type === 'thead_open') header = true;
          else if (c.type === 'thead_close') header = false;
          else if (c.type === 'tr_open') {
            rowLine = c.map ? c.map[0] : rowLine;
            rows.push((row = { header, cells: [] }));
          } else if (c.type === 'inline' && row) {
            const ls = lines.lineStarts[rowLine];
            const le = lines.lineEnd(rowLine);
            // Cells are mapped within their own row, after the cells before them.
            const prev = row.cells[row.cells.length - 1];
            const last = prev?.filter((r) => r.start >= 0).pop();
            const from = last ? last.start + last.text.length : ls;
            row.cells.push(inlineRuns(c.children ?? [], text, from, le));
          }
        }
        items.push({ kind: 'table', line: t.map[0], start, end, runs: [], rows });
        break;
      }
    }
  }
  return items;
}

/** The 主送机关 line after the title and the 落款 lines at the end get their own placement. */
function markAddresseeAndSignature(items: DocItem[], sections?: SectionMatch[]): void {
  const plainText = (it: DocItem) => it.runs.map((r) => r.text).join('').trim();
  const titleIndex = items.findIndex((it) => it.kind === 'title');
  const after = items[titleIndex + 1];
  if (titleIndex >= 0 && after && after.kind === 'paragraph') {
    const t = plainText(after);
    if (t.length <= 40 && /[：:]$/u.test(t) && !/[。；]/u.test(t)) after.kind = 'addressee';
  }
  let sigStart: number | undefined = sections?.find((s) => s.section.id === 'signature' && s.block)?.block?.start;
  const last = items[items.length - 1];
  if (sigStart === undefined && last?.kind === 'paragraph' && last.runs.some((r) => r.soft)) {
    // A Markdown paragraph "Jane Doe⏎October 3, 2024": its source lines are the 落款's lines.
    const lines = splitAtSoftBreaks(last.runs).map((rs) => rs.map((r) => r.text).join('').trim());
    if (isDateLine(lines[lines.length - 1]) && lines.every((l) => l.length <= 40)) {
      last.runs = last.runs.map((r) => (r.soft ? { text: '', start: -1, br: true } : r));
      last.kind = 'signature';
      return;
    }
  }
  if (sigStart === undefined) {
    // Without a profile: a date line among the last two items, and the short line before it.
    for (let k = items.length - 1; k >= Math.max(0, items.length - 2); k--) {
      if (items[k].kind === 'paragraph' && isDateLine(plainText(items[k]))) {
        const prev = items[k - 1];
        sigStart = prev && prev.kind === 'paragraph' && plainText(prev).length <= 30 && !/[。；，.;,]$/u.test(plainText(prev)) ? prev.start : items[k].start;
        break;
      }
    }
  }
  if (sigStart === undefined) return;
  for (const it of items) {
    if (it.start >= sigStart && it.kind === 'paragraph' && plainText(it).length <= 40) {
      it.kind = 'signature';
      it.runs = it.runs.map((r) => (r.soft ? { text: '', start: -1, br: true } : r));
    }
  }
}

function splitAtSoftBreaks(runs: Run[]): Run[][] {
  const out: Run[][] = [[]];
  for (const r of runs) {
    if (r.soft || r.br) out.push([]);
    else out[out.length - 1].push(r);
  }
  return out;
}

// The report's outline: headings of all four official levels and Markdown `#`, nested by rank,
// plus the sections a profile recognised in unheaded paragraphs; folding ranges follow from it.

import type { Block, ReportModel } from '../model';
import type { SectionMatch } from '../profiles';

export type OutlineKind = 'title' | 'heading' | 'section';

export interface OutlineSymbol {
  name: string;
  /** For a heading that opens one of the profile's sections: that section's name. */
  detail?: string;
  kind: OutlineKind;
  /** The whole part: from the heading to the end of the last block before the next heading of the same or a higher rank. */
  start: number;
  end: number;
  /** The heading's own words (what the editor reveals and highlights). */
  selectionStart: number;
  selectionEnd: number;
  /** 1–4 for 一、（一）1.（1）; the Markdown level for a `#` heading without a marker. */
  level?: number;
  /** The profile section this symbol opens, when there is one. */
  sectionId?: string;
  children: OutlineSymbol[];
}

export interface FoldingRange {
  /** 0-based lines; the start line stays visible. */
  startLine: number;
  endLine: number;
}

export type UiLanguage = 'zh' | 'en';

/** Guesses the UI language of a report: Chinese when its opening has Han characters. */
export function reportLanguage(model: ReportModel): UiLanguage {
  return /\p{Script=Han}/u.test(model.text.slice(0, 2000)) ? 'zh' : 'en';
}

/** The short name of a section for the outline: 导语（总体情况） → 导语. */
export function sectionLabel(match: SectionMatch, lang: UiLanguage): string {
  const name = match.section.name[lang] ?? match.section.id;
  const short = lang === 'zh' ? name.replace(/（[^（）]*）$/u, '') : name;
  return lang === 'en' ? short.charAt(0).toUpperCase() + short.slice(1) : short;
}

/** The heading's own words: marker and title, without a run-in body or a closing 。. */
export function headingName(model: ReportModel, b: Block): string {
  const raw = model.text.slice(b.contentStart, b.headingEnd ?? b.end);
  return raw.replace(/\s+/gu, ' ').replace(/[。.；;]$/u, '').trim();
}

function selectionEndOf(model: ReportModel, b: Block): number {
  const lineEnd = model.lines.lineEnd(model.lines.lineAt(b.contentStart));
  let end = Math.min(b.headingEnd ?? b.end, lineEnd, b.end);
  // A run-in heading's closing 。 is not part of its name.
  if (b.kind === 'heading' && end > b.contentStart + 1 && /[。；.;]/u.test(model.text.charAt(end - 1))) end--;
  return end;
}

/**
 * A heading's rank for nesting. Markdown headings rank by their `#` count; a heading with only a
 * numbering marker takes the rank a Markdown heading with the same marker level had (so `## 一、`
 * and a plain `二、` are siblings), else ranks below every Markdown heading.
 */
function makeRanker() {
  const markdownRankOfMarker: Record<number, number> = {};
  return (b: Block): number => {
    if (b.markdownLevel !== undefined) {
      if (b.marker) markdownRankOfMarker[b.marker.level] = b.markdownLevel;
      return b.markdownLevel;
    }
    const level = b.marker?.level ?? 4;
    return markdownRankOfMarker[level] ?? 10 + level;
  };
}

/** Where each recognised section runs: from its block to the block before the next section's. */
export interface SectionSpan {
  match: SectionMatch;
  start: number;
  end: number;
}

/**
 * The extent of each section the profile found, in document order: to the block before the next
 * section; a section found in a paragraph also ends with the heading part that contains it (in a
 * file holding several people's 述职 reports, one person's 存在的问题 does not run into the next).
 */
export function sectionSpans(model: ReportModel, sections: SectionMatch[], headingTree?: OutlineSymbol[]): SectionSpan[] {
  const found = sections.filter((m) => m.block).sort((a, b) => a.block!.start - b.block!.start);
  const blocks = model.blocks;
  const lastEnd = lastContentEnd(model);
  const tree = headingTree ?? headingOutline(model, sections, reportLanguage(model));
  return found.map((m) => {
    const start = m.block!.start;
    const next = found.find((n) => n.block!.start > start);
    let end = next ? endBefore(blocks, next.block!.start, start) : lastEnd;
    if (m.block!.kind === 'paragraph') {
      const container = innermostContaining(tree, start);
      if (container) end = Math.min(end, container.end);
    }
    return { match: m, start, end: Math.max(end, m.block!.end) };
  });
}

function innermostContaining(list: OutlineSymbol[], offset: number): OutlineSymbol | undefined {
  for (const s of list) {
    if (s.kind === 'heading' && s.start <= offset && offset < s.end) return innermostContaining(s.children, offset) ?? s;
  }
  return undefined;
}

function lastContentEnd(model: ReportModel): number {
  const b = model.blocks;
  return b.length ? b[b.length - 1].end : 0;
}

/** The end of the last block that starts before `offset` (and at or after `floor`). */
function endBefore(blocks: Block[], offset: number, floor: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0 || blocks[found].start < floor) return floor;
  return Math.max(floor, blocks[found].end);
}

/** The hierarchical outline: title, headings of every level, and unheaded profile sections. */
export function documentSymbols(model: ReportModel, sections: SectionMatch[], lang: UiLanguage = reportLanguage(model)): OutlineSymbol[] {
  const roots = headingOutline(model, sections, lang);
  // Sections found in paragraphs (the opening, a 存在问题 paragraph, the 落款) join the tree
  // inside the innermost heading that contains them, ending before the next heading.
  const headingStarts = model.blocks.filter((b) => b.kind === 'heading' || b.kind === 'title').map((b) => b.start);
  const spans = sectionSpans(model, sections, roots);
  for (const span of spans) {
    const b = span.match.block!;
    if (b.kind !== 'paragraph') continue;
    const nextHeading = headingStarts.find((s) => s > b.start);
    const end = nextHeading === undefined ? span.end : Math.min(span.end, endBefore(model.blocks, nextHeading, b.start));
    const suffix = lang === 'zh' ? '（段落）' : ' (paragraph)';
    const sym: OutlineSymbol = {
      name: sectionLabel(span.match, lang) + suffix,
      kind: 'section',
      start: b.start,
      end: Math.max(end, b.end),
      selectionStart: b.contentStart,
      selectionEnd: selectionEndOf(model, b),
      sectionId: span.match.section.id,
      children: [],
    };
    insertByContainment(roots, sym);
  }
  return roots;
}

/** The title and the headings, nested by rank (no paragraph sections). */
function headingOutline(model: ReportModel, sections: SectionMatch[], lang: UiLanguage): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const sectionOfBlock = new Map<Block, SectionMatch>();
  for (const m of sections) if (m.block && !sectionOfBlock.has(m.block)) sectionOfBlock.set(m.block, m);

  const rankOf = makeRanker();
  const stack: { sym: OutlineSymbol; rank: number }[] = [];
  let lastEnd = 0;
  const close = (rank: number) => {
    while (stack.length && stack[stack.length - 1].rank >= rank) {
      const top = stack.pop()!;
      top.sym.end = Math.max(top.sym.selectionEnd, lastEnd);
    }
  };
  for (const b of model.blocks) {
    if (b.kind === 'title') {
      close(-Infinity);
      roots.push({ name: headingName(model, b), kind: 'title', start: b.start, end: b.end, selectionStart: b.contentStart, selectionEnd: selectionEndOf(model, b), children: [] });
    } else if (b.kind === 'heading') {
      const rank = rankOf(b);
      close(rank);
      const m = sectionOfBlock.get(b);
      const sym: OutlineSymbol = {
        name: headingName(model, b),
        kind: 'heading',
        start: b.start,
        end: b.end,
        selectionStart: b.contentStart,
        selectionEnd: selectionEndOf(model, b),
        level: b.marker?.level ?? b.markdownLevel,
        children: [],
      };
      if (m) {
        sym.detail = sectionLabel(m, lang);
        sym.sectionId = m.section.id;
      }
      (stack.length ? stack[stack.length - 1].sym.children : roots).push(sym);
      stack.push({ sym, rank });
    }
    lastEnd = b.end;
  }
  close(-Infinity);
  return roots;
}

function insertByContainment(list: OutlineSymbol[], sym: OutlineSymbol): void {
  for (const s of list) {
    if (s.kind !== 'title' && s.start <= sym.start && sym.end <= s.end && s.start !== sym.start) {
      insertByContainment(s.children, sym);
      return;
    }
  }
  let i = 0;
  while (i < list.length && list[i].start <= sym.start) i++;
  list.splice(i, 0, sym);
}

/** Every symbol of the outline, depth first in document order. */
export function flattenSymbols(symbols: OutlineSymbol[]): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const walk = (list: OutlineSymbol[]) => {
    for (const s of list) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(symbols);
  return out;
}

/**
 * One folding range per heading and per unheaded section that spans more than one line. `symbols`:
 * the outline when the caller has it (`documentSymbols` of the same model and sections, in any
 * language: names do not matter here).
 */
export function foldingRanges(model: ReportModel, sections: SectionMatch[] = [], symbols?: OutlineSymbol[]): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const s of flattenSymbols(symbols ?? documentSymbols(model, sections))) {
    if (s.kind === 'title') continue;
    const startLine = model.lines.lineAt(s.start);
    const endLine = model.lines.lineAt(s.end);
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }
  return ranges;
}

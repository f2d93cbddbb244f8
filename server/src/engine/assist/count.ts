// 字数: characters counted the way Chinese offices count them, for the document and each section.
//
// The count follows the 字数 figure of Word and WPS, which is what whoever set a limit checks with:
// - each Han character (𠮷 and other supplementary ideographs count once, not twice), kana,
//   Hangul and each full-width punctuation mark or symbol (，。、；：？！“”‘’（）《》【】——……·)
//   counts 1, as do full-width letters and digits (２０２４ is four);
// - each run of other non-space characters (Latin letters, Arabic digits, half-width punctuation
//   between them) counts 1 as a whole: `2024年` is 2, `GDP增长5.2%` is 4, `COVID-19` is 1;
//   a run with no letter or digit (Markdown `**`, `|`, `---`) counts 0;
// - spaces, line breaks, Markdown syntax before a block's text, code, URLs and HTML comments count 0.
// Counting each digit would make "2024年" five characters, which no office form does.

import type { Block, ReportModel } from '../model';
import type { SectionMatch } from '../profiles';
import type { Span } from '../types';
import { documentSymbols, flattenSymbols, sectionSpans, sectionLabel, reportLanguage, type OutlineSymbol, type UiLanguage } from './outline';

const enum Kind {
  Space,
  Unit,
  Neutral,
  Run,
}

function kindOf(c: number): Kind {
  if (c <= 0x20 || c === 0x3000 || c === 0xfeff || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029) return Kind.Space;
  if (c < 0x2e80) {
    if (c === 0xb7) return Kind.Unit; // · 间隔号
    // General punctuation (—, “”, ‘’, …): one mark in Chinese text, part of the word in English.
    if (c >= 0x2010 && c <= 0x205e) return Kind.Neutral;
    return Kind.Run;
  }
  if (c <= 0x9fff) return Kind.Unit; // CJK radicals, punctuation, kana, bopomofo, enclosed, ext. A, URO
  if (c >= 0xac00 && c <= 0xd7af) return Kind.Unit; // Hangul
  if (c >= 0xf900 && c <= 0xfaff) return Kind.Unit; // compatibility ideographs
  if (c >= 0xfe10 && c <= 0xfe6f) return Kind.Unit; // vertical and small forms
  if (c >= 0xff01 && c <= 0xffee) return Kind.Unit; // full-width and half-width forms
  return Kind.Run;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Counts 字数 in `text[start, end)` (see the file comment for the method). */
export function characterCount(text: string, start = 0, end = text.length): number {
  let count = 0;
  let inRun = false;
  let runCounted = false;
  const runChar = (ch: string) => {
    if (!inRun) {
      inRun = true;
      runCounted = false;
    }
    if (runCounted) return;
    const c = ch.charCodeAt(0);
    const asciiAlnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (asciiAlnum || (c > 0x7f && LETTER_OR_DIGIT.test(ch))) {
      runCounted = true;
      count++;
    }
  };
  for (let i = Math.max(0, start); i < end && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        if (cp >= 0x20000 && cp <= 0x3ffff) {
          // Supplementary ideographs (extensions B–H): one character.
          count++;
          inRun = false;
        } else runChar(String.fromCodePoint(cp));
        continue;
      }
    }
    switch (kindOf(c)) {
      case Kind.Space:
        inRun = false;
        break;
      case Kind.Unit:
        count++;
        inRun = false;
        break;
      case Kind.Neutral: {
        const next = i + 1 < end ? kindOf(text.charCodeAt(i + 1)) : Kind.Space;
        if (inRun || next === Kind.Run) runChar(text.charAt(i));
        else count++;
        break;
      }
      default:
        runChar(text.charAt(i));
    }
  }
  return count;
}

/** Counts a span of a text. */
export function spanCount(text: string, span: Span): number {
  return characterCount(text, span.start, span.end);
}

const COUNTED: ReadonlySet<Block['kind']> = new Set(['title', 'heading', 'paragraph', 'table']);

/**
 * Each block's count, kept with the text, kind and prefix length it was made from: the model keeps
 * the Block objects an edit did not reach (moved in place, same text), so after an edit only the
 * re-parsed blocks are counted again. A block whose text or kind changed is counted afresh.
 */
const blockCounts = new WeakMap<Block, { text: string; kind: Block['kind']; from: number; count: number }>();

/** 字数 of one block: its words after any Markdown prefix, code and URLs blanked. */
export function blockCount(b: Block): number {
  if (!COUNTED.has(b.kind)) return 0;
  const from = b.kind === 'table' ? 0 : b.contentStart - b.start;
  const kept = blockCounts.get(b);
  if (kept && kept.text === b.text && kept.kind === b.kind && kept.from === from) return kept.count;
  const count = characterCount(b.text, from);
  blockCounts.set(b, { text: b.text, kind: b.kind, from, count });
  return count;
}

export interface SectionCount {
  /** The profile section's id, or undefined for a heading that opens no profile section. */
  id?: string;
  name: string;
  start: number;
  end: number;
  /** Where to show the count: the heading's or the section's first line. */
  anchor: number;
  count: number;
}

export interface CountReport {
  /** 字数 of the whole report. */
  total: number;
  /** Per profile section (opening, achievements, problems …), in document order. */
  sections: SectionCount[];
  /** Per heading and unheaded section of the outline, depth first. */
  headings: SectionCount[];
}

/** Counts the whole report, each profile section and each heading's part, in linear time. */
export function countReport(model: ReportModel, sections: SectionMatch[], symbols?: OutlineSymbol[], lang: UiLanguage = reportLanguage(model)): CountReport {
  const blocks = model.blocks;
  const n = blocks.length;
  // Block bounds and running counts copied into flat arrays once: the searches below read them
  // for every heading.
  const prefix = new Float64Array(n + 1);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = blocks[i];
    starts[i] = b.start;
    ends[i] = b.end;
    prefix[i + 1] = prefix[i] + blockCount(b);
  }
  // Ranges here always start at a block's start and end at a block's end.
  const countRange = (start: number, end: number): number => {
    // The first block starting at or after `start` …
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    const i = lo;
    // … and the first one from there that ends after `end`.
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= end) lo = mid + 1;
      else hi = mid;
    }
    return lo > i ? prefix[lo] - prefix[i] : 0;
  };
  const outline = symbols ?? documentSymbols(model, sections, lang);
  const headings = flattenSymbols(outline)
    .filter((s) => s.kind !== 'title')
    .map((s) => ({ id: s.sectionId, name: s.name, start: s.start, end: s.end, anchor: s.selectionStart, count: countRange(s.start, s.end) }));
  // The outline's headings are the tree sectionSpans would build again (its paragraph sections,
  // added to it as leaves, are not headings and change no span).
  const sectionCounts = sectionSpans(model, sections, outline).map((sp) => ({
    id: sp.match.section.id,
    name: sectionLabel(sp.match, lang),
    start: sp.start,
    end: sp.end,
    anchor: sp.match.block!.contentStart,
    count: countRange(sp.start, sp.end),
  }));
  return { total: prefix[n], sections: sectionCounts, headings };
}

/** `maxLength` in `.reportlint.yaml`: a limit for the document and per section, optionally per profile. */
export interface MaxLengthSetting {
  document?: number;
  /** Keyed by section id (`problems`) or name (`存在的问题`, `下一步工作打算`). */
  sections?: Record<string, number>;
  profiles?: Record<string, { document?: number; sections?: Record<string, number> }>;
}

export interface LengthLimits {
  document?: number;
  sections: Record<string, number>;
}

/** The limits that apply to a report of the given profile; the profile's own entries win. */
export function lengthLimits(extensions: Record<string, unknown>, profileId?: string): LengthLimits {
  const setting = (extensions.maxLength ?? {}) as MaxLengthSetting;
  const own = profileId ? setting.profiles?.[profileId] : undefined;
  return {
    document: own?.document ?? setting.document,
    sections: { ...(setting.sections ?? {}), ...(own?.sections ?? {}) },
  };
}

/** The limit for one section: by id, by full or short Chinese name, or by English name. */
export function sectionLimit(limits: LengthLimits, match: SectionMatch): number | undefined {
  const s = match.section;
  const keys = [s.id, s.name.zh, s.name.zh.replace(/（[^（）]*）$/u, ''), s.name.en];
  for (const [key, value] of Object.entries(limits.sections)) {
    if (keys.some((k) => k && k.toLowerCase() === key.toLowerCase())) return value;
  }
  return undefined;
}

/** The innermost heading part (or unheaded section) containing `offset`, for a "this section" count. */
export function sectionCountAt(counts: CountReport, offset: number): SectionCount | undefined {
  let best: SectionCount | undefined;
  for (const h of counts.headings) {
    if (h.start <= offset && offset <= h.end && (!best || h.end - h.start <= best.end - best.start)) best = h;
  }
  return best;
}

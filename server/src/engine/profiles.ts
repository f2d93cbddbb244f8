// Report profiles (which sections a genre needs, and how to recognise them), loaded from YAML data.

import { dataOf } from './data';
import type { Block, ReportModel } from './model';
import type { BlockMemo } from './rules/types';
import type { LocalizedText, Severity } from './types';
import { compileDataPattern } from './patterns';
import workSummary from './data/profiles/zh-work-summary.yaml';
import dutyReport from './data/profiles/zh-duty-report.yaml';
import researchReport from './data/profiles/zh-research-report.yaml';
import govWorkReport from './data/profiles/zh-gov-work-report.yaml';
import enStatusReport from './data/profiles/en-status-report.yaml';

export interface SectionSpec {
  id: string;
  name: LocalizedText;
  required: boolean;
  severity?: Severity;
  /** 'first': the opening; 'last': the 落款 at the end. */
  position?: 'first' | 'last';
  /** Matched by any otherwise unclaimed numbered section after the opening (the report's body). */
  body?: boolean;
  headings: string[];
  cues: string[];
}

export interface Profile {
  id: string;
  language: 'zh' | 'en';
  name: LocalizedText;
  titles: string[];
  openings: string[];
  sections: SectionSpec[];
}

interface CompiledSection extends SectionSpec {
  headingRes: RegExp[];
  cueRes: RegExp[];
}

/** Where a profile's section was found. */
export interface SectionMatch {
  section: SectionSpec;
  /** The block that opens the section, or undefined when missing. */
  block?: Block;
  /** Offset where the section's recognised phrase starts. */
  start?: number;
  /** True when the section exists only before a section that should precede it. */
  outOfOrder?: boolean;
  /** The section it should follow, when out of order. */
  after?: SectionSpec;
}

const BUILTIN_SOURCES = [workSummary, dutyReport, researchReport, govWorkReport, enStatusReport];

function loadProfile(source: unknown): Profile {
  const raw = dataOf<Partial<Profile>>(source);
  return {
    id: String(raw.id),
    language: raw.language === 'en' ? 'en' : 'zh',
    name: raw.name as LocalizedText,
    titles: raw.titles ?? [],
    openings: raw.openings ?? [],
    sections: (raw.sections ?? []).map((s) => ({ ...s, headings: s.headings ?? [], cues: s.cues ?? [], required: s.required !== false })),
  };
}

let builtins: Profile[] | undefined;

/** The built-in profiles, most specific first. */
export function builtinProfiles(): Profile[] {
  if (!builtins) {
    const loaded = BUILTIN_SOURCES.map(loadProfile);
    // Specific genres are tried before the generic 工作总结/报告 profile.
    const order = ['zh-gov-work-report', 'zh-duty-report', 'zh-research-report', 'zh-work-summary', 'en-status-report'];
    builtins = order.map((id) => loaded.find((p) => p.id === id)!).filter(Boolean);
  }
  return builtins;
}

export function findProfile(id: string): Profile | undefined {
  return builtinProfiles().find((p) => p.id === id);
}

/** Closes the gaps of a letter-spaced title ("政 府 工 作 报 告"), common in Chinese documents. */
function closeHanSpacing(s: string): string {
  return s.trim().replace(/(?<=\p{Script=Han})[ \t\u3000]+(?=\p{Script=Han})/gu, '');
}

function titleText(model: ReportModel): string | undefined {
  const t = model.title;
  return t ? closeHanSpacing(model.text.slice(t.contentStart, t.end)) : undefined;
}

/** How many blocks after the title may precede the salutation (subtitle, speaker, date). */
const OPENING_WINDOW = 5;

/** Chooses the profile whose title patterns match the report's title, or whose opening matches. */
export function detectProfile(model: ReportModel): Profile | undefined {
  const title = titleText(model);
  const hasHan = /\p{Script=Han}/u.test(title ?? model.text.slice(0, 2000));
  for (const p of builtinProfiles()) {
    if (p.language === 'zh' && !hasHan) continue;
    if (p.language === 'en' && hasHan) continue;
    if (title && p.titles.some((t) => compileDataPattern(t).test(title))) return p;
  }
  // A speech starts at its salutation (各位代表：), perhaps after a subtitle and the speaker's name.
  const openings = model.textBlocks
    .filter((b) => b.kind !== 'title')
    .slice(0, OPENING_WINDOW)
    .map((b) => model.text.slice(b.contentStart, b.end));
  for (const p of builtinProfiles()) {
    if (p.openings.some((o) => openings.some((text) => compileDataPattern(o).test(text)))) return p;
  }
  return undefined;
}

/** True when a title line names a report genre (used to decide whether a plain file is a report). */
export function titleNamesReport(title: string): boolean {
  const t = closeHanSpacing(title);
  return builtinProfiles().some((p) => p.titles.some((re) => compileDataPattern(re).test(t)));
}

// A profile's sections are compiled once, not on every check (a re-check runs matchSections too).
const compiledSections = new WeakMap<SectionSpec, CompiledSection>();

const cuePrefilters = new Map<string, RegExp[] | undefined>();

/**
 * The cues of all sections joined into one alternation per flag set: a block where none of them
 * matches has no cue of any section, and skips the section-by-section, cue-by-cue search (most
 * paragraphs; ≈ 20 regex scans of each saved). Undefined (no prefilter) when a cue has a
 * backreference or a named group, whose meaning would change once joined.
 */
function cuePrefilter(sections: CompiledSection[]): RegExp[] | undefined {
  const cues = sections.flatMap((s) => s.cueRes);
  const key = cues.map((re) => `${re.flags}/${re.source}`).join('\n');
  if (cuePrefilters.has(key)) return cuePrefilters.get(key);
  const byFlags = new Map<string, string[]>();
  let joinable = true;
  for (const re of cues) {
    if (/\\[1-9k]|\(\?<(?![=!])/.test(re.source)) joinable = false;
    const list = byFlags.get(re.flags) ?? [];
    list.push(`(?:${re.source})`);
    byFlags.set(re.flags, list);
  }
  const result = joinable ? Array.from(byFlags, ([flags, list]) => new RegExp(list.join('|'), flags)) : undefined;
  if (cuePrefilters.size >= 64) cuePrefilters.clear();
  cuePrefilters.set(key, result);
  return result;
}

function compileSection(s: SectionSpec): CompiledSection {
  let c = compiledSections.get(s);
  if (!c) {
    c = { ...s, headingRes: s.headings.map((h) => compileDataPattern(h)), cueRes: s.cues.map((x) => compileDataPattern(x)) };
    compiledSections.set(s, c);
  }
  return c;
}

// 2024年12月28日 / 二〇二四年十二月二十八日 / 2024.12.28, alone or after the signing body on one line.
const DATE_LINE = /^[\s\u3000]*(?:[^\s\u3000。，；：]{2,30}[\s\u3000]+)?(?:(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|\d{4}[./-]\d{1,2}[./-]\d{1,2})[\s\u3000]*$/u;
const EN_DATE_LINE = /^\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s*\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4})\s*$/i;

/** Finds the 落款: a date line among the last few blocks of the report. */
function findSignature(model: ReportModel): Block | undefined {
  const blocks = model.textBlocks;
  for (let i = blocks.length - 1; i >= Math.max(0, blocks.length - 4); i--) {
    const b = blocks[i];
    const t = model.text.slice(b.contentStart, b.end);
    if (DATE_LINE.test(t) || EN_DATE_LINE.test(t)) {
      // The signing body, if any, stands on the line before the date.
      const prev = blocks[i - 1];
      if (prev && prev.kind === 'paragraph' && model.text.slice(prev.contentStart, prev.end).trim().length <= 30) return prev;
      return b;
    }
  }
  return undefined;
}

function headingWords(model: ReportModel, b: Block): string {
  const from = b.marker ? b.marker.end : b.contentStart;
  return model.text.slice(from, b.headingEnd ?? b.end);
}

/** The union of two ascending lists of distinct numbers, ascending. */
function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

/** Locates each of the profile's sections in the report, in the profile's order. */
export function matchSections(model: ReportModel, profile: Profile, memo?: BlockMemo): SectionMatch[] {
  const sections = profile.sections.map(compileSection);
  // The text blocks but the title and tables; without tables (the title is the first text block)
  // one exact copy instead of a filtered list grown block by block on every check.
  const tb = model.textBlocks;
  let tables = false;
  for (let i = 0; i < tb.length && !tables; i++) tables = tb[i].kind === 'table';
  const blocks = !tables && (!model.title || tb[0] === model.title) ? tb.slice(model.title ? 1 : 0) : tb.filter((b) => b.kind !== 'title' && b.kind !== 'table');
  const firstHeadingIndex = blocks.findIndex((b) => b.kind === 'heading');

  const anyCue = cuePrefilter(sections);

  /** `body` is the block's text from its content start; `cues` false when no cue of any section is in it. */
  const matchAt = (s: CompiledSection, b: Block, body: string, cues: boolean): number | undefined => {
    if (b.kind === 'heading') {
      const words = headingWords(model, b);
      if (s.headingRes.some((re) => re.test(words))) return b.start;
    }
    if (!cues) return undefined;
    for (let k = 0; k < s.cueRes.length; k++) {
      const m = s.cueRes[k].exec(body);
      if (m) return b.contentStart + m.index;
    }
    return undefined;
  };
  // Where each section could start in a block, relative to the block (-1: nowhere). It depends on
  // the block alone, so a linter keeps it for blocks an edit did not touch.
  const hitsOf = (b: Block): number[] => {
    const body = b.text.slice(b.contentStart - b.start);
    const cues = anyCue === undefined || anyCue.some((re) => re.test(body));
    return sections.map((s) => {
      const at = matchAt(s, b, body, cues);
      return at === undefined ? -1 : at - b.start;
    });
  };
  const hits = blocks.map(memo ? (b) => memo.get(b, 'profiles/section-hits', hitsOf, undefined) : hitsOf);
  const matchesAt = (s: CompiledSection, i: number): number | undefined => {
    const at = hits[i][sections.indexOf(s)];
    return at < 0 ? undefined : blocks[i].start + at;
  };

  // All places each section could start, in document order.
  const candidates: number[][] = sections.map((s) => {
    const found: number[] = [];
    if (s.position === 'last') {
      const sig = findSignature(model);
      if (sig) found.push(blocks.indexOf(sig));
      return found.filter((i) => i >= 0);
    }
    for (let i = 0; i < blocks.length; i++) if (matchesAt(s, i) !== undefined) found.push(i);
    if (s.position === 'first' && blocks.length > 0) {
      // An unheaded first paragraph before the first numbered heading is the opening.
      if (blocks[0].kind === 'paragraph' && (firstHeadingIndex === -1 || firstHeadingIndex > 0) && found[0] !== 0) found.unshift(0);
    }
    // In document order, each once (the loop above adds them in order).
    return found;
  });

  // Blocks some section other than the body could start at (one flag per block: cheaper than a set).
  const claimedAt = new Uint8Array(blocks.length);
  sections.forEach((s, k) => {
    if (!s.body) for (const i of candidates[k]) claimedAt[i] = 1;
  });
  const claimed = { has: (i: number) => claimedAt[i] === 1 };

  const result: SectionMatch[] = [];
  let cursor = -1;
  let previous: SectionSpec | undefined;
  sections.forEach((s, k) => {
    let list = candidates[k];
    if (s.body) {
      // The body: any top-level heading after the opening that no other section claims.
      const topLevel: number[] = [];
      for (let i = 0; i < blocks.length; i++) {
        const b = blocks[i];
        if (b.kind === 'heading' && !claimed.has(i) && (b.marker?.level === 1 || (!b.marker && b.markdownLevel !== undefined) || b.marker?.level === 2)) topLevel.push(i);
      }
      list = mergeSorted(list, topLevel);
      // A short report with no headings still has a body: its first paragraph after the opening.
      if (!list.some((i) => i > cursor)) {
        const para = blocks.findIndex((b, i) => i > cursor && b.kind === 'paragraph' && !claimed.has(i));
        if (para >= 0) list = [...list, para];
      }
    }
    const inOrder = list.find((i) => i > cursor);
    if (inOrder !== undefined) {
      const b = blocks[inOrder];
      result.push({ section: s, block: b, start: matchesAt(s, inOrder) ?? b.start });
      cursor = inOrder;
      previous = s;
    } else if (list.length > 0) {
      const b = blocks[list[0]];
      result.push({ section: s, block: b, start: b.start, outOfOrder: true, after: previous });
    } else {
      result.push({ section: s });
    }
  });
  return result;
}

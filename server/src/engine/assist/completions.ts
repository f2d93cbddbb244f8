// Completions while writing: the next heading marker at the start of a line (四、 after 三、,
// （二） under （一）), the next item of an inline enumeration (二是 after 一是…；), and the
// profile's missing sections by name right after a new heading's marker.

import type { Block, MarkerLevel, ReportModel } from '../model';
import type { Profile, SectionMatch } from '../profiles';
import { compileDataPattern } from '../patterns';
import { parseChineseNumeral, toChineseNumeral } from '../numerals';
import { reportLanguage } from './outline';

export type AssistCompletionKind = 'marker' | 'enumeration' | 'section';

export interface AssistCompletion {
  label: string;
  insertText: string;
  kind: AssistCompletionKind;
  detail: string;
  /** The text typed so far that the completion replaces: [start, end). */
  start: number;
  end: number;
  /** Order among the items (the editor sorts by it). */
  sortText: string;
}

const LEVEL_NAMES: Record<MarkerLevel, string> = { 1: '一级标题', 2: '二级标题', 3: '三级标题', 4: '四级标题' };

/** The canonical marker of a level and ordinal: 一、（一）1.（1）. */
export function markerText(level: MarkerLevel, n: number): string {
  return level === 1 ? `${toChineseNumeral(n)}、` : level === 2 ? `（${toChineseNumeral(n)}）` : level === 3 ? `${n}.` : `（${n}）`;
}

/** Ordinals of the open numbering path before `offset`: path[level] = last ordinal under the current parent. */
function numberingPathBefore(model: ReportModel, offset: number): { last: Record<number, number>; deepest: number } {
  const last: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let deepest = 0;
  for (const b of model.numbered) {
    const mk = b.marker!;
    if (mk.start >= offset) break;
    last[mk.level] = mk.ordinal;
    for (let l = mk.level + 1; l <= 4; l++) last[l] = 0;
    deepest = mk.level;
  }
  return { last, deepest };
}

function normalizeTyped(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const LINE_PREFIX = /^[ \t\u3000]*(?:#{1,6}[ \t]+)?/u;
// 一是 family (一是…；二是…) and 第一 family (第一，…第二，…) at the start of a clause.
const SHI = /(?<=^|[：:；;。，,！？\s）)”])([一二三四五六七八九十]{1,3})是(?![一二三四五六七八九十])/gu;
const DI = /(?<=^|[：:；;。！？\s）)”])第([一二三四五六七八九十]{1,3})(?=[，,、：:])/gu;
// In the paragraph being written, 一是 may follow a word (今后一是…, 工作中一是…), but not one that
// ends in a numeral-word (统一是, 之一是, 唯一是).
const SHI_LOOSE = /([一二三四五六七八九十]{1,3})是(?![一二三四五六七八九十])/gu;
const NOT_BEFORE_SHI = /[统之唯同单万专划不合如归逐每这那另其第进均整]$/u;

/** Offers completions at `offset` (see the file comment). */
export function completionsAt(model: ReportModel, offset: number, profile: Profile | undefined, sections: SectionMatch[]): AssistCompletion[] {
  const lines = model.lines;
  const line = lines.lineAt(offset);
  const lineStart = lines.lineStarts[line];
  const before = model.text.slice(lineStart, offset);
  const lead = LINE_PREFIX.exec(before)![0].length;
  const typedStart = lineStart + lead;
  const typed = before.slice(lead);
  const items: AssistCompletion[] = [];

  // 1. At the start of a line: the next markers.
  // An empty document could be either language; one with only Latin letters is English.
  const chinese = reportLanguage(model) === 'zh' || !/\p{L}/u.test(model.text.slice(0, 2000));
  const afterHashes = /#[ \t]*$/.test(before.slice(0, lead));
  if (/^[（(]?[一二三四五六七八九十百0-9０-９]*[）)]?$/u.test(typed) && typed.length <= 6 && (chinese || !afterHashes)) {
    // English reports number their sections 1. 2. only; Chinese markers there would be noise.
    items.push(...markerCompletions(model, typedStart, offset, normalizeTyped(typed), chinese));
  }
  // 2. Right after a heading marker: the profile's missing sections.
  // Sections are top-level parts: after 一、, or after （一） in a report that has no 一、 at all.
  const topIsLevel2 = !model.numbered.some((b) => b.marker!.level === 1 && b.marker!.start < typedStart);
  const afterMarker = (topIsLevel2 ? /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)])([^\s。；，]{0,12})$/u : /^[一二三四五六七八九十百]+、([^\s。；，]{0,12})$/u).exec(typed);
  const markdownHeading = /^[ \t]*#{1,6}[ \t]+(?:\d+\.\s*)?([^\s]{0,12})$/u.exec(before);
  const numberedEnglish = /^\d+\.\s*([A-Za-z ]{0,20})$/u.exec(typed);
  const sectionTyped = profile?.language === 'en' ? (numberedEnglish?.[1] ?? markdownHeading?.[1]) : (afterMarker?.[1] ?? markdownHeading?.[1]);
  if (profile && sectionTyped !== undefined) {
    items.push(...sectionCompletions(model, profile, sections, offset - sectionTyped.length, offset, sectionTyped));
  }
  // 3. Inside a paragraph, after 一是…；: the next enumeration item.
  items.push(...enumerationCompletions(model, offset, lineStart));
  return items;
}

function markerCompletions(model: ReportModel, start: number, end: number, typed: string, chinese: boolean): AssistCompletion[] {
  const { last, deepest } = numberingPathBefore(model, start);
  const out: { level: MarkerLevel; n: number; why: string }[] = [];
  if (!chinese) {
    // English reports number their sections 1. 2. 3. only; Chinese markers there would be noise.
    out.push({ level: 3, n: last[3] + 1, why: last[3] ? 'next numbered section' : 'first numbered section' });
  } else if (deepest === 0) {
    out.push({ level: 1, n: 1, why: '第一个一级标题' });
  } else {
    // The next sibling at the current level first, then a first child, then the parents' next.
    out.push({ level: deepest as MarkerLevel, n: last[deepest] + 1, why: `下一个${LEVEL_NAMES[deepest as MarkerLevel]}` });
    if (deepest < 4) out.push({ level: (deepest + 1) as MarkerLevel, n: 1, why: `第一个${LEVEL_NAMES[(deepest + 1) as MarkerLevel]}` });
    // Many reports go straight from 一、 to 1. (a common local convention).
    if (deepest === 1) out.push({ level: 3, n: 1, why: `第一个${LEVEL_NAMES[3]}（跳过二级）` });
    for (let l = deepest - 1; l >= 1; l--) {
      if (last[l] > 0) out.push({ level: l as MarkerLevel, n: last[l] + 1, why: `下一个${LEVEL_NAMES[l as MarkerLevel]}` });
    }
  }
  return out
    .map((c, i) => {
      const text = markerText(c.level, c.n);
      return { label: text, insertText: text, kind: 'marker' as const, detail: c.why, start, end, sortText: `1${i}` };
    })
    .filter((c) => c.label.startsWith(typed) && c.label !== typed);
}

/** A heading text for a section that the section's own patterns recognise. */
export function sectionHeadingText(profile: Profile, id: string): string | undefined {
  const s = profile.sections.find((x) => x.id === id);
  if (!s || s.headings.length === 0) return undefined;
  const res = s.headings.map((h) => compileDataPattern(h));
  const name = profile.language === 'zh' ? s.name.zh.replace(/（[^（）]*）$/u, '') : s.name.en.charAt(0).toUpperCase() + s.name.en.slice(1);
  const literal = s.headings.filter((h) => !/[\\^$.*+?()[\]{}|]/.test(h));
  for (const candidate of [name, ...literal]) if (res.some((re) => re.test(candidate))) return candidate;
  return undefined;
}

function sectionCompletions(model: ReportModel, profile: Profile, sections: SectionMatch[], start: number, end: number, typed: string): AssistCompletion[] {
  const out: AssistCompletion[] = [];
  const lang = profile.language;
  // The section the cursor is in does not count as present (it is being written).
  const line = model.lines.lineAt(end);
  sections.forEach((m, i) => {
    const s = m.section;
    const here = m.block && model.lines.lineAt(m.block.start) === line;
    if ((m.block && !here) || s.position === 'first' || s.position === 'last') return;
    const text = sectionHeadingText(profile, s.id);
    if (!text || !text.toLowerCase().startsWith(typed.toLowerCase())) return;
    const detail = lang === 'zh' ? `${profile.name.zh}的${s.required ? '必备' : '可选'}部分` : `${s.required ? 'Required' : 'Optional'} section of a ${profile.name.en.toLowerCase()}`;
    out.push({ label: text, insertText: text, kind: 'section', detail, start, end, sortText: `${s.required ? 2 : 3}${String(i).padStart(2, '0')}` });
  });
  return out;
}

interface EnumItem {
  family: 'shi' | 'di';
  n: number;
  /** Offset just after the item's marker (一是, 第一). */
  end: number;
}

/** The last inline enumeration item in the current section before `offset`. */
function lastEnumerationBefore(model: ReportModel, offset: number): EnumItem | undefined {
  const blocks = model.textBlocks;
  // The block containing the offset or the last one before it, then back to the section's heading.
  let i = -1;
  for (let lo = 0, hi = blocks.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start < offset) {
      i = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = i, seen = 0; k >= 0 && seen < 30; k--, seen++) {
    const b: Block = blocks[k];
    const text = b.text.slice(0, Math.max(0, Math.min(b.text.length, offset - b.start)));
    let best: (Omit<EnumItem, 'end'> & { at: number; len: number }) | undefined;
    const current = k === i && b.start <= offset && offset <= b.end;
    for (const [re, family] of [[current ? SHI_LOOSE : SHI, 'shi'], [DI, 'di']] as const) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (re === SHI_LOOSE && NOT_BEFORE_SHI.test(text.slice(0, m.index))) continue;
        const n = parseChineseNumeral(m[1]);
        if (n && (!best || m.index > best.at)) best = { family, n, at: m.index, len: m[0].length };
      }
    }
    if (best) return { family: best.family, n: best.n, end: b.start + best.at + best.len };
    if (b.kind === 'heading' || b.kind === 'title') return undefined;
  }
  return undefined;
}

function enumerationCompletions(model: ReportModel, offset: number, lineStart: number): AssistCompletion[] {
  // What was typed since the clause began: nothing, or the start of 二是 / 第二.
  const head = model.text.slice(Math.max(lineStart, offset - 4), offset);
  const m = /(第?[一二三四五六七八九十]{0,3}是?)$/u.exec(head)!;
  const typed = m[1];
  const start = offset - typed.length;
  const prev = start > lineStart ? model.text.charAt(start - 1) : '';
  const atLineStart = /^[\s\u3000]*$/u.test(model.text.slice(lineStart, start));
  if (!atLineStart && !/[；;。：:]/u.test(prev)) return [];
  const item = lastEnumerationBefore(model, start);
  if (!item) return [];
  if (!atLineStart && /[；;]/u.test(prev)) {
    // Typing ； pops completions: offer only at the first ； after the last item (一是A；‸), not at
    // the item's own sub-clauses (一是A；B；‸); 第一 items end with 。, not ；.
    if (item.family === 'di' || /[；;。]/u.test(model.text.slice(item.end, start - 1))) return [];
  }
  // 一是 items are separated by ；, 第一 items by 。 or a new paragraph.
  const want = item.family === 'shi' ? `${toChineseNumeral(item.n + 1)}是` : `第${toChineseNumeral(item.n + 1)}，`;
  if (!want.startsWith(typed)) return [];
  return [{ label: want, insertText: want, kind: 'enumeration', detail: `接续“${item.family === 'shi' ? toChineseNumeral(item.n) + '是' : '第' + toChineseNumeral(item.n)}”`, start, end: offset, sortText: '0' }];
}

// The report's time frame: the period its title names, its 落款 (signature) date, and where the
// look-ahead part (下一步, 工作打算, targets) begins.

import type { ReportModel } from '../model';
import type { SectionMatch } from '../profiles';
import type { DateMention, FigureSet } from './types';

/** A day as a sortable number: 20240315. */
export type DayKey = number;

export const dayKey = (y: number, m = 1, d = 1): DayKey => y * 10000 + m * 100 + d;

export interface ReportPeriod {
  /** Inclusive bounds. */
  start: DayKey;
  end: DayKey;
  /** The year a single-year report is about (undefined for multi-year periods). */
  year?: number;
  /** How the title names it, for messages: "2024年度", "2024年上半年". */
  label: string;
  /** The title names a plan (计划, 打算, 要点, 方案), not a summary of past work. */
  plan: boolean;
}

const TITLE_PLAN = /计划|打算|要点|方案|规划|安排|思路|预案/u;
const HALF = { 上: [1, 6], 下: [7, 12] } as const;
const QUARTER: Record<string, [number, number]> = { 一: [1, 3], 二: [4, 6], 三: [7, 9], 四: [10, 12], '1': [1, 3], '2': [4, 6], '3': [7, 9], '4': [10, 12] };

function titleText(model: ReportModel): string | undefined {
  const t = model.title;
  return t ? model.text.slice(t.contentStart, t.end) : undefined;
}

function lastDay(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** The period the title names: 2024年度 / 2024年上半年 / 2024年第一季度 / 2014—2016年 / 2023—2024学年. */
export function titlePeriod(model: ReportModel): ReportPeriod | undefined {
  const title = titleText(model);
  if (!title) return undefined;
  const t = title.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const plan = TITLE_PLAN.test(t);
  const school = /((?:19|20)\d{2})\s*[-—–～~至]\s*((?:19|20)\d{2})\s*学年/u.exec(t);
  if (school) {
    const y1 = Number(school[1]);
    return { start: dayKey(y1, 9, 1), end: dayKey(Number(school[2]), 8, 31), label: school[0], plan };
  }
  const range = /((?:19|20)\d{2})\s*(?:年)?\s*[-—–～~至]\s*((?:19|20)\d{2})\s*年/u.exec(t);
  if (range) {
    const y1 = Number(range[1]);
    const y2 = Number(range[2]);
    if (y2 >= y1) return { start: dayKey(y1, 1, 1), end: dayKey(y2, 12, 31), label: range[0], plan };
  }
  const single = /((?:19|20)\d{2})\s*年(度)?(?:\s*(?:([上下])半年|第?([一二三四1-4])季度|(\d{1,2})\s*[-—–～~至]\s*(\d{1,2})\s*月))?/u.exec(t);
  if (!single) return undefined;
  const y = Number(single[1]);
  let m1 = 1;
  let m2 = 12;
  if (single[3]) [m1, m2] = HALF[single[3] as '上' | '下'];
  else if (single[4]) [m1, m2] = QUARTER[single[4]];
  else if (single[5] && single[6]) {
    m1 = Number(single[5]);
    m2 = Number(single[6]);
    if (m1 < 1 || m2 > 12 || m1 > m2) return undefined;
  }
  return { start: dayKey(y, m1, 1), end: dayKey(y, m2, lastDay(y, m2)), year: y, label: single[0], plan };
}

const DATE_LINE = /^[\s\u3000]*((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日[\s\u3000]*$/u;

/** The 落款 date: a date standing alone on one of the last lines. */
export function signatureDate(model: ReportModel, set: FigureSet): DateMention | undefined {
  const blocks = model.textBlocks;
  for (let i = blocks.length - 1; i >= Math.max(0, blocks.length - 4); i--) {
    const b = blocks[i];
    const t = model.text.slice(b.contentStart, b.end).replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (!DATE_LINE.test(t)) continue;
    return set.dates.find((d) => d.start >= b.contentStart && d.end <= b.end && d.year !== undefined && d.day !== undefined);
  }
  return undefined;
}

const LOOK_AHEAD_SECTIONS = new Set(['next-steps', 'direction', 'targets', 'tasks']);
const LOOK_AHEAD_HEADING = /下一步|下步|今后|打算|工作计划|工作思路|工作安排|工作要点|努力方向|展望|目标任务|预期目标/u;
const LOOK_AHEAD_PARAGRAPH = /^[\s\u3000]*(?:下一步|下步|今后|明年)/u;

const lookAheads = new WeakMap<ReportModel, { sections: SectionMatch[]; start: number }>();

/** Where the part that may look ahead begins (下一步, 工作打算, targets); text.length if none. */
export function lookAheadStart(model: ReportModel, sections: SectionMatch[]): number {
  // The rules of one check ask with the same sections: answer once.
  const known = lookAheads.get(model);
  if (known && known.sections === sections) return known.start;
  const start = findLookAhead(model, sections);
  lookAheads.set(model, { sections, start });
  return start;
}

function findLookAhead(model: ReportModel, sections: SectionMatch[]): number {
  let start = model.text.length;
  for (const s of sections) {
    if (LOOK_AHEAD_SECTIONS.has(s.section.id) && s.block && !s.outOfOrder) start = Math.min(start, s.start ?? s.block.start);
  }
  for (const b of model.textBlocks) {
    if (b.start >= start) break;
    if (b.kind === 'title') continue;
    const words = model.text.slice(b.marker?.end ?? b.contentStart, b.headingEnd ?? b.end);
    if (b.kind === 'heading' && (b.marker?.level ?? 1) <= 2 && LOOK_AHEAD_HEADING.test(words)) return b.start;
    if (b.kind === 'paragraph' && LOOK_AHEAD_PARAGRAPH.test(model.text.slice(b.contentStart, b.end))) return b.start;
  }
  return start;
}

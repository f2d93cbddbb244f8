// vague-time: 今年、去年、明年、上月、近期 … in a dated written report. A report is read long after it
// is written, so the 成文日期 is its only anchor; the old 细则 (DOMAIN T6) ask for explicit dates,
// and 《党政机关公文处理工作条例》第二十条 for exact 时间. The fix computes the date from the 成文日期.
// Speeches (政府工作报告 delivered "在…会议上") are not written reports and are left alone.

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import type { ReportModel } from '../model';

export interface ReportDate {
  year: number;
  month?: number;
  day?: number;
  /** Where the date was read: the 成文日期 of the 落款, or a dateline under the title. */
  from: 'signature' | 'dateline' | 'title';
  start: number;
}

const CN: Record<string, number> = { 〇: 0, 零: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const cnSmall = (s: string): number =>
  s === '十' ? 10 : s.startsWith('十') ? 10 + CN[s[1]] : s.endsWith('十') ? CN[s[0]] * 10 : s.length === 3 ? CN[s[0]] * 10 + CN[s[2]] : CN[s];
const num = (s: string): number => (/^[0-9]+$/.test(s) ? Number(s) : /十/.test(s) ? cnSmall(s) : Number(Array.from(s).map((c) => CN[c]).join('')));

const SIGNATURE_DATE = /^[\s\u3000]*([0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日)?[\s\u3000]*$|^[\s\u3000]*([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})[\s\u3000]*$/u;
// "——2024年3月5日在…会议上" or "（2024年3月5日）" under the title.
const DATELINE = /^[\s\u3000]*(?:[—–\-]{1,2}|[（(])\s*([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日/u;

/** The date the report was written: its 成文日期, else a dateline under the title. */
export function reportDate(model: ReportModel): ReportDate | undefined {
  const blocks = model.textBlocks;
  for (let i = blocks.length - 1; i >= Math.max(0, blocks.length - 3); i--) {
    const b = blocks[i];
    const m = SIGNATURE_DATE.exec(model.text.slice(b.contentStart, b.end));
    if (m) {
      if (m[1]) return { year: num(m[1]), month: num(m[2]), day: m[3] ? num(m[3]) : undefined, from: 'signature', start: b.contentStart };
      return { year: Number(m[4]), month: Number(m[5]), day: Number(m[6]), from: 'signature', start: b.contentStart };
    }
  }
  for (const b of blocks.slice(0, 4)) {
    const m = DATELINE.exec(model.text.slice(b.contentStart, b.end));
    if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), from: 'dateline', start: b.contentStart };
  }
  return undefined;
}

// Longest first: 今年以来 before 今年. 年 words must not be part of 今年度 … (they still are vague).
const VAGUE = /今年以来|去年以来|今年|去年|明年|前年|后年|上个?月|本月|下个?月|近期|近日|日前|前不久|不久前/gu;

interface Resolved {
  text: string;
}

function resolve(word: string, d: { year: number; month?: number }): Resolved | undefined {
  const y = d.year;
  switch (word) {
    case '今年以来': return { text: `${y}年以来` };
    case '去年以来': return { text: `${y - 1}年以来` };
    case '今年': return { text: `${y}年` };
    case '去年': return { text: `${y - 1}年` };
    case '前年': return { text: `${y - 2}年` };
    case '明年': return { text: `${y + 1}年` };
    case '后年': return { text: `${y + 2}年` };
  }
  if (d.month === undefined) return undefined;
  const shift = /^上/.test(word) ? -1 : /^下/.test(word) ? 1 : /^本/.test(word) ? 0 : undefined;
  if (shift === undefined) return undefined;
  let m = d.month + shift;
  let yy = y;
  if (m < 1) { m = 12; yy--; }
  if (m > 12) { m = 1; yy++; }
  return { text: `${yy}年${m}月` };
}

export const vagueTimeRule: Rule = {
  id: 'vague-time',
  defaultSeverity: 'info',
  description: {
    zh: '成文的报告中使用“今年”“去年”“上月”“近期”等相对时间，宜写明具体时间（据成文日期推算）。',
    en: 'Relative time words (今年, 去年, 上月, 近期 …) in a dated report: write the explicit date, computed from the date of issue.',
  },
  check({ model, profile }) {
    const findings: RuleFinding[] = [];
    if (profile?.id === 'zh-gov-work-report') return findings;
    const date = reportDate(model);
    if (!date || date.from !== 'signature') return findings;
    // A 2024 summary signed in January 2025: 今年 may mean either year, so both are offered.
    const title = model.title ? model.text.slice(model.title.contentStart, model.title.end) : '';
    const titleYear = Number(/((?:19|20)[0-9]{2})\s*年/u.exec(title)?.[1] ?? NaN);
    const periodYear = Number.isFinite(titleYear) && titleYear !== date.year ? titleYear : undefined;
    for (const block of model.textBlocks) {
      if (block.start >= date.start) break;
      VAGUE.lastIndex = 0;
      let m: RegExpExecArray | null;
      const before = findings.length;
      // More findings than this in one paragraph say nothing more; the rest is skipped.
      while ((m = VAGUE.exec(block.text)) && findings.length - before < 100) {
        const word = m[0];
        const start = block.start + m.index;
        const end = start + word.length;
        const r = resolve(word, date);
        const alt = periodYear !== undefined && /年/u.test(word) ? resolve(word, { year: periodYear }) : undefined;
        const change = (t: string) => ({ title: { zh: `改为“${t}”`, en: `Change to "${t}"` }, edits: [{ start, end, newText: t }] });
        let message;
        if (r && alt && alt.text !== r.text) {
          message = {
            zh: `“${word}”是相对时间，指代不明：按成文日期为“${r.text}”，按报告所述年度则为“${alt.text}”，请写明具体时间。`,
            en: `"${word}" is relative and ambiguous: "${r.text}" from the date of issue, "${alt.text}" from the year the report covers. Write the date.`,
          };
        } else if (r) {
          message = { zh: `“${word}”是相对时间，报告宜写明具体时间，按成文日期应为“${r.text}”。`, en: `"${word}" is relative: write the date; from the date of issue it is "${r.text}".` };
        } else {
          message = { zh: `“${word}”时间不明确，报告宜写明具体时间。`, en: `"${word}" is vague: write the actual date.` };
        }
        const fixes = r ? [change(r.text)] : undefined;
        if (fixes && alt && alt.text !== r!.text) fixes.unshift(change(alt.text));
        findings.push({ start, end, message, fixes, data: { word, resolved: r?.text } });
      }
    }
    return findings;
  },
};

// date-out-of-period: a dated event in the results part that falls after the 落款 date or
// outside the period the title names (the next-steps part may look ahead), and impossible
// dates (2月30日) anywhere.

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import { dayKey, extractFigures, lookAheadStart, signatureDate, titlePeriod } from '../figures';

// A date the sentence itself places in the future or uses as a reference point.
const FUTURE_CUE = /到|至|前|计划|预计|力争|争取|将|拟|确保|目标|截至|截止|以前|之前/u;
const PAST_CUE = /以来|自|从|起|至今|上年|去年|同期|比|较|截至|截止|以前|之前|前/u;

export const dateOutOfPeriodRule: Rule = {
  id: 'date-out-of-period',
  defaultSeverity: 'warning',
  description: {
    zh: '工作成效部分的日期晚于落款日期或超出标题所述期间；日期不存在（如2月30日）。',
    en: 'A dated event in the results part falls after the signature date or outside the period in the title; impossible dates (2月30日).',
  },
  check({ model, sections }) {
    const set = extractFigures(model);
    const findings: RuleFinding[] = [];
    for (const d of set.dates) {
      if (d.valid) continue;
      findings.push({
        start: d.start,
        end: d.end,
        message: { zh: `日期“${d.text}”不存在，请核实。`, en: `The date ${d.text} does not exist.` },
        data: { invalid: true },
      });
    }
    const period = titlePeriod(model);
    const sig = signatureDate(model, set);
    if ((!period || period.plan) && !sig) return findings;
    const lookAhead = lookAheadStart(model, sections);
    const titleEnd = model.title?.end ?? 0;
    const signed = sig && sig.year !== undefined ? dayKey(sig.year, sig.month, sig.day) : undefined;
    for (const d of set.dates) {
      if (!d.valid || d.month === undefined || d.start < titleEnd || d.start >= lookAhead || d === sig) continue;
      if (sig && d.start >= sig.start) continue;
      const year = d.year ?? (period?.year !== undefined && !period.plan ? period.year : undefined);
      if (year === undefined) continue;
      const sentence = set.sentences[d.sentence];
      const before = model.text.slice(Math.max(sentence?.start ?? d.start, d.start - 12), d.start);
      // 于2025年1月10日召开了2024年度民主生活会: an event about the period itself (read near the date only).
      if (period && sentence && model.text.slice(Math.max(sentence.start, d.start - 80), Math.min(sentence.end, d.end + 80)).includes(period.label)) continue;
      const after = model.text.slice(d.end, d.end + 4);
      const firstDay = dayKey(year, d.month, d.day ?? 1);
      const lastDay = dayKey(year, d.month, d.day ?? 31);
      let problem: { zh: string; en: string } | undefined;
      if (signed !== undefined && firstDay > signed && !FUTURE_CUE.test(before) && !/前|以前|之前/u.test(after)) {
        problem = { zh: `晚于落款日期“${sig!.text}”`, en: `after the signature date ${sig!.text}` };
      } else if (period && !period.plan && d.year !== undefined) {
        if (firstDay > period.end && !FUTURE_CUE.test(before) && !(signed !== undefined && lastDay <= signed)) {
          problem = { zh: `晚于标题所述期间“${period.label}”`, en: `after the period in the title (${period.label})` };
        } else if (lastDay < period.start && !PAST_CUE.test(before) && !PAST_CUE.test(after) && d.day !== undefined) {
          problem = { zh: `早于标题所述期间“${period.label}”`, en: `before the period in the title (${period.label})` };
        }
      }
      if (!problem) continue;
      findings.push({
        start: d.start,
        end: d.end,
        message: {
          zh: `工作成效部分的日期“${d.text}”${problem.zh}，请核实（下一步工作部分不受此限）。`,
          en: `The date ${d.text} in the results part is ${problem.en}.`,
        },
        data: { date: d.text },
      });
    }
    return findings;
  },
};

// year-mismatch: the title's year, the 落款 date and the body disagree (a 2024 summary signed
// 2023年12月28日; a plan section titled 2024年工作打算 in a 2024 summary).

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import { extractFigures, signatureDate, titlePeriod } from '../figures';

const PLAN_HEADING_YEAR = /((?:19|20)\d{2})\s*年(?:度)?[^。，；]{0,8}?(?:工作)?(?:打算|思路|计划|安排|要点|重点|目标)/u;
const OPENING_YEAR = /^[\s\u3000]*((?:19|20)\d{2})\s*年(?:度|以来|来)?[，,]/u;

export const yearMismatchRule: Rule = {
  id: 'year-mismatch',
  defaultSeverity: 'warning',
  description: {
    zh: '标题年份、落款日期与正文年份（开头年份、下一年工作打算）不一致。',
    en: "The title's year, the signature date and the body's years (opening, next year's plan) disagree.",
  },
  check({ model, sections }) {
    const period = titlePeriod(model);
    if (!period || period.plan) return [];
    const set = extractFigures(model);
    const findings: RuleFinding[] = [];
    const endYear = Math.floor(period.end / 10000);
    const startYear = Math.floor(period.start / 10000);
    const sig = signatureDate(model, set);
    if (sig && sig.year !== undefined) {
      const signed = sig.year * 10000 + (sig.month ?? 1) * 100 + (sig.day ?? 1);
      if (signed < period.start || sig.year > endYear + 1) {
        findings.push({
          start: sig.start,
          end: sig.end,
          message: {
            zh: `落款日期“${sig.text}”与标题所述期间“${period.label}”不符：${signed < period.start ? '成文日期早于所总结的期间' : '成文日期晚于所总结期间一年以上'}。`,
            en: `The signature date ${sig.text} does not fit the period in the title (${period.label}): ${signed < period.start ? 'it is before the period it summarises' : 'it is more than a year after it'}.`,
          },
          data: { titleYear: period.year, signatureYear: sig.year },
        });
      }
    }
    if (period.year !== undefined) {
      const y = period.year;
      // A plan heading (2024年工作打算) in a summary of 2024 should name the next year.
      const nextSteps = sections.find((s) => s.section.id === 'next-steps' || s.section.id === 'direction');
      for (const b of model.textBlocks) {
        const isNextSteps = nextSteps?.block === b;
        if (b.kind !== 'heading' && !isNextSteps) continue;
        const words = model.text.slice(b.marker?.end ?? b.contentStart, b.headingEnd ?? b.end);
        const m = PLAN_HEADING_YEAR.exec(words);
        if (!m) continue;
        const year = Number(m[1]);
        if (year > y) continue;
        const start = (b.marker?.end ?? b.contentStart) + m.index;
        findings.push({
          start,
          end: start + m[1].length + 1,
          message: {
            zh: `标题为${y}年的总结，下一步工作部分却写作“${m[0]}”，应为“${y + 1}年”。`,
            en: `A summary of ${y} plans for "${m[0]}": the next year is ${y + 1}.`,
          },
          fixes: [{ title: { zh: `改为“${y + 1}年”`, en: `Change to ${y + 1}年` }, edits: [{ start, end: start + m[1].length, newText: String(y + 1) }] }],
          data: { titleYear: y, statedYear: year },
        });
      }
      // The opening's year (2023年，…) against the title's.
      const opening = model.textBlocks.find((b) => b.kind === 'paragraph');
      if (opening) {
        const m = OPENING_YEAR.exec(model.text.slice(opening.contentStart, opening.end));
        if (m && Number(m[1]) !== y && startYear === endYear) {
          const start = opening.contentStart + m[0].indexOf(m[1]);
          findings.push({
            start,
            end: start + m[1].length + 1,
            message: {
              zh: `开头写“${m[1]}年”，与标题中的“${period.label}”不一致。`,
              en: `The opening says ${m[1]} but the title says ${period.label}.`,
            },
            data: { titleYear: y, statedYear: Number(m[1]) },
          });
        }
      }
    }
    return findings;
  },
};

// figure-conflict: the same metric stated with incompatible values in two places
// (中心组学习12次 in the opening, 中心组学习14次 later).

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import { extractFigures, lookAheadStart, type Figure } from '../figures';
import { roundingOf } from '../figures/analysis';
import { formatNumber } from '../figures/numbers';

const MIN_SUBJECT = 3;

/** Figures that state a level of a metric as a result: not plans, rates per unit, changes or bases. */
function comparable(f: Figure, lookAhead: number, bases: Set<number>): boolean {
  // English subjects are read too loosely to compare across a document: Chinese figures only.
  if (f.english || f.plan || f.perUnit || f.change || f.attributive || f.start >= lookAhead || bases.has(f.id)) return false;
  if (Array.from(f.subject).length < MIN_SUBJECT) return false;
  if (f.unitKind === 'percent') return /率|比重|占比|比例|覆盖面|满意度|合格率/u.test(f.subject);
  return f.unitKind === 'count' || f.unitKind === 'measure';
}

export const figureConflictRule: Rule = {
  id: 'figure-conflict',
  defaultSeverity: 'warning',
  description: {
    zh: '同一指标在文中不同位置的数值不一致（约数仅在区间不重叠时视为不一致）。',
    en: 'The same metric has incompatible values in two places (approximate values only when their intervals do not overlap).',
  },
  check({ model, sections }) {
    const set = extractFigures(model);
    const lookAhead = lookAheadStart(model, sections);
    const bases = new Set<number>();
    for (const r of set.relations) if ((r.kind === 'change' || r.kind === 'growth') && r.whole !== undefined) bases.add(r.whole);
    const groups = new Map<string, Figure[]>();
    for (const f of set.figures) {
      if (!comparable(f, lookAhead, bases)) continue;
      const key = `${f.subject}\u0000${f.unit}\u0000${f.scope}`;
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
    }
    const findings: RuleFinding[] = [];
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const first = list[0];
      const r0 = roundingOf(first, model.text);
      const reported = new Set<string>();
      for (const g of list.slice(1)) {
        if (g.sentence === first.sentence) continue;
        const r1 = roundingOf(g, model.text);
        const overlap = g.low - r1 <= first.high + r0 && first.low - r0 <= g.high + r1;
        if (overlap) continue;
        const valueKey = `${g.low}-${g.high}`;
        if (reported.has(valueKey)) continue;
        reported.add(valueKey);
        const line = first.line + 1;
        findings.push({
          start: g.start,
          end: g.end,
          message: {
            zh: `“${g.subjectText}”此处为“${g.text}”，与第${line}行的“${first.subjectText}${first.text}”不一致，请核实。`,
            en: `"${g.subjectText}" is ${g.text} here but ${first.text} on line ${line}.`,
          },
          data: { subject: g.subject, values: list.map((f) => ({ line: f.line + 1, value: f.value, text: f.text })), first: formatNumber(first.value, 4) },
        });
      }
    }
    return findings;
  },
};

// figure-conflict: the same metric stated with incompatible values in two places
// (中心组学习12次 in the opening, 中心组学习14次 later).

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import { lookAheadStart, perBlock, type Figure, type FigureSet, type FigureBlock } from '../figures';
import { roundingOf } from '../figures/analysis';
import { formatNumber } from '../figures/numbers';

const MIN_SUBJECT = 3;
const RATE_SUBJECT = /率|比重|占比|比例|覆盖面|满意度|合格率/u;

/** The number of code points of `s`, counted up to `max`. */
function codePoints(s: string, max: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n < max; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** Figures that state a level of a metric as a result: not plans, rates per unit, changes or bases. */
function comparable(f: Figure, bases: Set<number> | undefined): boolean {
  // English subjects are read too loosely to compare across a document: Chinese figures only.
  if (f.english || f.plan || f.perUnit || f.change || f.attributive || bases?.has(f.id)) return false;
  if (codePoints(f.subject, MIN_SUBJECT) < MIN_SUBJECT) return false;
  if (f.unitKind === 'percent') return RATE_SUBJECT.test(f.subject);
  return f.unitKind === 'count' || f.unitKind === 'measure';
}

/** A block's comparable figures, each followed by the rounding its written number allows. */
type Candidates = (Figure | number)[];

const NONE: Candidates = [];
const SLOT = {};

/** What a block contributes: computed once per block and kept with it (its figures move, their roundings do not). */
function candidatesOf(text: string): (set: FigureSet, b: FigureBlock) => Candidates {
  return (set, b) => {
    // The base of a change or growth (比上年的17300元) is last year's value, not this report's.
    let bases: Set<number> | undefined;
    for (let k = b.relation; k < b.relation + b.relations; k++) {
      const r = set.relations[k];
      if ((r.kind === 'change' || r.kind === 'growth') && r.whole !== undefined) (bases ??= new Set()).add(r.whole);
    }
    let out: Candidates | undefined;
    for (let k = b.figure; k < b.figure + b.figures; k++) {
      const f = set.figures[k];
      if (!comparable(f, bases)) continue;
      (out ??= []).push(f, roundingOf(f, text));
    }
    return out ?? NONE;
  };
}

/** The mentions of one metric: subject, unit and time scope. */
interface Group {
  unit: string;
  scope: string;
  first: Figure;
  r0: number;
  /** Later mentions that conflict with the first, one per value. */
  conflicts?: Figure[];
  reported?: Set<string>;
  mentions?: Figure[];
}

export const figureConflictRule: Rule = {
  id: 'figure-conflict',
  defaultSeverity: 'warning',
  description: {
    zh: '同一指标在文中不同位置的数值不一致（约数仅在区间不重叠时视为不一致）。',
    en: 'The same metric has incompatible values in two places (approximate values only when their intervals do not overlap).',
  },
  check({ model, sections }) {
    const lookAhead = lookAheadStart(model, sections);
    const blocks = perBlock(model, SLOT, candidatesOf(model.text), lookAhead);
    // Mentions grouped by metric, each compared with the first: linear. Groups are found by
    // subject, then unit and scope, so no key string is built per figure.
    const bySubject = new Map<string, Group | Group[]>();
    const groupOf = (g: Figure, r: number): Group | undefined => {
      const found = bySubject.get(g.subject);
      if (found === undefined) {
        bySubject.set(g.subject, { unit: g.unit, scope: g.scope, first: g, r0: r });
        return undefined;
      }
      if (!Array.isArray(found)) {
        if (found.unit === g.unit && found.scope === g.scope) return found;
        bySubject.set(g.subject, [found, { unit: g.unit, scope: g.scope, first: g, r0: r }]);
        return undefined;
      }
      for (const x of found) if (x.unit === g.unit && x.scope === g.scope) return x;
      found.push({ unit: g.unit, scope: g.scope, first: g, r0: r });
      return undefined;
    };
    let conflicting: Group[] | undefined;
    scan: for (const c of blocks) {
      for (let k = 0; k < c.length; k += 2) {
        const g = c[k] as Figure;
        if (g.start >= lookAhead) break scan;
        const r1 = c[k + 1] as number;
        const group = groupOf(g, r1);
        if (!group) continue;
        const first = group.first;
        if (g.sentence === first.sentence) continue;
        if (g.low - r1 <= first.high + group.r0 && first.low - group.r0 <= g.high + r1) continue;
        const valueKey = `${g.low}-${g.high}`;
        if (group.reported?.has(valueKey)) continue;
        (group.reported ??= new Set()).add(valueKey);
        if (!group.conflicts) (conflicting ??= []).push(group);
        (group.conflicts ??= []).push(g);
      }
    }
    if (!conflicting) return [];
    // Every mention of each conflicting metric, for the message data and the figures panel.
    for (const group of conflicting) group.mentions = [];
    list: for (const c of blocks) {
      for (let k = 0; k < c.length; k += 2) {
        const g = c[k] as Figure;
        if (g.start >= lookAhead) break list;
        groupOf(g, 0)?.mentions?.push(g);
      }
    }
    const findings: RuleFinding[] = [];
    // Metrics in the order of their first mention.
    conflicting.sort((x, y) => x.first.start - y.first.start);
    for (const group of conflicting) {
      const first = group.first;
      const list = group.mentions!;
      for (const g of group.conflicts!) {
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

// figure-fact: a figure that contradicts an authoritative value declared in .reportlint.yaml
// (facts: {志愿者人数: {value: 200, unit: 人, match: [志愿者]}}).

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import { extractFigures } from '../figures';
import { roundingOf } from '../figures/analysis';
import { lexicon } from '../figures/lexicon';
import { formatNumber } from '../figures/numbers';

export interface Fact {
  value: number;
  unit: string;
  match: string[];
}

/** The facts from the config, keyed by their name; malformed entries are skipped. */
export function readFacts(raw: unknown): [string, Fact][] {
  if (!raw || typeof raw !== 'object') return [];
  const out: [string, Fact][] = [];
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const f = v as Partial<Fact>;
    if (!f || typeof f.value !== 'number') continue;
    const match = Array.isArray(f.match) && f.match.length ? f.match.map(String).filter(Boolean) : [name];
    out.push([name, { value: f.value, unit: String(f.unit ?? ''), match }]);
  }
  return out;
}

/** True when the number is written as plain digits with no scale (a fix can replace it). */
function plainNumber(raw: string, value: number): boolean {
  return /^\d+(?:\.\d+)?$/.test(raw) && Number(raw) === value;
}

export const figureFactRule: Rule = {
  id: 'figure-fact',
  defaultSeverity: 'warning',
  description: {
    zh: '文中数字与 .reportlint.yaml 中 facts 登记的权威数值不符。',
    en: 'A figure contradicts an authoritative value declared under `facts` in .reportlint.yaml.',
  },
  check({ model, config }) {
    const facts = readFacts(config.extensions.facts);
    if (facts.length === 0) return [];
    const set = extractFigures(model);
    const lex = lexicon();
    const findings: RuleFinding[] = [];
    for (const [name, fact] of facts) {
      const unit = lex.unitByText.get(fact.unit)?.base ?? fact.unit;
      for (const f of set.figures) {
        if (unit && f.unit !== unit) continue;
        if (f.perUnit || f.change || f.plan) continue;
        // The subject, or the clause just before the number, names the fact.
        const clause = model.text.slice(Math.max(0, f.start - 16), f.start).split(/[，。；：、,;:\n]/u).pop() ?? '';
        const where = `${f.subjectText} ${clause}`;
        if (!fact.match.some((m) => where.includes(m))) continue;
        const r = roundingOf(f, model.text);
        if (fact.value >= f.low - r && fact.value <= f.high + r) continue;
        const stated = `${formatNumber(fact.value, 4)}${fact.unit}`;
        findings.push({
          start: f.start,
          end: f.end,
          message: {
            zh: `“${f.subjectText || name}${f.text}”与登记的权威数值“${name}：${stated}”不符。`,
            en: `${f.subjectText || name} ${f.text} contradicts the declared fact "${name}: ${stated}".`,
          },
          fixes: plainNumber(model.text.slice(f.numberStart, f.numberEnd), f.value) && !f.approx
            ? [{
                title: { zh: `改为登记值“${formatNumber(fact.value, 4)}”`, en: `Use the declared value ${formatNumber(fact.value, 4)}` },
                edits: [{ start: f.numberStart, end: f.numberEnd, newText: formatNumber(fact.value, 4) }],
              }]
            : undefined,
          data: { fact: name, expected: fact.value, stated: f.value },
        });
      }
    }
    return findings;
  },
};

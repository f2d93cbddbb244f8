// Figures: every quantity in a report, its subject, and the relations the figure rules check.
// Extraction runs once per model; the rules, the hover and the figures request share the result.

import type { ReportModel } from '../model';
import type { Figure, FigureSet } from './types';
import { extractFiguresUncached, createFigureBlockCache, type Extraction, type FigureBlockCache } from './extract';
import { checkDecreaseMultiples, checkRelationList, type FigureCheck } from './analysis';
import { formatNumber } from './numbers';

export type { Figure, FigureSet, FigureRelation, RelationKind, DateMention, UnitKind } from './types';
export type { FigureCheck, CheckRule } from './analysis';
export { titlePeriod, signatureDate, lookAheadStart, dayKey, type ReportPeriod } from './periods';
export { parseChinese, parseChineseAmount } from './numbers';

const extractions = new WeakMap<ReportModel, Extraction>();
const checkCache = new WeakMap<ReportModel, FigureCheck[]>();
const blockCaches = new WeakMap<ReportModel, FigureBlockCache>();
const NO_CHECKS: FigureCheck[] = [];

export { createFigureBlockCache, type FigureBlockCache };

/**
 * Lets the extraction for `model` reuse (and renew) the per-block results in `cache`: a linter
 * passes the same cache for each version of its document, so unchanged blocks are not read again.
 * Their figures are moved in place: the figures of the linter's earlier versions are not valid
 * once a later version's are extracted.
 */
export function useFigureBlockCache(model: ReportModel, cache: FigureBlockCache): void {
  blockCaches.set(model, cache);
  cache.model = model;
}

function extraction(model: ReportModel): Extraction {
  let x = extractions.get(model);
  if (!x) {
    x = extractFiguresUncached(model, blockCaches.get(model));
    extractions.set(model, x);
  }
  return x;
}

/** The figures, dates and relations of a report (computed once per model). */
export function extractFigures(model: ReportModel): FigureSet {
  return extraction(model).set;
}

/** The arithmetic checks over the relations, passing or not (computed once per model, per block). */
export function figureChecks(model: ReportModel): FigureCheck[] {
  let checks = checkCache.get(model);
  if (!checks) {
    const { set, blocks } = extraction(model);
    checks = [];
    // Relations in document order, then the 降低N倍 figures: each block's part is kept with it.
    for (const b of blocks) {
      if (!b.checks) {
        b.checks = b.relations ? [] : NO_CHECKS;
        if (b.relations) checkRelationList(set.relations, b.relation, b.relation + b.relations, set.figures, model.text, b.checks);
      }
      for (const c of b.checks) checks.push(c);
    }
    for (const b of blocks) {
      if (!b.downChecks) {
        const out: FigureCheck[] = [];
        checkDecreaseMultiples(set.figures, b.figure, b.figure + b.figures, out);
        b.downChecks = out.length ? out : NO_CHECKS;
      }
      for (const c of b.downChecks) checks.push(c);
    }
    checkCache.set(model, checks);
  }
  return checks;
}

/** The figures of one block: `set.figures[figure…figure + figures)`, its relations likewise. */
export interface FigureBlock {
  figure: number;
  figures: number;
  relation: number;
  relations: number;
}

/**
 * For each block with figures, in document order, a value a reader computes from the block's
 * figures and relations, kept with the block while it is unchanged (also across versions of a
 * document, where the block's figures are moved in place). `slot` identifies the reader; the value
 * may hold the block's Figure objects, never offsets or ids (they change when the block moves).
 * With `end`, only the blocks before the first block whose figures start at `end` or later.
 */
export function perBlock<T>(model: ReportModel, slot: object, compute: (set: FigureSet, block: FigureBlock) => T, end = Infinity): T[] {
  const { set, blocks } = extraction(model);
  const out: T[] = [];
  for (const b of blocks) {
    if (b.figures === 0) continue;
    // Only the blocks whose figures start before `end` are asked for.
    if (set.figures[b.figure].start >= end) break;
    // One reader so far (figure-conflict): one slot per block; another reader takes it over.
    if (b.memoSlot !== slot) {
      b.memo = compute(set, b);
      b.memoSlot = slot;
    }
    out.push(b.memo as T);
  }
  return out;
}

/** True when two figures can be compared as the same metric. */
export function sameMetric(a: Figure, b: Figure): boolean {
  return a.subject !== '' && a.subject === b.subject && a.unit === b.unit;
}

/** Every mention of the metric a figure measures, in document order (itself included). */
export function mentionsOf(set: FigureSet, f: Figure): Figure[] {
  if (!f.subject) return [f];
  return set.figures.filter((g) => sameMetric(f, g));
}

/** The figure whose text covers `offset`, by binary search. */
export function figureAt(set: FigureSet, offset: number): Figure | undefined {
  const figs = set.figures;
  let lo = 0;
  let hi = figs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = figs[mid];
    if (f.end < offset) lo = mid + 1;
    else if (f.start > offset) hi = mid - 1;
    else return f;
  }
  return undefined;
}

function valueText(f: Figure): string {
  const v = formatNumber(f.value, 4);
  const range = f.upper !== undefined ? `～${formatNumber(f.upper, 4)}` : '';
  return `${v}${range}${f.unit === '%' ? '%' : f.unit ? ` ${f.unit}` : ''}${f.approx ? ' ≈' : ''}`;
}

/** Hover text for the figure at `offset`: its other mentions and what the rules computed. */
export function figureHover(model: ReportModel, offset: number, language: 'zh' | 'en' = 'zh'): { markdown: string } | undefined {
  const set = extractFigures(model);
  const f = figureAt(set, offset);
  if (!f) return undefined;
  const zh = language === 'zh';
  const lines: string[] = [];
  const name = f.subjectText || (zh ? '（未识别主语）' : '(no subject found)');
  lines.push(`**${name}**: ${valueText(f)}${f.qualifier ? (zh ? `（“${f.qualifier}”）` : ` ("${f.qualifier}")`) : ''}`);
  const mentions = mentionsOf(set, f);
  if (mentions.length > 1) {
    lines.push('', zh ? '同一指标在文中的各处提法：' : 'Every mention of this metric:', '');
    for (const g of mentions) {
      const here = g.id === f.id ? (zh ? '（此处）' : ' (here)') : '';
      lines.push(`- ${zh ? `第${g.line + 1}行` : `line ${g.line + 1}`}: ${g.text.replace(/\s+/g, '')} → ${valueText(g)}${here}`);
    }
  }
  const checks = figureChecks(model).filter((c) => c.figures.includes(f.id));
  if (checks.length) {
    lines.push('', zh ? '核算：' : 'Computed:', '');
    for (const c of checks) lines.push(`- ${c.ok ? '✓' : '✗'} ${zh ? c.note.zh : c.note.en}`);
  }
  return { markdown: lines.join('\n') };
}

/** The figures and relations as plain data, for the `reportLint/figures` request and the preview. */
export function figuresAsData(model: ReportModel): {
  figures: (Figure & { mentions: number })[];
  relations: FigureSet['relations'];
  checks: FigureCheck[];
} {
  const set = extractFigures(model);
  const counts = new Map<string, number>();
  for (const f of set.figures) if (f.subject) counts.set(`${f.subject}\u0000${f.unit}`, (counts.get(`${f.subject}\u0000${f.unit}`) ?? 0) + 1);
  return {
    figures: set.figures.map((f) => ({ ...f, low: Number.isFinite(f.low) ? f.low : 0, high: Number.isFinite(f.high) ? f.high : Number.MAX_VALUE, mentions: f.subject ? counts.get(`${f.subject}\u0000${f.unit}`) ?? 1 : 1 })),
    relations: set.relations,
    checks: figureChecks(model),
  };
}

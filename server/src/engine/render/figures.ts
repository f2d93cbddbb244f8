// The figures panel's rows: every figure the engine extracted, marked where a figure rule
// (figure-conflict, figure-sum-mismatch, figure-part-exceeds-whole, percentage-mismatch) found a problem.

import type { ReportModel } from '../model';
import type { Finding } from '../types';
import { extractFigures, figureChecks } from '../figures';
import { formatNumber } from '../figures/numbers';
import type { FigureView } from './html';

const MISMATCH_RULES = new Set(['figure-sum-mismatch', 'figure-part-exceeds-whole', 'percentage-mismatch']);

/** Figures of a report for the panel, with the findings of the figure rules attached. */
export function figureViews(model: ReportModel, findings: Finding[] = []): FigureView[] {
  const set = extractFigures(model);
  const views: FigureView[] = set.figures.map((f) => ({
    start: f.start,
    end: f.end,
    text: f.text,
    metric: f.subjectText || undefined,
    value: f.upper !== undefined ? `${formatNumber(f.value, 4)}～${formatNumber(f.upper, 4)}` : formatNumber(f.value, 4),
    unit: f.unitText || f.unit || undefined,
    status: 'ok',
  }));
  // Figures sorted by start: the ones a finding covers are found by binary search.
  const starts = set.figures.map((f) => f.start);
  const covered = (a: number, b: number): number[] => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (set.figures[mid].end <= a) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < set.figures.length && set.figures[i].start < Math.max(b, a + 1); i++) out.push(i);
    return out;
  };
  for (const finding of findings) {
    if (finding.rule === 'figure-conflict') {
      // The rule lists the mentions it compared (same metric, unit and time scope) as {line, text}.
      const values = Array.isArray(finding.data?.values) ? (finding.data!.values as { line?: unknown; text?: unknown }[]) : [];
      const compared = new Set(values.map((v) => `${v.line}\u0000${v.text}`));
      const marked = covered(finding.start, finding.end);
      set.figures.forEach((f, i) => {
        if (compared.has(`${f.line + 1}\u0000${f.text}`)) marked.push(i);
      });
      for (const i of marked) {
        views[i].status = 'conflict';
        views[i].note ??= finding.message;
      }
    } else if (MISMATCH_RULES.has(finding.rule)) {
      for (const i of covered(finding.start, finding.end)) {
        if (views[i].status === 'ok') views[i].status = 'mismatch';
        views[i].note ??= finding.message;
      }
    }
  }
  for (const c of figureChecks(model)) {
    if (c.ok) continue;
    for (const id of c.figures) {
      const v = views[id];
      if (!v) continue;
      if (v.status === 'ok') v.status = 'mismatch';
      v.note ??= c.note;
    }
  }
  return views;
}

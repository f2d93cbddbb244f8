// Shared by the arithmetic figure rules: failing checks of one rule as findings.

import type { RuleFinding } from '../types';
import type { CheckRule, FigureCheck } from './analysis';

export function checkFindings(checks: FigureCheck[], rule: CheckRule): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const c of checks) {
    if (c.rule !== rule || c.ok) continue;
    out.push({
      start: c.start,
      end: c.end,
      message: c.message,
      severity: c.severity === 'info' ? 'info' : undefined,
      fixes: c.fixes,
      data: { ...c.data, computation: c.note },
    });
  }
  return out;
}

// In-document switches: `<!-- report-lint-disable[-line|-next-line] [rule …] -->`.
// The same HTML comment marker is used in Markdown (where it is invisible) and in plain text
// (where the preview and export leave it out), so one syntax serves both.

import type { ReportModel } from './model';
import type { Finding } from './types';

// Longest keyword first, and not followed by "-": otherwise "disable-line" would read as "disable".
export const DIRECTIVE_RE = /<!--\s*report-lint-(disable-next-line|disable-line|disable|enable)\b(?!-)([^>]*?)-->/g;

interface Suppression {
  /** undefined: every rule. */
  rules?: Set<string>;
  /** 0-based line it applies to; undefined: the whole file. */
  line?: number;
}

export function collectSuppressions(model: ReportModel): Suppression[] {
  const out: Suppression[] = [];
  const text = model.text;
  if (!text.includes('report-lint-')) return out;
  DIRECTIVE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE_RE.exec(text))) {
    const ids = m[2].split(/[\s,]+/).filter(Boolean);
    const rules = ids.length ? new Set(ids) : undefined;
    const line = model.lines.lineAt(m.index);
    if (m[1] === 'disable') out.push({ rules });
    else if (m[1] === 'disable-line') out.push({ rules, line });
    else if (m[1] === 'disable-next-line') {
      let next = line + 1;
      while (next < model.lines.lineCount - 1 && model.lines.lineText(next).trim() === '') next++;
      out.push({ rules, line: next });
    }
  }
  return out;
}

export function isSuppressed(f: Finding, suppressions: Suppression[], model: ReportModel): boolean {
  if (suppressions.length === 0) return false;
  const line = model.lines.lineAt(f.start);
  return suppressions.some((s) => (s.line === undefined || s.line === line) && (!s.rules || s.rules.has(f.rule)));
}

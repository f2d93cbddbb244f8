// Applying fixes to text: the safe subset used by fix-all and `report-lint --fix`.

import type { Finding, TextEdit } from './types';

/** Index of the first edit in `sorted` whose start is >= offset. */
function lowerBound(sorted: TextEdit[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlaps(sorted: TextEdit[], e: TextEdit): boolean {
  const i = lowerBound(sorted, e.start);
  const before = sorted[i - 1];
  const after = sorted[i];
  // Two insertions at one point, or ranges that share any character, conflict.
  if (before && (before.end > e.start || (before.start === before.end && before.start === e.start))) return true;
  if (after && (after.start < e.end || after.start === e.start)) return true;
  return false;
}

const firstSafeFix = (f: Finding) => f.fixes?.find((x) => x.safe);

/** True when `safeFixEdits(findings)` has an edit (without making them: the first such finding decides). */
export function hasSafeFix(findings: Finding[]): boolean {
  return findings.some((f) => (firstSafeFix(f)?.edits.length ?? 0) > 0);
}

/** The first safe fix of each finding, skipping any that overlaps one already taken. */
export function safeFixEdits(findings: Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const f of findings) {
    const fix = firstSafeFix(f);
    if (!fix) continue;
    if (fix.edits.some((e) => overlaps(taken, e))) continue;
    for (const e of fix.edits) taken.splice(lowerBound(taken, e.start), 0, e);
  }
  return taken;
}

/** Applies non-overlapping edits to a text in one pass. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.slice().sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let pos = 0;
  for (const e of sorted) {
    parts.push(text.slice(pos, e.start), e.newText);
    pos = e.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

// Renumbering: rewrites the markers of one heading level from a given heading to the end of its
// parent, as one edit list (one undo step). Chinese numerals go past 十: 十一、 二十、.

import type { Block, ReportModel } from '../model';
import type { Finding, Fix, TextEdit } from '../types';
import { markerText } from './completions';

/** The numbered block whose marker starts at `offset`, or whose marker contains it. */
export function numberedBlockAt(model: ReportModel, offset: number): Block | undefined {
  return model.numbered.find((b) => b.marker!.start <= offset && offset < Math.max(b.marker!.end, b.marker!.start + 1));
}

/**
 * Edits that renumber `heading`'s level from `heading` on, continuing from its previous sibling,
 * up to the end of its parent or the start of a new list at that level.
 */
export function renumberEdits(model: ReportModel, heading: Block): TextEdit[] {
  const list = model.numbered;
  const k = list.findIndex((b) => b.start === heading.start);
  if (k < 0 || !heading.marker) return [];
  const level = heading.marker.level;
  let n = 1;
  for (let j = k - 1; j >= 0; j--) {
    const l = list[j].marker!.level;
    if (l < level) break;
    if (l === level) {
      n = list[j].marker!.ordinal + 1;
      break;
    }
  }
  const edits: TextEdit[] = [];
  let previous = 0;
  for (let j = k; j < list.length; j++) {
    const mk = list[j].marker!;
    if (mk.level < level) break;
    if (mk.level > level) continue;
    // A 1 after a higher number starts a new list (as heading-numbering reads it): stop there.
    if (j > k && mk.ordinal === 1 && previous !== 1) break;
    previous = mk.ordinal;
    const want = markerText(level, n++);
    if (mk.text !== want) edits.push({ start: mk.start, end: mk.end, newText: want });
  }
  return edits;
}

/** The "renumber from here" quick fix for a `heading-numbering` finding, when it changes anything. */
export function renumberFix(model: ReportModel, finding: Pick<Finding, 'start' | 'data'>): Fix | undefined {
  // A marker of the wrong form has its own fix; renumbering is for gaps, repeats and restarts.
  if (finding.data?.kind === 'form') return undefined;
  const block = numberedBlockAt(model, finding.start);
  if (!block) return undefined;
  const edits = renumberEdits(model, block);
  if (edits.length === 0) return undefined;
  return {
    title: { zh: `从此处起重新编号（改动${edits.length}处）`, en: `Renumber from here (${edits.length} marker${edits.length > 1 ? 's' : ''})` },
    edits,
  };
}

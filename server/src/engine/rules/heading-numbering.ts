// heading-numbering: gaps, repeats and restarts in 一、→（一）→1.→（1） sequences, and markers of the
// wrong form for their level (GB/T 9704-2012 §7.3.3; DOMAIN F4/F5). Numbering restarts under each parent.

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import type { HeadingMarker } from '../model';
import { toChineseNumeral } from '../numerals';
import { HAN } from '../text';

const LEVEL_NAME = { 1: '一、', 2: '（一）', 3: '1.', 4: '（1）' } as const;
// A line that only marks skipped items in a template: ﹕ ︙ ⋮ … ……
const ELISION = /^[\s\u3000]*[﹕︙⋮…．.·：:]{1,6}[\s\u3000]*$/u;

/**
 * False when a line starting with this code unit cannot be an elision line: a Han ideograph or an
 * ASCII letter or digit (most paragraphs), so the line is not cut out and matched on every check.
 */
function mayBeElision(c: number): boolean {
  return !((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
}

function formOf(level: 1 | 2 | 3 | 4, n: number): string {
  return level === 1 ? `${toChineseNumeral(n)}、` : level === 2 ? `（${toChineseNumeral(n)}）` : level === 3 ? `${n}.` : `（${n}）`;
}

export const headingNumberingRule: Rule = {
  id: 'heading-numbering',
  defaultSeverity: 'warning',
  description: {
    zh: '标题序号不连续、重复或格式错误（一、→（一）→1.→（1））。',
    en: 'Heading numbers with a gap, a repeat or the wrong form for their level (一、 → （一） → 1. → （1））.',
  },
  check({ model }) {
    const findings: RuleFinding[] = [];
    // Last ordinal seen at each level under the current parent; 0 = none yet.
    const last: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    // A lower level's ordinal interrupted by a new list of a higher level ("1.张三" → "一、…二、" →
    // "2.李四"): a document that nests 一、 under 1. may continue the 1. list afterwards.
    const suspended: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    // Whether an elision line (﹕ ⋮ …) stands between the markers of a level: a template skips items.
    const elided: Record<number, boolean> = { 1: false, 2: false, 3: false, 4: false };
    for (const block of model.textBlocks) {
      // model.numbered holds the text blocks with a marker.
      if (!block.marker) {
        if (mayBeElision(model.text.charCodeAt(block.contentStart)) && ELISION.test(model.text.slice(block.contentStart, block.end))) for (let l = 1; l <= 4; l++) elided[l] = true;
        continue;
      }
      const mk = block.marker as HeadingMarker;
      const level = mk.level;
      // The official forms are a Chinese convention: "(1) we …" in English text is fine.
      if (!mk.wellFormed && HAN.test(block.text)) {
        findings.push({
          start: mk.start,
          end: mk.end,
          message: {
            zh: `序号“${mk.text}”格式不规范，${LEVEL_NAME[level]}级标题应写作“${mk.canonical}”。`,
            en: `Marker "${mk.text}" has the wrong form; a level-${level} heading is written "${mk.canonical}".`,
          },
          fixes: [{ title: { zh: `改为“${mk.canonical}”`, en: `Change to "${mk.canonical}"` }, edits: [{ start: mk.start, end: mk.end, newText: mk.canonical }], safe: true }],
          data: { kind: 'form' },
        });
      }
      const prev = last[level];
      const expected = prev + 1;
      // A list that starts again at 1 is a new list (after "计划如下：", or in another part).
      const newList = mk.ordinal === 1 && prev !== 1;
      const resumed = mk.ordinal !== expected && suspended[level] > 0 && mk.ordinal === suspended[level] + 1;
      const skipped = elided[level] && mk.ordinal > expected;
      if (mk.ordinal !== expected && !newList && !resumed && !skipped) {
        const kind = mk.ordinal === prev ? 'repeat' : mk.ordinal > expected ? 'gap' : 'restart';
        const want = formOf(level, expected);
        const got = formOf(level, mk.ordinal);
        const message =
          kind === 'gap'
            ? { zh: `序号不连续：“${got}”之前缺少“${want}”。`, en: `Numbering gap: "${want}" is missing before "${got}".` }
            : kind === 'repeat'
              ? { zh: `序号重复：“${got}”已经用过，此处应为“${want}”。`, en: `Repeated number: "${got}" was already used; expected "${want}".` }
              : { zh: `序号倒退：此处应为“${want}”，而不是“${got}”。`, en: `Numbering goes back: expected "${want}", not "${got}".` };
        findings.push({
          start: mk.start,
          end: mk.end,
          message,
          data: { kind, level, expected, found: mk.ordinal },
        });
      }
      if (resumed) suspended[level] = 0;
      last[level] = mk.ordinal;
      elided[level] = false;
      for (let l = level + 1; l <= 4; l++) {
        // Only a new list (一、 after 1.) nests under the lower level's item; 二、 just closes it.
        if (newList && last[l] > 0) suspended[l] = last[l];
        last[l] = 0;
        elided[l] = false;
      }
    }
    return findings;
  },
};

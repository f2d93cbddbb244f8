// enumeration-sequence: inline enumerations 一是…二是…三是 and 第一，…第二，… with gaps or repeats.

import { memoized, type Rule } from './types';
import type { RuleFinding } from '../types';
import type { Block } from '../model';
import { parseChineseNumeral, toChineseNumeral } from '../numerals';

// 一是 at the start of a clause (not 统一是, 之一是, and not the idiom 一是一、二是二).
// The clause start is checked on the character before the match (a leading lookbehind would make
// the regex try every position of the text; this one scans for its first character).
const SHI = /([一二三四五六七八九十]{1,3})是(?![一二三四五六七八九十])/gu;
const SHI_BEFORE = /[：:；;。，,！？\s）)”]/u;
// 第一，第二： at the start of a clause; 第一次, 第一书记 are ordinary words.
// "第一、二季度" is a range of ordinals, not an item.
const DI = /第([一二三四五六七八九十]{1,3})(?=[，,：:]|、(?![一二三四五六七八九十]))/gu;
const DI_BEFORE = /[：:；;。！？\s）)”]/u;

interface Item {
  start: number;
  end: number;
  n: number;
  family: 'shi' | 'di';
  text: string;
}

function formOf(family: Item['family'], n: number): string {
  return family === 'shi' ? `${toChineseNumeral(n)}是` : `第${toChineseNumeral(n)}`;
}

// The clause-start classes as sticky regexes, tested in place on the character before a match
// (no one-character string cut out for each candidate).
const FAMILIES = [
  { re: SHI, before: new RegExp(SHI_BEFORE.source, 'uy'), family: 'shi' },
  { re: DI, before: new RegExp(DI_BEFORE.source, 'uy'), family: 'di' },
] as const;

/** The enumeration items of a block, in text order, with offsets relative to the block. */
function itemsOf(block: Block): Item[] {
  const items: Item[] = [];
  for (let k = 0; k < FAMILIES.length; k++) {
    const { re, before, family } = FAMILIES[k];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(block.text))) {
      before.lastIndex = m.index - 1;
      if (m.index > 0 && !before.test(block.text)) {
        // Not at a clause start: try again from the next character, as a lookbehind would.
        re.lastIndex = m.index + 1;
        continue;
      }
      const n = parseChineseNumeral(m[1]);
      if (n === undefined || n === 0) continue;
      items.push({ start: m.index, end: m.index + m[0].length, n, family, text: m[0] });
    }
  }
  items.sort((a, b) => a.start - b.start);
  return items;
}

export const enumerationSequenceRule: Rule = {
  id: 'enumeration-sequence',
  defaultSeverity: 'warning',
  description: {
    zh: '行文中的“一是、二是、三是”或“第一、第二”序列不连续或重复。',
    en: 'Inline enumerations (一是…二是…, 第一…第二…) with a gap or a repeat.',
  },
  check(ctx) {
    const { model } = ctx;
    const findings: RuleFinding[] = [];
    // A run continues across the paragraphs of one section, and a heading ends it.
    const state: Record<Item['family'], number> = { shi: 0, di: 0 };
    // The block of each family's previous item: a run that goes back in a new paragraph is a new run.
    const lastBlock: Record<Item['family'], Block | undefined> = { shi: undefined, di: undefined };
    for (const block of model.textBlocks) {
      if (block.kind === 'heading' || block.kind === 'title') {
        // Reset in place: this runs for every heading on every keystroke.
        state.shi = state.di = 0;
        lastBlock.shi = lastBlock.di = undefined;
      }
      // The items of a block depend on its text alone: a linter keeps them (relative to the block).
      const items = memoized(ctx, block, 'enumeration-sequence/items', itemsOf);
      for (const item of items) {
        const prev = state[item.family];
        const sameBlock = lastBlock[item.family] === block;
        lastBlock[item.family] = block;
        if (item.n === 1) {
          state[item.family] = 1;
          continue;
        }
        // "今后一是要…；二是…" after an earlier 一是…三是: the new run's 一是 follows a word, not a
        // clause break, and is not matched. Going back to 二是, or back in a new paragraph, starts a run.
        if (item.n <= prev && (!sameBlock || (item.n === 2 && prev > 2))) {
          state[item.family] = item.n;
          continue;
        }
        if (prev === 0) {
          // A run that starts at 二是 in a new section: nothing to compare with.
          state[item.family] = item.n;
          continue;
        }
        if (item.n !== prev + 1) {
          const want = formOf(item.family, prev + 1);
          const repeat = item.n <= prev;
          findings.push({
            start: block.start + item.start,
            end: block.start + item.end,
            message: repeat
              ? { zh: `列举序号重复：“${item.text}”前面已有，此处应为“${want}”。`, en: `Repeated enumeration "${item.text}"; expected "${want}".` }
              : { zh: `列举序号不连续：“${item.text}”之前缺少“${want}”。`, en: `Enumeration gap: "${want}" is missing before "${item.text}".` },
            data: { expected: prev + 1, found: item.n },
          });
        }
        state[item.family] = item.n;
      }
    }
    return findings;
  },
};

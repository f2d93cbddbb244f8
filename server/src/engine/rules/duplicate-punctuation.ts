// duplicate-punctuation: doubled or mixed 点号 (、、 ，， 。。 ，。), GB/T 15834-2011 (P9).

import { blockRule, type Rule } from './types';
import type { RuleFinding, Fix } from '../types';

// A run of two or more Chinese 点号; runs made only of ？ and ！ are allowed (？！ ！！).
const RUN = /[，。、；：？！]{2,}/gu;

export const duplicatePunctuationRule: Rule = blockRule({
  id: 'duplicate-punctuation',
  defaultSeverity: 'warning',
  description: {
    zh: '重复或叠用的标点：、、 ，， 。。 ，。 等（？！、……、——除外）。',
    en: 'Doubled or mixed punctuation such as 、、 ，， 。。 ，。 (？！, ……, —— are allowed).',
  },
  checkBlock(b) {
    const findings: RuleFinding[] = [];
    RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RUN.exec(b.text))) {
      const run = m[0];
      if (/^[？！]+$/u.test(run)) continue;
      const start = b.start + m.index;
      const end = start + run.length;
      const distinct = Array.from(new Set(run));
      const fixes: Fix[] = distinct.map((c) => ({
        title: { zh: `保留一个“${c}”`, en: `Keep one "${c}"` },
        edits: [{ start, end, newText: c }],
        safe: distinct.length === 1,
      }));
      findings.push({
        start,
        end,
        message: { zh: `标点“${run}”重复，只保留一个。`, en: `Repeated punctuation "${run}": keep one mark.` },
        fixes,
      });
    }
    return findings;
  },
});

// ellipsis: the Chinese ellipsis is six dots in two characters, ……, and is not followed by 等
// (GB/T 15834-2011 §4.11; DOMAIN P5). `…`, `...`, `。。。` and `…………` in Chinese text become ……;
// English text keeps its ... and ….

import { blockRule, type Rule } from './types';
import type { RuleFinding } from '../types';

// One or more … , or three or more ASCII/full-width dots, or ·· runs typed for an ellipsis.
const ELLIPSIS = /…+|\.{3,}|．{3,}|·{3,}/gu;
const HAN = /\p{Script=Han}/u;
const CJK_NEAR = /[\p{Script=Han}，。；：？！、“”‘’（）《》]/u;

export const ellipsisRule: Rule = blockRule({
  id: 'ellipsis',
  defaultSeverity: 'info',
  description: {
    zh: '省略号应为“……”（六个点，占两个字的位置），且省略号后不再用“等”“等等”。',
    en: 'The Chinese ellipsis is "……" (two characters), and is not followed by 等 or 等等.',
  },
  checkBlock(block) {
    const findings: RuleFinding[] = [];
    const text = block.text;
    if (!HAN.test(text)) return findings;
    ELLIPSIS.lastIndex = 0;
    let m: RegExpExecArray | null;
    const before = findings.length;
    // More findings than this in one paragraph say nothing more; the rest is skipped.
    while ((m = ELLIPSIS.exec(text)) && findings.length - before < 100) {
      const run = m[0];
      const start = block.start + m.index;
      const end = start + run.length;
      const before = text.charAt(m.index - 1);
      const after = text.charAt(m.index + run.length);
      // Chinese text is where the run stands next to a Chinese character or mark.
      const chinese = CJK_NEAR.test(before) || CJK_NEAR.test(after) || (run[0] === '…' && !/[A-Za-z0-9]/.test(before + after));
      if (!chinese) continue;
      if (after === '等') {
        const etc = text.startsWith('等等', m.index + run.length) ? '等等' : '等';
        findings.push({
          start,
          end: end + etc.length,
          message: { zh: `省略号与“${etc}”不能同时使用，删去其一。`, en: `An ellipsis and "${etc}" say the same: keep one.` },
          fixes: [
            { title: { zh: '删去省略号', en: 'Delete the ellipsis' }, edits: [{ start, end, newText: '' }], safe: true },
            { title: { zh: `删去“${etc}”`, en: `Delete "${etc}"` }, edits: [{ start: end, end: end + etc.length, newText: '' }] },
          ],
          data: { kind: 'with-etc' },
        });
        continue;
      }
      if (run === '……') continue;
      // Long runs are leader dots in a table of contents (教学大纲…………3页), not ellipses.
      if ((run[0] === '…' && run.length > 4) || run.length > 9) continue;
      // Two ellipses alone on a line mark omitted paragraphs (§4.11.3).
      if (run === '…………' && text.trim() === run) continue;
      findings.push({
        start,
        end,
        message: { zh: `省略号应写作“……”，而不是“${run}”。`, en: `Write the ellipsis as "……", not "${run}".` },
        fixes: [{ title: { zh: '改为“……”', en: 'Change to "……"' }, edits: [{ start, end, newText: '……' }], safe: true }],
        data: { kind: 'form' },
      });
    }
    return findings;
  },
});

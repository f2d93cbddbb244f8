// required-section: a section the profile requires is missing, or sections are out of order.
// Reported on the title line (or the first line when there is no title).

import type { Rule } from './types';
import type { RuleFinding } from '../types';

/** A pattern as words a person can read ("issues?\\b" → "issues"), or undefined when it is real regex. */
function readable(pattern: string): string | undefined {
  const words = pattern
    .replace(/^\(\?i\)/, '')
    .replace(/\\b|\^|\$/g, '')
    .replace(/([A-Za-z])\?/g, '$1')
    .trim();
  return words && !/[\\[\](){}|*+?.]/.test(words) ? words : undefined;
}

export const requiredSectionRule: Rule = {
  id: 'required-section',
  defaultSeverity: 'warning',
  description: {
    zh: '缺少报告文种要求的部分（如存在的问题、下一步打算、落款），或各部分顺序颠倒。',
    en: "A section the report's genre requires is missing (problems, next steps, signature …) or out of order.",
  },
  check({ model, profile, sections }) {
    if (!profile) return [];
    const findings: RuleFinding[] = [];
    const anchor = model.title ?? model.textBlocks[0];
    if (!anchor) return [];
    const start = anchor.contentStart;
    const end = model.title ? anchor.end : model.lines.lineEnd(model.lines.lineAt(anchor.start));
    for (const match of sections) {
      const s = match.section;
      if (!match.block && s.required) {
        const looked = Array.from(new Set([...s.headings, ...s.cues].map(readable).filter((x): x is string => !!x))).slice(0, 6);
        const lookedZh = looked.length ? `（查找了：${looked.join('、')}）` : s.position === 'last' ? '（查找了：文末的署名和成文日期，如“2024年12月28日”）' : '';
        const lookedEn = looked.length ? ` (looked for: ${looked.join(', ')})` : s.position === 'last' ? ' (looked for: a signing body and a date such as 2024年12月28日 at the end)' : '';
        findings.push({
          start,
          end,
          severity: s.severity,
          message: {
            zh: `缺少“${s.name.zh}”部分${lookedZh}。`,
            en: `Missing section: ${s.name.en}${lookedEn}.`,
          },
          data: { section: s.id, kind: 'missing' },
        });
      } else if (match.outOfOrder && match.after) {
        findings.push({
          start,
          end,
          severity: s.severity,
          message: {
            zh: `“${s.name.zh}”部分应在“${match.after.name.zh}”之后。`,
            en: `Section "${s.name.en}" should come after "${match.after.name.en}".`,
          },
          data: { section: s.id, kind: 'order', line: match.block ? model.lines.lineAt(match.block.start) + 1 : undefined },
        });
      }
    }
    return findings;
  },
};

// max-length: the report, or one of its sections, is longer than the 字数 limit set in
// `.reportlint.yaml` (`maxLength`); counted as Word's and WPS's 字数 (see assist/count.ts).

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import { countReport, lengthLimits, sectionLimit } from '../assist/count';

export const maxLengthRule: Rule = {
  id: 'max-length',
  defaultSeverity: 'info',
  description: {
    zh: '全文或某一部分的字数超过配置（maxLength）规定的上限。',
    en: 'The report or one of its sections is longer than the maxLength set in the configuration.',
  },
  check({ model, profile, sections, config }) {
    const limits = lengthLimits(config.extensions, profile?.id);
    const sectionLimits = Object.keys(limits.sections).length > 0;
    if (limits.document === undefined && !sectionLimits) return [];
    const findings: RuleFinding[] = [];
    const counts = countReport(model, sectionLimits ? sections : []);
    if (limits.document !== undefined && counts.total > limits.document) {
      const anchor = model.title ?? model.textBlocks[0];
      if (anchor) {
        const over = counts.total - limits.document;
        findings.push({
          start: anchor.contentStart,
          end: Math.min(anchor.end, model.lines.lineEnd(model.lines.lineAt(anchor.contentStart))),
          message: {
            zh: `全文共${counts.total}字，超过规定的${limits.document}字，需压缩${over}字。`,
            en: `The report has ${counts.total} characters, ${over} over the limit of ${limits.document}.`,
          },
          data: { scope: 'document', count: counts.total, limit: limits.document },
        });
      }
    }
    if (sectionLimits) {
      for (const sc of counts.sections) {
        const match = sections.find((m) => m.section.id === sc.id && m.block);
        if (!match) continue;
        const limit = sectionLimit(limits, match);
        if (limit === undefined || sc.count <= limit) continue;
        const b = match.block!;
        const over = sc.count - limit;
        findings.push({
          start: b.contentStart,
          end: Math.min(b.headingEnd ?? b.end, model.lines.lineEnd(model.lines.lineAt(b.contentStart))),
          message: {
            zh: `“${sc.name}”部分共${sc.count}字，超过规定的${limit}字，需压缩${over}字。`,
            en: `The ${match.section.name.en} section has ${sc.count} characters, ${over} over the limit of ${limit}.`,
          },
          data: { scope: 'section', section: sc.id, count: sc.count, limit },
        });
      }
    }
    return findings;
  },
};

// placeholder: template markers left unfilled (XX镇, 某某, 【填写单位】, ____, TODO …).

import type { Rule } from './types';
import type { RuleFinding } from '../types';
import type { Block } from '../model';

// Each alternative is linear: runs of one character class, or a bracket with no nesting.
const BUILTIN = new RegExp(
  [
    '[Xx]{2,}', // XX, xx, XXX
    '[Ｘｘ]{2,}', // full-width ＸＸ ｘｘ
    '[×✕╳]{2,}', // ×× (a lone × is multiplication: 2×35万千瓦, 数据要素×)
    '某某+',
    '[○◯]{2,}',
    '〇〇+',
    '【[^【】\\n]{0,30}】',
    '\\[[^\\[\\]\\n]{1,40}\\]',
    '_{3,}|＿{2,}',
    '待补充|待完善|待填写|待填报|待核实|此处填写|请填写',
    '\\b(?:TODO|TBD|FIXME|TK)\\b',
    '\\*{3,}',
    '[？?]{3,}',
  ].join('|'),
  'gu',
);

// A bracket is a placeholder when it holds an instruction or a field name, not a citation.
const BRACKET_INSTRUCTION = /填|写|输入|此处|请|单位|名称|姓名|日期|时间|内容|补充|待|XX|xx|某|地点|数字|金额|标题|部门|职务/u;
const EN_BRACKET = /^\[\s*(?:your|insert|enter|add|name|date|company|organi[sz]ation|project|team|title|placeholder|todo|tbd|fill|xx+|\.\.\.|…)[^\]]*\]$/i;
const ROMAN = /^(?:X{1,3})(?:I{1,3}|IV|V|VI{1,3}|IX)?$/;

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}

/** Decides whether a built-in match is a real placeholder in its context. */
function isPlaceholder(m: string, before: string, after: string, block: Block, markdown: boolean, line: string): boolean {
  const first = m[0];
  if (first === 'X' || first === 'x') {
    // Part of a Latin word (Xbox, XXL, xxx-large) or a Roman numeral in English text.
    if (/[A-Za-z]/.test(before) || /[A-Za-z]/.test(after)) return false;
    if (first === 'X' && ROMAN.test(m) && !/\p{Script=Han}/u.test(line)) return false;
    return true;
  }
  if (first === '〇') return !/[一二三四五六七八九〇零]/u.test(before) && !/[一二三四五六七八九〇零年]/u.test(after);
  if (first === '【') return BRACKET_INSTRUCTION.test(m.slice(1, -1));
  if (first === '[') {
    if (markdown && after === '(') return false; // a Markdown link text
    if (/^\[\s*[xX ]?\s*\]$/.test(m)) return false; // task-list box
    return EN_BRACKET.test(m) || /^\[\s*(?:XX+|xx+|某+|待[^\]]*|填[^\]]*)\s*\]$/u.test(m);
  }
  if (first === '*') {
    if (/^[\s*]*$/.test(line)) return false; // a separator line
    if (markdown && (isWordChar(before) || isWordChar(after))) return false; // ***emphasis***
    return true;
  }
  if (first === '_') {
    if (/^[\s_]*$/.test(line) && markdown) return false; // a Markdown rule
    return true;
  }
  if (first === 'T' || first === 'F') return true;
  return true;
}

export const placeholderRule: Rule = {
  id: 'placeholder',
  defaultSeverity: 'warning',
  description: {
    zh: '模板占位符未填写：XX、某某、【填写单位】、____、待补充等。',
    en: 'Template markers left unfilled: XX, 某某, 【填写单位】, ____, TODO and the like.',
  },
  check({ model, config }) {
    const findings: RuleFinding[] = [];
    const markdown = model.format === 'markdown';
    const ignores = config.placeholders.ignore;
    const ignored = (block: Block, start: number, end: number): boolean => {
      for (const p of ignores) {
        p.regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = p.regex.exec(block.text))) {
          const s = block.start + m.index;
          if (s <= start && s + m[0].length >= end) return true;
          if (m[0].length === 0) p.regex.lastIndex++;
        }
      }
      return false;
    };
    const report = (start: number, end: number, found: string) => {
      findings.push({
        start,
        end,
        message: {
          zh: `占位符“${found}”未填写，请替换为实际内容。`,
          en: `Unfilled placeholder "${found}": replace it with the real text.`,
        },
        data: { placeholder: found },
      });
    };
    for (const block of model.textBlocks) {
      const text = block.text;
      const lineText = (offset: number) => model.lines.lineText(model.lines.lineAt(offset));
      BUILTIN.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BUILTIN.exec(text))) {
        const start = block.start + m.index;
        const end = start + m[0].length;
        const before = text.charAt(m.index - 1);
        const after = text.charAt(m.index + m[0].length);
        if (!isPlaceholder(m[0], before, after, block, markdown, lineText(start))) continue;
        if (ignores.length && ignored(block, start, end)) continue;
        report(start, end, m[0]);
      }
      for (const p of config.placeholders.extra) {
        p.regex.lastIndex = 0;
        while ((m = p.regex.exec(text))) {
          if (m[0].length === 0) {
            p.regex.lastIndex++;
            continue;
          }
          const start = block.start + m.index;
          const end = start + m[0].length;
          if (findings.some((f) => f.start < end && start < f.end)) continue;
          if (ignores.length && ignored(block, start, end)) continue;
          report(start, end, m[0]);
        }
      }
    }
    return findings;
  },
};

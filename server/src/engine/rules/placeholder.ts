// placeholder: template markers left unfilled (XX镇, 某某, 【填写单位】, ____, TODO …).

import { blockRule, type Rule } from './types';
import type { RuleFinding } from '../types';
import type { Block } from '../model';

// Each alternative is linear: runs of one character class, or a bracket with no nesting.
const BUILTIN = new RegExp(
  [
    '[Xx]{2,}', // XX, xx, XXX
    '[Ｘｘ]{2,}', // full-width ＸＸ ｘｘ
    '[×✕╳]{2,}', // ×× (a lone × is multiplication: 2×35万千瓦, 数据要素×)
    '某某+',
    '[○◯〇]{2,}',
    '【[^【】\\n]{0,30}】',
    '\\[[^\\[\\]\\n]{1,40}\\]',
    '_{3,}|＿{2,}',
    '待补充|待完善|待填写|待填报|待核实|此处填写|请填写',
    '\\b(?:TODO|TBD|FIXME)\\b',
    '\\*{3,}',
    '[？?]{3,}',
    // A date with its month or day left blank: "2024年  月  日", "2020年5月 日".
    '年[ \\u3000]+月(?:[ \\u3000]*日)?',
    // The digit before 月 is looked behind from 月, not before it: a lookbehind that opens an
    // alternative runs at every position of the text and makes V8 drop its quick first-character
    // test for the whole regex (≈ 5× the scan's instructions). Same matches.
    '月(?<=[0-9０-９〇一二三四五六七八九十]月)[ \\u3000]+日',
  ].join('|'),
  'gu',
);

// A bracket is a placeholder when it holds an instruction (【填写单位名称】, 【此处插入图表】) …
const BRACKET_INSTRUCTION = /填|输入|此处|插入|补充|待[补完填定核]|请(在|填|输入|写|选择|补充|替换|修改)|XX|xx|××|某/u;
// … or is nothing but a field name (截至【日期】, 【单位名称】关于…的报告).
const BRACKET_FIELD = /^(?:[^】]{0,4}(?:单位|名称|姓名|日期|时间|地点|数字|金额|标题|部门|职务|数量|人数))$/u;
// "[Your Name]", "[Insert date]", "[Company Name]", "[Date]" — but not "[Project Atlas]" or "[1]".
const EN_BRACKET = /^\[\s*(?:(?:your|insert|enter|add|fill in)\b[^\]]*|(?:(?:company|organi[sz]ation|project|team|client|customer|product|first|last|full)\s+)?(?:name|date|title|amount|number|figure)s?|placeholder|todo|tbd|x{2,}|\.{3}|…)\s*\]$/i;
const ROMAN = /^(?:X{1,3})(?:I{1,3}|IV|V|VI{1,3}|IX)?$/;

// Common single-character surnames: "王某某" is an anonymised name (as in case reports), not a blank.
const SURNAMES = new Set(Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤'));

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}

/** Decides whether a built-in match is a real placeholder in its context. */
function isPlaceholder(m: string, before: string, after: string, block: Block, markdown: boolean, lineHas: (re: RegExp) => boolean): boolean {
  const first = m[0];
  if (first === 'X' || first === 'x') {
    // Part of a Latin word (Xbox, XXL, xxx-large) or a Roman numeral in English text.
    if (/[A-Za-z]/.test(before) || /[A-Za-z]/.test(after)) return false;
    const english = !lineHas(HAN_IN_LINE);
    if (first === 'X' && ROMAN.test(m) && english) return false;
    // "HTTP 5xx errors" in English; but "20XX年" in Chinese is an unfilled year.
    if (english && (/[0-9]/.test(before) || /[0-9]/.test(after))) return false;
    return true;
  }
  // 〇〇 and ○○ inside a year or a number (二〇〇五年, 二○○五年) are digits, written right or wrong.
  if (first === '〇' || first === '○' || first === '◯') return !/[一二三四五六七八九十〇零○◯]/u.test(before) && !/[一二三四五六七八九十〇零○◯年]/u.test(after);
  if (first === '【') {
    const inside = m.slice(1, -1);
    if (BRACKET_INSTRUCTION.test(inside)) return true;
    if (!BRACKET_FIELD.test(inside)) return false; // 【典型案例】, 【11.25周三邀请通知】: a label or a note
    // At the start of a line, "【时间】2024年3月5日" or "【单位】：县委" labels the value after it.
    const label = before === '' && after !== '' && (/[：:]/u.test(after) || /^(?:时间|地点|日期|数量|人数)$/u.test(inside));
    return !label;
  }
  if (first === '[') {
    if (markdown && after === '(') return false; // a Markdown link text
    if (/^\[\s*[xX ]?\s*\]$/.test(m)) return false; // task-list box
    return EN_BRACKET.test(m) || /^\[\s*(?:XX+|xx+|某+|待[^\]]*|填[^\]]*)\s*\]$/u.test(m);
  }
  if (first === '*') {
    if (lineHas(STAR_LINE)) return false; // a separator line
    if (markdown && (isWordChar(before) || isWordChar(after))) return false; // ***emphasis***
    return true;
  }
  if (first === '_') {
    if (markdown && lineHas(UNDERSCORE_LINE)) return false; // a Markdown rule
    if (markdown && (isWordChar(before) || isWordChar(after))) return false; // ___emphasis___
    return true;
  }
  if (first === '某') return !SURNAMES.has(before);
  if (first === 'T' || first === 'F') return true;
  return true;
}

const HAN_IN_LINE = /\p{Script=Han}/u;
const STAR_LINE = /^[\s*]*$/;
const UNDERSCORE_LINE = /^[\s_]*$/;

/**
 * Tests on the line of the block's text around an index (a block may span lines: tables, setext
 * headings), each run once per line: a long line with many matches is not rescanned per match.
 */
function lineTester(text: string): (index: number, re: RegExp) => boolean {
  const cache = new Map<RegExp, boolean>();
  let from = 0;
  let to = -1;
  let line = '';
  return (index, re) => {
    if (index < from || index > to) {
      from = text.lastIndexOf('\n', index - 1) + 1;
      const nl = text.indexOf('\n', index);
      to = nl < 0 ? text.length : nl;
      line = text.slice(from, to).replace(/\r$/, '');
      cache.clear();
    }
    let result = cache.get(re);
    if (result === undefined) cache.set(re, (result = re.test(line)));
    return result;
  };
}

/** Index of the last span starting at or before `offset` in spans sorted by start, or -1. */
function lastStartingAtOrBefore(spans: [number, number][], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][0] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// A block rule: it reads only the block, so the engine can reuse its findings while other blocks change.
export const placeholderRule: Rule = blockRule({
  id: 'placeholder',
  defaultSeverity: 'warning',
  description: {
    zh: '模板占位符未填写：XX、某某、【填写单位】、____、待补充等。',
    en: 'Template markers left unfilled: XX, 某某, 【填写单位】, ____, TODO and the like.',
  },
  checkBlock(block, { model, config }) {
    const findings: RuleFinding[] = [];
    const markdown = model.format === 'markdown';
    const ignores = config.placeholders.ignore;
    const text = block.text;
    // Each ignore pattern's matches, found once per block (in order, not overlapping).
    let ignoreSpans: [number, number][][] | undefined;
    const ignored = (start: number, end: number): boolean => {
      ignoreSpans ??= ignores.map((p) => {
        const spans: [number, number][] = [];
        p.regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = p.regex.exec(text))) {
          spans.push([block.start + m.index, block.start + m.index + m[0].length]);
          if (m[0].length === 0) p.regex.lastIndex++;
        }
        return spans;
      });
      return ignoreSpans.some((spans) => {
        const i = lastStartingAtOrBefore(spans, start);
        return i >= 0 && spans[i][1] >= end;
      });
    };
    const report = (start: number, end: number, found: string) => {
      const date = /^[年月][ \u3000]/u.test(found);
      findings.push({
        start,
        end,
        message: date
          ? { zh: `日期“${found}”未填写完整，请补全月、日。`, en: `Date left blank ("${found}"): fill in the month and day.` }
          : { zh: `占位符“${found}”未填写，请替换为实际内容。`, en: `Unfilled placeholder "${found}": replace it with the real text.` },
        data: { placeholder: found },
      });
    };
    const lineHas = lineTester(text);
    BUILTIN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = BUILTIN.exec(text))) {
      const start = block.start + m.index;
      const end = start + m[0].length;
      const before = text.charAt(m.index - 1);
      const after = text.charAt(m.index + m[0].length);
      const at = m.index;
      if (!isPlaceholder(m[0], before, after, block, markdown, (re) => lineHas(at, re))) continue;
      if (ignores.length && ignored(start, end)) continue;
      report(start, end, m[0]);
    }
    const builtinSpans = findings.map((f): [number, number] => [f.start, f.end]);
    for (const p of config.placeholders.extra) {
      p.regex.lastIndex = 0;
      while ((m = p.regex.exec(text))) {
        if (m[0].length === 0) {
          p.regex.lastIndex++;
          continue;
        }
        const start = block.start + m.index;
        const end = start + m[0].length;
        const k = lastStartingAtOrBefore(builtinSpans, end - 1);
        if (k >= 0 && builtinSpans[k][1] > start) continue;
        if (ignores.length && ignored(start, end)) continue;
        report(start, end, m[0]);
      }
    }
    findings.sort((a, b) => a.start - b.start);
    return findings;
  },
});

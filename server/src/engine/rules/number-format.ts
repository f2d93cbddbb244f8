// number-format: number forms of GB/T 15835-2011 and GB/T 9704-2012 — full-width digits, 〇 in
// years, abbreviated years, ranges that drop their unit, 、 between approximate numbers, 10几,
// zero-padded dates, Chinese numerals in the 成文日期, 大约…左右, 截止 for 截至 (DOMAIN N2, N6–N8,
// P1, F8, D14–D16).

import { blockRule, type Rule } from './types';
import type { Fix, LocalizedText, RuleFinding, Severity } from '../types';
import type { Block, ReportModel } from '../model';
import { toChineseNumeral } from '../numerals';

interface Check {
  id: string;
  re: RegExp;
  /** A cheap test a block must pass before the regex runs. */
  hint: (text: string) => boolean;
  severity?: Severity;
  /** Returns undefined to skip the match. */
  make(m: RegExpExecArray, ctx: { text: string; base: number }): { start?: number; end?: number; message: LocalizedText; fixes?: Fix[]; severity?: Severity } | undefined;
}

const fix = (zh: string, en: string, start: number, end: number, newText: string, safe = true): Fix => ({ title: { zh, en }, edits: [{ start, end, newText }], safe });

const FULLWIDTH_DIGIT = /[０-９]+(?:[．.][０-９]+)?/gu;
const toHalf = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');

const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', '○': '0', O: '0', Ｏ: '0', '0': '0', '０': '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
// A year spelt with Chinese digits in which the zero is not 〇 (二0二四年, 二零二四年, 二○二四年).
const BAD_ZERO_YEAR = /(?<![〇零○一二三四五六七八九十百千万0-9])[一二][〇零○0０OＯ一二三四五六七八九]{3}(?=年)/gu;
// 23年5月, 24年度, 23年底: a two-digit year. A duration (工作23年, 近10年) is not followed by these.
const SHORT_YEAR = /(?<![0-9０-９.．第近约余多前后每])([0-9]{2})年(?=[0-9]{1,2}月|度(?![过日])|底(?![线蕴子气])|初(?![步期次心衷])|[上下]半年)/gu;
// 15～30%, 13～17万元, 9～16亿: the sign or magnitude written only after the second number.
const RANGE = /(?<![0-9.])([0-9]+(?:\.[0-9]+)?)([～~〜－—–-])([0-9]+(?:\.[0-9]+)?)(%|‰|千万|百万|万亿|万|亿)(元|美元|人|户|吨|亩|千瓦|千米|公里|平方米|人次|个|家|项|套|辆|台)?/gu;
// 三、四个月: two adjacent Chinese numerals joined by 、 and followed by a measure word.
const APPROX = /(?<![第一二三四五六七八九十百千万零〇两])([一二三四五六七八九])、([一二三四五六七八九十])(?=个|天|次|名|人|十|百|千|万|倍|岁|年(?!级)|小时|周|家|项|条|件|本|篇|户|分钟|公里|米|成)/gu;
// 10几次 → 十几次.
const DIGIT_JI = /(?<![0-9.])([1-9]0)几/gu;
// 2024年01月05日: a date whose month or day is zero-padded.
const PADDED_DATE = /(?<![0-9])([0-9]{4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?/gu;
// 大约 (or 约 as a word) before a number and 左右 after it: one of them is redundant.
const ABOUT = /(大约|(?<![制节签条婚契公预特相邀履违毁解合誓隐缔践赴])约)((?:在|有|为|是)?[0-9０-９.一二三四五六七八九十百千万亿两几余多半]{1,12}[^，。；：、！？\s]{0,6}?)左右/gu;
// 截止 ("to close") where 截至 ("up to") is meant: before a date or time word, not 截止日期/时间.
const JIEZHI = /截止(?=(?:到|于)?(?:[0-9０-９]{4}年|[0-9]{1,2}月|今年|本年|上年|去年|目前|当前|本月|上月|年底|年末|月底|本周|今天|发稿|[一二三四五六七八九十]+月))/gu;

const CHECKS: Check[] = [
  {
    id: 'fullwidth-digit',
    hint: (t) => /[０-９]/u.test(t),
    re: FULLWIDTH_DIGIT,
    make: (m, { base }) => {
      const half = toHalf(m[0]);
      return {
        message: { zh: `全角数字“${m[0]}”应改为半角“${half}”。`, en: `Full-width digits "${m[0]}": use half-width "${half}".` },
        fixes: [fix(`改为“${half}”`, `Change to "${half}"`, base + m.index, base + m.index + m[0].length, half)],
      };
    },
  },
  {
    id: 'year-zero',
    hint: (t) => t.includes('年'),
    re: BAD_ZERO_YEAR,
    make: (m, { base }) => {
      if (!/[零○0０OＯ]/u.test(m[0])) return undefined;
      const good = Array.from(m[0]).map((c) => (/[零○0０OＯ]/u.test(c) ? '〇' : c)).join('');
      return {
        message: { zh: `年份中的“零”应写作“〇”：“${m[0]}年”应为“${good}年”。`, en: `A year written in Chinese numerals takes 〇 for zero: "${good}年".` },
        fixes: [fix(`改为“${good}”`, `Change to "${good}"`, base + m.index, base + m.index + m[0].length, good)],
      };
    },
  },
  {
    id: 'short-year',
    hint: (t) => t.includes('年'),
    re: SHORT_YEAR,
    make: (m, { base }) => {
      const full = `20${m[1]}`;
      return {
        end: base + m.index + m[0].length,
        message: { zh: `年份不应简写：“${m[0]}”应写全，如“${full}年”。`, en: `Do not abbreviate years: write "${full}年" in full.` },
        fixes: [fix(`改为“${full}年”`, `Change to "${full}年"`, base + m.index, base + m.index + 2, full, false)],
      };
    },
  },
  {
    id: 'range-unit',
    hint: (t) => /[0-9][～~〜－—–-][0-9]/u.test(t),
    re: RANGE,
    make: (m, { base }) => {
      const [all, a, dash, , sign, unit] = m;
      // 2023-2024 and 1-2 are not ranges with a unit; a hyphen between a date's parts is no range.
      if ((dash === '-' || dash === '－') && /[0-9]-[0-9]+-/.test(all)) return undefined;
      const insert = sign === '%' || sign === '‰' ? sign : sign + (unit ?? '');
      const good = `${a}${insert}${dash === '—' ? '—' : '～'}`;
      const at = base + m.index;
      return {
        end: at + all.length,
        message: {
          zh: `数值范围的两端都应带上“${insert}”：“${all}”应写作“${a}${insert}～${all.slice(a.length + dash.length)}”，否则易生歧义。`,
          en: `Both ends of a range carry "${insert}": "${all}" reads ambiguously; write "${a}${insert}～${all.slice(a.length + dash.length)}".`,
        },
        fixes: [fix(`改为“${a}${insert}～…”`, `Add "${insert}" to the first number`, at, at + a.length + dash.length, good, sign === '%' || sign === '‰')],
      };
    },
  },
  {
    id: 'approximate-comma',
    hint: (t) => t.includes('、'),
    re: APPROX,
    make: (m, { base }) => {
      const a = '一二三四五六七八九'.indexOf(m[1]) + 1;
      const b = m[2] === '十' ? 10 : '一二三四五六七八九'.indexOf(m[2]) + 1;
      if (b !== a + 1) return undefined; // 三、五个: a list, not an approximation
      const at = base + m.index;
      return {
        message: { zh: `相邻两数连用表示概数，中间不用顿号：“${m[0]}”应为“${m[1]}${m[2]}”。`, en: `Adjacent numbers giving an estimate take no 、: write "${m[1]}${m[2]}".` },
        fixes: [fix('删去顿号', 'Delete the 、', at + 1, at + 2, '')],
      };
    },
  },
  {
    id: 'digit-ji',
    hint: (t) => t.includes('几'),
    re: DIGIT_JI,
    make: (m, { base }) => {
      const cn = toChineseNumeral(Number(m[1]));
      const at = base + m.index;
      return {
        message: { zh: `含“几”的概数用汉字：“${m[0]}”应为“${cn}几”。`, en: `An estimate with 几 is written in Chinese numerals: "${cn}几".` },
        fixes: [fix(`改为“${cn}几”`, `Change to "${cn}几"`, at, at + m[1].length, cn)],
      };
    },
  },
  {
    id: 'padded-date',
    hint: (t) => t.includes('年0') || t.includes('月0'),
    re: PADDED_DATE,
    make: (m, { base }) => {
      if (!m[2].startsWith('0') && !(m[3] ?? '').startsWith('0')) return undefined;
      const good = m[0].replace(/(年|月)0([1-9])/gu, '$1$2');
      const at = base + m.index;
      return {
        message: { zh: `日期的月、日不加“0”：“${m[0]}”应为“${good}”。`, en: `Months and days take no leading zero: "${good}".` },
        fixes: [fix(`改为“${good}”`, `Change to "${good}"`, at, at + m[0].length, good)],
      };
    },
  },
  {
    id: 'about-redundant',
    hint: (t) => t.includes('左右'),
    re: ABOUT,
    severity: 'info',
    make: (m, { base }) => {
      const at = base + m.index;
      const end = at + m[0].length;
      return {
        message: { zh: `“${m[1]}”与“左右”语义重复，保留其一。`, en: `"${m[1]}" and "左右" say the same: keep one.` },
        fixes: [
          fix(`删去“${m[1]}”`, `Delete "${m[1]}"`, at, at + m[1].length, '', false),
          fix('删去“左右”', 'Delete "左右"', end - 2, end, '', false),
        ],
      };
    },
  },
  {
    id: 'jiezhi',
    hint: (t) => t.includes('截止'),
    re: JIEZHI,
    make: (m, { base }) => {
      const at = base + m.index;
      return {
        message: { zh: '表示“到某时为止”应用“截至”，“截止”意为停止，其后不接时间。', en: '"Up to (a date)" is 截至; 截止 means "to close" and takes no date after it.' },
        fixes: [fix('改为“截至”', 'Change to 截至', at, at + 2, '截至')],
      };
    },
  },
];

// More findings than this in one paragraph say nothing more; the rest is skipped.
const MAX_PER_BLOCK = 100;

const DATE_CN = /^[\s\u3000]*([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日[\s\u3000]*$/u;
const CN_VALUE: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnSmall(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + CN_VALUE[s[1]];
  if (s.endsWith('十')) return CN_VALUE[s[0]] * 10;
  if (s.length === 3) return CN_VALUE[s[0]] * 10 + CN_VALUE[s[2]];
  return CN_VALUE[s];
}

/** The 成文日期 in Chinese numerals: GB/T 9704-2012 §7.3.5.4 wants Arabic numerals there. */
function checkDateLine(model: ReportModel, findings: RuleFinding[]): void {
  const blocks = model.textBlocks;
  for (let i = blocks.length - 1; i >= Math.max(0, blocks.length - 3); i--) {
    const b = blocks[i];
    const line = model.text.slice(b.contentStart, b.end);
    const m = DATE_CN.exec(line);
    if (!m) continue;
    const year = Array.from(m[1]).map((c) => CN_DIGIT[c]).join('');
    const good = `${year}年${cnSmall(m[2])}月${cnSmall(m[3])}日`;
    const start = b.contentStart + line.indexOf(m[1]);
    const end = start + m[1].length + m[2].length + m[3].length + 3;
    findings.push({
      start,
      end,
      message: { zh: `成文日期应使用阿拉伯数字，写作“${good}”。`, en: `The date of issue is written in Arabic numerals: "${good}".` },
      fixes: [fix(`改为“${good}”`, `Change to "${good}"`, start, end, good)],
      data: { check: 'date-line' },
    });
    return;
  }
}

function textOf(block: Block): { text: string; base: number } {
  const from = block.marker ? block.marker.end : block.contentStart;
  return { text: block.text.slice(from - block.start), base: from };
}

export const numberFormatRule: Rule = blockRule({
  id: 'number-format',
  defaultSeverity: 'warning',
  description: {
    zh: '数字用法不规范：全角数字、“二0二四年”、年份简写、范围单位缺省（15～30%）、概数加顿号、“10几次”、日期补零、成文日期用汉字、“大约…左右”、“截止”误用。',
    en: 'Number forms: full-width digits, 二0二四年, abbreviated years, ranges dropping their unit (15～30%), 、 in estimates, 10几, zero-padded dates, a date of issue in Chinese numerals, 大约…左右, 截止 for 截至.',
  },
  checkBlock(block) {
    const findings: RuleFinding[] = [];
    const ctx = textOf(block);
    const before = findings.length;
    for (let c = 0; c < CHECKS.length; c++) {
      const check = CHECKS[c];
      if (findings.length - before >= MAX_PER_BLOCK) break;
      if (!check.hint(ctx.text)) continue;
      check.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = check.re.exec(ctx.text)) && findings.length - before < MAX_PER_BLOCK) {
        const made = check.make(m, ctx);
        if (!made) continue;
        const start = made.start ?? ctx.base + m.index;
        findings.push({
          start,
          end: made.end ?? start + m[0].length,
          message: made.message,
          fixes: made.fixes,
          severity: made.severity ?? check.severity,
          data: { check: check.id },
        });
      }
    }
    return findings;
  },
  checkRest({ model }) {
    const findings: RuleFinding[] = [];
    checkDateLine(model, findings);
    return findings;
  },
});

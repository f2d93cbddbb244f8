// Extraction: one linear pass over the text blocks finds every figure (number, qualifiers,
// unit, subject), every date, and the relations between figures of one sentence. Each block is
// read on its own; a linter's next version takes the results of unchanged blocks over and moves
// them in place (see `FigureBlockCache`).

import { blockKey, type Block, type ReportModel } from '../model';
import { detach, isSpace } from '../text';
import { moveInPlace } from '../rules/types';
import type { DateMention, Figure, FigureRelation, FigureSet } from './types';
import type { FigureCheck } from './analysis';
import { decimalsOf, parseArabic, parseChinese, parseChineseAmount, scaleOf, stepOf, toHalfWidth } from './numbers';
import { englishUnitAt, lexicon, unitAt, type UnitDef } from './lexicon';
import { englishSubjectBefore, normaliseSubject, subjectAfter, subjectBefore } from './subject';
import { findRelations } from './relations';

// One alternative per number form; none nests a quantifier inside a repeated group that can
// match the same text two ways, so matching is linear. Blocks are scanned by `nextNumber`, which
// finds the same matches by character code; the second end of a range is read with NUMBER_AT.
const NUMBER_RE = /百分之(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千点]+)|\d+(?:,\d{3}(?!\d))*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿几]+/gu;
const NUMBER_AT = new RegExp(NUMBER_RE.source, 'uy');
const EN_SCALE = /^\s?(thousand|million|billion|trillion|bn|k|m)(?![A-Za-z])/i;
const EN_SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, k: 1e3, m: 1e6 };
const DOLLAR: UnitDef = { text: '$', kind: 'measure', base: '$' };
const ENGLISH_COUNT: UnitDef = { text: '', kind: 'count', base: '' };
const EN_NOT_NOUN = /^(?:of|to|in|and|or|was|were|is|are|be|by|for|with|from|on|at|the|a|an|as|than|that|which|per|percent|years?|months?|days?|weeks?|hours?|times|am|pm|st|nd|rd|th)$/i;

/** The first word after a number, when it can be what the number counts. */
function englishNounAfter(rest: string): boolean {
  const w = /^ ([a-z][a-z-]*)/.exec(rest);
  return !!w && !EN_NOT_NOUN.test(w[1]);
}
const CLAUSE_DELIM = new Uint8Array(0x10000);
for (const c of '，。；：、！？,;:!?（）()“”"《》【】|\n') CLAUSE_DELIM[c.charCodeAt(0)] = 1;
const PRE_QUALIFIERS = ['将近', '接近', '大约', '超过', '不到', '不足', '不少于', '至少', '最多', '多达', '高达', '近', '约', '逾', '超'];
const POST_QUALIFIERS = ['左右', '以上', '以下', '上下', '之多', '有余', '出头', '多', '余'];
// The characters a qualifier can end with (before the number) or start with (after the unit):
// most figures have neither next to them, and then no list is walked.
const PRE_LAST = new Set(PRE_QUALIFIERS.map((q) => q.charCodeAt(q.length - 1)));
const POST_FIRST = new Set(POST_QUALIFIERS.filter((q) => q.length > 1).map((q) => q.charCodeAt(0)));
const RANGE_SEP = /^\s*[～~〜—–\-－至到]\s*/u;
/** The characters of RANGE_SEP's class, by code: a range can only start with one of them or a space. */
const RANGE_MARK = new Set(Array.from('～~〜—–-－至到', (c) => c.charCodeAt(0)));
const SCALE_RE = /^(?:万亿|千亿|百亿|亿|万|千(?![米克瓦])|百(?![分]))/u;
const SCALE_AT = new RegExp(SCALE_RE.source.slice(1), 'uy');
/** A scale word (万 亿 千 …) at `pos` that is not the start of a unit (千米, 万元 is 万 + 元). */
function scaleWordAt(s: string, pos: number): string | undefined {
  const sc = scaleAt(s, pos);
  return sc && unitAt(s, pos)?.text !== sc[0] ? sc[0] : undefined;
}

/** The scale word (万 亿 千 …) written at `pos`, read in place. */
function scaleAt(s: string, pos: number): RegExpExecArray | null {
  // Every scale word starts with 万 亿 千 or 百.
  const c = s.charCodeAt(pos);
  if (c !== 0x4e07 && c !== 0x4ebf && c !== 0x5343 && c !== 0x767e) return null;
  SCALE_AT.lastIndex = pos;
  return SCALE_AT.exec(s);
}
const TIME_SCOPE = /(?:19|20)\d{2}年|[上下]半年|[一二三四]季度|前三季度|\d{1,2}[—–\-－~～至]\d{1,2}月|[一二三四五六七八九十\d]+年来|过去[一二三四五六七八九十\d]+年|近[一二三四五六七八九十\d]+年|今后[一二三四五六七八九十\d]+年|累计|历年|去年|上年|今年|明年|同期|当年|以来|年均|五年|十年/gu;
const SCOPE_HINT = /[年季累期来]/u;
const PLAN_HEADING = /下一步|下步|今后|打算|计划|思路|目标|任务|安排|展望|努力方向|建议|对策|要点|总体要求|政策取向/u;
const PLAN_PARAGRAPH = /(?:下一步|下步|今后|明年|\d{4}年[^。，]{0,6}(?:工作)?(?:打算|计划|思路))/uy;

/** The paragraph opens a plan (下一步，… / 2025年工作打算): tested where its words begin, without copying it. */
function opensPlanParagraph(block: Block): boolean {
  const t = block.text;
  let p = block.contentStart - block.start;
  while (p < t.length && isSpace(t.charCodeAt(p))) p++;
  PLAN_PARAGRAPH.lastIndex = p;
  return PLAN_PARAGRAPH.test(t);
}

type Sentence = FigureSet['sentences'][number];

/** An ASCII letter (/[A-Za-z]/ on one character), by code unit: NaN (out of range) is none. */
function isLatin(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}

// intervalOf's answer (two numbers, without an array per figure).
let intervalLow = 0;
let intervalHigh = 0;

/** The interval a qualifier gives a stated value, in intervalLow and intervalHigh. */
function intervalOf(value: number, high: number, qualifier: string | undefined): void {
  switch (qualifier) {
    case '多':
    case '余':
    case '有余':
    case '之多':
    case '出头':
      intervalLow = value;
      intervalHigh = high + stepOf(high);
      return;
    case '以上':
    case '超过':
    case '超':
    case '逾':
    case '不少于':
    case '至少':
    case '多达':
    case '高达':
      intervalLow = value;
      intervalHigh = Infinity;
      return;
    case '以下':
    case '不到':
    case '不足':
    case '最多':
      intervalLow = 0;
      intervalHigh = high;
      return;
    case '近':
    case '将近':
    case '接近':
      intervalLow = value * 0.8;
      intervalHigh = high;
      return;
    case '约':
    case '大约':
    case '左右':
    case '上下':
      intervalLow = value * 0.9;
      intervalHigh = high * 1.1;
      return;
    default:
      intervalLow = value;
      intervalHigh = high;
      return;
  }
}

export interface ScanContext {
  model: ReportModel;
  hw: string;
  block: Block;
  plan: boolean;
  ownYear: string | undefined;
  /** The document's sentences so far; this block's are `nSentences` from `sentenceBase`. */
  sentences: Sentence[];
  sentenceBase: number;
  nSentences: number;
  /** Where `sentenceIndexAt` last looked, how many sentences have a time scope read, the last scope. */
  cursor: number;
  scoped: number;
  lastScope: string;
  /** While the sentences are cut: where the next one starts, whether a plan cue carries over, the next plan word. */
  s0: number;
  carryPlan: boolean;
  nextPlan: number;
}

const NO_SENTENCES: Sentence[] = [];
const SCAN: ScanContext = { model: undefined as unknown as ReportModel, hw: '', block: undefined as unknown as Block, plan: false, ownYear: undefined, sentences: [], sentenceBase: 0, nSentences: 0, cursor: 0, scoped: 0, lastScope: '', s0: 0, carryPlan: false, nextPlan: Infinity };

/** A sentence span of the FigureSet (a class: see FigureRecord). */
class SentenceSpan implements Sentence {
  start: number;
  end: number;
  plan: boolean;
  constructor(start: number, end: number, plan: boolean) {
    this.start = start;
    this.end = end;
    this.plan = plan;
  }
}

/** Appends the sentence of the block that ends at `end` (relative to the block). */
function addSentence(sc: ScanContext, end: number): void {
  const { hw, s0 } = sc;
  if (end <= s0) return;
  if (sc.nextPlan < s0) {
    const planWords = planWordGlobal();
    planWords.lastIndex = s0;
    sc.nextPlan = planWords.exec(hw)?.index ?? Infinity;
  }
  // A plan cue carries over ；-separated items (预期目标是：A；B；C。).
  const plan: boolean = sc.plan || sc.carryPlan || sc.nextPlan < end;
  sc.carryPlan = plan && PLAN_CARRY.has(hw.charCodeAt(end - 1));
  sc.sentences[sc.sentenceBase + sc.nSentences++] = new SentenceSpan(sc.block.start + s0, sc.block.start + end, plan);
  sc.s0 = end;
}

/** The index (document-wide) of the block's sentence holding `rel`; asked in order mostly. */
function sentenceIndexAt(sc: ScanContext, rel: number): number {
  const abs = sc.block.start + rel;
  const { sentences, sentenceBase } = sc;
  let cursor = sc.cursor;
  while (cursor < sc.nSentences - 1 && sentences[sentenceBase + cursor].end <= abs) cursor++;
  while (cursor > 0 && sentences[sentenceBase + cursor].start > abs) cursor--;
  sc.cursor = cursor;
  return sentenceBase + cursor;
}

/**
 * The time scope of the block's k-th sentence, reading those up to it in order: a sentence
 * without time words is in the time frame of the paragraph so far (五年来，…).
 */
function scopeOf(sc: ScanContext, k: number): string {
  const { hw, block, sentences, sentenceBase } = sc;
  for (; sc.scoped <= k; sc.scoped++) {
    const sentence = sentences[sentenceBase + sc.scoped];
    const text = hw.slice(sentence.start - block.start, sentence.end - block.start);
    let scope = sc.lastScope;
    if (SCOPE_HINT.test(text)) {
      TIME_SCOPE.lastIndex = 0;
      let t: RegExpExecArray | null;
      let one: string | undefined;
      let many: Set<string> | undefined;
      while ((t = TIME_SCOPE.exec(text))) {
        // The report's own year (the title's) is the default time frame, not a scope of its own.
        if (t[0] === sc.ownYear || t[0] === one) continue;
        if (one === undefined) one = t[0];
        else (many ??= new Set([one])).add(t[0]);
      }
      if (many) scope = Array.from(many).sort().join('|');
      else if (one !== undefined) scope = one;
    }
    sc.lastScope = scope;
    SCOPES[sc.scoped] = scope;
  }
  return SCOPES[k];
}

let planRe: RegExp | undefined;
/** One pattern for all plan cues: a single pass over a block instead of one per word. */
let planGlobal: RegExp | undefined;
/** The plan cues as a global pattern, for finding them one after another. */
function planWordGlobal(): RegExp {
  planGlobal ??= new RegExp(planWordRe().source, 'gu');
  return planGlobal;
}

function planWordRe(): RegExp {
  planRe ??= new RegExp(lexicon().planWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
  return planRe;
}

// NUMBER_RE's three forms, scanned by character code (no match objects): 1 marks the characters
// of a Chinese numeral, 2 those of a numeral after 百分之, 4 the ASCII digits (so that nextNumber
// passes every other character after one table look-up).
const NUMERAL = new Uint8Array(0x10000);
for (const c of '零〇一二两三四五六七八九十百千万亿几') NUMERAL[c.charCodeAt(0)] |= 1;
for (const c of '零〇一二两三四五六七八九十百千点') NUMERAL[c.charCodeAt(0)] |= 2;
for (let c = 48; c <= 57; c++) NUMERAL[c] |= 4;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** /[\d.]/ on one character, by code. */
const digitOrDot = (c: number) => (c >= 48 && c <= 57) || c === 46;

/** End of `\d+(?:,\d{3}(?!\d))*(?:\.\d+)?` from `i` (the thousands groups only when `commas`). */
function arabicEnd(s: string, i: number, commas: boolean): number {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  if (commas) {
    while (s.charCodeAt(j) === 44 && isDigit(s.charCodeAt(j + 1)) && isDigit(s.charCodeAt(j + 2)) && isDigit(s.charCodeAt(j + 3)) && !isDigit(s.charCodeAt(j + 4))) j += 4;
  }
  if (s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
    j += 2;
    while (isDigit(s.charCodeAt(j))) j++;
  }
  return j;
}

let tokenEnd = 0;

/** Where the next match of NUMBER_RE at or after `from` starts (-1 if none); it ends at `tokenEnd`. */
function nextNumber(s: string, from: number): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    const kind = NUMERAL[c];
    // Neither a digit nor a numeral (百 of 百分之 is one): most characters stop here.
    if (kind === 0) continue;
    if (kind & 4) {
      tokenEnd = arabicEnd(s, i, true);
      return i;
    }
    if (c === 0x767e && s.charCodeAt(i + 1) === 0x5206 && s.charCodeAt(i + 2) === 0x4e4b) {
      // 百分之 with a number after it; otherwise 百 alone is a numeral.
      const c2 = s.charCodeAt(i + 3);
      if (isDigit(c2)) {
        tokenEnd = arabicEnd(s, i + 3, false);
        return i;
      }
      if (NUMERAL[c2] & 2) {
        let j = i + 4;
        while (j < n && NUMERAL[s.charCodeAt(j)] & 2) j++;
        tokenEnd = j;
        return i;
      }
    }
    if (kind & 1) {
      let j = i + 1;
      while (j < n && NUMERAL[s.charCodeAt(j)] & 1) j++;
      tokenEnd = j;
      return i;
    }
  }
  return -1;
}

/** A cheap look at what follows a Chinese numeral: a unit (after 多 余 万 亿) or nothing to read. */
function worthReading(hw: string, at: number, end: number): boolean {
  const c = hw.charCodeAt(at);
  if (c < 0x80 || (end - at > 3 && c === 0x767e && hw.charCodeAt(at + 1) === 0x5206)) return true;
  if (end - at === 1 && c === 0x4e00) return false;
  let p = end;
  for (let q = hw.charCodeAt(p); p < hw.length && p < end + 2 && (q === 0x591a || q === 0x4f59 || q === 0x4e07 || q === 0x4ebf); q = hw.charCodeAt(p)) p++;
  // RANGE_SEP on the one character at p: true for a range mark (a lone space is not a range).
  const q = hw.charCodeAt(p);
  return lexicon().unitsByCode.has(q) || RANGE_MARK.has(q);
}

/** Reads the number `token` at `at` and what surrounds it; undefined when it is not a figure. */
function readFigure(sc: ScanContext, token: string, at: number, prevEnd: number, english: boolean): Figure | undefined {
  const { hw, block, model } = sc;
  const lex = lexicon();
  // The character before the number, by code (charAt would make a string of each Chinese one).
  const before = hw.charCodeAt(at - 1);
  const percentWords = token.startsWith('百分之');
  const chinese = !percentWords && !isDigit(token.charCodeAt(0));
  if (!chinese && !percentWords) {
    if (isLatin(before) || before === 0x2e || isDigit(before)) return undefined; // . 0-9
    if (before === 0x7b2c || before === 0x23 || before === 0x2116) return undefined; // 第 # №
  }
  if (chinese) {
    if (before === 0x7b2c || before === 0x201c || before === 0x300a || before === 0x521d || before === 0x5468) return undefined; // 第 “ 《 初 周
    // 一 alone is nearly always idiomatic (一批, 一些, 一次性); lone 百 千 万 亿 are words (千家万户).
    if (/^一$/u.test(token) || !/[零〇一二两三四五六七八九几]/u.test(token) || /^[〇零一二三四五六七八九]{3,}$/u.test(token)) return undefined;
  }
  let value: number;
  let low: number;
  let high: number;
  let decimals = 0;
  let vague = false;
  let unit: UnitDef | undefined;
  let qualifier: string | undefined;
  let pos = at + token.length;
  let unitStart = pos;
  let unitEnd = pos;
  // (No closures here: a closure would make every call allocate a context for these variables.)
  if (percentWords) {
    const body = token.slice(3);
    const n = /^\d/.test(body) ? parseArabic(body) : parseChineseDecimal(body);
    if (n === undefined) return undefined;
    value = low = high = n;
    decimals = /^\d/.test(body) ? decimalsOf(body) : 0;
    unit = lex.unitByText.get('%')!;
    unitStart = at;
    unitEnd = pos;
  } else {
    if (chinese) {
      const parsed = parseChineseAmount(token);
      if (!parsed) return undefined;
      value = parsed.value;
      low = parsed.low;
      high = parsed.high;
      vague = parsed.vague;
    } else {
      value = parseArabic(token);
      decimals = decimalsOf(token);
      low = high = value;
    }
    // 200多万 / 300余 / 1.2万 / 126万亿: qualifier and scale between number and unit.
    let scaled = false;
    let word = chinese ? undefined : scaleWordAt(hw, pos);
    if (word !== undefined) {
      scaled = true;
      const f = scaleOf(word);
      value *= f;
      low *= f;
      high *= f;
      pos += word.length;
    }
    const q = hw.charAt(pos);
    if ((q === '多' || q === '余') && (unitAt(hw, pos + 1) || (!chinese && scaleAt(hw, pos + 1) !== null) || (chinese && /^[万亿]/u.test(hw.charAt(pos + 1))))) {
      qualifier = q;
      pos++;
      // A scale after the qualifier: 200多万 (one character), or a scale word in English.
      word = chinese ? (/^[万亿]/u.test(hw.charAt(pos)) ? hw.charAt(pos) : undefined) : scaleWordAt(hw, pos);
      if (word !== undefined) {
        if (!chinese) scaled = true;
        const f = scaleOf(word);
        value *= f;
        low *= f;
        high *= f;
        pos += word.length;
      }
    }
    unitStart = pos;
    unit = unitAt(hw, pos);
    unitEnd = unit ? pos + unit.text.length : pos;
    if (!unit && english) {
      // 1.2 million, 3k, 2 bn: English scales; $ before the number is the unit.
      const sc = EN_SCALE.exec(hw.slice(pos, pos + 12));
      if (sc) {
        const f = EN_SCALES[sc[1].toLowerCase()];
        value *= f;
        low *= f;
        high *= f;
        pos += sc[0].length;
      }
      const eu = englishUnitAt(hw, pos);
      if (before === 0x24) {
        unit = DOLLAR;
        unitStart = at - 1;
        unitEnd = pos;
      } else if (eu) {
        unit = eu.def;
        unitEnd = eu.end;
      } else {
        // from 120 to 150 people: the first end takes the unit of the second.
        const next = /^\s+(?:to|and)\s+\d[\d,]*(?:\.\d+)?/.exec(hw.slice(pos, pos + 30));
        const eu2 = next ? englishUnitAt(hw, pos + next[0].length) : undefined;
        if (eu2) unit = eu2.def;
        // 45 contributors, 13.86 million urban jobs: a count of the noun that follows.
        else if (!/^(?:19|20)\d{2}$/.test(token) && /^ [a-z]/.test(hw.slice(pos, pos + 2)) && englishNounAfter(hw.slice(pos, pos + 40))) {
          unit = ENGLISH_COUNT;
          unitEnd = pos;
        }
      }
    }
    if (english && !unit && isLatin(hw.charCodeAt(pos))) return undefined;
    // Ranges: 3～5个, 15%～30%, 13万元～17万元, 3至5个 (至 and 到 only without a first unit).
    const sc0 = hw.charCodeAt(unitEnd);
    const sep = qualifier || !(RANGE_MARK.has(sc0) || isSpace(sc0)) ? null : RANGE_SEP.exec(hw.slice(unitEnd, unitEnd + 3));
    if (sep && (!unit || !/[至到]/u.test(sep[0]))) {
      const from = unitEnd + sep[0].length;
      NUMBER_AT.lastIndex = from;
      const m2 = NUMBER_AT.exec(hw);
      if (m2 && /^\d/.test(m2[0]) === !chinese && !m2[0].startsWith('百分之')) {
        let v2 = chinese ? parseChinese(m2[0]) : parseArabic(m2[0]);
        let p2 = from + m2[0].length;
        const sc = chinese ? null : scaleAt(hw, p2);
        let f2 = 1;
        if (sc && unitAt(hw, p2)?.text !== sc[0]) {
          f2 = scaleOf(sc[0]);
          p2 += sc[0].length;
        }
        const u2 = unitAt(hw, p2);
        if (v2 !== undefined && (unit || u2) && (!unit || !u2 || u2.base === unit.base)) {
          v2 *= f2;
          if (!unit && !scaled && f2 > 1) {
            // 3～5万人: the scale applies to both ends
            value *= f2;
            low *= f2;
            high *= f2;
          }
          high = v2;
          if (!unit) {
            unit = u2;
            unitStart = p2;
          }
          unitEnd = u2 ? p2 + u2.text.length : p2;
        }
      }
    }
    if (!unit) return undefined;
    if (chinese && lex.arabicOnly.has(unit.text)) return undefined;
    if (unit.text === '年') {
      // A year (2023年, 2023-2024年) is a date, not a duration.
      if (!chinese && /^(?:1[89]|20)\d{2}$/.test(token)) return undefined;
      if (/^[度初底末中]/u.test(hw.charAt(unitEnd))) return undefined;
    }
    if (unit.text === '个' && hw.charAt(unitEnd) === '月') return undefined;
    pos = unitEnd;
  }
  if (!unit) return undefined;
  // Qualifiers after the unit (5%左右, 1200万人以上), then before the number (近104篇).
  if (!qualifier && POST_FIRST.has(hw.charCodeAt(pos))) {
    for (const q of POST_QUALIFIERS) {
      if (q.length > 1 && hw.startsWith(q, pos)) {
        qualifier = q;
        pos += q.length;
        break;
      }
    }
  }
  let start = unit === DOLLAR ? at - 1 : at;
  if (!qualifier && PRE_LAST.has(hw.charCodeAt(at - 1))) {
    const lookStart = Math.max(prevEnd, at - 3);
    for (const q of PRE_QUALIFIERS) {
      if (at - q.length < lookStart || !hw.startsWith(q, at - q.length)) continue;
      if (q === '近' && unit.kind === 'duration') break; // 近三年: a span, not an approximation
      if (q === '超' && at - 2 >= lookStart && !/[\s赶]/u.test(hw.charAt(at - 2))) break;
      qualifier = q;
      start = at - q.length;
      break;
    }
  }
  intervalOf(low, high, qualifier);
  const l = intervalLow;
  const h = intervalHigh;
  const b = block.start;
  return new FigureRecord(
    value,
    high !== low ? high : undefined,
    vague || qualifier !== undefined,
    qualifier,
    l,
    h,
    unit,
    decimals,
    b + start,
    b + pos,
    b + at,
    b + at + token.length,
    b + unitStart,
    // Kept across versions of the document: its own string, not a view into this version's text.
    detach(model.text.slice(b + start, b + pos)),
    model.lines.lineAt(b + start),
    chinese || undefined,
  );
}

/**
 * A Figure as readFigure makes it: every property from the start, in one order (one object shape
 * keeps property reads fast).
 */
class FigureRecord implements Figure {
  id = 0;
  value: number;
  upper: number | undefined;
  approx: boolean;
  qualifier: string | undefined;
  low: number;
  high: number;
  unit: string;
  unitText: string;
  unitKind: UnitDef['kind'];
  decimals: number;
  subject = '';
  subjectText = '';
  subjectStart: number | undefined = undefined;
  subjectSide: 'before' | 'after' | undefined = undefined;
  start: number;
  end: number;
  numberStart: number;
  numberEnd: number;
  unitStart: number;
  text: string;
  line: number;
  perUnit = false;
  plan = false;
  scope = '';
  change: 'up' | 'down' | undefined = undefined;
  sentence = 0;
  attributive: boolean | undefined = undefined;
  english: boolean | undefined = undefined;
  inTable: boolean | undefined = undefined;
  chinese: boolean | undefined;
  constructor(value: number, upper: number | undefined, approx: boolean, qualifier: string | undefined, low: number, high: number, unit: UnitDef, decimals: number, start: number, end: number, numberStart: number, numberEnd: number, unitStart: number, text: string, line: number, chinese: boolean | undefined) {
    this.value = value;
    this.upper = upper;
    this.approx = approx;
    this.qualifier = qualifier;
    this.low = low;
    this.high = high;
    this.unit = unit.base;
    this.unitText = unit.text;
    this.unitKind = unit.kind;
    this.decimals = decimals;
    this.start = start;
    this.end = end;
    this.numberStart = numberStart;
    this.numberEnd = numberEnd;
    this.unitStart = unitStart;
    this.text = text;
    this.line = line;
    this.chinese = chinese;
  }
}

function parseChineseDecimal(s: string): number | undefined {
  const dot = s.indexOf('点');
  if (dot < 0) return parseChinese(s);
  const int = parseChinese(s.slice(0, dot));
  const frac = s.slice(dot + 1);
  if (int === undefined || !/^[〇零一二三四五六七八九]+$/u.test(frac)) return undefined;
  const digits = Array.from(frac).map((c) => parseChinese(c) ?? 0).join('');
  return Number(`${int}.${digits}`);
}

// Dates are found from their 年 and 月 (indexOf is fast), then read with sticky patterns.
const YEAR_DATE = /((?:1[89]|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?)?/uy;
const MONTH_DATE = /(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]/uy;

function numberOf(s: string): number | undefined {
  return isDigit(s.charCodeAt(0)) ? Number(s) : /^[〇零一二三四五六七八九]{4}$/u.test(s) ? Number(Array.from(s).map((c) => parseChinese(c) ?? 0).join('')) : parseChinese(s);
}

export function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Appends the date `m` read at `at` (relative to the block); returns where reading goes on. */
function pushDate(block: Block, model: ReportModel, sc: ScanContext, out: SetFill, at: number, m: RegExpExecArray, year: number | undefined, month: number | undefined, day: number | undefined): number {
  const valid = month === undefined || (month >= 1 && month <= 12 && (day === undefined || (day >= 1 && day <= daysInMonth(year, month))));
  const start = block.start + at;
  out.set.dates[out.nDates++] = new DateRecord(year, month, day, start, start + m[0].length, detach(model.text.slice(start, start + m[0].length)), model.lines.lineAt(start), valid, sentenceIndexAt(sc, at));
  return at + m[0].length;
}

/** A DateMention (a class: see FigureRecord), its properties in the order DateMention lists them. */
class DateRecord implements DateMention {
  year: number | undefined;
  month: number | undefined;
  day: number | undefined;
  start: number;
  end: number;
  text: string;
  line: number;
  valid: boolean;
  sentence: number;
  constructor(year: number | undefined, month: number | undefined, day: number | undefined, start: number, end: number, text: string, line: number, valid: boolean, sentence: number) {
    this.year = year;
    this.month = month;
    this.day = day;
    this.start = start;
    this.end = end;
    this.text = text;
    this.line = line;
    this.valid = valid;
    this.sentence = sentence;
  }
}

function readDates(hw: string, block: Block, model: ReportModel, sc: ScanContext, out: SetFill): void {
  let pos = 0;
  let y = -2;
  let mo = -2;
  while (pos < hw.length) {
    // Each search resumes where the last one stopped, so the block is read once.
    if (y !== -1 && y < pos) y = hw.indexOf('年', pos);
    if (mo !== -1 && mo < pos) mo = hw.indexOf('月', pos);
    if (y < 0 && mo < 0) break;
    const k = y >= 0 && (mo < 0 || y < mo) ? y : mo;
    let found = false;
    if (k === y) {
      // 2024年 / 2024 年 / 二〇二四年: the year starts four characters (and any spaces) back.
      let s0 = k - 1;
      while (s0 >= pos && hw.charCodeAt(s0) === 0x20) s0--;
      const at = s0 - 3;
      if (at >= pos && !digitOrDot(hw.charCodeAt(at - 1))) {
        YEAR_DATE.lastIndex = at;
        const m = YEAR_DATE.exec(hw);
        if (m) {
          pos = pushDate(block, model, sc, out, at, m, numberOf(m[1]), m[2] ? numberOf(m[2]) : undefined, m[3] ? numberOf(m[3]) : undefined);
          found = true;
        }
      }
    } else {
      for (let back = 3; back >= 1 && !found; back--) {
        const at = k - back;
        if (at < pos || digitOrDot(hw.charCodeAt(at - 1)) || hw.charCodeAt(at - 1) === 0x5e74) continue; // [\d年.]
        MONTH_DATE.lastIndex = at;
        const m = MONTH_DATE.exec(hw);
        if (m) {
          pos = pushDate(block, model, sc, out, at, m, undefined, numberOf(m[1]), numberOf(m[2]));
          found = true;
        }
      }
    }
    if (!found) pos = k + 1;
  }
}


/**
 * What one text block gave: its figures, dates, sentences and relations are a run of each list
 * of the FigureSet it was last placed in (`figure`…`figure + figures` etc.), placed at
 * `start`/`line`. A later version of the document takes the result over when the block's text,
 * kind and context are unchanged, and moves its objects in place (no copies). A class, not an
 * object literal (see FigureRecord); the fields filled in later are there from the start, so that
 * every result has one shape.
 */
export class BlockResult {
  /** The block's key; undefined when the result must not be reused (tables; relations that read the block before). */
  key: string | undefined;
  /** What else the result depends on: the format, the plan context, the report's year. */
  context: string;
  /** The block's own plan cue: a heading that names a plan (下一步工作打算), a paragraph that opens one (下一步，…). */
  planParagraph: boolean;
  start: number;
  line: number;
  figure: number;
  figures: number;
  date: number;
  dates: number;
  sentence: number;
  sentences: number;
  relation: number;
  relations: number;
  /** The arithmetic checks of its relations and its 降低N倍 figures, once computed (moved with it). */
  checks: FigureCheck[] | undefined = undefined;
  downChecks: FigureCheck[] | undefined = undefined;
  /** A value computed by a reader of the figures (see `perBlock`, `memoSlot` names the reader): object references only, never offsets. */
  memoSlot: object | undefined = undefined;
  memo: unknown = undefined;
  constructor(key: string | undefined, context: string, planParagraph: boolean, start: number, line: number, figure: number, figures: number, date: number, dates: number, sentence: number, sentences: number, relation: number, relations: number) {
    this.key = key;
    this.context = context;
    this.planParagraph = planParagraph;
    this.start = start;
    this.line = line;
    this.figure = figure;
    this.figures = figures;
    this.date = date;
    this.dates = dates;
    this.sentence = sentence;
    this.sentences = sentences;
    this.relation = relation;
    this.relations = relations;
  }
}

/** A figure extraction: the set, and which block gave which part of it. */
export interface Extraction {
  set: FigureSet;
  /** In document order; with a block cache every text block's, without one only those with figures. */
  blocks: BlockResult[];
}

/**
 * Per-block extraction results kept between versions of one document. Only the extraction of
 * the model last handed to the cache (`model`) uses it: it takes over the results of unchanged
 * blocks and MOVES their objects, so the FigureSet of an earlier version is not valid any more
 * once a later version of the same document has been extracted. The lists of the extraction
 * before the last one (`spare`) are written over by the next one.
 */
export interface FigureBlockCache {
  model?: ReportModel;
  last?: Extraction;
  spare?: Extraction;
}

export function createFigureBlockCache(): FigureBlockCache {
  return {};
}

/**
 * A FigureSet being written. Its lists are written by index (`n…` are their lengths so far) and cut
 * to length at the end: with a block cache they are the lists of the extraction before the last
 * one, written over, so that a re-check makes no new lists (nor grows them by push).
 */
export interface SetFill {
  set: FigureSet;
  /** `set.relations`, where `findRelations` writes. */
  relations: FigureRelation[];
  nFigures: number;
  nDates: number;
  nSentences: number;
  nRelations: number;
}


/** Moves a check by `d` characters and `di` figure ids, in place. */
function moveCheck(c: FigureCheck, d: number, di: number): void {
  if (d !== 0) moveInPlace(c, d);
  if (di !== 0) for (let k = 0; k < c.figures.length; k++) c.figures[k] += di;
}

/** Appends a reused block's objects to the new set, moved in place to where the block is now. */
function place(r: BlockResult, block: Block, from: FigureSet, out: SetFill): void {
  const to = out.set;
  const d = block.start - r.start;
  const dl = block.line - r.line;
  const di = out.nFigures - r.figure;
  const ds = out.nSentences - r.sentence;
  const moved = d !== 0 || dl !== 0 || di !== 0 || ds !== 0;
  for (let k = r.figure, end = r.figure + r.figures; k < end; k++) {
    const f = from.figures[k];
    if (moved) {
      f.id += di;
      if (d !== 0) {
        f.start += d;
        f.end += d;
        f.numberStart += d;
        f.numberEnd += d;
        f.unitStart += d;
        if (f.subjectStart !== undefined) f.subjectStart += d;
      }
      f.line += dl;
      f.sentence += ds;
    }
    to.figures[out.nFigures++] = f;
  }
  const dateBase = out.nDates;
  for (let k = r.date, end = r.date + r.dates; k < end; k++) {
    const x = from.dates[k];
    if (moved) {
      x.start += d;
      x.end += d;
      x.line += dl;
      x.sentence += ds;
    }
    to.dates[out.nDates++] = x;
  }
  for (let k = r.sentence, end = r.sentence + r.sentences; k < end; k++) {
    const s = from.sentences[k];
    if (d !== 0) {
      s.start += d;
      s.end += d;
    }
    to.sentences[out.nSentences++] = s;
  }
  const relationBase = out.nRelations;
  for (let k = r.relation, end = r.relation + r.relations; k < end; k++) {
    const rel = from.relations[k];
    if (d !== 0) {
      rel.start += d;
      rel.end += d;
    }
    if (di !== 0) {
      if (rel.whole !== undefined) rel.whole += di;
      if (rel.to !== undefined) rel.to += di;
      if (rel.rate !== undefined) rel.rate += di;
      for (let p = 0; p < rel.parts.length; p++) rel.parts[p] += di;
    }
    to.relations[out.nRelations++] = rel;
  }
  if (d !== 0 || di !== 0) {
    if (r.checks) for (const c of r.checks) moveCheck(c, d, di);
    if (r.downChecks) for (const c of r.downChecks) moveCheck(c, d, di);
  }
  r.start = block.start;
  r.line = block.line;
  r.figure += di;
  r.sentence += ds;
  r.date = dateBase;
  r.relation = relationBase;
}

/** For block i of the new version, the result of the same block (same key) in the last one. */
function matcher(old: BlockResult[], n: number, keyAt: (i: number) => string | undefined): (i: number) => BlockResult | undefined {
  const m = old.length;
  // Blocks before and after the edit keep their order: match them from both ends first.
  let pre = 0;
  while (pre < n && pre < m && old[pre].key !== undefined && old[pre].key === keyAt(pre)) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && old[m - 1 - suf].key !== undefined && old[m - 1 - suf].key === keyAt(n - 1 - suf)) suf++;
  let middle: Map<string, BlockResult[]> | undefined;
  return (i) => {
    if (i < pre) return old[i];
    if (i >= n - suf) return old[m - (n - i)];
    const key = keyAt(i);
    if (key === undefined) return undefined;
    if (!middle) {
      middle = new Map();
      // Last first, so that pop() hands out the earliest.
      for (let j = m - suf - 1; j >= pre; j--) {
        const k = old[j].key;
        if (k === undefined) continue;
        const list = middle.get(k);
        if (list) list.push(old[j]);
        else middle.set(k, [old[j]]);
      }
    }
    return middle.get(key)?.pop();
  };
}

const TITLE_YEAR = /(?:19|20)\d{2}(?=\s*年)/u;

/**
 * Extracts figures, dates and relations from a model (see `extractFigures`, which keeps the result
 * per model). With the block cache of this model, unchanged blocks are taken over from the last
 * extraction (moved in place) and the cache is renewed.
 */
export function extractFiguresUncached(model: ReportModel, cache?: FigureBlockCache): Extraction {
  const useCache = cache !== undefined && cache.model === model;
  // A linter's re-check writes over the lists of the extraction before the last one (read by no
  // one: that version is two checks old), and reads the moved blocks' objects from the last one.
  const spare = useCache ? cache!.spare : undefined;
  const set: FigureSet = spare
    ? { figures: spare.set.figures, relations: spare.set.relations, dates: spare.set.dates, sentences: spare.set.sentences }
    : { figures: [], relations: [], dates: [], sentences: [] };
  const out: SetFill = { set, relations: set.relations, nFigures: 0, nDates: 0, nSentences: 0, nRelations: 0 };
  // One result per block at most: sized once (a re-check would otherwise grow it by push()).
  const results: BlockResult[] = spare ? spare.blocks : new Array<BlockResult>(model.textBlocks.length);
  let nResults = 0;
  let planLevel1 = false;
  let planLevel2 = false;
  let planParagraph = false;
  const titleYear = model.title ? TITLE_YEAR.exec(toHalfWidth(model.text.slice(model.title.contentStart, model.title.end))) : null;
  const ownYear = titleYear ? `${titleYear[0]}年` : undefined;
  const contexts = [`${model.format}\u00000\u0000${ownYear ?? ''}`, `${model.format}\u00001\u0000${ownYear ?? ''}`];
  const blocks = model.textBlocks;
  const last = useCache ? cache!.last : undefined;
  // Block keys (computed once per block object, carried to moved copies) are only needed with a cache.
  const keyAt = (i: number) => (blocks[i].kind === 'table' ? undefined : blockKey(model, blocks[i]));
  const match = last ? matcher(last.blocks, blocks.length, keyAt) : undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const hit = match?.(i);
    let opensPlan = false;
    if (block.kind === 'heading') {
      const level = block.marker?.level ?? (block.markdownLevel !== undefined ? Math.min(block.markdownLevel, 2) : 2);
      // A plan heading (下一步工作打算): its own text decides, so a reused block's answer stands.
      const isPlan = hit ? hit.planParagraph : PLAN_HEADING.test(block.text.slice((block.marker?.end ?? block.contentStart) - block.start, (block.headingEnd ?? block.end) - block.start));
      opensPlan = isPlan;
      if (level <= 1) {
        planLevel1 = isPlan;
        planLevel2 = false;
      } else if (level === 2) planLevel2 = isPlan;
      planParagraph = false;
    } else if (block.kind === 'paragraph') {
      opensPlan = hit ? hit.planParagraph : opensPlanParagraph(block);
      if (opensPlan) planParagraph = true;
    }
    const blockPlan = planLevel1 || planLevel2 || planParagraph;
    const context = contexts[blockPlan ? 1 : 0];
    if (hit && hit.context === context) {
      place(hit, block, last!.set, out);
      results[nResults++] = hit;
      continue;
    }
    // Without a cache, only blocks with figures are asked about again (checks, perBlock).
    const r = extractBlock(model, block, blockPlan, ownYear, out, useCache ? keyAt(i) : undefined, context, opensPlan, useCache);
    if (r) results[nResults++] = r;
  }
  results.length = nResults;
  set.figures.length = out.nFigures;
  set.dates.length = out.nDates;
  set.sentences.length = out.nSentences;
  set.relations.length = out.nRelations;
  const extraction: Extraction = { set, blocks: results };
  // The scan state must not keep this version's model (and its text) alive until the next block is read.
  SCAN.model = undefined as unknown as ReportModel;
  SCAN.block = undefined as unknown as Block;
  SCAN.hw = '';
  SCAN.sentences = NO_SENTENCES;
  if (useCache) {
    cache!.spare = last;
    cache!.last = extraction;
  }
  return extraction;
}

const FULL_WIDTH = /[０-９．％]/u;
/** Scratch: the time scopes of the sentences of the block being read. */
const SCOPES: string[] = [];
const HAN = /\p{Script=Han}/u;
// Chinese sentence ends are single characters: found by the regex engine's scan (`test` on a global
// regex moves lastIndex without making a match object), which costs far less than a per-character
// loop while the loop's code is still cold — a one-shot CLI run, the first check in a session.
const SENTENCE_END_ZH = /[。！？!?；;\n]/g;
const SENTENCE_ENDS_EN = /[。！？!?；;\n]|(?<!\d)\.(?=\s)/gu;
const PLAN_CARRY = new Set(Array.from('；;：:', (c) => c.charCodeAt(0)));

/** Reads one block afresh: appends its figures, dates, sentences and relations to `set`; its result, unless it has no figures and `keep` is false. */
function extractBlock(model: ReportModel, block: Block, blockPlan: boolean, ownYear: string | undefined, out: SetFill, key: string | undefined, context: string, planParagraph: boolean, keep: boolean): BlockResult | undefined {
  const { figures, sentences } = out.set;
  const figureBase = out.nFigures;
  const dateBase = out.nDates;
  const relationBase = out.nRelations;
  const hw = FULL_WIDTH.test(block.text) ? toHalfWidth(block.text) : block.text;
  const english = !HAN.test(hw);
  // Sentences of this block (appended to the set); their time scopes are read when a figure asks.
  // One scan state, reused block after block: reading a block makes no closures.
  const sc = SCAN;
  sc.model = model;
  sc.hw = hw;
  sc.block = block;
  sc.plan = blockPlan;
  sc.ownYear = ownYear;
  sc.sentences = sentences;
  sc.sentenceBase = out.nSentences;
  sc.nSentences = 0;
  sc.cursor = 0;
  sc.scoped = 0;
  sc.lastScope = '';
  sc.s0 = 0;
  sc.carryPlan = false;
  // Plan words in the block, found in one pass: a sentence has one when the next plan word at or
  // after its start begins before its end (plan words hold no sentence ends, so none spans two).
  const planWords = planWordGlobal();
  planWords.lastIndex = 0;
  sc.nextPlan = planWords.exec(hw)?.index ?? Infinity;
  if (english) {
    let e: RegExpExecArray | null;
    SENTENCE_ENDS_EN.lastIndex = 0;
    while ((e = SENTENCE_ENDS_EN.exec(hw))) addSentence(sc, e.index + 1);
  } else {
    SENTENCE_END_ZH.lastIndex = 0;
    while (SENTENCE_END_ZH.test(hw)) addSentence(sc, SENTENCE_END_ZH.lastIndex);
  }
  addSentence(sc, hw.length);
  const sentenceBase = sc.sentenceBase;
  const nSentences = sc.nSentences;
  out.nSentences += nSentences;
  readDates(hw, block, model, sc, out);
  sc.cursor = 0;

  let prevEnd = 0;
  let last: Figure | undefined;
  // Bare numbers in a list before a unit (3、4、5个): they take the unit of the last one.
  let pendingList: { index: number; 0: string }[] = [];
  for (let at = nextNumber(hw, 0); at >= 0; ) {
    const end = tokenEnd;
    if (!worthReading(hw, at, end)) {
      if (pendingList.length) pendingList = [];
      at = nextNumber(hw, end);
      continue;
    }
    const token = hw.slice(at, end);
    const draft = readFigure(sc, token, at, prevEnd, english);
    if (!draft) {
      const after = hw.charCodeAt(end);
      if (isDigit(token.charCodeAt(0)) && (after === 0x3001 || after === 0x548c || after === 0x53ca) && !digitOrDot(hw.charCodeAt(at - 1))) pendingList.push({ index: at, 0: token });
      else if (pendingList.length) pendingList = [];
      at = nextNumber(hw, end);
      continue;
    }
    const rel0 = draft.start - block.start;
    if (pendingList.length) {
      const listed = pendingList.filter((p) => p.index < rel0 && rel0 - p.index < 40);
      pendingList = [];
      for (const p of listed) {
        const v = parseArabic(p[0]);
        const start = block.start + p.index;
        const f: Figure = {
          ...draft,
          id: 0,
          value: v,
          upper: undefined,
          low: v,
          high: v,
          approx: false,
          qualifier: undefined,
          decimals: decimalsOf(p[0]),
          start,
          end: start + p[0].length,
          numberStart: start,
          numberEnd: start + p[0].length,
          text: detach(model.text.slice(start, start + p[0].length)),
          line: model.lines.lineAt(start),
        };
        describe(f, sc, p.index, p.index + p[0].length, prevEnd, english);
        prevEnd = p.index + p[0].length;
        f.id = out.nFigures;
        figures[out.nFigures++] = f;
        last = f;
      }
    }
    const f = draft;
    describe(f, sc, rel0, draft.end - block.start, prevEnd, english);
    if (block.kind === 'table') f.inTable = true;
    // 增长5.2% / 增加到4.2万公里 after a comma: the metric of the figure before it.
    const prev = last;
    if (!f.subject && (f.change || inheritsSubject.has(f)) && prev && prev.sentence === f.sentence && prev.subject) {
      f.subject = prev.subject;
      f.subjectText = prev.subjectText;
      f.subjectStart = prev.subjectStart;
      f.subjectSide = prev.subjectSide;
      f.perUnit = f.perUnit || prev.perUnit;
    }
    prevEnd = draft.end - block.start;
    f.id = out.nFigures;
    figures[out.nFigures++] = f;
    last = f;
    at = nextNumber(hw, Math.max(end, prevEnd));
  }
  if (block.kind === 'table') tableSubjects(figures.slice(figureBase, out.nFigures), model);
  const dependent = findRelations(model, figures, sentences, out, figureBase, out.nFigures, sentenceBase);
  if (!keep && out.nFigures === figureBase) return undefined;
  return new BlockResult(
    block.kind === 'table' || dependent ? undefined : key,
    context,
    planParagraph,
    block.start,
    block.line,
    figureBase,
    out.nFigures - figureBase,
    dateBase,
    out.nDates - dateBase,
    sentenceBase,
    nSentences,
    relationBase,
    out.nRelations - relationBase,
  );
}


// Figures that name the level a change reached (增加到X): they take the subject before them.
const inheritsSubject = new WeakSet<Figure>();

/** A per-unit word (每, 人均 …) in the last eight characters of the clause. */
function perWordIn(clause: string, words: string[]): boolean {
  const from = Math.max(0, clause.length - 8);
  const needed = wordsToSearch(words);
  for (let k = 0; k < needed.length; k++) if (clause.indexOf(needed[k], from) >= 0) return true;
  return false;
}

let searchedFor: string[] | undefined;
let searchWords: string[] = [];
/**
 * The words of `words` that hold no other of them: a text holds one of `words` (at or after an
 * offset) exactly when it holds one of these (人均 holds 均, so finding 均 answers for both).
 */
function wordsToSearch(words: string[]): string[] {
  if (searchedFor !== words) {
    searchWords = words.filter((w, i) => !words.some((v, j) => j !== i && v.length <= w.length && w.includes(v) && (v.length < w.length || j < i)));
    searchedFor = words;
  }
  return searchWords;
}

/** Count units that count occurrences, not things (/^(?:次|人次|场次|户次|批次)$/). */
const TIMES_UNITS = new Set(['次', '人次', '场次', '户次', '批次']);

/** `/ ` or 每 right after the number (/^\s*\/|^每/ on the next two characters). */
function perAfter(hw: string, at: number): boolean {
  const c = hw.charCodeAt(at);
  if (c === 0x2f || c === 0x6bcf) return true; // / 每
  return at + 1 < hw.length && hw.charCodeAt(at + 1) === 0x2f && isSpace(c);
}

/** Fills in a figure's subject, scope, plan and per-unit flags from its sentence. */
function describe(
  f: Figure,
  sc: ScanContext,
  rel: number,
  relEnd: number,
  prevEnd: number,
  english: boolean,
): void {
  const { hw, block } = sc;
  const lex = lexicon();
  const sIndex = sentenceIndexAt(sc, rel);
  const span = sc.sentences[sIndex];
  f.sentence = sIndex;
  if (english) f.english = true;
  f.plan = span.plan;
  f.scope = scopeOf(sc, sIndex - sc.sentenceBase);
  // The clause before the number: back to a delimiter or the previous figure.
  let c = rel;
  const floor = Math.max(prevEnd, span.start - block.start);
  while (c > floor && !CLAUSE_DELIM[hw.charCodeAt(c - 1)]) c--;
  const clause = hw.slice(c, rel);
  if (hw.charCodeAt(rel - 1) === 0x7684 || hw.charCodeAt(relEnd) === 0x7684) f.attributive = true;
  f.perUnit = perWordIn(clause, lex.perWords) || perAfter(hw, relEnd);
  const read = english ? englishSubjectBefore(clause) : subjectBefore(clause);
  if (read.change) f.change = read.change;
  if (read.reached) inheritsSubject.add(f);
  let subject = read.text;
  let subjectStart = block.start + c + read.offset;
  let side: 'before' | 'after' = 'before';
  const countLike = f.unitKind === 'count' && !TIMES_UNITS.has(f.unitText);
  if (!english && (countLike || (f.unitKind === 'measure' && subject.length < 2))) {
    const after = subjectAfter(hw.slice(relEnd, relEnd + 24));
    if (after && (!subject || after.length >= 2)) {
      subject = after;
      subjectStart = block.start + relEnd;
      side = 'after';
    }
  }
  if (english && f.unitKind === 'count') {
    const after = /^ ((?:[a-z][a-z-]* ){0,2}[a-z][a-z-]*)/.exec(hw.slice(relEnd, relEnd + 40));
    const words = after ? after[1].split(' ') : [];
    let k = 0;
    while (k < words.length && !EN_NOT_NOUN.test(words[k])) k++;
    const noun = words.slice(0, k).join(' ');
    if (!f.unitText && noun) {
      subject = noun;
      subjectStart = block.start + relEnd + 1;
      side = 'after';
    } else if (f.unitText) {
      // 45 contributors, 3 meetings: the counted noun is the metric.
      subject = f.unitText;
      subjectStart = f.unitStart;
      side = 'after';
    }
  }
  f.subjectText = subject;
  f.subjectStart = subject ? subjectStart : undefined;
  f.subjectSide = subject ? side : undefined;
  f.subject = normaliseSubject(subject, f.unitKind);
}

/** Table cells: a figure without a subject takes its row's header and column header. */
function tableSubjects(figs: Figure[], model: ReportModel): void {
  if (figs.length === 0) return;
  const cells = model.tableCells.filter((c) => c.start >= figs[0].start - 2000 && c.end <= figs[figs.length - 1].end + 2000);
  for (const f of figs) {
    const cell = cells.find((c) => c.start <= f.start && f.end <= c.end);
    if (!cell) continue;
    const rowHeader = cells.find((c) => c.row === cell.row && c.column === 0 && c.start < cell.start && Math.abs(c.start - cell.start) < 2000);
    const lineStart = model.lines.lineStarts[model.lines.lineAt(cell.start)];
    if (rowHeader && rowHeader.start >= lineStart && !/\d/.test(rowHeader.text)) {
      f.subjectText = rowHeader.text;
      f.subjectStart = rowHeader.start;
      f.subjectSide = 'before';
      f.subject = normaliseSubject(rowHeader.text, f.unitKind);
    }
  }
}

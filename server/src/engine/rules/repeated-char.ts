// repeated-char: a function character typed twice by accident (廉政谈话的的次数, 了了), and in any text a
// word typed twice (the the). DOMAIN D11; 《党政机关公文处理工作条例》第二十条 (文字准确). The English
// repeated word belongs to this rule rather than a separate one: it is the same slip, and one id
// lets users switch the whole check off at once.

import { stringMemo } from '../stringMemo';
import { dataOf } from '../data';
import { blockRule, type Rule } from './types';
import type { RuleFinding } from '../types';
import reduplicationSource from '../data/reduplication.yaml';

interface Whitelist {
  /** For each doubled pair "XX", the entries containing it and where the pair sits in them. */
  byPair: Map<string, { word: string; at: number }[]>;
  english: Set<string>;
  /** The characters checked at all (Han only), and those whose doubling is always a slip. */
  functionChars: Set<string>;
  always: Set<string>;
  /** A doubled character that may be a function character (see doubledPattern). */
  doubled: RegExp;
}

let whitelist: Whitelist | undefined;

/**
 * A character of the span from the lowest to the highest function character, typed twice: one
 * range test per character scanned, where (\p{Script=Han})\1 tests Han's ranges (≈ 30 M
 * instructions on a 1 MB report, against ≈ 11 M). A class of the ≈ 60 characters themselves is
 * slower still: V8 looks such a class up in a C++ helper for every character. The matches are
 * then kept only for the function characters, as before.
 */
function doubledPattern(chars: Set<string>): RegExp {
  let lo = Infinity;
  let hi = -1;
  for (const c of chars) {
    const cp = c.codePointAt(0)!;
    lo = Math.min(lo, cp);
    hi = Math.max(hi, cp);
  }
  if (hi < 0) return /(?!)/gu;
  const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
  return new RegExp(`([${hex(lo)}-${hex(hi)}])\\1`, 'gu');
}

function loadWhitelist(): Whitelist {
  if (whitelist) return whitelist;
  const raw = dataOf<{ words?: string[]; english?: string[]; function?: string[]; always?: string[] }>(reduplicationSource);
  const byPair = new Map<string, { word: string; at: number }[]>();
  for (const word of raw.words ?? []) {
    const chars = Array.from(word);
    let offset = 0;
    for (let i = 0; i + 1 < chars.length; i++) {
      if (chars[i] === chars[i + 1]) {
        const pair = chars[i] + chars[i];
        if (!byPair.has(pair)) byPair.set(pair, []);
        byPair.get(pair)!.push({ word, at: offset });
      }
      offset += chars[i].length;
    }
  }
  const functionChars = new Set([...(raw.function ?? []), ...(raw.always ?? [])].filter((c) => /^\p{Script=Han}$/u.test(c)));
  whitelist = {
    byPair,
    english: new Set((raw.english ?? []).map((w) => w.toLowerCase())),
    functionChars,
    always: new Set(raw.always ?? []),
    doubled: doubledPattern(functionChars),
  };
  return whitelist;
}

const EN_DOUBLED = /\b([A-Za-z]+)[ \t]+\1\b/gi;
const BREAK = /[\s，。；：？！、“”‘’（）《》〈〉【】,.;:?!()]/u;
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'and', 'of', 'to', 'in', 'for', 'on', 'with', 'by', 'at', 'from', 'be', 'are', 'was', 'it', 'we', 'will', 'our']);

// More findings than this in one paragraph say nothing more; the rest is skipped.
const MAX_PER_BLOCK = 100;

let segmenter: Intl.Segmenter | undefined;

/** True when a segmenter reads both characters of the pair as one-character words of their own. */
function isTwoLoneWords(text: string, i: number, len: number): boolean {
  const bounds = boundariesAround(text, i, i + 2 * len);
  return bounds.has(i) && bounds.has(i + len) && bounds.has(i + 2 * len);
}

// The segments' starts in a clause, memoised by the clause (≈ 130 k instructions a segmentation):
// clauses repeat in reports, and a re-check reads an edited paragraph's other clauses again.
const clauseStarts = stringMemo((clause: string): number[] => {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const starts: number[] = [];
  for (const s of segmenter.segment(clause)) starts.push(s.index);
  return starts;
});

/** The word boundaries a segmenter sees in the clause around [i, end) (never a whole paragraph: see PERFORMANCE.md). */
function boundariesAround(text: string, i: number, end: number): Set<number> {
  let from = i;
  while (from > 0 && i - from < 20 && !BREAK.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && to - end < 20 && !BREAK.test(text[to])) to++;
  const starts = clauseStarts(text.slice(from, to));
  const bounds = new Set<number>([to]);
  for (const k of starts) bounds.add(from + k);
  return bounds;
}

// 营造了良好了发展环境: a second 了 a few characters after the first, inside one clause, before a noun.
const SECOND_LE = /了(\p{Script=Han}{1,4}?)了(?=\p{Script=Han})/gu;

/** Finds a 了 repeated within a short clause where 的 (or nothing) was meant. */
function findSecondLe(text: string, base: number, findings: RuleFinding[]): void {
  SECOND_LE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SECOND_LE.exec(text))) {
    const i = m.index;
    const j = i + 1 + m[1].length;
    SECOND_LE.lastIndex = j;
    if (m[1].startsWith('了') || /[吗呢吧啊呀的]/u.test(text[j + 1])) continue;
    const b = boundariesAround(text, i, j + 1);
    // Both 了 must be words of their own (not 了解, 了不起, 吃了饭).
    if (!(b.has(i) && b.has(i + 1) && b.has(j) && b.has(j + 1))) continue;
    const start = base + j;
    findings.push({
      start,
      end: start + 1,
      message: {
        zh: `“了${m[1]}了”中第二个“了”疑为“的”之误或多余。`,
        en: `The second 了 in "了${m[1]}了" looks like a slip for 的, or is superfluous.`,
      },
      fixes: [
        { title: { zh: '改为“的”', en: 'Change to 的' }, edits: [{ start, end: start + 1, newText: '的' }] },
        { title: { zh: '删去“了”', en: 'Delete 了' }, edits: [{ start, end: start + 1, newText: '' }] },
      ],
      data: { char: '了', kind: 'second-le' },
    });
  }
}

function isWhitelisted(text: string, i: number, pair: string, list: Whitelist): boolean {
  for (const { word, at } of list.byPair.get(pair) ?? []) {
    const s = i - at;
    if (s >= 0 && text.startsWith(word, s)) return true;
  }
  return false;
}

export const repeatedCharRule: Rule = blockRule({
  id: 'repeated-char',
  defaultSeverity: 'warning',
  description: {
    zh: '误重复的字（“的的”“了了”）或英文单词（the the）；常常、天天、研究研究等正当叠用除外。',
    en: 'A character (的的, 了了) or an English word (the the) typed twice by accident; real reduplication (常常, 天天, 研究研究) is kept.',
  },
  checkBlock(block) {
    const findings: RuleFinding[] = [];
    const list = loadWhitelist();
    const text = block.text;
    const from = block.marker ? block.marker.end - block.start : 0;
    const doubled = list.doubled;
    doubled.lastIndex = from;
    let m: RegExpExecArray | null;
    const before = findings.length;
    while ((m = doubled.exec(text)) && findings.length - before < MAX_PER_BLOCK) {
      const i = m.index;
      const ch = m[1];
      const len = ch.length;
      // Let the regex find a run's later pairs too (的的的).
      doubled.lastIndex = i + len;
      const pair = ch + ch;
      if (!list.functionChars.has(ch)) continue;
      if (text.startsWith(ch, i - len)) continue; // the run was reported at its first pair
      // AABB (家家户户, 干干净净) and ABAB-style reduplication.
      const c3 = text.slice(i + 2 * len, i + 2 * len + 2);
      const next = Array.from(c3)[0];
      if (next && next !== ch && text.startsWith(next + next, i + 2 * len) && /\p{Script=Han}/u.test(next)) continue;
      const prev = Array.from(text.slice(Math.max(0, i - 4), i)).pop();
      if (prev && prev !== ch && text.startsWith(prev + prev, i - 2 * prev.length) && /\p{Script=Han}/u.test(prev)) continue;
      if (isWhitelisted(text, i, pair, list)) continue;
      if (!list.always.has(ch) && !isTwoLoneWords(text, i, len)) continue;
      const start = block.start + i;
      let end = start + 2 * len;
      while (text.startsWith(ch, end - block.start)) end += len;
      const run = text.slice(start - block.start, end - block.start);
      findings.push({
        start,
        end,
        message: { zh: `“${run}”疑为误重复，请删去多余的“${ch}”。`, en: `"${run}" looks like a doubled character: delete the extra "${ch}".` },
        fixes: [{ title: { zh: `改为“${ch}”`, en: `Change to "${ch}"` }, edits: [{ start, end, newText: ch }] }],
        data: { char: ch },
      });
    }
    if (text.includes('了')) findSecondLe(text.slice(from), block.start + from, findings);
    if (!/[A-Za-z]/.test(text)) return findings;
    EN_DOUBLED.lastIndex = from;
    while ((m = EN_DOUBLED.exec(text)) && findings.length - before < MAX_PER_BLOCK) {
      const a = m[1];
      const b = m[0].slice(m[0].length - a.length);
      const lower = a.toLowerCase();
      if (list.english.has(lower)) continue;
      // Names such as "Walla Walla" or "Bora Bora".
      if (/^[A-Z]/.test(a) && /^[A-Z]/.test(b) && !FUNCTION_WORDS.has(lower)) continue;
      // A word stuck to a Chinese character or a digit is not a whole word (the regex's \b is ASCII-only).
      const before = text.charAt(m.index - 1);
      const after = text.charAt(m.index + m[0].length);
      if (/[\p{L}\p{N}_]/u.test(before) || /[\p{L}\p{N}_]/u.test(after)) continue;
      const start = block.start + m.index;
      const end = start + m[0].length;
      const secondStart = end - b.length;
      findings.push({
        start,
        end,
        message: { zh: `单词“${a}”重复。`, en: `Repeated word "${a}".` },
        fixes: [{ title: { zh: `删去重复的“${b}”`, en: `Delete the second "${b}"` }, edits: [{ start: start + a.length, end: secondStart + b.length, newText: '' }], safe: true }],
        data: { word: lower },
      });
    }
    return findings;
  },
});

// The subject of a figure: the noun phrase the number measures, read from its clause.
//
// Words come from Intl.Segmenter (ICU's dictionary word breaks, built into Node): it keeps
// compound nouns whole (志愿者 / 服务队), so the stop-word and verb lists can be applied to
// words instead of characters, where they would cut nouns apart (建设 in 建设项目). It only
// ever sees one clause of at most MAX_CLAUSE characters (long inputs are super-linear in ICU),
// and clauses repeat a lot in reports, so results are memoised.

import { lexicon } from './lexicon';
import { stringMemo } from '../stringMemo';

const MAX_CLAUSE = 24;
const MAX_SUBJECT = 12;

// Made on first use: the first Intl.Segmenter of a process costs ≈ 17 ms (ICU builds its table of
// available locales), which a check that reads no Chinese figure — an English report, a small
// file, `--help` — need not pay.
let segmenter: Intl.Segmenter | undefined;

/** Splits a short span into words (memoised); pieces of a listed verb or particle are rejoined. */
export const wordsOf = stringMemo((s: string): string[] => {
  const lex = lexicon();
  const known = (w: string) => lex.actionVerbs.has(w) || lex.stopWords.has(w) || lex.changeUp.has(w) || lex.changeDown.has(w);
  const words: string[] = [];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const seg of segmenter.segment(s)) {
    const w = seg.segment;
    const prev = words[words.length - 1];
    // ICU splits some verbs (印/发): rejoin two pieces when together they are a listed word.
    if (prev !== undefined && prev.length + w.length <= 3 && known(prev + w) && !known(w)) words[words.length - 1] = prev + w;
    else words.push(w);
  }
  return words;
});

const HAN_WORD = /^[\p{Script=Han}]+$/u;
const LATIN_WORD = /^[A-Za-z][A-Za-z-]*$/;

export interface SubjectRead {
  /** The subject as written, and its offset inside the clause. */
  text: string;
  offset: number;
  /** A change verb (增长, 下降 …) right before the number. */
  change?: 'up' | 'down';
  /** The number is the level a change reached (增加到X). */
  reached?: boolean;
}

// Suffixes peeled off a clause before reading its subject, by characters (ICU sometimes glues
// them to the noun: 比上/年, 增加到): comparisons, qualifiers, particles.
const EXTRA_SUFFIXES = ['比上年同期', '比去年同期', '较上年同期', '比上年', '较上年', '比去年', '较去年', '同比', '环比', '拟按', '拟安排', '安排', '按', '拟', '比', '较', '达到', '达', '为', '到', '至', '了', '占', '超过', '超', '逾', '共', '计', '约', '近', '的'];
let suffixes: Map<string, string[]> | undefined;

/** The suffix words by their last character, longest first. */
function suffixesByLast(): Map<string, string[]> {
  if (!suffixes) {
    const lex = lexicon();
    const set = new Set<string>([...lex.stopWords, ...lex.changeUp, ...lex.changeDown, ...EXTRA_SUFFIXES]);
    suffixes = new Map();
    for (const w of set) {
      if (!w) continue;
      const last = w.charAt(w.length - 1);
      const list = suffixes.get(last);
      if (list) list.push(w);
      else suffixes.set(last, [w]);
    }
    for (const list of suffixes.values()) list.sort((a, b) => b.length - a.length);
  }
  return suffixes;
}

/** The longest listed suffix word `s` ends with. */
function longestSuffix(s: string): string | undefined {
  const list = suffixesByLast().get(s.charAt(s.length - 1));
  if (list) for (const w of list) if (s.endsWith(w)) return w;
  return undefined;
}

/** Peels comparison words, qualifiers and change verbs off the end of a clause. */
export function peelClause(clause: string): { rest: string; change?: 'up' | 'down'; reached?: boolean } {
  const lex = lexicon();
  let rest = clause.trimEnd();
  let change: 'up' | 'down' | undefined;
  let landing = false;
  let reached = false;
  for (let round = 0; round < 10; round++) {
    const hit = longestSuffix(rest);
    if (!hit) break;
    if (round === 0 && (hit === '到' || hit === '至' || hit === '为')) landing = true;
    const dir = lex.changeUp.has(hit) ? 'up' : lex.changeDown.has(hit) ? 'down' : undefined;
    // 增加到X is the level reached, 增加X the change.
    if (dir && !change && !reached) {
      if (landing) reached = true;
      else change = dir;
    }
    rest = rest.slice(0, rest.length - hit.length).trimEnd();
  }
  return { rest, change, reached: reached || undefined };
}

// Clauses repeat in reports (and a re-check reads the edited paragraph again): subjects are
// memoised by the clause, like the words.
/** Reads the subject back from the end of `clause` (the text just before a number). Do not modify the result. */
export const subjectBefore: (clause: string) => SubjectRead = stringMemo((clause) => readSubjectBefore(clause));

function readSubjectBefore(clause: string): SubjectRead {
  const lex = lexicon();
  const peeled = peelClause(clause.length > MAX_CLAUSE ? clause.slice(clause.length - MAX_CLAUSE) : clause);
  const span = peeled.rest;
  const base = (clause.length > MAX_CLAUSE ? clause.length - MAX_CLAUSE : 0);
  const words = wordsOf(span);
  const end = words.length;
  let start = end;
  let length = 0;
  while (start > 0) {
    const w = words[start - 1];
    if (!HAN_WORD.test(w) || lex.stopWords.has(w)) break;
    if (lex.changeUp.has(w) || lex.changeDown.has(w)) break;
    if (length + w.length > MAX_SUBJECT) break;
    length += w.length;
    start--;
  }
  // 召开专题会议 → 专题会议: the object of the last verb of doing, when there is one.
  for (let i = end - 1; i > start; i--) {
    if (lex.actionVerbs.has(words[i - 1])) {
      start = i;
      break;
    }
  }
  let offset = 0;
  for (let i = 0; i < start; i++) offset += words[i].length;
  const text = words.slice(start, end).join('');
  return { text, offset: base + offset, change: peeled.change, reached: peeled.reached };
}

/** Reads a subject after a classifier (组建了11支志愿者服务队 → 志愿者服务队), or ''. */
export function subjectAfter(rest: string): string {
  return subjectAfterSpan(rest.length > MAX_CLAUSE ? rest.slice(0, MAX_CLAUSE) : rest);
}
const subjectAfterSpan = stringMemo((span) => readSubjectAfter(span));

function readSubjectAfter(span: string): string {
  const lex = lexicon();
  const words = wordsOf(span);
  let text = '';
  for (const w of words) {
    if (!HAN_WORD.test(w) || lex.stopWords.has(w) || w === '的') break;
    if (lex.actionVerbs.has(w) || lex.changeUp.has(w) || lex.changeDown.has(w)) break;
    if (text.length + w.length > MAX_SUBJECT) break;
    text += w;
  }
  return text;
}

/** Reads an English subject: the last few words before the number, without function words. */
export function englishSubjectBefore(clause: string): SubjectRead {
  const m = /((?:[A-Za-z][A-Za-z-]*\s+){0,3}[A-Za-z][A-Za-z-]*)\s*$/.exec(clause.slice(-60));
  if (!m) return { text: '', offset: clause.length };
  const words = m[1].split(/\s+/);
  const stop = /^(?:of|to|by|at|in|on|the|a|an|was|were|is|are|be|been|reached|totaled|totalled|with|and|or|for|from|about|around|over|nearly|approximately|almost|than|more|less|up|down|rose|fell|grew|increased|decreased|by|which|including|total|we|our|had|has|have|some)$/i;
  let k = words.length;
  while (k > 0 && stop.test(words[k - 1])) k--;
  let s = k;
  while (s > 0 && !stop.test(words[s - 1])) s--;
  const picked = words.slice(s, k);
  const text = picked.join(' ');
  const idx = text ? clause.lastIndexOf(text) : clause.length;
  const up = /\b(?:up|rose|grew|increased|increase of|growth of)\s*$/i.test(clause);
  const down = /\b(?:down|fell|dropped|decreased|decrease of|declined)\s*$/i.test(clause);
  return { text, offset: idx < 0 ? clause.length : idx, change: up ? 'up' : down ? 'down' : undefined };
}

/** The key under which mentions of one metric meet: 的 and counting suffixes dropped. */
export function normaliseSubject(s: string, unitKind: string): string {
  let k = s.includes('的') ? s.replace(/的/gu, '') : s;
  if (SPACE.test(k)) k = k.replace(/\s+/g, ' ').trim();
  if (LATIN_UPPER.test(k)) k = k.toLowerCase();
  if (unitKind === 'count' && (k.endsWith('数') || k.endsWith('量'))) k = k.replace(/(?:总人数|人数|总数|数量|总量|人次数|数)$/u, '');
  return k;
}

const SPACE = /\s/;
// toLowerCase changes only letters with case: Latin and a few other scripts (Greek, Cyrillic …).
const LATIN_UPPER = /[^\u0000-\u0040\u005b-\u00bf\u3000-\u9fff\uff00-\uff20\uff3b-\uffef]/;

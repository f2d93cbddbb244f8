// term: official formulations (固定表述) that must be exact — 两个确立, 两个维护, 四个意识 in its fixed
// order, 不忘初心、牢记使命, 二十届三中全会 … — from the dated dictionary data/terms.yaml plus the
// user's `terms:` in .reportlint.yaml. Known wrong forms, near misses of the canonical text
// (edit distance ≤ 2) and series in the wrong order or with a member missing are reported.
// 《党政机关公文处理工作条例》第二十条 (审核：引文、提法是否准确); DOMAIN D12.

import { dataOf } from '../data';
import { blockRule, type Rule, type RuleContext } from './types';
import type { Fix, RuleFinding, Severity } from '../types';
import type { Block } from '../model';
import { compileDataPattern, compileUserPattern } from '../patterns';
import { toChineseNumeral } from '../numerals';
import { isInsideSurrogatePair } from '../text';
import { reportDate } from './vague-time';
import termsSource from '../data/terms.yaml';

interface WrongForm {
  regex: RegExp;
  /** A literal every match contains: blocks without it are skipped cheaply. */
  literal?: string;
  /** Replacement template ($1 …); undefined: the canonical text. */
  fix?: string;
  /** Digits in the captured groups become Chinese numerals. */
  numeral?: boolean;
}

export interface TermEntry {
  id: string;
  name: string;
  canonical: string;
  wrong: WrongForm[];
  near: boolean;
  allow: string[];
  series?: { members: string[]; suffix: string; regex: RegExp };
  source?: string;
  /** YYYY-MM-DD from which the entry applies. */
  effective?: string;
  /** For usage advice weaker than a binding formulation. */
  severity?: Severity;
}

interface RawEntry {
  severity?: Severity;
  id?: string;
  name?: string;
  canonical?: string;
  wrong?: (string | { pattern: string; fix?: string; numeral?: boolean })[];
  near?: boolean;
  allow?: string[];
  series?: { members: string[]; suffix: string; notBefore?: string };
  source?: string;
  effective?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The longest run of Chinese characters outside groups and classes of a regex source. */
function literalOf(source: string): string | undefined {
  let best = '';
  let run = '';
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; run = ''; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; run = ''; continue; }
    if (c === '(') { depth++; run = ''; continue; }
    if (c === ')') { depth--; run = ''; continue; }
    if (depth === 0 && /\p{Script=Han}/u.test(c) && !/[?*+{]/.test(source[i + 1] ?? '')) {
      run += c;
      if (run.length > best.length) best = run;
    } else run = '';
  }
  return best.length >= 2 ? best : undefined;
}

function toEntry(raw: RawEntry, user: boolean): TermEntry | undefined {
  if (!raw || typeof raw.canonical !== 'string' || !raw.canonical) return undefined;
  const wrong: WrongForm[] = [];
  for (const w of raw.wrong ?? []) {
    if (typeof w === 'string') {
      // A user's string is a literal or /regex/ (checked for safety); ours is always literal.
      const regex = user ? compileUserPattern(w).regex : new RegExp(escape(w), 'gu');
      wrong.push({ regex, literal: /^\/.+\/[a-z]*$/s.test(w) ? literalOf(w) : w });
    } else if (w && typeof w.pattern === 'string') {
      const r = compileDataPattern(w.pattern);
      wrong.push({ regex: new RegExp(r.source, r.flags.includes('i') ? 'giu' : 'gu'), literal: literalOf(w.pattern), fix: w.fix, numeral: w.numeral });
    }
  }
  const entry: TermEntry = {
    id: raw.id ?? raw.canonical,
    name: raw.name ?? raw.canonical,
    canonical: raw.canonical,
    wrong,
    near: raw.near ?? user,
    allow: raw.allow ?? [],
    source: raw.source,
    effective: raw.effective !== undefined ? String(raw.effective) : undefined,
    severity: raw.severity === 'info' || raw.severity === 'hint' ? raw.severity : undefined,
  };
  if (raw.series?.members?.length) {
    const alt = raw.series.members.map(escape).join('|');
    // notBefore: 意识 followed by 形态 is 意识形态 (ideology), not the series' suffix.
    const guard = raw.series.notBefore ? `(?!${escape(raw.series.notBefore)})` : '';
    entry.series = { ...raw.series, regex: new RegExp(`(${alt})(${escape(raw.series.suffix)}${guard})?`, 'gu') };
  }
  return entry;
}

let builtin: TermEntry[] | undefined;

/** The built-in dictionary, parsed once. */
export function builtinTerms(): TermEntry[] {
  if (!builtin) {
    const raw = dataOf<{ entries?: RawEntry[] }>(termsSource);
    builtin = (raw.entries ?? []).map((e) => toEntry(e, false)).filter((e): e is TermEntry => !!e);
  }
  return builtin;
}

/** The user's `terms:` entries (already validated by the config schema). */
function userTerms(value: unknown): TermEntry[] {
  if (!Array.isArray(value)) return [];
  const out: TermEntry[] = [];
  for (const raw of value as RawEntry[]) {
    try {
      const e = toEntry(raw, true);
      if (e) out.push(e);
    } catch {
      // An unsafe or invalid pattern is reported by the config validation; the entry is skipped.
    }
  }
  return out;
}

const charSets = new Map<string, Set<number>>();
/**
 * Whether any of the words occurs in the text. A loop, not `words.some((x) => text.includes(x))`:
 * that closure was made for every term, in every block, on every check.
 */
function anyIn(text: string, words: string[]): boolean {
  for (let i = 0; i < words.length; i++) if (text.includes(words[i])) return true;
  return false;
}

function startsWithAny(text: string, words: string[], at: number): boolean {
  for (let i = 0; i < words.length; i++) if (text.startsWith(words[i], at)) return true;
  return false;
}

/** The first two characters of a canonical form, where a near miss is looked for (cut once). */
const anchors = new Map<string, string>();
function anchorOf(canonical: string): string {
  let a = anchors.get(canonical);
  if (a === undefined) anchors.set(canonical, (a = canonical.slice(0, 2)));
  return a;
}

function charsOf(s: string): Set<number> {
  let set = charSets.get(s);
  if (!set) {
    set = new Set<number>();
    for (let i = 0; i < s.length; i++) set.add(s.charCodeAt(i));
    charSets.set(s, set);
  }
  return set;
}

/**
 * A cheap test that rules out most places before the edit distance is computed: a text within
 * `maxD` edits of `pattern` keeps at least pattern.length − maxD of its characters, all among the
 * first pattern.length + maxD characters from `at` (the longest match `prefixDistance` looks at).
 */
function mayBeNear(pattern: string, chars: Set<number>, text: string, at: number, maxD: number): boolean {
  const need = pattern.length - maxD;
  const end = Math.min(text.length, at + pattern.length + maxD);
  let common = 0;
  for (let k = at; k < end; k++) if (chars.has(text.charCodeAt(k)) && ++common >= need) return true;
  return false;
}

/**
 * Edit distance between `pattern` and the best-matching prefix of `text` from `at` (free end):
 * returns the distance and the matched length. O(|pattern| × (|pattern| + maxD)).
 */
function prefixDistance(pattern: string, text: string, at: number, maxD: number): { d: number; len: number } {
  const L = pattern.length;
  // The match never runs over punctuation or space the canonical text does not have there.
  let W = 0;
  const limit = Math.min(text.length - at, L + maxD);
  const pauses = /[、，；]/u.test(pattern);
  const allowed = (c: string) => !STOP.test(c) || pattern.includes(c) || (pauses && /[、，,；;]/u.test(c));
  while (W < limit && allowed(text[at + W])) W++;
  let prev = new Array<number>(W + 1);
  let cur = new Array<number>(W + 1);
  for (let k = 0; k <= W; k++) prev[k] = k;
  for (let j = 1; j <= L; j++) {
    cur[0] = j;
    const pc = pattern.charCodeAt(j - 1);
    for (let k = 1; k <= W; k++) {
      const cost = pc === text.charCodeAt(at + k - 1) ? 0 : 1;
      cur[k] = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = { d: Infinity, len: 0 };
  for (let k = Math.max(0, L - maxD); k <= W; k++) {
    if (prev[k] < best.d || (prev[k] === best.d && Math.abs(k - L) < Math.abs(best.len - L))) best = { d: prev[k], len: k };
  }
  return best;
}

// More findings than this in one paragraph say nothing more; the rest is skipped.
const MAX_PER_BLOCK = 100;
const STOP = /[\s，。；：！？、“”‘’（）《》,.;:!?()]/u;
const maxDistance = (len: number) => (len >= 16 ? 2 : len >= 10 ? 1 : 0);

function applyTemplate(template: string, m: RegExpExecArray, numeral: boolean): string {
  return template.replace(/\$(\d)/g, (_, n: string) => {
    const g = m[Number(n)] ?? '';
    return numeral && /^[0-9]+$/.test(g) ? toChineseNumeral(Number(g)) : g;
  });
}

function replaceFix(start: number, end: number, text: string, safe: boolean): Fix[] {
  return [{ title: { zh: `改为“${text}”`, en: `Change to "${text}"` }, edits: [{ start, end, newText: text }], safe }];
}

/** The authority an entry rests on, for messages: its source up to the first "；". */
function sourceNote(e: TermEntry): { zh: string; en: string } {
  const source = e.source?.split('；')[0].trim();
  return source ? { zh: `（依据：${source}）`, en: ` (source: ${source})` } : { zh: '', en: '' };
}

function checkSeries(e: TermEntry, block: Block, findings: RuleFinding[]): void {
  const s = e.series!;
  const text = block.text;
  s.regex.lastIndex = 0;
  type Hit = { member: string; suffix: boolean; start: number; end: number };
  const runs: Hit[][] = [];
  let m: RegExpExecArray | null;
  while ((m = s.regex.exec(text))) {
    const hit = { member: m[1], suffix: !!m[2], start: m.index, end: m.index + m[0].length };
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && hit.start === last.end + 1 && /[、，,和与及]/u.test(text[last.end])) run.push(hit);
    else runs.push([hit]);
  }
  for (const run of runs) {
    if (run.length < 2 || !run[run.length - 1].suffix) continue;
    const names = run.map((h) => h.member);
    if (new Set(names).size !== names.length) continue;
    const order = names.map((n) => s.members.indexOf(n));
    const inOrder = order.every((v, i) => i === 0 || v > order[i - 1]);
    const allSuffixed = run.every((h) => h.suffix);
    const write = (members: string[]) => (allSuffixed ? members.map((x) => x + s.suffix).join('、') : members.join('、') + s.suffix);
    const start = block.start + run[0].start;
    const end = block.start + run[run.length - 1].end;
    const note = sourceNote(e);
    if (!inOrder && run.length >= 3) {
      const fixed = write(s.members.filter((x) => names.includes(x)));
      findings.push({
        start,
        end,
        message: { zh: `“${e.name}”的顺序是固定的：${e.canonical}${note.zh}。`, en: `"${e.name}" has a fixed order: ${e.canonical}${note.en}.` },
        fixes: replaceFix(start, end, fixed, run.length === s.members.length),
        data: { term: e.id, kind: 'order' },
      });
    } else if (run.length === s.members.length - 1 && run.length >= 3) {
      const missing = s.members.filter((x) => !names.includes(x));
      const fixed = write(s.members);
      findings.push({
        start,
        end,
        message: { zh: `“${e.name}”缺少“${missing.join('、')}${s.suffix}”，应为：${e.canonical}${note.zh}。`, en: `"${e.name}" lacks "${missing.join(', ')}${s.suffix}": ${e.canonical}${note.en}.` },
        fixes: inOrder ? replaceFix(start, end, fixed, false) : undefined,
        data: { term: e.id, kind: 'missing' },
      });
    }
  }
}

/** The report's date as YYYY-MM-DD (the last day of its month or year when not stated), computed once per model. */
const asOfCache = new WeakMap<object, { asOf: string | undefined }>();
function asOfDate({ model }: RuleContext): string | undefined {
  let c = asOfCache.get(model);
  if (!c) {
    const date = reportDate(model);
    c = { asOf: date ? `${date.year}-${String(date.month ?? 12).padStart(2, '0')}-${String(date.day ?? 31).padStart(2, '0')}` : undefined };
    asOfCache.set(model, c);
  }
  return c.asOf;
}

/**
 * One regex for all the literals a block must contain for any entry to find something in it: each
 * wrong form's literal, each series member, each anchor of a near-miss search. A block where it
 * finds none (nearly every block) has no finding, and skips the per-entry searches, ≈ 30 string
 * scans and calls a block (≈ 0.17 G instructions on a 1 MB report). Undefined when a wrong form
 * has no literal (a user's regex without one): then every block is searched as before.
 */
function gateOf(entries: TermEntry[]): RegExp | undefined {
  const words = new Set<string>();
  for (const e of entries) {
    for (const w of e.wrong) {
      if (!w.literal) return undefined;
      words.add(w.literal);
    }
    if (e.series) for (const m of e.series.members) words.add(m);
    if (e.near && maxDistance(e.canonical.length) > 0) words.add(anchorOf(e.canonical));
  }
  if (words.size === 0) return /(?!)/;
  if ([...words].some((w) => w === '')) return undefined;
  // Without the u flag the regex compares UTF-16 code units, as `includes` and `indexOf` do.
  return new RegExp([...words].map(escape).join('|'));
}

/** The entries in force on a date (the last list is kept: checks of one document ask the same). */
let lastEntries: { asOf: string | undefined; user: unknown; entries: TermEntry[]; gate: RegExp | undefined } | undefined;
function entriesFor(asOf: string | undefined, user: unknown): { entries: TermEntry[]; gate: RegExp | undefined } {
  if (lastEntries && lastEntries.asOf === asOf && lastEntries.user === user) return lastEntries;
  const entries = [...builtinTerms(), ...userTerms(user)].filter((e) => !asOf || !e.effective || e.effective <= asOf);
  lastEntries = { asOf, user, entries, gate: gateOf(entries) };
  return lastEntries;
}

export const termRule: Rule = blockRule({
  id: 'term',
  defaultSeverity: 'warning',
  description: {
    zh: '固定表述不准确：“两个确立”“两个维护”“四个意识”“不忘初心、牢记使命”“二十届三中全会”等须与规范表述完全一致（词典可在 .reportlint.yaml 的 terms 中扩充）。',
    en: 'Official formulations (两个确立, 两个维护, 四个意识, 不忘初心、牢记使命, 二十届三中全会 …) must be exact; extend the dictionary with `terms:` in .reportlint.yaml.',
  },
  // Entries take effect on a date: the findings of a block depend on the report's date too.
  blockContext: (ctx) => asOfDate(ctx) ?? '',
  checkBlock(block, ctx) {
    const { entries, gate } = entriesFor(asOfDate(ctx), ctx.config.extensions.terms);
    const text = block.text;
    if (gate && !gate.test(text)) return [];
    const own: RuleFinding[] = [];
    const overlaps = (s: number, t: number) => own.some((f) => f.start < t && s < f.end);
    for (let ei = 0; ei < entries.length; ei++) {
      const e = entries[ei];
      for (let wi = 0; wi < e.wrong.length; wi++) {
        const w = e.wrong[wi];
        if (w.literal && !text.includes(w.literal)) continue;
        w.regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = w.regex.exec(text)) && own.length < MAX_PER_BLOCK) {
          if (m[0].length === 0) {
            w.regex.lastIndex++;
            continue;
          }
          const start = block.start + m.index;
          const end = start + m[0].length;
          if (overlaps(start, end)) continue;
          const good = w.fix !== undefined ? applyTemplate(w.fix, m, !!w.numeral) : e.canonical;
          if (good === m[0]) continue;
          const note = sourceNote(e);
          own.push({
            start,
            end,
            message: { zh: `“${m[0]}”表述不规范，应为“${good}”${note.zh}。`, en: `"${m[0]}" is not the official wording of ${e.name}: write "${good}"${note.en}.` },
            fixes: replaceFix(start, end, good, true),
            severity: e.severity,
            data: { term: e.id, kind: 'wrong' },
          });
        }
      }
      if (e.series && anyIn(text, e.series.members)) checkSeries(e, block, own);
      if (!e.near) continue;
      const maxD = maxDistance(e.canonical.length);
      if (maxD === 0) continue;
      const anchor = anchorOf(e.canonical);
      const chars = charsOf(e.canonical);
      for (let at = text.indexOf(anchor); at >= 0 && own.length < MAX_PER_BLOCK; at = text.indexOf(anchor, at + 1)) {
        if (text.startsWith(e.canonical, at)) continue;
        if (!mayBeNear(e.canonical, chars, text, at, maxD)) continue;
        if (startsWithAny(text, e.allow, at)) continue;
        const { d, len } = prefixDistance(e.canonical, text, at, maxD);
        if (d === 0 || d > maxD) continue;
        // Never end a range inside a surrogate pair (𠮷).
        if (isInsideSurrogatePair(text, at + len)) continue;
        // Only when the text around is Chinese prose, not a list of half-similar words.
        const found = text.slice(at, at + len);
        if (/[\s\r\n]/u.test(found)) continue;
        const start = block.start + at;
        const end = start + len;
        if (overlaps(start, end)) continue;
        const note = sourceNote(e);
        own.push({
          start,
          end,
          message: { zh: `“${found}”与规范表述“${e.canonical}”不一致${note.zh}。`, en: `"${found}" differs from the official wording "${e.canonical}"${note.en}.` },
          fixes: replaceFix(start, end, e.canonical, false),
          data: { term: e.id, kind: 'near' },
        });
      }
    }
    return own;
  },
});

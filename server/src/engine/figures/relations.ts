// Relations between the figures of one sentence: parts of a total (其中), a total of parts (共),
// exhaustive parts (分别), a change (由A增至B), a growth rate (比上年的A增长x%), a share (占x%).

import type { ReportModel } from '../model';
import type { Figure, FigureRelation, FigureSet } from './types';
import { lexicon } from './lexicon';
import { isSpace } from '../text';

const PARTS_MARKERS = /其中|包括|包含|含有|（含|\(含|\bof which\b|\bincluding\b/giu;
const TOTAL_MARKERS = /共计|合计|总计|累计|一共|总共|共有|(?<![公中总一])共(?![同享产青识赢治商担创富筑谋振鸣性用存生通])|\bin total\b|\ba total of\b|\btotal(?:ling|ing)?\b/giu;
const RESPECTIVELY = /分别|\brespectively\b/iu;
// The same markers without their English alternatives, for text without a Latin vowel: each English
// alternative holds an a, e, i or o, which under /iu only those ASCII letters match, so there they
// find what the full patterns find. Case-insensitive Unicode matching with \b makes the full patterns
// an order of magnitude slower on Chinese text.
const PARTS_MARKERS_ZH = /其中|包括|包含|含有|（含|\(含/g;
const TOTAL_MARKERS_ZH = /共计|合计|总计|累计|一共|总共|共有|(?<![公中总一])共(?![同享产青识赢治商担创富筑谋振鸣性用存生通])/g;
// How many figures back a relation may reach within one sentence (keeps a run-on line linear).
const LOOK_BACK = 24;
const FROM_BEFORE = /(?:由|从)[^，。；,;]{0,12}$|\bfrom\s*$/iu;
const TO_BETWEEN = /^[^，。；,;]{0,6}?(增长|增加|提高|提升|上升|上涨|扩大|增|升|下降|降低|减少|回落|缩小|降|减)[了]?(至|到|为)\s*$|^\s*to\s*$/iu;
const BASE_BEFORE = /(?:比|较|同比|相比)[^，。；,;]{0,10}的$/u;
const RATE_BETWEEN = /^[^。；;]{0,10}?(增长|增加|提高|提升|上升|上涨|扩大|增|升|下降|降低|减少|回落|缩小|降|减|\bup\b|\bdown\b|increase of|decrease of|increased by|decreased by|rose by|fell by|grew by|rise of|drop of)[了]?(到|至|为)?\s*$/iu;
const SHARE_BEFORE = /占(?:[^，。；,;]{0,16}?(?:的|比重|比例))?(?:为|达到?)?$|占比(?:为|达到?)?$|比重(?:为|达到?)?$|\baccounting for\s*$|\bor\s*$/iu;

const DOWN = /下降|降低|减少|回落|缩小|降|减|down|decrease|fell|drop/iu;

function lastMatch(re: RegExp, s: string): string | undefined {
  re.lastIndex = 0;
  let last: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    last = m[0];
    if (m[0].length === 0) re.lastIndex++;
  }
  return last;
}

const isRate = (f: Figure) => f.unit === '%' || f.unit === '个百分点' || f.unit === '倍';
const additive = (f: Figure) => f.unitKind === 'count' || f.unitKind === 'measure';

// Which markers a gap between figures may hold, from one pass over its characters: each
// pattern below is run only when the gap has a character every match of it needs.
const H_PARTS = 1; // 其中 包括 包含 含
const H_TOTAL = 2; // 共, 共计 合计 总计 累计
const H_RESP = 4; // 分
const H_FROM = 8; // 由 从
const H_BASE = 16; // 比 较
const H_SHARE = 32; // 占 比
const H_LATIN = 64; // of which, including, total, respectively, from, accounting for, or: a vowel a e i o

// The characters after which 共 is not a total (TOTAL_MARKERS' lookahead).
const NOT_TOTAL_AFTER = new Set(Array.from('同享产青识赢治商担创富筑谋振鸣性用存生通', (c) => c.charCodeAt(0)));

function hintsOf(s: string): number {
  let h = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) {
      // Every English marker has one of a e i o (XX placeholders have none).
      const l = c | 32;
      if (l === 97 || l === 101 || l === 105 || l === 111) h |= H_LATIN;
      continue;
    }
    switch (c) {
      case 0x5176: // 其中
        if (s.charCodeAt(k + 1) === 0x4e2d) h |= H_PARTS;
        break;
      case 0x5305: // 包括 包含
        if (s.charCodeAt(k + 1) === 0x62ec || s.charCodeAt(k + 1) === 0x542b) h |= H_PARTS;
        break;
      case 0x542b: // 含
        h |= H_PARTS;
        break;
      case 0x5171: {
        // 共 as TOTAL_MARKERS reads it: 共计 一共 总共 共有, or 共 not in 公共 中共 共同 共享 …
        const p = s.charCodeAt(k - 1);
        const n = s.charCodeAt(k + 1);
        if (n === 0x8ba1 || n === 0x6709 || p === 0x4e00 || p === 0x603b || (p !== 0x516c && p !== 0x4e2d && !NOT_TOTAL_AFTER.has(n))) h |= H_TOTAL;
        break;
      }
      case 0x8ba1: { // 共计 合计 总计 累计
        const p = s.charCodeAt(k - 1);
        if (p === 0x5171 || p === 0x5408 || p === 0x603b || p === 0x7d2f) h |= H_TOTAL;
        break;
      }
      case 0x5206:
        h |= H_RESP;
        break;
      case 0x7531:
      case 0x4ece:
        h |= H_FROM;
        break;
      case 0x6bd4:
        h |= H_BASE | H_SHARE;
        break;
      case 0x8f83:
        h |= H_BASE;
        break;
      case 0x5360:
        h |= H_SHARE;
        break;
    }
  }
  return h;
}

const partsMarkerIn = (gap: string, h: number) => (h & H_LATIN ? lastMatch(PARTS_MARKERS, gap) : h & H_PARTS ? lastMatch(PARTS_MARKERS_ZH, gap) : undefined);
const totalMarkerIn = (gap: string, h: number) => (h & H_LATIN ? lastMatch(TOTAL_MARKERS, gap) : h & H_TOTAL ? lastMatch(TOTAL_MARKERS_ZH, gap) : undefined);
const respectivelyIn = (gap: string, h: number) => (h & H_LATIN ? RESPECTIVELY.test(gap) : (h & H_RESP) !== 0 && gap.includes('分别'));

/** RESPECTIVELY.test(s), the English alternative tried only where a Latin vowel is. */
function saysRespectively(s: string): boolean {
  if (s.includes('分别')) return true;
  for (let k = 0; k < s.length; k++) {
    const l = s.charCodeAt(k) | 32;
    if (l === 97 || l === 101 || l === 105 || l === 111) return RESPECTIVELY.test(s);
  }
  return false;
}

/** `in total` right after a figure (7 meetings in total). */
function inTotalAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if ((c | 32) !== 105 && !isSpace(c)) return false;
  return /^\s*in total\b/i.test(text.slice(end, end + 12));
}

// Scratch, reused for each sentence (findRelations does not nest): the gaps before its figures,
// their marker hints, the figures already placed in a relation, and the relation of each part.
const GAPS: string[] = [];
const HINTS: number[] = [];
const USED = new Set<number>();
const PART_OF = new Map<number, FigureRelation>();

/** Where relations are written: `relations[nRelations]` on (by index: the list may hold an earlier version's). */
export interface RelationOut {
  relations: FigureRelation[];
  nRelations: number;
}

/**
 * Finds the relations of the sentences of `figures[from…end)` (one block's, in document order) and
 * appends them to `out`. True when a relation of the block's first sentence (`firstSentence`)
 * had to look at the sentence before it, in the block before: the result depends on that block.
 */
export function findRelations(model: ReportModel, figures: Figure[], sentences: FigureSet['sentences'], out: RelationOut, from = 0, end = figures.length, firstSentence = 0): boolean {
  const lex = lexicon();
  const relations = out.relations;
  const text = model.text;
  let dependent = false;
  let i0 = from;
  while (i0 < end) {
    let i1 = i0;
    while (i1 < end && figures[i1].sentence === figures[i0].sentence) i1++;
    const F = figures.slice(i0, i1);
    const sent = sentences[F[0].sentence];
    const gaps = GAPS;
    const hints = HINTS;
    for (let k = 0; k < F.length; k++) {
      gaps[k] = text.slice(k === 0 ? sent.start : F[k - 1].end, F[k].start);
      hints[k] = hintsOf(gaps[k]);
    }
    const between = (k: number) => gaps[k];
    const used = USED;
    const partOf = PART_OF;
    // Most sentences make no relation: clear() allocates a new table even for an empty Set or Map.
    if (used.size !== 0) used.clear();
    if (partOf.size !== 0) partOf.clear();
    let barrier = 0;
    // Parts and totals.
    for (let i = 0; i < F.length; i++) {
      const f = F[i];
      const gap = between(i);
      const h = hints[i];
      const partsMarker = partsMarkerIn(gap, h) ?? (h & H_PARTS && /含$/u.test(gap) ? '含' : undefined);
      // English may put the marker after the total: 7 meetings in total.
      const totalMarker = totalMarkerIn(gap, h) ?? (inTotalAfter(text, f.end) ? 'in total' : undefined);
      if (partsMarker && additive(f) && !f.perUnit) {
        let whole: Figure | undefined;
        for (let j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
          const g = F[j];
          if (g.unit === f.unit && !g.perUnit && !g.change && !used.has(g.id)) {
            whole = g;
            break;
          }
        }
        if (!whole && i === 0 && /^[\s，,]*(?:其中|of which)/iu.test(gap)) {
          if (i0 === from && f.sentence === firstSentence) dependent = true;
          whole = previousSentenceWhole(figures, i0, f, sentences);
        }
        if (!whole) continue;
        const parts: Figure[] = [];
        let k = i;
        for (; k < F.length; k++) {
          const g = F[k];
          if (g.unit !== f.unit) {
            if (isRate(g) && hints[k] & (H_SHARE | H_LATIN) && SHARE_BEFORE.test(between(k))) continue;
            break;
          }
          const gGap = between(k);
          if (k > i && (partsMarkerIn(gGap, hints[k]) || totalMarkerIn(gGap, hints[k]))) break;
          if (k > i && startsWithVerb(gGap, lex.actionVerbs)) break;
          if (g.perUnit || g.change) break;
          parts.push(g);
        }
        if (parts.length === 0) continue;
        // 分别 after the marker (其中A、B分别为…) makes the parts exhaustive.
        const afterMarker = gap.slice(gap.lastIndexOf(partsMarker));
        const exhaustive = saysRespectively(afterMarker) || parts.slice(1).some((_, n) => respectivelyIn(between(i + n + 1), hints[i + n + 1]));
        const rel: FigureRelation = {
          kind: 'parts',
          whole: whole.id,
          parts: parts.map((p) => p.id),
          exhaustive: exhaustive || undefined,
          marker: partsMarker.replace(/^[（(]/u, ''),
          start: whole.start,
          end: parts[parts.length - 1].end,
        };
        relations[out.nRelations++] = rel;
        for (const p of parts) {
          used.add(p.id);
          partOf.set(p.id, rel);
        }
        used.add(whole.id);
        barrier = i + parts.length;
        i = i + parts.length - 1;
        continue;
      }
      if (totalMarker && additive(f) && !f.perUnit && !f.change) {
        // The parts: a run of figures right before the total (A 3个、B 4个，共7个), close together.
        const prev: Figure[] = [];
        for (let j = i - 1; j >= Math.max(barrier, i - LOOK_BACK); j--) {
          const g = F[j];
          const next = j + 1 < F.length ? F[j + 1] : f;
          const gapLen = next.start - g.end;
          if (gapLen > (j === i - 1 ? (f.english ? 16 : 8) : 20) || g.unit !== f.unit || g.perUnit || g.change || used.has(g.id)) break;
          prev.unshift(g);
        }
        // Parts name different things (道路/桥梁), or slices of the total's own metric (3 meetings in May, 4 in June).
        const distinct = prev.every((g) => g.subject) && (new Set(prev.map((g) => g.subject)).size === prev.length || prev.every((g) => g.subject === f.subject));
        // A、B分别为5户和6户，共12户: the subjects stand before 分别.
        const respectively = prev.length > 0 && saysRespectively(text.slice(Math.max(sent.start, prev[0].start - 40), prev[0].start));
        if (prev.length >= 2 && (distinct || respectively)) {
          relations[out.nRelations++] = { kind: 'total', whole: f.id, parts: prev.map((p) => p.id), exhaustive: respectively || undefined, marker: totalMarker, start: prev[0].start, end: f.end };
          for (const p of prev) used.add(p.id);
        }
        barrier = i + 1;
        continue;
      }
      if (respectivelyIn(gap, h) && additive(f)) {
        // 共12个，A、B分别为5个、7个 — parts of the earlier total.
        let whole: Figure | undefined;
        for (let j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
          if (F[j].unit === f.unit && totalMarkerIn(between(j), hints[j]) && !used.has(F[j].id)) {
            whole = F[j];
            break;
          }
        }
        if (!whole) continue;
        const parts: Figure[] = [];
        let k = i;
        for (; k < F.length && F[k].unit === f.unit && !F[k].perUnit; k++) parts.push(F[k]);
        if (parts.length < 2) continue;
        const rel: FigureRelation = { kind: 'parts', whole: whole.id, parts: parts.map((p) => p.id), exhaustive: true, marker: '分别', start: whole.start, end: parts[parts.length - 1].end };
        relations[out.nRelations++] = rel;
        for (const p of parts) {
          used.add(p.id);
          partOf.set(p.id, rel);
        }
        i = k - 1;
      }
    }
    // Changes, growth rates and shares.
    for (let i = 0; i < F.length; i++) {
      const f = F[i];
      const gap = between(i);
      const h = hints[i];
      if (i + 1 < F.length && h & (H_FROM | H_LATIN) && FROM_BEFORE.test(gap) && (f.unit === '%' || !isRate(f))) {
        const g = F[i + 1];
        const m = TO_BETWEEN.exec(between(i + 1));
        if (m && g.unit === f.unit) {
          const rel: FigureRelation = {
            kind: 'change',
            whole: f.id,
            to: g.id,
            parts: [],
            direction: m[1] ? (DOWN.test(m[1]) ? 'down' : 'up') : g.value >= f.value ? 'up' : 'down',
            marker: gap.match(/由|从|from/iu)?.[0] ?? '由',
            start: f.start,
            end: g.end,
          };
          const r = F[i + 2];
          const rm = r ? RATE_BETWEEN.exec(between(i + 2)) : null;
          if (r && rm && isRate(r)) {
            rel.rate = r.id;
            rel.direction = DOWN.test(rm[1]) ? 'down' : 'up';
            rel.multipleOf = !!rm[2] || undefined;
            rel.end = r.end;
          }
          relations[out.nRelations++] = rel;
          shareSubject(g, f);
          if (rel.rate !== undefined) shareSubject(F[i + 2], f);
          continue;
        }
      }
      if (h & H_BASE && BASE_BEFORE.test(gap) && !isRate(f)) {
        let current: Figure | undefined;
        for (let j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
          if (F[j].unit === f.unit) {
            current = F[j];
            break;
          }
        }
        const r = F[i + 1];
        const rm = r ? RATE_BETWEEN.exec(between(i + 1)) : null;
        if (current && r && rm && isRate(r)) {
          relations[out.nRelations++] = {
            kind: 'growth',
            whole: f.id,
            to: current.id,
            rate: r.id,
            parts: [],
            direction: DOWN.test(rm[1]) ? 'down' : 'up',
            multipleOf: !!rm[2] || undefined,
            marker: /比|较|相比/u.exec(gap)?.[0] ?? '比',
            start: current.start,
            end: r.end,
          };
          shareSubject(f, current);
          shareSubject(r, current);
        }
        continue;
      }
      if (f.unit === '%' && h & (H_SHARE | H_LATIN) && SHARE_BEFORE.test(gap) && i > 0) {
        let part: Figure | undefined;
        for (let j = i - 1; j >= Math.max(0, i - LOOK_BACK); j--) {
          if (additive(F[j])) {
            part = F[j];
            break;
          }
        }
        const rel = part ? partOf.get(part.id) : undefined;
        if (part && rel && rel.whole !== undefined) {
          relations[out.nRelations++] = { kind: 'share', whole: rel.whole, parts: [part.id], rate: f.id, marker: '占', start: part.start, end: f.end };
        }
      }
    }
    i0 = i1;
  }
  // The gaps are slices of the text: left in the scratch list, they would keep this version of the
  // whole document alive (and a linter's later checks would promote it into the old generation).
  for (let k = 0; k < GAPS.length; k++) GAPS[k] = '';
  return dependent;
}

/** A figure of a change or growth relation without its own subject takes the metric's. */
function shareSubject(target: Figure, from: Figure): void {
  if ((target.subject && !/^(?:比|较)/u.test(target.subject)) || !from.subject) return;
  target.subject = from.subject;
  target.subjectText = from.subjectText;
  target.subjectStart = from.subjectStart;
  target.subjectSide = from.subjectSide;
}

/** 其中 opening a sentence: the total is the last figure of the sentence before, same unit. */
function previousSentenceWhole(figures: Figure[], firstOfSentence: number, f: Figure, sentences: FigureSet['sentences']): Figure | undefined {
  const prevSentence = f.sentence - 1;
  if (prevSentence < 0 || sentences[prevSentence].end < sentences[f.sentence].start - 2) return undefined;
  for (let j = firstOfSentence - 1; j >= 0 && figures[j].sentence === prevSentence; j--) {
    const g = figures[j];
    if (g.unit === f.unit && !g.perUnit && !g.change) return g;
  }
  return undefined;
}

/** True when the clause before a figure starts (after its delimiter) with a verb of doing. */
function startsWithVerb(gap: string, verbs: Set<string>): boolean {
  const clause = gap.replace(/^.*[，,；;：:]/su, '').replace(/^\s+/u, '');
  for (let n = 2; n <= 3; n++) if (verbs.has(clause.slice(0, n))) return true;
  return false;
}

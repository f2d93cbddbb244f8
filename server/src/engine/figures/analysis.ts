// What the figure rules compute from the relations: sums of parts, growth rates, shares. Each
// check is kept whether it passes or not, so the hover can show the arithmetic either way.

import type { Fix, LocalizedText } from '../types';
import type { Figure, FigureRelation, FigureSet } from './types';
import { decimalsOf, formatNumber, parseArabic } from './numbers';

export type CheckRule = 'figure-part-exceeds-whole' | 'figure-sum-mismatch' | 'percentage-mismatch';

export interface FigureCheck {
  rule: CheckRule;
  ok: boolean;
  severity?: 'warning' | 'info';
  /** Where a failing check is reported. */
  start: number;
  end: number;
  /** The figures the check read. */
  figures: number[];
  message: LocalizedText;
  /** The arithmetic, for the hover: `17300 → 18650 is +7.8%, stated 12.5%`. */
  note: LocalizedText;
  fixes?: Fix[];
  data?: Record<string, unknown>;
}

const FULL_WIDTH_NUMBER = /[０-９．]/;
const FULL_WIDTH_NUMBER_G = /[０-９．]/g;

/** Half a unit of the last written digit, in base units: the rounding a stated value allows. */
export function roundingOf(f: Figure, text: string): number {
  if (f.chinese) return 0;
  let raw = text.slice(f.numberStart, f.numberEnd);
  if (FULL_WIDTH_NUMBER.test(raw)) raw = raw.replace(FULL_WIDTH_NUMBER_G, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  if (raw.startsWith('百分之')) return 0.5 * 10 ** -decimalsOf(raw.slice(3));
  const n = parseArabic(raw);
  const scale = n ? f.value / n : 1;
  const d = decimalsOf(raw);
  if (d === 0 && scale === 1) return 0;
  return 0.5 * 10 ** -d * scale;
}

interface Interval {
  lo: number;
  hi: number;
}

function span(f: Figure, text: string): Interval {
  const r = roundingOf(f, text);
  return { lo: f.low - r, hi: f.high + r };
}

function show(f: Figure): string {
  return f.text.replace(/\s+/g, '');
}

function fmt(n: number, d = 1): string {
  return formatNumber(n, d);
}

function subjectOr(f: Figure): string {
  return f.subjectText || show(f);
}

/** Runs every arithmetic check the relations allow. */
export function checkRelations(set: FigureSet, text: string): FigureCheck[] {
  const out: FigureCheck[] = [];
  checkRelationList(set.relations, 0, set.relations.length, set.figures, text, out);
  checkDecreaseMultiples(set.figures, 0, set.figures.length, out);
  return out;
}

/** The checks of `relations[from…to)` (figures by id in `F`), appended to `out`. */
export function checkRelationList(relations: FigureRelation[], from: number, to: number, F: Figure[], text: string, out: FigureCheck[]): void {
  for (let i = from; i < to; i++) {
    const rel = relations[i];
    if (rel.kind === 'parts' || rel.kind === 'total') checkSum(rel, F, text, out);
    else if (rel.kind === 'change' || rel.kind === 'growth') checkGrowth(rel, F, text, out);
    else if (rel.kind === 'share') checkShare(rel, F, text, out);
  }
}

/** 降低N倍 / 减少N倍 among `F[from…to)`: a decrease cannot be a multiple. */
export function checkDecreaseMultiples(F: Figure[], from: number, to: number, out: FigureCheck[]): void {
  for (let i = from; i < to; i++) {
    const f = F[i];
    if (f.unit === '倍' && f.change === 'down') {
      out.push({
        rule: 'percentage-mismatch',
        ok: false,
        severity: 'warning',
        start: f.start,
        end: f.end,
        figures: [f.id],
        message: {
          zh: `“下降/减少${show(f)}”说法错误：减少不能用倍数表示，应改用百分数或分数（如“减少了50%”“减少了一半”）。`,
          en: `"Decreased ${show(f)}" is wrong: a decrease cannot be a multiple; use a percentage or a fraction ("down 50%", "halved").`,
        },
        note: { zh: '减少不能用倍数表示', en: 'a decrease cannot be a multiple' },
      });
    }
  }
}

function checkSum(rel: FigureRelation, F: Figure[], text: string, out: FigureCheck[]): void {
  const whole = F[rel.whole!];
  const parts = rel.parts.map((id) => F[id]);
  const w = span(whole, text);
  const spans = parts.map((p) => span(p, text));
  const sumLo = spans.reduce((s, x) => s + x.lo, 0);
  const sumHi = spans.reduce((s, x) => s + x.hi, 0);
  const sum = parts.reduce((s, p) => s + p.value, 0);
  const unit = whole.unitText === whole.unit ? whole.unit : whole.unit;
  const listing = parts.map((p) => `${p.subjectText || ''}${formatNumber(p.value, 2)}`).join(' + ');
  const ids = [whole.id, ...rel.parts];
  if (rel.kind === 'parts' && !rel.exhaustive) {
    // 其中: each part fits in the total, and disjoint parts (国家级/省级/市级) together too.
    let reported = false;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k];
      const ps = spans[k];
      const ok = !(ps.lo > w.hi);
      if (!ok) {
        reported = true;
        out.push({
          rule: 'figure-part-exceeds-whole',
          ok,
          severity: 'warning',
          start: p.start,
          end: p.end,
          figures: [whole.id, p.id],
          message: {
            zh: `“${rel.marker}”后的部分数“${subjectOr(p)}${show(p)}”大于前面的总数“${subjectOr(whole)}${show(whole)}”，请核实。`,
            en: `The part after "${rel.marker}" (${subjectOr(p)} ${show(p)}) is larger than the total before it (${subjectOr(whole)} ${show(whole)}).`,
          },
          note: { zh: `${formatNumber(p.value, 2)} > ${formatNumber(whole.value, 2)}${unit}`, en: `${formatNumber(p.value, 2)} > ${formatNumber(whole.value, 2)} ${unit}` },
          data: { part: p.value, whole: whole.value },
        });
      }
    }
    if (parts.length < 2 || reported) {
      if (!reported) out.push(noteOnly('figure-part-exceeds-whole', whole, ids, { zh: `其中部分 ${listing} ≤ 总数 ${fmt(whole.value, 2)}`, en: `part ${listing} ≤ total ${fmt(whole.value, 2)}` }));
      return;
    }
    const disjoint = parts.every((p) => p.subjectText) && new Set(parts.map((p) => p.subject)).size === parts.length && new Set(parts.map((p) => p.subjectText.slice(-1))).size === 1;
    const ok = !disjoint || sumLo <= w.hi;
    out.push({
      rule: 'figure-part-exceeds-whole',
      ok,
      severity: 'warning',
      start: parts[0].start,
      end: parts[parts.length - 1].end,
      figures: ids,
      message: {
        zh: `“${rel.marker}”后各部分之和（${listing} = ${fmt(sum, 2)}）大于总数“${subjectOr(whole)}${show(whole)}”，请核实。`,
        en: `The parts after "${rel.marker}" add up to more than the total: ${listing} = ${fmt(sum, 2)} > ${show(whole)}.`,
      },
      note: { zh: `${listing} = ${fmt(sum, 2)}，总数 ${fmt(whole.value, 2)}`, en: `${listing} = ${fmt(sum, 2)}, total ${fmt(whole.value, 2)}` },
      data: { sum, whole: whole.value },
    });
    return;
  }
  // 分别 (exhaustive) or 共/合计 (a total of the listed parts).
  const exceeds = sumLo > w.hi;
  const short = sumHi < w.lo;
  const ok = !exceeds && !short;
  const severity: 'warning' | 'info' = exceeds || rel.exhaustive ? 'warning' : 'info';
  const totalWord = rel.kind === 'total' ? rel.marker : '总数';
  out.push({
    rule: 'figure-sum-mismatch',
    ok,
    severity,
    start: rel.kind === 'total' ? whole.start : parts[0].start,
    end: rel.kind === 'total' ? whole.end : parts[parts.length - 1].end,
    figures: ids,
    message: exceeds
      ? {
          zh: `各分项之和（${listing} = ${fmt(sum, 2)}）大于${totalWord}“${show(whole)}”，请核实。`,
          en: `The listed parts add up to more than the stated total: ${listing} = ${fmt(sum, 2)} > ${show(whole)}.`,
        }
      : {
          zh: `各分项之和（${listing} = ${fmt(sum, 2)}）与${totalWord}“${show(whole)}”不符${rel.exhaustive ? '' : '，如有未列出的分项可忽略'}。`,
          en: `The listed parts add up to ${fmt(sum, 2)}, not the stated total ${show(whole)}${rel.exhaustive ? '' : ' (ignore if some parts are not listed)'}.`,
        },
    note: { zh: `${listing} = ${fmt(sum, 2)}，${totalWord} ${fmt(whole.value, 2)}`, en: `${listing} = ${fmt(sum, 2)}, stated total ${fmt(whole.value, 2)}` },
    data: { sum, whole: whole.value },
  });
}

function noteOnly(rule: CheckRule, at: Figure, figures: number[], note: LocalizedText): FigureCheck {
  return { rule, ok: true, start: at.start, end: at.end, figures, message: note, note };
}

function replaceRate(r: Figure, value: number, text: string): Fix[] {
  const raw = text.slice(r.numberStart, r.numberEnd);
  const words = r.chinese || raw.startsWith('百分之');
  const num = value.toFixed(words ? 1 : decimalsOf(raw));
  const newText = raw.startsWith('百分之') ? `${num}%` : num;
  const shown = raw.startsWith('百分之') ? newText : `${num}${r.unitText}`;
  return [{ title: { zh: `改为“${shown}”`, en: `Change to "${shown}"` }, edits: [{ start: r.numberStart, end: r.numberEnd, newText }] }];
}

function checkGrowth(rel: FigureRelation, F: Figure[], text: string, out: FigureCheck[]): void {
  if (rel.rate === undefined) return;
  const a = F[rel.whole!];
  const b = F[rel.to!];
  const r = F[rel.rate];
  if (!Number.isFinite(a.high) || !Number.isFinite(b.high) || a.value <= 0) return;
  // 年均增长7.1%: an average annual rate over a span the sentence does not give.
  if (r.perUnit) return;
  const A = span(a, text);
  const B = span(b, text);
  const R = span(r, text);
  const sign = rel.direction === 'down' ? -1 : 1;
  const ids = [a.id, b.id, r.id];
  const arrow = `${formatNumber(a.value, 2)} → ${formatNumber(b.value, 2)}`;
  const rateText = show(r);
  if (r.unit === '倍') {
    if (rel.direction === 'down') return; // reported on its own
    const mult = b.value / a.value;
    const lo = B.lo / A.hi;
    const hi = B.hi / A.lo;
    const stated = rel.multipleOf ? R : { lo: R.lo + 1, hi: R.hi + 1 };
    const ok = stated.lo - 0.05 <= hi && stated.hi + 0.05 >= lo;
    const other = rel.multipleOf ? { lo: R.lo + 1, hi: R.hi + 1 } : R;
    const otherOk = other.lo - 0.05 <= hi && other.hi + 0.05 >= lo;
    const words = rel.multipleOf ? { zh: `增长到${rateText}`, en: `${rateText} as much` } : { zh: `增长${rateText}`, en: `${rateText} more` };
    out.push({
      rule: 'percentage-mismatch',
      ok,
      severity: 'warning',
      start: r.start,
      end: r.end,
      figures: ids,
      message: otherOk
        ? {
            zh: `${arrow}是原来的${fmt(mult, 2)}倍，即增长了${fmt(mult - 1, 2)}倍；“增长N倍”指增加了N倍（为原来的N+1倍），“增长到N倍”指为原来的N倍，请核实“${words.zh}”。`,
            en: `${arrow} is ${fmt(mult, 2)} times the base, an increase of ${fmt(mult - 1, 2)} times: "增长N倍" means N+1 times the base, "增长到N倍" means N times; check "${words.en}".`,
          }
        : {
            zh: `${arrow}是原来的${fmt(mult, 2)}倍，与“${words.zh}”不符。`,
            en: `${arrow} is ${fmt(mult, 2)} times the base, not ${words.en}.`,
          },
      note: { zh: `${arrow}：为原来的${fmt(mult, 2)}倍，文中为“${words.zh}”`, en: `${arrow} is ×${fmt(mult, 2)}, stated ${words.en}` },
      data: { computed: mult },
    });
    return;
  }
  const relative = { lo: ((B.lo - A.hi) / A.hi) * 100, hi: ((B.hi - A.lo) / A.lo) * 100 };
  const computed = ((b.value - a.value) / a.value) * 100;
  const statedSigned = sign > 0 ? R : { lo: -R.hi, hi: -R.lo };
  const tol = r.chinese ? 0.5 : 0;
  const within = (iv: Interval) => statedSigned.lo - tol <= iv.hi && statedSigned.hi + tol >= iv.lo;
  const bothRates = a.unit === '%' && b.unit === '%';
  const diff = { lo: B.lo - A.hi, hi: B.hi - A.lo };
  const diffValue = b.value - a.value;
  if (r.unit === '个百分点') {
    if (!bothRates) return;
    const ok = within(diff);
    out.push({
      rule: 'percentage-mismatch',
      ok,
      severity: 'warning',
      start: r.start,
      end: r.end,
      figures: ids,
      message: {
        zh: `${arrow}，${diffValue >= 0 ? '提高' : '下降'}${fmt(Math.abs(diffValue), 2)}个百分点，与文中“${rateText}”不符。`,
        en: `${arrow} is a change of ${fmt(diffValue, 2)} percentage points, not ${rateText}.`,
      },
      note: { zh: `${arrow}：${fmt(diffValue, 2)}个百分点，文中为${rateText}`, en: `${arrow} is ${fmt(diffValue, 2)} points, stated ${rateText}` },
      fixes: ok || Math.sign(diffValue) !== sign ? undefined : replaceRate(r, Math.abs(diffValue), text),
      data: { computed: diffValue },
    });
    return;
  }
  if (r.unit !== '%') return;
  const okRelative = within(relative);
  if (bothRates && !okRelative && within(diff)) {
    // 由20.8%降至18.2%，下降2.6% → 下降2.6个百分点.
    out.push({
      rule: 'percentage-mismatch',
      ok: false,
      severity: 'warning',
      start: r.start,
      end: r.end,
      figures: ids,
      message: {
        zh: `两个百分数之间的差（${arrow}）应以“个百分点”表示：“${rateText}”应为“${fmt(Math.abs(diffValue), 2)}个百分点”。`,
        en: `A change between two percentages (${arrow}) is in percentage points: "${rateText}" should be "${fmt(Math.abs(diffValue), 2)} percentage points" (个百分点).`,
      },
      note: { zh: `${arrow}：${fmt(diffValue, 2)}个百分点（相对变化${fmt(computed)}%）`, en: `${arrow} is ${fmt(diffValue, 2)} points (${fmt(computed)}% relative), stated ${rateText}` },
      fixes: [{ title: { zh: '改为“个百分点”', en: 'Change to 个百分点' }, edits: [{ start: r.unitStart, end: r.unitStart + r.unitText.length, newText: '个百分点' }] }],
      data: { computed: diffValue, points: true },
    });
    return;
  }
  const sameDirection = Math.sign(computed) === sign || computed === 0;
  const computedText = `${computed >= 0 ? '+' : ''}${computed.toFixed(Math.max(1, r.decimals))}%`;
  out.push({
    rule: 'percentage-mismatch',
    ok: okRelative,
    severity: 'warning',
    start: r.start,
    end: r.end,
    figures: ids,
    message: {
      zh: `由${formatNumber(a.value, 2)}到${formatNumber(b.value, 2)}，${computed >= 0 ? '增长' : '下降'}${Math.abs(computed).toFixed(Math.max(1, r.decimals))}%，与文中“${rateText}”不符。`,
      en: `${arrow} is ${computedText}, stated ${rateText}.`,
    },
    note: { zh: `${arrow}：${computedText}，文中为${rateText}`, en: `${arrow} is ${computedText}, stated ${rateText}` },
    fixes: okRelative || !sameDirection ? undefined : replaceRate(r, Math.abs(computed), text),
    data: { computed },
  });
}

function checkShare(rel: FigureRelation, F: Figure[], text: string, out: FigureCheck[]): void {
  const whole = F[rel.whole!];
  const part = F[rel.parts[0]];
  const r = F[rel.rate!];
  if (!Number.isFinite(whole.high) || !Number.isFinite(part.high) || whole.value <= 0) return;
  const W = span(whole, text);
  const P = span(part, text);
  const R = span(r, text);
  const lo = (P.lo / W.hi) * 100;
  const hi = (P.hi / W.lo) * 100;
  const computed = (part.value / whole.value) * 100;
  const ok = R.lo <= hi && R.hi >= lo;
  const d = Math.max(1, r.decimals);
  out.push({
    rule: 'percentage-mismatch',
    ok,
    severity: 'warning',
    start: r.start,
    end: r.end,
    figures: [whole.id, part.id, r.id],
    message: {
      zh: `${formatNumber(part.value, 2)}占${formatNumber(whole.value, 2)}的${fmt(computed, d)}%，与文中“${show(r)}”不符。`,
      en: `${formatNumber(part.value, 2)} of ${formatNumber(whole.value, 2)} is ${fmt(computed, d)}%, stated ${show(r)}.`,
    },
    note: { zh: `${formatNumber(part.value, 2)} / ${formatNumber(whole.value, 2)} = ${fmt(computed, d)}%，文中为${show(r)}`, en: `${formatNumber(part.value, 2)} / ${formatNumber(whole.value, 2)} = ${fmt(computed, d)}%, stated ${show(r)}` },
    fixes: ok ? undefined : replaceRate(r, computed, text),
    data: { computed },
  });
}

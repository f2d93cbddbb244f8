// The figures of a report: every quantity with its unit and subject, and how they relate.

/** How values of a unit combine: counts and measures add up; rates and multiples do not. */
export type UnitKind = 'count' | 'measure' | 'duration' | 'percent' | 'permille' | 'points' | 'times' | 'rate';

export interface Figure {
  /** Index in `FigureSet.figures` (document order). */
  id: number;
  /** The stated number in the base unit (`1.2万人` → 12000); for a range, its lower end. */
  value: number;
  /** The upper end of a stated range (`3～5个` → 5). */
  upper?: number;
  /** True when a qualifier (多 余 近 约 左右 以上 …) or a vague numeral (十几, 三四) makes it inexact. */
  approx: boolean;
  /** The qualifier as written, when there is one. */
  qualifier?: string;
  /** The interval the figure allows, after the qualifier: `200多` → [200, 300). */
  low: number;
  high: number;
  /** The base unit figures are compared in: 人, 元, %, 个百分点 … ('' for none). */
  unit: string;
  /** The unit as written (`万元`, `个百分点`). */
  unitText: string;
  unitKind: UnitKind;
  /** Decimal places of the stated number (for rounding tolerances). */
  decimals: number;
  /** Normalised subject: the key under which mentions of the same metric meet. */
  subject: string;
  /** The subject as written, and where. */
  subjectText: string;
  subjectStart?: number;
  /** Whether the subject stands before the number (`志愿者200人`) or after it (`11支志愿者服务队`). */
  subjectSide?: 'before' | 'after';
  /** The number, its qualifiers and unit: [start, end) in the original text. */
  start: number;
  end: number;
  /** Where the number itself is (without qualifiers or unit), for fixes. */
  numberStart: number;
  numberEnd: number;
  /** Where the unit is written (for fixes such as % → 个百分点). */
  unitStart: number;
  /** The figure as written (`近104篇`). */
  text: string;
  /** 0-based line. */
  line: number;
  /** A rate per unit (每, 人均, 平均, 年均 …): never summed, never a whole. */
  perUnit: boolean;
  /** Stated as a plan or target (预期, 力争, a next-steps heading …), not a result. */
  plan: boolean;
  /** Time words of its sentence (2023年, 上半年, 五年来 …), joined: mentions only meet in the same scope. */
  scope: string;
  /** A change verb stands right before it (增长5%, 下降2个百分点): a change, not a level. */
  change?: 'up' | 'down';
  /** The relation marker of its clause (其中, 共, 分别 …), if any. */
  marker?: string;
  /** Index of the sentence (document-wide) and of the clause within the block. */
  sentence: number;
  /** Next to 的 (的9个风险点, 30亿元的项目): it qualifies or is qualified by a phrase, not a metric on its own. */
  attributive?: boolean;
  /** Read from an English block (no Han characters). */
  english?: boolean;
  /** Found in a Markdown table cell. */
  inTable?: boolean;
  /** Chinese numerals (`一百二十`) rather than digits. */
  chinese?: boolean;
}

export type RelationKind =
  /** 其中 / 含 / 包括 / of which / including: parts of the preceding total. */
  | 'parts'
  /** 共 / 合计 / 总计 / 累计 / total: a total of the parts listed before it. */
  | 'total'
  /** 由A增至B / from A to B: a change between two values (with its stated rate, if any). */
  | 'change'
  /** 比上年的A增长x% / 同比增长x% / up x%: a growth rate against a base. */
  | 'growth'
  /** 占x%: a share of a whole. */
  | 'share';

export interface FigureRelation {
  kind: RelationKind;
  /** The total (parts, total), the base value (change, growth), or the whole (share). */
  whole?: number;
  /** The parts (parts, total), or the part (share). */
  parts: number[];
  /** The current value (change, growth). */
  to?: number;
  /** The stated rate (change, growth, share). */
  rate?: number;
  /** Parts marked exhaustive with 分别: they must add up exactly. */
  exhaustive?: boolean;
  /** 增长到N倍 (a multiple of the base) rather than 增长N倍 (the increase). */
  multipleOf?: boolean;
  direction?: 'up' | 'down';
  /** The relation marker as written. */
  marker: string;
  start: number;
  end: number;
}

/** A calendar date (or month) written in the text. */
export interface DateMention {
  year?: number;
  month?: number;
  day?: number;
  start: number;
  end: number;
  text: string;
  line: number;
  /** False for impossible dates (2月30日, 13月). */
  valid: boolean;
  sentence: number;
}

export interface FigureSet {
  figures: Figure[];
  relations: FigureRelation[];
  dates: DateMention[];
  /** Sentence spans, document-wide, indexed by `Figure.sentence`. */
  sentences: { start: number; end: number; plan: boolean }[];
}

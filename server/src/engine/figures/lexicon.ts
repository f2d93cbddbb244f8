// The word lists of the figure extractor, loaded once from data/figures.yaml.

import { dataOf } from '../data';
import source from '../data/figures.yaml';
import type { UnitKind } from './types';

export interface UnitDef {
  text: string;
  kind: UnitKind;
  base: string;
}

export interface Lexicon {
  /** Units by first character, longest first. */
  unitsByFirst: Map<string, UnitDef[]>;
  /** The same lists by the UTF-16 code of the first character (no one-character strings to make). */
  unitsByCode: Map<number, UnitDef[]>;
  englishUnits: UnitDef[];
  actionVerbs: Set<string>;
  stopWords: Set<string>;
  changeUp: Set<string>;
  changeDown: Set<string>;
  perWords: string[];
  planWords: string[];
  arabicOnly: Set<string>;
  unitByText: Map<string, UnitDef>;
}

interface RawUnit {
  text: string;
  kind: UnitKind;
  base?: string;
}

let cached: Lexicon | undefined;

export function lexicon(): Lexicon {
  if (cached) return cached;
  const raw = dataOf<Record<string, unknown>>(source);
  const list = (k: string) => ((raw[k] as unknown[]) ?? []).map(String);
  const toDef = (u: RawUnit): UnitDef => ({ text: String(u.text), kind: u.kind, base: String(u.base ?? u.text) });
  const units = (raw.units as RawUnit[]).map(toDef);
  const unitsByFirst = new Map<string, UnitDef[]>();
  const unitByText = new Map<string, UnitDef>();
  for (const u of units) {
    if (unitByText.has(u.text)) continue;
    unitByText.set(u.text, u);
    const first = u.text.charAt(0);
    const bucket = unitsByFirst.get(first) ?? [];
    bucket.push(u);
    unitsByFirst.set(first, bucket);
  }
  for (const bucket of unitsByFirst.values()) bucket.sort((a, b) => b.text.length - a.text.length);
  const englishUnits = (raw.englishUnits as RawUnit[]).map(toDef).sort((a, b) => b.text.length - a.text.length);
  const unitsByCode = new Map<number, UnitDef[]>();
  for (const [first, bucket] of unitsByFirst) unitsByCode.set(first.charCodeAt(0), bucket);
  cached = {
    unitsByFirst,
    unitsByCode,
    englishUnits,
    actionVerbs: new Set(list('actionVerbs')),
    stopWords: new Set(list('stopWords')),
    changeUp: new Set(list('changeUp')),
    changeDown: new Set(list('changeDown')),
    perWords: list('perWords'),
    planWords: list('planWords'),
    arabicOnly: new Set(list('arabicOnly')),
    unitByText,
  };
  return cached;
}

/** The unit written at `pos` in `s`, longest match first. */
export function unitAt(s: string, pos: number): UnitDef | undefined {
  const bucket = lexicon().unitsByCode.get(s.charCodeAt(pos));
  if (!bucket) return undefined;
  for (let k = 0; k < bucket.length; k++) if (s.startsWith(bucket[k].text, pos)) return bucket[k];
  return undefined;
}

/** The English unit at `pos` (after optional spaces), matched as a whole word. */
export function englishUnitAt(s: string, pos: number): { def: UnitDef; end: number } | undefined {
  let p = pos;
  while (s.charAt(p) === ' ') p++;
  if (p === pos && /[A-Za-z]/.test(s.charAt(p))) return undefined;
  const rest = s.slice(p, p + 24).toLowerCase();
  for (const u of lexicon().englishUnits) {
    if (rest.startsWith(u.text) && !/[a-z]/i.test(rest.charAt(u.text.length))) return { def: u, end: p + u.text.length };
  }
  return undefined;
}

// Placeholder filling from `.reportlint.yaml`:
//   variables: {单位: 红河镇, 年度: 2024, 上级: 县委宣传部}
//   fill: {xx镇: 单位, 20XX: 年度}     # which placeholder text stands for which variable
// A `fill` key matches regardless of Latin case and width (xx镇 = XX镇 = ＸＸ镇). A bracketed
// placeholder naming a variable (【单位】, 【填写单位】, [单位]) needs no `fill` entry.

import type { ReportModel } from '../model';
import type { ResolvedConfig } from '../config';
import type { Finding, Fix, TextEdit } from '../types';

export interface FillSettings {
  variables: Map<string, string>;
  /** Placeholder text → variable name, longest text first. */
  fill: { text: string; variable: string }[];
}

/** Reads `variables` and `fill` from the validated config. */
export function readFillSettings(config: ResolvedConfig): FillSettings {
  const variables = new Map<string, string>();
  const rawVars = config.extensions.variables;
  if (rawVars && typeof rawVars === 'object') {
    for (const [k, v] of Object.entries(rawVars as Record<string, unknown>)) {
      if (v !== null && v !== undefined && typeof v !== 'object') variables.set(k, String(v));
    }
  }
  const fill: FillSettings['fill'] = [];
  const rawFill = config.extensions.fill;
  if (rawFill && typeof rawFill === 'object') {
    for (const [text, variable] of Object.entries(rawFill as Record<string, unknown>)) {
      if (text && typeof variable === 'string') fill.push({ text, variable });
    }
  }
  fill.sort((a, b) => b.text.length - a.text.length);
  return { variables, fill };
}

/** Folds one UTF-16 unit for matching: full-width ASCII to ASCII, then lower case (length-preserving). */
function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c >= 0x41 && c <= 0x5a) c += 0x20;
  return c;
}

function foldString(s: string): string {
  return s.replace(/[A-Z\uff01-\uff5e]/g, (c) => String.fromCharCode(fold(c.charCodeAt(0))));
}

// The folded text of each text block, computed once per model (fill-all looks up many keys).
const foldedBlocks = new WeakMap<ReportModel, string[]>();
function foldedTextBlocks(model: ReportModel): string[] {
  let folded = foldedBlocks.get(model);
  if (!folded) {
    folded = model.textBlocks.map((b) => foldString(b.text));
    foldedBlocks.set(model, folded);
  }
  return folded;
}

function matchesAt(text: string, at: number, folded: string): boolean {
  if (at < 0 || at + folded.length > text.length) return false;
  for (let i = 0; i < folded.length; i++) if (fold(text.charCodeAt(at + i)) !== folded.charCodeAt(i)) return false;
  return true;
}

/** Every occurrence of `key` in the report's text blocks (code and URLs excluded), case- and width-folded. */
export function occurrences(model: ReportModel, key: string): { start: number; end: number }[] {
  const folded = foldString(key);
  const out: { start: number; end: number }[] = [];
  if (!folded) return out;
  const hays = foldedTextBlocks(model);
  model.textBlocks.forEach((b, k) => {
    const hay = hays[k];
    let i = hay.indexOf(folded);
    while (i >= 0) {
      out.push({ start: b.start + i, end: b.start + i + folded.length });
      i = hay.indexOf(folded, i + folded.length);
    }
  });
  return out;
}

const BRACKETED = /^[【[]\s*(?:请|此处)?(?:填写|填入|输入)?[：:]?\s*([^【】[\]\s]+?)\s*[】\]]$/u;

interface Resolution {
  /** The text that stands for the variable (a `fill` key, or the bracketed placeholder itself). */
  key: string;
  start: number;
  end: number;
  variable: string;
  value: string;
}

/** Which variable a placeholder finding stands for, and the exact text to replace. */
export function resolvePlaceholder(model: ReportModel, finding: { start: number; end: number }, settings: FillSettings): Resolution | undefined {
  const text = model.text;
  for (const { text: key, variable } of settings.fill) {
    const value = settings.variables.get(variable);
    if (value === undefined) continue;
    const folded = foldString(key);
    // An occurrence of the key that covers the finding.
    for (let at = finding.end - folded.length; at <= finding.start; at++) {
      if (matchesAt(text, at, folded)) return { key, start: at, end: at + folded.length, variable, value };
    }
  }
  const found = text.slice(finding.start, finding.end);
  const m = BRACKETED.exec(found);
  if (m && settings.variables.has(m[1])) {
    return { key: found, start: finding.start, end: finding.end, variable: m[1], value: settings.variables.get(m[1])! };
  }
  return undefined;
}

/** Quick fixes for one `placeholder` finding: replace it with its variable's value, here and everywhere. */
export function placeholderFixes(model: ReportModel, finding: Pick<Finding, 'start' | 'end'>, config: ResolvedConfig): Fix[] {
  const settings = readFillSettings(config);
  const r = resolvePlaceholder(model, finding, settings);
  if (!r) return [];
  const fixes: Fix[] = [
    {
      title: { zh: `替换为“${r.value}”（变量“${r.variable}”）`, en: `Replace with "${r.value}" (variable ${r.variable})` },
      edits: [{ start: r.start, end: r.end, newText: r.value }],
    },
  ];
  const all = occurrences(model, r.key);
  if (all.length > 1) {
    fixes.push({
      title: { zh: `全部${all.length}处“${r.key}”替换为“${r.value}”`, en: `Replace all ${all.length} occurrences of "${r.key}" with "${r.value}"` },
      edits: all.map((o) => ({ start: o.start, end: o.end, newText: r.value })),
    });
  }
  return fixes;
}

/**
 * One edit list filling every mapped placeholder in the document (applied as one undo step):
 * every `fill` key whose variable is set, and every bracketed placeholder naming a variable.
 * Where matches overlap, the earlier one wins, then the longer.
 */
export function fillAllPlaceholders(model: ReportModel, config: ResolvedConfig, findings: Pick<Finding, 'start' | 'end' | 'rule'>[] = []): TextEdit[] {
  const settings = readFillSettings(config);
  const candidates: TextEdit[] = [];
  for (const { text: key, variable } of settings.fill) {
    const value = settings.variables.get(variable);
    if (value === undefined) continue;
    for (const o of occurrences(model, key)) candidates.push({ start: o.start, end: o.end, newText: value });
  }
  for (const f of findings) {
    if (f.rule !== 'placeholder') continue;
    const r = resolvePlaceholder(model, f, settings);
    if (r) candidates.push({ start: r.start, end: r.end, newText: r.value });
  }
  // Bracketed placeholders naming a variable, found without the rule's findings.
  if (settings.variables.size) {
    const re = /[【[][^【】[\]\n]{1,30}[】\]]/gu;
    for (const b of model.textBlocks) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(b.text))) {
        const inner = BRACKETED.exec(m[0]);
        if (inner && settings.variables.has(inner[1])) {
          candidates.push({ start: b.start + m.index, end: b.start + m.index + m[0].length, newText: settings.variables.get(inner[1])! });
        }
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const edits: TextEdit[] = [];
  for (const c of candidates) {
    const prev = edits[edits.length - 1];
    if (prev && c.start < prev.end) continue;
    edits.push(c);
  }
  return edits;
}

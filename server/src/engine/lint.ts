// The engine's entry point: text and options in, findings out. Pure: no I/O, no editor.

import { parseReport, blockKey, type ReportModel } from './model';
import { detectProfile, findProfile, matchSections, type Profile, type SectionMatch, type SectionSpec } from './profiles';
import { defaultConfig, type ResolvedConfig, type SectionOverride } from './config';
import { RULES } from './rules';
import type { Rule } from './rules/types';
import { collectSuppressions, isSuppressed } from './directives';
import type { DocumentFormat, Finding, RuleFinding, Severity } from './types';

export interface LintOptions {
  format: DocumentFormat;
  config?: ResolvedConfig;
  /** Overrides the config's profile and the title-based choice. */
  profileId?: string;
  /** Rules to run (default: all registered). */
  rules?: Rule[];
}

export interface RuleFailure {
  rule: string;
  error: string;
}

export interface LintResult {
  findings: Finding[];
  model: ReportModel;
  profile?: Profile;
  sections: SectionMatch[];
  /** Rules that threw: they are skipped and reported here, the others still ran. */
  failures: RuleFailure[];
}

/** Turns a user pattern (literal, or /regex/flags) into the data-pattern syntax profiles use. */
function toDataPattern(p: string): string {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(p);
  if (m) return m[2].includes('i') ? `(?i)${m[1]}` : m[1];
  return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Applies the config's section overrides (by id; a new id adds a section) to a profile. */
function withOverrides(profile: Profile, overrides: SectionOverride[]): Profile {
  const sections: SectionSpec[] = profile.sections.map((s) => ({ ...s }));
  for (const o of overrides) {
    const headings = o.headings?.map(toDataPattern);
    const cues = o.cues?.map(toDataPattern);
    const existing = sections.find((s) => s.id === o.id);
    if (existing) {
      if (o.name) existing.name = o.name;
      if (o.required !== undefined) existing.required = o.required;
      if (headings) existing.headings = headings;
      if (cues) existing.cues = cues;
    } else {
      sections.push({ id: o.id, name: o.name ?? { zh: o.id, en: o.id }, required: o.required ?? true, headings: headings ?? [], cues: cues ?? [] });
    }
  }
  return { ...profile, sections };
}

export function chooseProfile(model: ReportModel, config: ResolvedConfig, profileId?: string): Profile | undefined {
  const id = profileId ?? config.profile;
  const base = id ? findProfile(id) : detectProfile(model);
  if (!base) return undefined;
  return config.sections.length ? withOverrides(base, config.sections) : base;
}

export function severityFor(rule: Rule, config: ResolvedConfig, own?: Severity): Severity | 'off' {
  const setting = config.rules[rule.id];
  if (setting) return setting;
  return own ?? rule.defaultSeverity;
}

/** Findings of block rules by block text, relative to the block's start; kept between checks. */
export interface LintCache {
  blocks: Map<string, Map<string, RuleFinding[]>>;
  /** What the cached findings depend on besides the block: a change empties the cache. */
  context?: { config: ResolvedConfig; format: DocumentFormat; profile?: string; rules: Rule[] };
}

export function createLintCache(): LintCache {
  return { blocks: new Map() };
}

function shiftFixes(fixes: NonNullable<RuleFinding['fixes']>, delta: number): NonNullable<RuleFinding['fixes']> {
  return fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) }));
}

function shiftFinding(f: RuleFinding, delta: number): RuleFinding {
  if (delta === 0) return f;
  const shifted: RuleFinding = { ...f, start: f.start + delta, end: f.end + delta };
  if (f.fixes) shifted.fixes = shiftFixes(f.fixes, delta);
  return shifted;
}

/** Checks a report. Never throws for a rule's sake: a failing rule is listed in `failures`. */
export function lint(text: string, options: LintOptions): LintResult {
  return lintModel(parseReport(text, options.format), options);
}

/** Runs the rules over a parsed model; with a cache, block rules reuse findings of unchanged blocks. */
const DEFAULT_CONFIG = defaultConfig();

export function lintModel(model: ReportModel, options: LintOptions, cache?: LintCache): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const profile = chooseProfile(model, config, options.profileId);
  const sections = profile ? matchSections(model, profile) : [];
  const ctx = { model, profile, sections, config };
  const suppressions = collectSuppressions(model);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const rules = (options.rules ?? RULES).filter((r) => config.rules[r.id] !== 'off');
  /** Adds a rule's findings, moved by `delta` (cached block findings are relative to their block). */
  const push = (rule: Rule, raw: RuleFinding[], delta = 0) => {
    for (const r of raw) {
      const severity = severityFor(rule, config, r.severity);
      if (severity === 'off') continue;
      // One copy per finding, keys in the order of the rule's own object.
      const f: Finding = delta === 0 ? { ...r, rule: rule.id, severity } : { ...r, start: r.start + delta, end: r.end + delta, rule: rule.id, severity };
      if (delta !== 0 && r.fixes) f.fixes = shiftFixes(r.fixes, delta);
      if (!isSuppressed(f, suppressions, model)) findings.push(f);
    }
  };
  const blockRules = cache ? rules.filter((r) => r.checkBlock) : [];
  for (const rule of rules) {
    if (blockRules.includes(rule)) continue;
    try {
      push(rule, rule.check(ctx));
    } catch (e) {
      failures.push({ rule: rule.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
    }
  }
  if (cache && blockRules.length) {
    const c = cache.context;
    if (!c || c.config !== config || c.format !== model.format || c.profile !== profile?.id || c.rules !== (options.rules ?? RULES)) {
      cache.blocks.clear();
      cache.context = { config, format: model.format, profile: profile?.id, rules: options.rules ?? RULES };
    }
    const next = new Map<string, Map<string, RuleFinding[]>>();
    const failed = new Set<string>();
    // A rule's findings are stored under its id and whatever else they depend on (blockContext).
    const slots = new Map<Rule, string>();
    for (const rule of blockRules) {
      try {
        slots.set(rule, rule.blockContext ? `${rule.id}\u0000${rule.blockContext(ctx)}` : rule.id);
      } catch (e) {
        failed.add(rule.id);
        failures.push({ rule: rule.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
      }
    }
    for (const block of model.textBlocks) {
      const key = blockKey(model, block);
      let entry = next.get(key) ?? cache.blocks.get(key);
      if (!entry) entry = new Map();
      next.set(key, entry);
      for (const rule of blockRules) {
        if (failed.has(rule.id)) continue;
        const slot = slots.get(rule)!;
        let relative = entry.get(slot);
        if (!relative) {
          try {
            relative = rule.checkBlock!(block, ctx).map((f) => shiftFinding(f, -block.start));
          } catch (e) {
            failed.add(rule.id);
            failures.push({ rule: rule.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
            continue;
          }
          entry.set(slot, relative);
        }
        if (relative.length) push(rule, relative, block.start);
      }
    }
    for (const rule of blockRules) {
      if (!rule.checkRest || failed.has(rule.id)) continue;
      try {
        push(rule, rule.checkRest(ctx));
      } catch (e) {
        failures.push({ rule: rule.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
      }
    }
    cache.blocks = next;
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { findings, model, profile, sections, failures };
}

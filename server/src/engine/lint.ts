// The engine's entry point: text and options in, findings out. Pure: no I/O, no editor.

import { parseReport, type ReportModel } from './model';
import { detectProfile, findProfile, matchSections, type Profile, type SectionMatch, type SectionSpec } from './profiles';
import { defaultConfig, type ResolvedConfig, type SectionOverride } from './config';
import { RULES } from './rules';
import type { Rule } from './rules/types';
import { collectSuppressions, isSuppressed } from './directives';
import type { DocumentFormat, Finding, Severity } from './types';

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

/** Checks a report. Never throws for a rule's sake: a failing rule is listed in `failures`. */
export function lint(text: string, options: LintOptions): LintResult {
  const config = options.config ?? defaultConfig();
  const model = parseReport(text, options.format);
  const profile = chooseProfile(model, config, options.profileId);
  const sections = profile ? matchSections(model, profile) : [];
  const ctx = { model, profile, sections, config };
  const suppressions = collectSuppressions(model);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of options.rules ?? RULES) {
    if (config.rules[rule.id] === 'off') continue;
    let raw;
    try {
      raw = rule.check(ctx);
    } catch (e) {
      failures.push({ rule: rule.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
      continue;
    }
    for (const r of raw) {
      const severity = severityFor(rule, config, r.severity);
      if (severity === 'off') continue;
      const f: Finding = { ...r, rule: rule.id, severity };
      if (!isSuppressed(f, suppressions, model)) findings.push(f);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { findings, model, profile, sections, failures };
}

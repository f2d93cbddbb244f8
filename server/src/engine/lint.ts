// The engine's entry point: text and options in, findings out. Pure: no I/O, no editor.

import { parseReport, blockKey, type Block, type ReportModel } from './model';
import { detectProfile, findProfile, matchSections, type Profile, type SectionMatch, type SectionSpec } from './profiles';
import { defaultConfig, type ResolvedConfig, type SectionOverride } from './config';
import { RULES } from './rules';
import { compileUserPattern } from './patterns';
import { moveFinding, moveFixes, moveInPlace, type BlockMemo, type Rule, type RuleContext } from './rules/types';
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
  /**
   * Sorted by position. With a linter (a cache), the array is written over by the check after the
   * next one, and the findings in it may be moved in place by the next one (see ARCHITECTURE.md).
   */
  findings: Finding[];
  model: ReportModel;
  profile?: Profile;
  sections: SectionMatch[];
  /** Rules that threw: they are skipped and reported here, the others still ran. */
  failures: RuleFailure[];
}

/**
 * Turns a user pattern (literal, or /regex/flags) into the data-pattern syntax profiles use. A regex
 * is checked and capped like every user pattern (patterns.ts); an unsafe or invalid one is left
 * out (parseConfig reports it on its line).
 */
function toDataPattern(p: string): string | undefined {
  try {
    const { regex } = compileUserPattern(p, 'u');
    return regex.flags.includes('i') ? `(?i)${regex.source}` : regex.source;
  } catch {
    return undefined;
  }
}

const isString = (x: string | undefined): x is string => x !== undefined;

/** Applies the config's section overrides (by id; a new id adds a section) to a profile. */
function withOverrides(profile: Profile, overrides: SectionOverride[]): Profile {
  const sections: SectionSpec[] = profile.sections.map((s) => ({ ...s }));
  for (const o of overrides) {
    const headings = o.headings?.map(toDataPattern).filter(isString);
    const cues = o.cues?.map(toDataPattern).filter(isString);
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

/** What a linter keeps between checks of one document. */
export interface LintCache {
  /**
   * Per block text (`blockKey`): the findings of each block rule relative to the block's start
   * (under the rule's slot) and the values rules memoised for the block (`RuleContext.memo`).
   */
  blocks: Map<string, Map<string, unknown>>;
  /** The block rules' slots of the last check (see `BlockSlot.signature`). */
  signature?: string;
  /** How many findings the last check had: the next one's array is made that long at once. */
  findings?: number;
  /**
   * The findings arrays of the last two checks, older first: a check writes its result over the
   * older one's (the last one's is still read: the server pairs the findings of two checks).
   */
  results?: [Finding[] | undefined, Finding[] | undefined];
  /** Scratch: the block rules' placed findings of the check in progress, in block order. */
  run?: Finding[];
  /**
   * Per rule, the findings of its document-wide part in the last check, as the rule returned them
   * and as placed: a rule that returns the same object again (moved in place) gets the same
   * placed finding back.
   */
  rest?: Map<string, { raw: RuleFinding[]; placed: Finding[] }>;
  /** What the cached findings depend on besides the block: a change empties the cache (a new object). */
  context?: { config: ResolvedConfig; format: DocumentFormat; profile?: string; rules: Rule[] };
}

/**
 * A block's record in a cache (`Block.lintSlot`), so that a re-check finds it without a lookup:
 * its entry in `LintCache.blocks`, and the block rules' findings as placed at `start`. When an edit
 * moves the block (in place), the placed findings are moved with it.
 */
interface BlockSlot {
  context: object;
  entry: Map<string, unknown>;
  start: number;
  placed?: Finding[];
  /** The block rules' slots (ids and block contexts) the placed findings were made under. */
  signature?: string;
}

export function createLintCache(): LintCache {
  return { blocks: new Map() };
}

/** A rule's finding as the engine reports it: moved by `delta`, with the rule id and the severity in force. */
function place(id: string, severity: Severity, r: RuleFinding, delta: number): Finding {
  // Every finding has this one shape (the same keys in the same order), whichever rule made it.
  const f: Finding = { rule: id, severity, start: r.start + delta, end: r.end + delta, message: r.message };
  if (r.fixes) f.fixes = delta === 0 ? r.fixes : moveFixes(r.fixes, delta);
  if (r.data) f.data = r.data;
  return f;
}

/** `place` for findings kept with their block: their fixes are their own, to be moved in place. */
function placeOwned(id: string, severity: Severity, r: RuleFinding, delta: number): Finding {
  const f = place(id, severity, r, delta);
  if (r.fixes && delta === 0) f.fixes = moveFixes(r.fixes, 0);
  return f;
}

/**
 * Moves placed findings by `delta`, in place. They are the same objects in the results of earlier
 * checks, whose findings are therefore not valid any more (a reader of a result must not keep it
 * across a later check of the same document).
 */
function moveAllInPlace(findings: Finding[], delta: number): void {
  for (let i = 0; i < findings.length; i++) moveInPlace(findings[i], delta);
}

/** The order of a result's findings: by position, then end, then rule id. */
const byPosition = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

const failure = (rule: Rule, e: unknown): RuleFailure => ({ rule: rule.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });

/** Checks a report. Never throws for a rule's sake: a failing rule is listed in `failures`. */
export function lint(text: string, options: LintOptions): LintResult {
  return lintModel(parseReport(text, options.format), options);
}

/** Runs the rules over a parsed model; with a cache, block rules reuse findings of unchanged blocks. */
const DEFAULT_CONFIG = defaultConfig();

export function lintModel(model: ReportModel, options: LintOptions, cache?: LintCache): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const profile = chooseProfile(model, config, options.profileId);
  const ruleList = options.rules ?? RULES;
  let memo: BlockMemo | undefined;
  let entryOf: ((block: Block) => Map<string, unknown>) | undefined;
  if (cache) {
    let c = cache.context;
    if (!c || c.config !== config || c.format !== model.format || c.profile !== profile?.id || c.rules !== ruleList) {
      cache.blocks.clear();
      cache.rest?.clear();
      c = cache.context = { config, format: model.format, profile: profile?.id, rules: ruleList };
    }
    const context = c;
    // Entries by block text, for blocks that come without a record (re-parsed ones). Texts no
    // block has any more are let go when the map has grown well past the document.
    const byKey = cache.blocks;
    if (byKey.size > model.textBlocks.length * 1.25 + 64) {
      const kept = new Map<string, Map<string, unknown>>();
      for (const b of model.textBlocks) {
        const slot = b.lintSlot as BlockSlot | undefined;
        const entry = slot && slot.context === context ? slot.entry : byKey.get(blockKey(model, b));
        if (entry) kept.set(blockKey(model, b), entry);
      }
      cache.blocks = kept;
    }
    const entries = cache.blocks;
    entryOf = (block) => {
      const slot = block.lintSlot as BlockSlot | undefined;
      if (slot && slot.context === context) return slot.entry;
      const key = blockKey(model, block);
      let entry = entries.get(key);
      if (!entry) {
        entry = new Map<string, unknown>();
        entries.set(key, entry);
      }
      block.lintSlot = { context, entry, start: -1 } satisfies BlockSlot;
      return entry;
    };
    const lookup = entryOf;
    memo = {
      get<T, A>(block: Block, slot: string, compute: (block: Block, arg: A) => T, arg: A): T {
        const entry = lookup(block);
        let value = entry.get(slot) as T | undefined;
        if (value === undefined) {
          value = compute(block, arg);
          entry.set(slot, value);
        }
        return value;
      },
    };
  }
  const sections = profile ? matchSections(model, profile, memo) : [];
  const ctx: RuleContext = { model, profile, sections, config, memo };
  const suppressions = collectSuppressions(model);
  const failures: RuleFailure[] = [];
  const failed = new Set<string>();
  const rules = ruleList.filter((r) => config.rules[r.id] !== 'off');
  if (!cache) {
    // A check from scratch: every rule over the whole document, then one sort.
    const findings: Finding[] = [];
    for (const rule of rules) {
      try {
        placeAll(rule, rule.check(ctx), config, suppressions, model, findings, undefined);
      } catch (e) {
        failures.push(failure(rule, e));
      }
    }
    findings.sort(byPosition);
    return { findings, model, profile, sections, failures };
  }
  // A linter's check. The findings come in three parts: the document-wide rules' (`before`), the
  // block rules' placed findings, block after block (`run`: in order already), and the block
  // rules' document-wide parts (`after`). The small parts are sorted and merged into the run.
  const before: Finding[] = [];
  const after: Finding[] = [];
  const run = (cache.run ??= []);
  let nRun = 0;
  let inOrder = true;
  const rest = (cache.rest ??= new Map());
  const blockRules = rules.filter((r) => r.checkBlock);
  for (const rule of rules) {
    if (rule.checkBlock) continue;
    try {
      placeAll(rule, rule.check(ctx), config, suppressions, model, before, rest);
    } catch (e) {
      failures.push(failure(rule, e));
    }
  }
  if (blockRules.length) {
    // A rule's findings are stored under its id and whatever else they depend on (blockContext).
    const slots: { rule: Rule; slot: string }[] = [];
    for (const rule of blockRules) {
      try {
        slots.push({ rule, slot: rule.blockContext ? `${rule.id}\u0000${rule.blockContext(ctx)}` : rule.id });
      } catch (e) {
        failed.add(rule.id);
        failures.push(failure(rule, e));
      }
    }
    let signature = slots.map((s) => s.slot).join('\u0001');
    // The last check's string when equal: compared with every block's below, the same object
    // compares at once.
    if (cache.signature === signature) signature = cache.signature;
    else cache.signature = signature;
    const blocks = model.textBlocks;
    // Indexed loops below: this runs for every block of every check. Nothing in the loop's body
    // may be captured by a closure (its variables would be allocated anew for every block).
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      const entry = entryOf!(block);
      const slot = block.lintSlot as BlockSlot;
      let own = slot.signature === signature ? slot.placed : undefined;
      // A block moved by an edit (in place, see incremental.ts) moves its placed findings with it.
      if (own && slot.start !== block.start) {
        moveAllInPlace(own, block.start - slot.start);
        slot.start = block.start;
      }
      if (!own) {
        own = placeBlock(block, entry, slots, ctx, config, failed, failures);
        // Placed findings are kept only when complete: a rule that failed on this block must not
        // leave the others' findings looking like the whole answer next time. A moved copy gets a
        // record of its own (the one it carries is its original's).
        if (!failed.size) block.lintSlot = { context: slot.context, entry, start: block.start, placed: own, signature } satisfies BlockSlot;
      }
      for (let j = 0; j < own.length; j++) {
        const f = own[j];
        if (suppressions.length && isSuppressed(f, suppressions, model)) continue;
        if (inOrder && nRun > 0 && byPosition(run[nRun - 1], f) > 0) inOrder = false;
        run[nRun++] = f;
      }
    }
    for (const rule of blockRules) {
      if (!rule.checkRest || failed.has(rule.id)) continue;
      try {
        placeAll(rule, rule.checkRest(ctx), config, suppressions, model, after, rest);
      } catch (e) {
        failures.push(failure(rule, e));
      }
    }
  }
  // The result is written over the array of the check before the last one.
  const results = (cache.results ??= [undefined, undefined]);
  const findings = results[0] ?? new Array<Finding>(cache.findings ?? 0);
  let count = 0;
  if (!inOrder || failed.size) {
    // The order a check from scratch sorts, the same way: the parts one after another, then sorted.
    // (A block rule that failed on some block reports nothing, as it would in a check without cache.)
    const add = (list: Finding[], n: number) => {
      for (let i = 0; i < n; i++) if (!failed.size || !failed.has(list[i].rule)) findings[count++] = list[i];
    };
    add(before, before.length);
    add(run, nRun);
    add(after, after.length);
    findings.length = count;
    findings.sort(byPosition);
  } else {
    // The sort is stable: findings equal in position, end and rule keep the order of the parts.
    // A document-wide rule's findings never equal a block rule's (the rule ids differ); a block
    // rule's document-wide findings come after its block findings.
    const others = before.length ? (after.length ? before.concat(after) : before) : after;
    if (others.length > 1) others.sort(byPosition);
    let i = 0;
    let k = 0;
    while (i < nRun && k < others.length) findings[count++] = byPosition(others[k], run[i]) < 0 ? others[k++] : run[i++];
    while (i < nRun) findings[count++] = run[i++];
    while (k < others.length) findings[count++] = others[k++];
    findings.length = count;
  }
  results[0] = results[1];
  results[1] = findings;
  cache.findings = count;
  return { findings, model, profile, sections, failures };
}

/** A block's findings from the block rules, placed at its start and sorted (kept with the block). */
function placeBlock(block: Block, entry: Map<string, unknown>, slots: { rule: Rule; slot: string }[], ctx: RuleContext, config: ResolvedConfig, failed: Set<string>, failures: RuleFailure[]): Finding[] {
  const own: Finding[] = [];
  for (let k = 0; k < slots.length; k++) {
    const { rule, slot: id } = slots[k];
    if (failed.size && failed.has(rule.id)) continue;
    let relative = entry.get(id) as RuleFinding[] | undefined;
    if (!relative) {
      try {
        const found = rule.checkBlock!(block, ctx);
        relative = new Array<RuleFinding>(found.length);
        for (let j = 0; j < found.length; j++) relative[j] = moveFinding(found[j], -block.start);
      } catch (e) {
        failed.add(rule.id);
        failures.push(failure(rule, e));
        continue;
      }
      entry.set(id, relative);
    }
    for (let j = 0; j < relative.length; j++) {
      const r = relative[j];
      const severity = severityFor(rule, config, r.severity);
      if (severity !== 'off') own.push(placeOwned(rule.id, severity, r, block.start));
    }
  }
  // In the final order already, so that the result meets the blocks' findings as one long run
  // (the sort is stable: findings equal in position, end and rule keep their order).
  own.sort(byPosition);
  return own;
}

/**
 * Adds a rule's findings to `out`, placed. With `rest` (a linter's), a finding the rule returned
 * in the last check too (the same object, moved in place by the rule) keeps its placed finding.
 */
function placeAll(rule: Rule, raw: RuleFinding[], config: ResolvedConfig, suppressions: ReturnType<typeof collectSuppressions>, model: ReportModel, out: Finding[], rest: LintCache['rest']): void {
  const last = rest?.get(rule.id);
  const placed: Finding[] | undefined = rest && raw.length ? new Array<Finding>(raw.length) : undefined;
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const severity = severityFor(rule, config, r.severity);
    let f: Finding | undefined;
    if (last) {
      // Both lists are in the rule's order: look a few places ahead past findings that are gone.
      for (let n = j; n < last.raw.length && n < j + 8; n++) {
        if (last.raw[n] !== r) continue;
        const g = last.placed[n];
        j = n + 1;
        if (g && g.severity === severity && g.message === r.message && g.fixes === r.fixes && g.data === r.data) {
          g.start = r.start;
          g.end = r.end;
          f = g;
        }
        break;
      }
    }
    if (severity === 'off') continue;
    f ??= place(rule.id, severity, r, 0);
    if (placed) placed[i] = f;
    if (!isSuppressed(f, suppressions, model)) out.push(f);
  }
  if (rest) {
    if (placed) rest.set(rule.id, { raw, placed });
    else if (last) rest.delete(rule.id);
  }
}

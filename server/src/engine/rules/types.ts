// The contract between the engine and each rule.

import type { Block, ReportModel } from '../model';
import type { Profile, SectionMatch } from '../profiles';
import type { ResolvedConfig } from '../config';
import type { Fix, LocalizedText, RuleFinding, Severity } from '../types';

export interface RuleContext {
  model: ReportModel;
  /** The profile in use, when the report's genre is known. */
  profile?: Profile;
  /** Where the profile's sections were found (empty without a profile). */
  sections: SectionMatch[];
  config: ResolvedConfig;
  /**
   * Values kept per block text between checks of one document (present when a linter re-checks
   * an edited document; absent in a one-off check). See `memoized`.
   */
  memo?: BlockMemo;
}

/**
 * A cache of per-block values for document-wide rules, keyed by the block's kind and text. A value
 * must depend on nothing but the block (its text, kind and where its content starts) and hold
 * offsets relative to `block.start`: the same value serves the block wherever it moves.
 */
export interface BlockMemo {
  /**
   * The value under `slot` for this block's text, `compute(block, arg)` on first use. `slot` names
   * the rule and the value ("rule-id/what"). `compute` is best a function made once, not per call.
   */
  get<T, A>(block: Block, slot: string, compute: (block: Block, arg: A) => T, arg: A): T;
}

/** `f` moved by `delta` (its fixes too): a new object, or `f` itself when `delta` is 0. */
export function moveFinding(f: RuleFinding, delta: number): RuleFinding {
  if (delta === 0) return f;
  const moved: RuleFinding = { ...f, start: f.start + delta, end: f.end + delta };
  if (f.fixes) moved.fixes = moveFixes(f.fixes, delta);
  return moved;
}

export function moveFixes(fixes: Fix[], delta: number): Fix[] {
  return fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) }));
}

/**
 * Moves a finding (or anything placed with fixes) and its fixes' edits by `delta`, in place: for
 * findings a cache owns and hands out again (their earlier readers must not keep them).
 */
export function moveInPlace(f: { start: number; end: number; fixes?: Fix[] }, delta: number): void {
  f.start += delta;
  f.end += delta;
  if (f.fixes) for (const x of f.fixes) for (const e of x.edits) {
    e.start += delta;
    e.end += delta;
  }
}

/** `compute(block, ctx)`, from the context's memo when there is one. */
export function memoized<T>(ctx: RuleContext, block: Block, slot: string, compute: (block: Block, ctx: RuleContext) => T): T {
  return ctx.memo ? ctx.memo.get(block, slot, compute, ctx) : compute(block, ctx);
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  description: LocalizedText;
  /** Checks the whole document. */
  check(ctx: RuleContext): RuleFinding[];
  /**
   * Checks one text block, reading nothing outside it (not its neighbours, not `model.text`
   * beyond the block). The engine caches these findings by the block's text and reuses them
   * when only other blocks changed; rules made with `blockRule` have both entry points.
   */
  checkBlock?(block: Block, ctx: RuleContext): RuleFinding[];
  /**
   * What a block rule's findings depend on besides the block and the config (the report's date,
   * say), computed once per check: cached findings are reused only under the same value.
   */
  blockContext?(ctx: RuleContext): string;
  /** The document-wide part of a block rule (run on every check, after the blocks; not cached). */
  checkRest?(ctx: RuleContext): RuleFinding[];
}

/** Makes a rule from a per-block check: `check` runs it over every text block. */
export function blockRule(def: Omit<Rule, 'check' | 'checkBlock'> & { checkBlock(block: Block, ctx: RuleContext): RuleFinding[] }): Rule {
  return {
    ...def,
    check(ctx) {
      const out: RuleFinding[] = [];
      const blocks = ctx.model.textBlocks;
      for (let i = 0; i < blocks.length; i++) {
        const found = def.checkBlock(blocks[i], ctx);
        for (let k = 0; k < found.length; k++) out.push(found[k]);
      }
      if (def.checkRest) for (const f of def.checkRest(ctx)) out.push(f);
      return out;
    },
  };
}

// The contract between the engine and each rule.

import type { Block, ReportModel } from '../model';
import type { Profile, SectionMatch } from '../profiles';
import type { ResolvedConfig } from '../config';
import type { LocalizedText, RuleFinding, Severity } from '../types';

export interface RuleContext {
  model: ReportModel;
  /** The profile in use, when the report's genre is known. */
  profile?: Profile;
  /** Where the profile's sections were found (empty without a profile). */
  sections: SectionMatch[];
  config: ResolvedConfig;
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
      for (const b of ctx.model.textBlocks) for (const f of def.checkBlock(b, ctx)) out.push(f);
      if (def.checkRest) for (const f of def.checkRest(ctx)) out.push(f);
      return out;
    },
  };
}

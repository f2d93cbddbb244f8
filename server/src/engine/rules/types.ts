// The contract between the engine and each rule.

import type { ReportModel } from '../model';
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
  check(ctx: RuleContext): RuleFinding[];
}

// The rule registry: a plain list. A new rule is one file in this folder plus one line here.

import type { Rule } from './types';
import { placeholderRule } from './placeholder';
import { artifactRule } from './artifact';
import { duplicatePunctuationRule } from './duplicate-punctuation';
import { headingNumberingRule } from './heading-numbering';
import { enumerationSequenceRule } from './enumeration-sequence';
import { requiredSectionRule } from './required-section';
import { maxLengthRule } from './max-length';
import { unpairedBracketRule } from './unpaired-bracket';
import { halfwidthPunctuationRule } from './halfwidth-punctuation';
import { repeatedCharRule } from './repeated-char';
import { numberFormatRule } from './number-format';
import { ellipsisRule } from './ellipsis';
import { termRule } from './term';
import { requestInReportRule } from './request-in-report';
import { vagueTimeRule } from './vague-time';

export const RULES: Rule[] = [
  placeholderRule,
  artifactRule,
  duplicatePunctuationRule,
  headingNumberingRule,
  enumerationSequenceRule,
  requiredSectionRule,
  maxLengthRule,
  unpairedBracketRule,
  halfwidthPunctuationRule,
  repeatedCharRule,
  numberFormatRule,
  ellipsisRule,
  termRule,
  requestInReportRule,
  vagueTimeRule,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

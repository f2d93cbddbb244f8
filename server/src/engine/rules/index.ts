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
import { figureConflictRule } from './figure-conflict';
import { figurePartExceedsWholeRule } from './figure-part-exceeds-whole';
import { figureSumMismatchRule } from './figure-sum-mismatch';
import { percentageMismatchRule } from './percentage-mismatch';
import { yearMismatchRule } from './year-mismatch';
import { dateOutOfPeriodRule } from './date-out-of-period';
import { figureFactRule } from './figure-fact';

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
  figureConflictRule,
  figurePartExceedsWholeRule,
  figureSumMismatchRule,
  percentageMismatchRule,
  yearMismatchRule,
  dateOutOfPeriodRule,
  figureFactRule,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

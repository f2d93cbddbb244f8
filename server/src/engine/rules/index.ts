// The rule registry: a plain list. A new rule is one file in this folder plus one line here.

import type { Rule } from './types';
import { placeholderRule } from './placeholder';
import { artifactRule } from './artifact';
import { duplicatePunctuationRule } from './duplicate-punctuation';
import { headingNumberingRule } from './heading-numbering';
import { enumerationSequenceRule } from './enumeration-sequence';
import { requiredSectionRule } from './required-section';
import { maxLengthRule } from './max-length';

export const RULES: Rule[] = [
  placeholderRule,
  artifactRule,
  duplicatePunctuationRule,
  headingNumberingRule,
  enumerationSequenceRule,
  requiredSectionRule,
  maxLengthRule,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

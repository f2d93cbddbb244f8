// percentage-mismatch: a stated rate (growth, share, 百分点, 倍) that the stated values contradict.

import type { Rule } from './types';
import { figureChecks } from '../figures';
import { checkFindings } from '../figures/findings';

export const percentageMismatchRule: Rule = {
  id: 'percentage-mismatch',
  defaultSeverity: 'warning',
  description: {
    zh: '增长率、占比与文中数值不符；两个百分数之差误用“%”（应为“个百分点”）；“增长N倍”与“增长到N倍”混用；“降低N倍”。',
    en: 'A growth rate or share that the stated values contradict; % for a change between two rates (percentage points); 增长N倍 vs 增长到N倍; 降低N倍.',
  },
  check({ model }) {
    return checkFindings(figureChecks(model), 'percentage-mismatch');
  },
};

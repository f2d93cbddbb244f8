// figure-sum-mismatch: listed parts that do not add up to their stated total (共 / 合计 / 分别).

import type { Rule } from './types';
import { figureChecks } from '../figures';
import { checkFindings } from '../figures/findings';

export const figureSumMismatchRule: Rule = {
  id: 'figure-sum-mismatch',
  defaultSeverity: 'warning',
  description: {
    zh: '各分项之和与“共/合计/总计”的总数不符；超出总数或“分别”列举的分项不等于总数时为警告，少于总数时为提示。',
    en: 'Listed parts do not add up to the stated total: a warning when they exceed it or are exhaustive (分别), info when they fall short.',
  },
  check({ model }) {
    return checkFindings(figureChecks(model), 'figure-sum-mismatch');
  },
};

// figure-part-exceeds-whole: parts after 其中 ("of which") larger than the total before them.

import type { Rule } from './types';
import { figureChecks } from '../figures';
import { checkFindings } from '../figures/findings';

export const figurePartExceedsWholeRule: Rule = {
  id: 'figure-part-exceeds-whole',
  defaultSeverity: 'warning',
  description: {
    zh: '“其中”后的部分数大于前面的总数（培训1200人次，其中职业农民1500人次）。',
    en: 'A part after 其中 ("of which") is larger than the total before it, or disjoint parts add up to more.',
  },
  check({ model }) {
    return checkFindings(figureChecks(model), 'figure-part-exceeds-whole');
  },
};

import { totalsOf } from '../totals';
import type { Rule } from './rule';
import { totalDiagnostic } from './totals-common';

/** 行政复议 总计 and each 行政诉讼 group's 总计 ≠ the sum of its four results. */
export const rule: Rule = {
  id: 'review-total',
  defaultSeverity: 'error',
  description: {
    zh: '行政复议、行政诉讼各组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和',
    en: 'Each review / litigation group total equals upheld + corrected + other + pending',
  },
  check(doc, report) {
    for (const t of totalsOf(doc)) if (t.rule === 'review-total') totalDiagnostic(t, report);
  },
};

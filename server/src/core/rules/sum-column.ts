import { totalsOf } from '../totals';
import type { Rule } from './rule';
import { totalDiagnostic } from './totals-common';

/** （七）总计 ≠ the sum of every sub-row of （一）…（六）, in each column. */
export const rule: Rule = {
  id: 'sum-column',
  defaultSeverity: 'error',
  description: {
    zh: '申请情况表“（七）总计”每列应等于（一）至（六）各项之和',
    en: 'In the requests table, each column of (7) Total equals the sum of every row of (1) to (6)',
  },
  check(doc, report) {
    for (const t of totalsOf(doc)) if (t.rule === 'sum-column') totalDiagnostic(t, report);
  },
};

import { totalsOf } from '../totals';
import type { Rule } from './rule';
import { totalDiagnostic } from './totals-common';

/** 总计 column ≠ 自然人 + the five 法人或其他组织 columns (table 3, every row but （七）总计). */
export const rule: Rule = {
  id: 'sum-row',
  defaultSeverity: 'error',
  description: {
    zh: '申请情况表每行的“总计”应等于自然人与法人或其他组织五列之和',
    en: "In the requests table, each row's 总计 equals natural persons plus the five organisation columns",
  },
  check(doc, report) {
    for (const t of totalsOf(doc)) if (t.rule === 'sum-row') totalDiagnostic(t, report);
  },
};

import { formatNumber } from '../text';
import { totalsOf } from '../totals';
import type { StatsRow } from '../types';
import { show, showEn, type Rule } from './rule';
import { totalDiagnostic } from './totals-common';

/**
 * Statistics tables (附件 统计表): a parent row equals the sum of its numbered children
 * ("各子栏目数总数要等于总栏目数量"); a 其中 row is a part and at most its parent.
 */
export const rule: Rule = {
  id: 'sum-parent',
  defaultSeverity: 'error',
  description: {
    zh: '统计表中上级栏目应等于其编号子栏目之和，“其中”项不大于上级栏目',
    en: 'In a statistics table a parent row equals the sum of its numbered sub-rows; a 其中 (of which) row is at most its parent',
  },
  check(doc, report) {
    for (const t of totalsOf(doc)) if (t.rule === 'sum-parent') totalDiagnostic(t, report);
    for (const t of doc.tables) {
      if (t.kind !== 'stats') continue;
      const rows = t.rows as StatsRow[];
      for (const r of rows) {
        if (!r.isPart || r.parent === null) continue;
        const p = rows[r.parent];
        const pv = p.cells[0];
        const v = r.cells[0];
        if (pv.kind === 'text' || v.kind === 'text' || pv.kind === 'blank') continue;
        if ((v.value ?? 0) > (pv.value ?? 0)) {
          report({
            range: v.valueRange,
            message: {
              zh: `“其中”项 ${show(v)} 大于上级栏目「${p.labelCells[0].raw.trim()}」的 ${show(pv)}`,
              en: `The "of which" figure ${showEn(v)} exceeds its parent "${p.labelCells[0].raw.trim()}" (${formatNumber(pv.value ?? 0)})`,
            },
            related: [{ range: pv.valueRange, message: { zh: '上级栏目', en: 'parent row' } }],
          });
        }
      }
    }
  },
};

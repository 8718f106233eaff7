import { ACTIVE_BLOCKS } from '../spec';
import { show, showEn, type Rule } from './rule';

const allowed = new Set<string>();
for (const v of ['2019', '2021'] as const) {
  for (const b of ACTIVE_BLOCKS[v]) for (const c of b.columns) if (c.negativeAllowed) allowed.add(`${b.id}/${c.id}`);
}

/** A negative figure where only 本年增/减 (2019 format) may be negative. */
export const rule: Rule = {
  id: 'cell-negative',
  defaultSeverity: 'error',
  description: {
    zh: '除“本年增/减”外，表中数字不应为负数',
    en: 'No figure may be negative except 本年增/减 (change this year)',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      for (const { cell: c, row: r } of t.irregular) {
        if (c.kind === 'text' || c.value === null || c.value >= 0) continue;
        if (t.kind === 'active' && allowed.has(`${r.block}/${c.column}`)) continue;
        report({
          range: c.valueRange,
          message: {
            zh: `「${c.columnPath[c.columnPath.length - 1] ?? ''}」不能为负数，现为 ${show(c)}`,
            en: `"${c.columnPath[c.columnPath.length - 1] ?? ''}" cannot be negative, found ${showEn(c)}`,
          },
        });
      }
    }
  },
};

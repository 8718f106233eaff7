import { BLOCKS, VERSIONS } from '../specIndex';
import { show, showEn, type Rule } from './rule';

/** May this column of this 第二十条 block hold a negative figure (本年增/减)? */
function negativeAllowed(block: string | undefined, column: string): boolean {
  return VERSIONS.some((v) => BLOCKS[v].get(block ?? '')?.spec.columns.some((c) => c.id === column && c.negativeAllowed));
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
        if (t.kind === 'active' && negativeAllowed(r.block, c.column)) continue;
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

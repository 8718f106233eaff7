import { exactNumber, exactOf, exactText, holds } from '../figures';
import type { Total } from '../totals';
import { recomputeFix, show, showEn, type Report } from './rule';

/** The diagnostic of a total that differs from its addends: on the total cell, addends related. */
export function totalDiagnostic(t: Total, report: Report): void {
  if (t.cell.kind === 'text') return; // cell-number reports it
  if (holds(t.cell, t.exact)) return;
  const e = exactText(t.exact);
  const rowName = t.row.labelPath[t.row.labelPath.length - 1] ?? '';
  const colName = t.cell.columnPath[t.cell.columnPath.length - 1] ?? '';
  const where = [rowName, colName].filter(Boolean).join(' × ');
  report({
    range: t.cell.kind === 'blank' ? t.cell.range : t.cell.valueRange,
    message: {
      zh: `合计不符：${where} 应为 ${e}，现为 ${show(t.cell)}（${t.formula.zh}）`,
      en: `Total does not add up: ${where} should be ${e}, found ${showEn(t.cell)} (${t.formula.en})`,
    },
    related: t.addends
      .filter((a) => a.value !== 0 || t.addends.length <= 8)
      .map((a) => ({
        range: a.cell.valueRange,
        message: {
          zh: `加数：${a.row.labelPath[a.row.labelPath.length - 1] ?? ''} × ${a.cell.columnPath[a.cell.columnPath.length - 1] ?? ''} = ${exactText(a.exact)}`,
          en: `addend: ${a.row.labelPath[a.row.labelPath.length - 1] ?? ''} × ${a.cell.columnPath[a.cell.columnPath.length - 1] ?? ''} = ${exactText(a.exact)}`,
        },
      })),
    fixes: [recomputeFix(t.cell, e)],
    expected: t.expected,
    actual: exactNumber(exactOf(t.cell) ?? 0n),
  });
}

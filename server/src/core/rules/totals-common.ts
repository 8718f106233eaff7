import { formatNumber } from '../text';
import type { Total } from '../totals';
import { recomputeFix, show, showEn, type Report } from './rule';

/** The diagnostic of a total that differs from its addends: on the total cell, addends related. */
export function totalDiagnostic(t: Total, report: Report): void {
  if (t.cell.kind === 'text') return; // cell-number reports it
  const actual = t.cell.value ?? 0;
  if (Math.abs(actual - t.expected) < 1e-9) return;
  const e = formatNumber(t.expected);
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
          zh: `加数：${a.row.labelPath[a.row.labelPath.length - 1] ?? ''} × ${a.cell.columnPath[a.cell.columnPath.length - 1] ?? ''} = ${formatNumber(a.value)}`,
          en: `addend: ${a.row.labelPath[a.row.labelPath.length - 1] ?? ''} × ${a.cell.columnPath[a.cell.columnPath.length - 1] ?? ''} = ${formatNumber(a.value)}`,
        },
      })),
    fixes: [recomputeFix(t.cell, t.expected)],
    expected: t.expected,
    actual,
  });
}

// Hover on a table cell: its row and column label paths, its value (a blank reads as 0), and for a
// total its formula with the current figures and, when wrong, what it should be.

import type { Hover, Position } from 'vscode-languageserver/node';
import { MarkupKind } from 'vscode-languageserver/node';
import { cellAt, exactText, formatNumber, holds, msg, totalForCell, type Lang, type ReportDocument } from '../core';
import { clean, columnPath, rowPath, tableName } from './labels';

const T = {
  row: { zh: '行', en: 'Row' },
  column: { zh: '列', en: 'Column' },
  value: { zh: '数值', en: 'Value' },
  blank: { zh: '空白，按 0 计', en: 'blank, read as 0' },
  text: { zh: '非数字', en: 'not a number' },
  unit: { zh: '含单位', en: 'with unit' },
  total: { zh: '合计', en: 'Total' },
  should: { zh: '应为', en: 'should be' },
  now: { zh: '现为', en: 'is' },
  ok: { zh: '合计正确', en: 'the total adds up' },
  label: { zh: '行标签', en: 'Row label' },
};

/** Escape Markdown in report text. */
function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

export function hover(doc: ReportDocument, pos: Position, lang: Lang): Hover | null {
  const hit = cellAt(doc, pos);
  if (!hit) return null;
  const t = (m: { zh: string; en: string }) => msg(m, lang);
  const lines: string[] = [];
  const rp = rowPath(hit.row);
  lines.push(`**${md(tableName(hit.table, lang))}**`, '');
  if (!hit.cell) {
    if (!hit.label) return null;
    lines.push(`${t(T.label)}: ${md(rp.join(' › '))}`);
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: hit.label.range };
  }
  const cell = hit.cell;
  const cp = columnPath(cell);
  lines.push(`${md(rp.join(' › ') || '—')} × ${md(cp.join(' › ') || cell.column)}`, '');
  lines.push(`- ${t(T.row)}: ${md(rp.join(' › ') || '—')}`);
  lines.push(`- ${t(T.column)}: ${md(cp.join(' › ') || cell.column)}`);
  let value: string;
  if (cell.kind === 'blank') value = `0（${t(T.blank)}）`;
  else if (cell.kind === 'text') value = `${md(clean(cell.raw))}（${t(T.text)}）`;
  else if (cell.kind === 'unit') value = `${formatNumber(cell.value ?? 0)}（${t(T.unit)} ${md(cell.unit ?? '')}）`;
  else value = formatNumber(cell.value ?? 0);
  if (lang === 'en') value = value.replace(/（/g, ' (').replace(/）/g, ')');
  lines.push(`- ${t(T.value)}: ${value}`);

  const total = totalForCell(doc, cell);
  if (total) {
    const wrong = !holds(cell, total.exact);
    const expected = exactText(total.exact);
    const addends = total.addends.map((a) => exactText(a.exact)).join(' + ') || '0';
    lines.push('', `**${t(T.total)}**: ${md(msg(total.formula, lang))}`, '');
    lines.push('```text', `${expected} = ${addends}`, '```');
    const sep = lang === 'zh' ? '，' : ', ';
    if (wrong) lines.push(`${t(T.should)} ${expected}${sep}${t(T.now)} ${cell.kind === 'blank' ? 0 : md(clean(cell.raw))}`);
    else lines.push(`✓ ${t(T.ok)}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: cell.range };
}

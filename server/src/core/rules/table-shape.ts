import { ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS } from '../spec';
import type { FormatVersion, Range, Row, Table } from '../types';
import type { Report, Rule } from './rule';

/** A row the format gives a table: its id (and its block's, in table 1), and its label for messages. */
interface Expected {
  block?: string;
  id: string;
  label: string;
}

/** A sub-row's label with its group's marker: （四）1.本机关不掌握相关政府信息. */
function requestLabel(version: FormatVersion, id: string): string {
  const rows = REQUEST_ROWS[version];
  const r = rows.find((x) => x.id === id)!;
  const p = r.parent && r.parent !== 'results' ? rows.find((x) => x.id === r.parent) : undefined;
  return p ? `${p.label.replace(/^(（[一二三四五六七]）).*$/, '$1')}${r.label}` : r.label;
}

/** The rows of table 3 with figures, in the format's order. */
function requestRows(version: FormatVersion): Expected[] {
  return REQUEST_ROWS[version].filter((s) => !s.group).map((s) => ({ id: s.id, label: requestLabel(version, s.id) }));
}

/** The rows of table 1, block by block, in the format's order. */
function activeRows(version: FormatVersion): Expected[] {
  return ACTIVE_BLOCKS[version].flatMap((b) => b.rows.map((r) => ({ block: b.id, id: r.id, label: `${b.title} ${r.label}` })));
}

const REQUEST_LABELS = REQUEST_COLUMNS.map((c) => c.label);
const REVIEW_LABELS = REVIEW_COLUMNS.map((c) => c.path.join('›'));

/** A row with missing or extra cells; a table cut short (rows or blocks missing). */
export const rule: Rule = {
  id: 'table-shape',
  defaultSeverity: 'error',
  description: {
    zh: '表格行的单元格数应与格式一致，表格不应缺行或被截断',
    en: 'Each table row has the cells the format gives it, and no table is cut short',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      const version: FormatVersion = t.shape ?? doc.format.version ?? '2021';
      if (t.kind === 'requests') {
        for (const r of t.rows) if (r.id) cellCount(r, REQUEST_LABELS, report);
        // (the reader lists the rows of the format the table lacks)
        const missing = new Set(t.missingRows);
        missingRows(t, requestRows(version), (e) => !missing.has(e.id), report);
      } else if (t.kind === 'review') {
        for (const r of t.rows) cellCount(r, REVIEW_LABELS, report);
        if (!t.rows.length) {
          report({
            range: t.range,
            message: { zh: '行政复议、行政诉讼情况表缺少数据行', en: 'The review and litigation table has no row of figures' },
          });
        }
      } else if (t.kind === 'active') {
        for (const r of t.rows) {
          const block = ACTIVE_BLOCKS[version].find((b) => b.id === r.block);
          if (block) cellCount(r, block.columns.map((c) => c.label), report);
        }
        missingRows(t, activeRows(version), (e) => t.rows.some((r) => r.block === e.block && r.id === e.id), report);
      }
    }
  },
};

function cellCount(r: Row, columns: string[], report: Report): void {
  const n = r.cells.length;
  if (n === columns.length) return;
  const label = r.labelPath[r.labelPath.length - 1] ?? '';
  const last = r.cells[n - 1];
  const range: Range = last ? { start: last.range.start, end: last.range.end } : r.range;
  if (n < columns.length) {
    const missing = columns.slice(n);
    report({
      range,
      message: {
        zh: `「${label}」行缺少 ${columns.length - n} 个单元格（${missing.join('、')}），应有 ${columns.length} 个，现有 ${n} 个`,
        en: `Row "${label}" is missing ${columns.length - n} cell(s) (${missing.join(', ')}): ${columns.length} expected, ${n} found`,
      },
    });
  } else {
    report({
      range: { start: r.cells[columns.length].range.start, end: last.range.end },
      message: {
        zh: `「${label}」行多出 ${n - columns.length} 个单元格，应有 ${columns.length} 个，现有 ${n} 个`,
        en: `Row "${label}" has ${n - columns.length} extra cell(s): ${columns.length} expected, ${n} found`,
      },
    });
  }
}

/** Report the rows of `expected` a table lacks: one message when it stops short, else one per missing row. */
function missingRows(t: Table, expected: Expected[], has: (e: Expected) => boolean, report: Report): void {
  if (!t.rows.length) return;
  const found = expected.map(has);
  const lastFound = found.lastIndexOf(true);
  const missing = expected.filter((_, k) => !found[k]);
  if (!missing.length) return;
  const lastRow = t.rows[t.rows.length - 1];
  // cut short: every row after the last one found is missing, and only those
  if (missing.length === expected.length - 1 - lastFound) {
    const names = missing.map((e) => e.label);
    report({
      range: lastRow.range,
      message: {
        zh: `表格在此行之后中断，缺少 ${names.length} 行：${names.slice(0, 6).join('、')}${names.length > 6 ? ' 等' : ''}`,
        en: `The table stops after this row; ${names.length} row(s) missing: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`,
      },
    });
    return;
  }
  for (const m of missing) {
    const k = expected.indexOf(m);
    const next = expected.find((_, j) => j > k && found[j]);
    const at = next ? t.rows.find((r) => r.block === next.block && r.id === next.id) : lastRow;
    report({
      range: at ? at.range : t.range,
      message: { zh: `表格缺少行「${m.label}」`, en: `The table lacks the row "${m.label}"` },
    });
  }
}

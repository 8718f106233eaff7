import { ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS } from '../spec';
import type { FormatVersion, Msg, Range, Row, Table } from '../types';
import type { Report, Rule } from './rule';

/** A row the format gives a table: its id (and its block's, in table 1), and its label for messages. */
interface Expected {
  block?: string;
  id: string;
  label: string;
}

const REQ_LABELS = REQUEST_COLUMNS.map((c) => c.label);
const REQUEST_EXPECTED: Record<FormatVersion, Expected[]> = {
  '2019': REQUEST_ROWS['2019'].filter((s) => !s.group).map((s) => ({ id: s.id, label: requestLabel('2019', s.id) })),
  '2021': REQUEST_ROWS['2021'].filter((s) => !s.group).map((s) => ({ id: s.id, label: requestLabel('2021', s.id) })),
};

/** Where each row of `REQUEST_EXPECTED` is in its list, by id. */
const REQUEST_EXPECTED_AT: Record<FormatVersion, Map<string, number>> = {
  '2019': new Map(REQUEST_EXPECTED['2019'].map((e, k) => [e.id, k])),
  '2021': new Map(REQUEST_EXPECTED['2021'].map((e, k) => [e.id, k])),
};

/** Table 1's rows in a format, in the spec's order, and where each is in that list (by block, then row id). */
interface ActiveExpected {
  rows: Expected[];
  at: Map<string, Map<string, number>>;
}

function activeExpected(v: FormatVersion): ActiveExpected {
  const rows = ACTIVE_BLOCKS[v].flatMap((b) => b.rows.map((r) => ({ block: b.id, id: r.id, label: `${b.title} ${r.label}` })));
  const at = new Map<string, Map<string, number>>();
  rows.forEach((e, k) => {
    const ids = at.get(e.block) ?? new Map<string, number>();
    if (!ids.has(e.id)) ids.set(e.id, k);
    at.set(e.block, ids);
  });
  return { rows, at };
}
const ACTIVE_EXPECTED_2019 = activeExpected('2019');
const ACTIVE_EXPECTED_2021 = activeExpected('2021');
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
        for (const r of t.rows) if (r.id) cellCount(r, REQ_LABELS, report);
        // the parser lists the rows of the format the table lacks (`Table.missingRows`)
        if (t.missingRows.length) {
          const expected = REQUEST_EXPECTED[version];
          // (each missing id's place in the list: one look-up each, not a search of the list per row)
          const at = REQUEST_EXPECTED_AT[version];
          const has = new Array<boolean>(expected.length).fill(true);
          for (const id of t.missingRows) {
            const k = at.get(id);
            if (k !== undefined) has[k] = false;
          }
          missingRows(t, expected, has, report);
        }
      } else if (t.kind === 'review') {
        for (const r of t.rows) cellCount(r, REVIEW_LABELS, report);
        if (!t.rows.length) {
          report({
            range: t.range,
            message: { zh: '行政复议、行政诉讼情况表缺少数据行', en: 'The review and litigation table has no row of figures' },
          });
        }
      } else if (t.kind === 'active') {
        const columns = COLUMN_LABELS[version];
        for (const r of t.rows) {
          const labels = r.block === undefined ? undefined : columns.get(r.block);
          if (labels) cellCount(r, labels, report);
        }
        // the rows found, marked by their place in the format's list (no key built per row)
        const list = version === '2019' ? ACTIVE_EXPECTED_2019 : ACTIVE_EXPECTED_2021;
        const has = new Array<boolean>(list.rows.length).fill(false);
        for (const r of t.rows) {
          const k = r.block === undefined ? undefined : list.at.get(r.block)?.get(r.id);
          if (k !== undefined) has[k] = true;
        }
        missingRows(t, list.rows, has, report);
      }
    }
  },
};

/** Each 第二十条 block's column labels, per format, by block id (the first block with the id, as a search in order finds it). */
const COLUMN_LABELS: Record<FormatVersion, Map<string, string[]>> = { '2019': columnLabels('2019'), '2021': columnLabels('2021') };

function columnLabels(v: FormatVersion): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of ACTIVE_BLOCKS[v]) if (!out.has(b.id)) out.set(b.id, b.columns.map((c) => c.label));
  return out;
}

/** A sub-row's label with its group's marker: （四）1.本机关不掌握相关政府信息. */
function requestLabel(version: FormatVersion, id: string): string {
  const rows = REQUEST_ROWS[version];
  const r = rows.find((x) => x.id === id)!;
  const p = r.parent && r.parent !== 'results' ? rows.find((x) => x.id === r.parent) : undefined;
  return p ? `${p.label.replace(/^(（[一二三四五六七]）).*$/, '$1')}${r.label}` : r.label;
}

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

/**
 * The message for a table that stops after row `lastFound` of `expected`: the same for every table
 * that stops there, so made once (frozen) and shared.
 */
const CUT_SHORT = new Map<Expected[], Msg[]>();

function cutShort(expected: Expected[], lastFound: number): Msg {
  let byLast = CUT_SHORT.get(expected);
  if (!byLast) CUT_SHORT.set(expected, (byLast = []));
  let m = byLast[lastFound + 1];
  if (!m) {
    const names = expected.slice(lastFound + 1).map((e) => e.label);
    m = byLast[lastFound + 1] = Object.freeze({
      zh: `表格在此行之后中断，缺少 ${names.length} 行：${names.slice(0, 6).join('、')}${names.length > 6 ? ' 等' : ''}`,
      en: `The table stops after this row; ${names.length} row(s) missing: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`,
    });
  }
  return m;
}

/** Report the rows of `expected` a table lacks (`has[k]`: it has the k-th). */
function missingRows(t: Table, expected: Expected[], has: boolean[], report: Report): void {
  if (!t.rows.length) return;
  // how many rows are missing, and the last one found (one look at each: most tables miss none)
  let missed = 0;
  let lastFound = -1;
  for (let k = 0; k < expected.length; k++) {
    if (has[k]) lastFound = k;
    else missed++;
  }
  if (!missed) return;
  const lastRow = t.rows[t.rows.length - 1];
  // cut short: every row after the last one found is missing
  if (missed === expected.length - 1 - lastFound) {
    report({ range: lastRow.range, message: cutShort(expected, lastFound) });
    return;
  }
  const missing = expected.filter((_, k) => !has[k]);
  for (const m of missing) {
    const k = expected.indexOf(m);
    const next = expected.find((_, j) => j > k && has[j]);
    const at = next ? t.rows.find((r) => r.block === next.block && r.id === next.id) : lastRow;
    report({
      range: at ? at.range : t.range,
      message: { zh: `表格缺少行「${m.label}」`, en: `The table lacks the row "${m.label}"` },
    });
  }
}

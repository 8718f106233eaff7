// What the table readers share: which row starts which table, how a region splits into tables,
// a row of the model, and where a row's labels end and its figures begin.

import { editDistance, normLabel, range } from '../text';
import type { Cell, HeaderCell, Row, Table, TableKind } from '../types';
import { isFigure, labelOf } from '../layout/cells';
import type { RawRow } from '../layout/regions';
import { isLabelPiece, type ColumnRef } from '../specIndex';

const BLOCK_TITLE_RE = /第二十条第\(([一二三四五六七八九十]+)\)项/;

/** The numeral of the 第二十条 block a normalised label names (`第二十条第(五)项` → 五), or null. */
export function blockNumeral(norm: string): string | null {
  return BLOCK_TITLE_RE.exec(norm)?.[1] ?? null;
}

/** The words that name a table in its first row (as written, white space aside). */
const TABLE_NAMES = /第二十条|勾稽|申请人情况|本年新收|行政复议|行政诉讼|统计指标/;

/** Does a line name a table (white space aside)? Only such a line can start one. */
export function namesTable(line: string): boolean {
  return TABLE_NAMES.test(line.replace(/\s+/g, ''));
}

/** The table a row starts, by its first cells: a block title, 勾稽关系 or 申请人情况, 行政复议 or 行政诉讼, 统计指标. */
export function tableStart(cells: Cell[]): TableKind | null {
  let seen = 0;
  for (const c of cells) {
    if (c.text === '') continue;
    if (++seen > 3) break; // a table's first row names it in its first cells
    if (isFigure(c)) return null;
    // (only a cell with one of the names is normalised: most cells have none)
    if (!namesTable(c.text)) continue;
    const n = c.norm;
    if (blockNumeral(n)) return 'active';
    if (n.includes('勾稽关系') || n === '申请人情况' || n.startsWith('一、本年新收')) return 'requests';
    if (n === '行政复议' || n === '行政诉讼') return 'review';
    if (n === '统计指标') return 'stats';
  }
  return null;
}

/** A region's rows split into tables where a row starts one; rows before any start form a statistics table when they have two cells or more. */
export function splitRegion(rows: RawRow[]): { kind: TableKind; rows: RawRow[] }[] {
  const out: { kind: TableKind; rows: RawRow[] }[] = [];
  let cur: { kind: TableKind; rows: RawRow[] } | null = null;
  for (const r of rows) {
    const k = tableStart(r.cells);
    // a table's own rows may name its kind again (一、本年新收…, a second block title): no new table
    if (k && (!cur || cur.kind !== k)) out.push((cur = { kind: k, rows: [] }));
    if (!cur) {
      if (r.cells.length < 2 || r.layout === 'spaced' || r.layout === 'text') continue;
      out.push((cur = { kind: 'stats', rows: [] }));
    }
    cur.rows.push(r);
  }
  return out;
}

/** A new table of `kind` over `rows`. */
export function newTable(kind: TableKind, rows: RawRow[], lines: string[]): Table {
  const a = rows[0].line;
  const b = rows[rows.length - 1].endLine;
  return {
    kind, startLine: a, endLine: b, range: range(a, 0, b, lines[b].length),
    headers: [], rows: [], missingRows: [], irregular: [], shape: undefined,
  };
}

/** A row of the model over raw rows `first…last` (from the start of its first line to the end of its last). */
export function makeRow(
  id: string, labelPath: string[], labelCells: HeaderCell[], cells: Cell[], block: string | undefined,
  first: RawRow, last: RawRow, lines: string[],
): Row {
  const line = Math.min(first.line, last.line);
  const endLine = Math.max(first.endLine, last.endLine);
  const row: Row = { id, labelPath, labelCells, cells, line, endLine, range: range(line, 0, endLine, lines[endLine].length) };
  if (block !== undefined) row.block = block;
  return row;
}

/** Add a row to its table, noting its irregular cells (see `Table.irregular`). */
export function addRow(t: Table, row: Row): void {
  t.rows.push(row);
  for (const cell of row.cells) {
    if (cell.kind !== 'number' || cell.value! < 0) t.irregular.push({ cell, row });
  }
}

/** Place cells in columns (the k-th in the k-th; `c<k>` past the last). */
export function placeColumns(values: Cell[], columns: readonly ColumnRef[]): void {
  values.forEach((c, k) => {
    const col = columns[k];
    c.column = col ? col.id : `c${k}`;
    c.columnPath = col ? col.path : [];
  });
}

/**
 * The value cells among `cells[from…]`, `n` of them when there are more: surplus blank cells are
 * dropped first at the front, then at the back.
 */
export function fitValues(cells: Cell[], n: number, from = 0): Cell[] {
  let a = from;
  let b = cells.length;
  while (b - a > n && cells[a].text === '') a++;
  while (b - a > n && cells[b - 1].text === '') b--;
  return cells.slice(a, b);
}

/** The non-blank cells of `cells` as labels. */
/** The label the cells make together, normalised (a label wrapped over several cells or lines). */
export function joinedNorm(cells: Cell[]): string {
  return cells.length === 1 ? cells[0].norm : normLabel(cells.map((c) => c.text).join(''));
}

export function labelsOf(cells: Cell[]): HeaderCell[] {
  return cells.filter((c) => c.text !== '').map((c) => labelOf(c));
}

/** Does a row hold anything but labels and blank cells after `from`? */
export function hasValues(cells: Cell[], from: number): boolean {
  for (let k = from; k < cells.length; k++) if (cells[k].text !== '') return true;
  return false;
}

/** What officers write where a figure belongs when they write none: 无, a dash, a slash, N/A, 不详, 见附件. */
const PLACEHOLDER_RE = /^(?:无|—+|-+|－+|–+|\/|／|N\/?A|不详|见附件|空|暂无)$/i;

/**
 * Where the leading labels of a row end: the last non-blank cell before its first figure, or
 * before a placeholder (a dash or 无 where a figure belongs), or before a short word after a label
 * that is no piece of a label; -1: none.
 */
export function leadingLabelsEnd(cells: Cell[]): number {
  let last = -1;
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    if (isFigure(c)) break;
    if (c.text === '') continue;
    if (PLACEHOLDER_RE.test(c.text) || (last >= 0 && c.text.length <= 4 && !isLabelPiece(c.norm))) break;
    last = k;
  }
  return last;
}

/**
 * The candidate nearest to `norm` when it is close enough to be a typo of it (a character or a few
 * wrong, missing or added; at most a quarter of the label), or null.
 */
export function nearLabel<T>(norm: string, candidates: { norm: string; value: T }[]): T | null {
  let best: T | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const max = Math.max(1, Math.floor(c.norm.length / 4));
    const d = editDistance(norm, c.norm, max);
    if (d <= max && d < bestD) {
      bestD = d;
      best = c.value;
    }
  }
  return best;
}

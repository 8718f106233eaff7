// 在表格中编辑 / Edit Tables: what a figure typed into the grid means for the text. Pure: no import
// of `vscode` or `vscode-languageserver` (the extension's grid webview and the tests call it).
//
// - Every value cell of the statistics tables gets a stable id (table kind and its number among
//   tables of that kind, table 1's block, the row id, the column id), the same for the webview
//   and the extension as long as the table's rows and columns stay as they are.
// - A grid edit (cell id → new figure) becomes text edits on exactly that cell's characters: the
//   parser's `Cell.valueRange` (a blank cell has an empty range where its figure goes), so it works
//   in every layout the parser reads (one cell per line, tab rows, …) and the rest of the text stays
//   byte-identical.
// - With 合计自动计算 on, each total that depends on an edited cell (its addends, and theirs) is
//   rewritten in the same set of edits (the extension applies them as one WorkspaceEdit: one undo).
// - Input is checked: full-width digits and signs are converted; anything that is not a figure is
//   refused with a message, never written.

import { replaceCell } from './layout/edit';
import { exactText, holds } from './figures';
import { applyEdits } from './index';
import { parse } from './parser';
import { REQUEST_COLUMNS, REVIEW_COLUMNS, ACTIVE_BLOCKS } from './spec';
import { totalsOf } from './totals';
import type { Cell, FormatVersion, Msg, ParseOptions, ReportDocument, Row, Table, TableKind, TextEdit } from './types';

export interface GridSettings {
  /** 合计自动计算: rewrite the totals an edit affects, in the same edit. Total cells are then read-only. */
  autoTotals: boolean;
  /** What Delete writes: `0`, or nothing (a blank cell). */
  deleteValue: 'zero' | 'blank';
}

export const DEFAULT_GRID_SETTINGS: GridSettings = { autoTotals: true, deleteValue: 'zero' };

/** One value cell of the grid. */
export interface GridCell {
  id: string;
  table: Table;
  /** Index of the table in `doc.tables`. */
  tableIndex: number;
  row: Row;
  cell: Cell;
  /** Grid coordinates inside its table: the row (in the table's row order) and the column. */
  r: number;
  c: number;
  /** A total (computed from other cells): read-only in the grid while 合计自动计算 is on. */
  total: boolean;
  /** For screen readers and messages: row label, then column label path. */
  rowLabel: string;
  columnLabel: string;
}

export interface GridLayout {
  cells: Map<string, GridCell>;
  byCell: Map<Cell, GridCell>;
  /** Per table index: rows × columns of cell ids (undefined where the row has no such cell). */
  tables: Map<number, (string | undefined)[][]>;
}

// ------------------------------------------------------------------ ids and layout

const versionOf = (doc: ReportDocument, t: Table): FormatVersion => doc.format.version ?? t.shape ?? doc.format.shape ?? '2021';

/** The column order of a table's grid: the format's columns, then any other column its rows hold. */
function columnOrder(doc: ReportDocument, table: Table, row: Row): string[] {
  let cols: string[];
  switch (table.kind) {
    case 'requests': cols = REQUEST_COLUMNS.map((c) => c.id); break;
    case 'review': cols = REVIEW_COLUMNS.map((c) => c.id); break;
    case 'active': cols = ACTIVE_BLOCKS[versionOf(doc, table)].find((b) => b.id === row.block)?.columns.map((c) => c.id) ?? []; break;
    default: cols = ['value'];
  }
  return cols;
}

/** Is this cell a total by where it stands (whether or not its addends can be added up now)? */
function structuralTotal(table: Table, row: Row, cell: Cell): boolean {
  if (table.kind === 'requests') return cell.column === 'total' || row.id === 'r7';
  if (table.kind === 'review') return cell.column.endsWith('.total');
  return false;
}

const lastOf = (a: string[]): string => a[a.length - 1] ?? '';

/** Every value cell of the statistics tables, with its id and grid place. */
export function gridLayout(doc: ReportDocument): GridLayout {
  const cells = new Map<string, GridCell>();
  const byCell = new Map<Cell, GridCell>();
  const tables = new Map<number, (string | undefined)[][]>();
  const totalCells = new Set(totalsOf(doc).map((t) => t.cell));
  const seenKind = new Map<TableKind, number>();
  doc.tables.forEach((table, tableIndex) => {
    const kindIndex = seenKind.get(table.kind) ?? 0;
    seenKind.set(table.kind, kindIndex + 1);
    const matrix: (string | undefined)[][] = [];
    const rowKeys = new Set<string>();
    table.rows.forEach((row, r) => {
      let rowKey = row.id || `#${r}`;
      for (let n = 2; rowKeys.has(rowKey); n++) rowKey = `${row.id || `#${r}`}~${n}`;
      rowKeys.add(rowKey);
      const order = columnOrder(doc, table, row);
      const line: (string | undefined)[] = [];
      const colKeys = new Set<string>();
      const rowLabel = row.labelCells.length ? lastOf(row.labelCells.map((l) => l.raw.trim())) : lastOf(row.labelPath);
      for (const cell of row.cells) {
        if (table.kind === 'stats' && cell.kind === 'unit' && cell.column !== 'value') continue;
        let colKey = cell.column;
        for (let n = 2; colKeys.has(colKey); n++) colKey = `${cell.column}~${n}`;
        colKeys.add(colKey);
        let c = order.indexOf(colKey);
        if (c < 0) {
          order.push(colKey);
          c = order.length - 1;
        }
        const id = `${table.kind}${kindIndex}/${row.block ?? '-'}/${rowKey}/${colKey}`;
        const g: GridCell = {
          id, table, tableIndex, row, cell, r, c,
          total: totalCells.has(cell) || structuralTotal(table, row, cell),
          rowLabel: (rowLabel || row.labelPath.join(' ')).replace(/\s+/g, ' '),
          columnLabel: (cell.columnPath.length ? cell.columnPath.join(' › ') : cell.column).replace(/\s+/g, ' '),
        };
        cells.set(id, g);
        byCell.set(cell, g);
        line[c] = id;
      }
      matrix.push(line);
    });
    tables.set(tableIndex, matrix);
  });
  return { cells, byCell, tables };
}

// ------------------------------------------------------------------ input

export type FigureCheck = { ok: true; text: string } | { ok: false; message: Msg };

const FIGURE = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * A figure as typed or pasted → the text to write: full-width digits, `．`, `，` and the signs
 * `－ — –` converted, thousands separators dropped, surrounding white space trimmed. '' means a
 * blank cell. Anything else (letters, units, two figures, a formula) is refused.
 */
export function normalizeFigure(input: string): FigureCheck {
  if (typeof input !== 'string' || input.length > 40) return refuse(String(input ?? '').slice(0, 40));
  const t = input.normalize('NFKC').replace(/[－—–−]/g, '-').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  if (t === '') return { ok: true, text: '' };
  if (!FIGURE.test(t)) return refuse(input.trim());
  let s = t.replace(/,/g, '');
  // no leading zeros (007 → 7), no "-0"
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  s = s.replace(/^0+(?=\d)/, '');
  if (s.includes('.')) s = s.replace(/\.?0+$/, '') || '0';
  if (s === '0') return { ok: true, text: '0' };
  return { ok: true, text: neg ? `-${s}` : s };
}

function refuse(what: string): FigureCheck {
  const shown = what.length > 20 ? `${what.slice(0, 20)}…` : what;
  return {
    ok: false,
    message: {
      zh: `「${shown}」不是数字：单元格中只能填写数字（如 12、0、－3、1.5）`,
      en: `"${shown}" is not a figure: a cell takes a number only (e.g. 12, 0, -3, 1.5)`,
    },
  };
}

// ------------------------------------------------------------------ edits

export interface GridChange {
  id: string;
  /** What was typed; `null` means Delete (0 or blank, per the settings). */
  value: string | null;
}

export interface GridRefusal {
  id: string;
  message: Msg;
}

export interface GridEditResult {
  /** Text edits on the document the layout was made from (each on one cell's characters). */
  edits: TextEdit[];
  /** The cells the edits write, by id (the edited cells, then the recomputed totals). */
  written: { id: string; text: string; total: boolean }[];
  refused: GridRefusal[];
}

const UNKNOWN_CELL = (id: string): Msg => ({ zh: `没有这个单元格：${id}`, en: `No such cell: ${id}` });
const TOTAL_READ_ONLY: Msg = {
  zh: '合计单元格由“合计自动计算”填写，不能直接编辑（关闭“合计自动计算”后可以编辑）',
  en: 'Totals are filled in by "Compute totals"; turn it off to edit a total by hand',
};

const NO_BLANK: Msg = {
  zh: '在这张表的写法中，清空这个单元格会使后面的数字错位；请填 0（或在设置中让 Delete 写入 0）',
  en: 'As this table is written, emptying this cell would move the figures after it; write 0 instead (or let Delete write 0 in the settings)',
};
const SHAPE_CHANGED: Msg = {
  zh: '这一修改会改变表格的结构，未写入',
  en: 'This edit would change the table\'s structure; it was not written',
};

/** The edited text parsed, when it reads back as intended (the same cells, only the written ones changed). */
function readBack(doc: ReportDocument, layout: GridLayout, edits: TextEdit[], written: GridEditResult['written'], options: ParseOptions): { doc: ReportDocument; layout: GridLayout } | undefined {
  const next = parse(applyEdits(doc.text, edits), options);
  const nextLayout = gridLayout(next);
  if (nextLayout.cells.size !== layout.cells.size) return undefined;
  const want = new Map(written.map((w) => [w.id, w.text]));
  for (const [id, g] of layout.cells) {
    const h = nextLayout.cells.get(id);
    if (!h) return undefined;
    const w = want.get(id);
    const now = currentText(next, h.cell);
    if (w !== undefined ? now !== w : now !== currentText(doc, g.cell) || h.cell.kind !== g.cell.kind) return undefined;
  }
  return { doc: next, layout: nextLayout };
}

/** The text the cell holds now, as the grid compares it (trimmed figure). */
function currentText(doc: ReportDocument, cell: Cell): string {
  return cell.kind === 'blank' ? '' : textOf(doc, cell.kind === 'text' ? cell.range : cell.valueRange);
}

function textOf(doc: ReportDocument, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  if (r.start.line === r.end.line) return doc.lines[r.start.line]?.slice(r.start.character, r.end.character) ?? '';
  const parts = [doc.lines[r.start.line]?.slice(r.start.character) ?? ''];
  for (let l = r.start.line + 1; l < r.end.line; l++) parts.push(doc.lines[l] ?? '');
  parts.push(doc.lines[r.end.line]?.slice(0, r.end.character) ?? '');
  return parts.join(doc.eol);
}

/**
 * The range a new figure replaces: the figure inside the cell (a unit written after it stays), or
 * for a cell holding text the whole cell.
 */
function targetRange(cell: Cell) {
  return cell.kind === 'text' ? cell.range : cell.valueRange;
}

/**
 * Text edits for grid changes on `doc` (parsed from its text with `options`). Changes to unknown
 * cells, of values that are not figures, or to totals while 合计自动计算 is on, are refused.
 */
export function gridEdits(doc: ReportDocument, changes: GridChange[], settings: GridSettings = DEFAULT_GRID_SETTINGS, options: ParseOptions = {}, layout = gridLayout(doc)): GridEditResult {
  const refused: GridRefusal[] = [];
  const edits: TextEdit[] = [];
  const written: GridEditResult['written'] = [];
  const done = new Set<string>();
  for (const ch of changes) {
    const g = layout.cells.get(ch.id);
    if (!g) { refused.push({ id: ch.id, message: UNKNOWN_CELL(String(ch.id).slice(0, 80)) }); continue; }
    if (g.total && settings.autoTotals) { refused.push({ id: ch.id, message: TOTAL_READ_ONLY }); continue; }
    const typed = ch.value === null ? (settings.deleteValue === 'blank' ? '' : '0') : ch.value;
    const f = normalizeFigure(typed);
    if (!f.ok) { refused.push({ id: ch.id, message: f.message }); continue; }
    if (done.has(ch.id)) continue; // the first change to a cell wins (as applyEdits would)
    done.add(ch.id);
    if (currentText(doc, g.cell) === f.text && g.cell.kind !== 'text') continue; // nothing changes
    // (a figure's edit keeps the cell's layout: in a space-aligned row, later columns stay aligned)
    edits.push(g.cell.kind === 'text' ? { range: targetRange(g.cell), newText: f.text } : replaceCell(g.cell, f.text));
    written.push({ id: ch.id, text: f.text, total: false });
  }
  if (!edits.length) return { edits, written, refused };

  // The text as it will be must read back as intended: every other cell as it was, the edited
  // cells with their new figures. (Some layouts cannot hold a blank cell where a figure was: in
  // padded tab rows the parser would read the next figure into it.)
  let next = readBack(doc, layout, edits, written, options);
  if (!next) {
    const blanks = new Set(written.filter((w) => w.text === '').map((w) => w.id));
    for (const w of written) if (blanks.has(w.id)) refused.push({ id: w.id, message: NO_BLANK });
    const keep = written.map((w, k) => (blanks.has(w.id) ? -1 : k)).filter((k) => k >= 0);
    const kept = { edits: keep.map((k) => edits[k]), written: keep.map((k) => written[k]) };
    edits.length = 0;
    written.length = 0;
    if (kept.edits.length) {
      next = readBack(doc, layout, kept.edits, kept.written, options);
      if (next) {
        edits.push(...kept.edits);
        written.push(...kept.written);
      } else {
        for (const w of kept.written) refused.push({ id: w.id, message: SHAPE_CHANGED });
      }
    }
  }
  if (!next || !edits.length || !settings.autoTotals) return { edits, written, refused };
  const nextLayout = next.layout;
  const figures = written.length;

  // Totals: rewrite each total that depends on an edited cell.
  const edited = new Set<Cell>();
  for (const w of written) {
    const c = nextLayout.cells.get(w.id)?.cell;
    if (c) edited.add(c);
  }
  const totals = totalsOf(next.doc);
  const affected = new Set<Cell>(edited);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of totals) {
      if (affected.has(t.cell)) continue;
      if (t.addends.some((a) => affected.has(a.cell))) {
        affected.add(t.cell);
        grew = true;
      }
    }
  }
  for (const t of totals) {
    if (edited.has(t.cell) || !affected.has(t.cell) || t.cell.kind === 'text') continue;
    const want = exactText(t.exact);
    const have = t.cell.kind === 'blank' ? '' : textOf(next.doc, t.cell.valueRange);
    if (have === want || (t.cell.kind !== 'blank' && holds(t.cell, t.exact))) continue;
    // the same cell in the document the edits apply to
    const id = nextLayout.byCell.get(t.cell)?.id;
    const old = id ? layout.cells.get(id) : undefined;
    if (!id || !old || done.has(id)) continue;
    done.add(id);
    edits.push({ range: targetRange(old.cell), newText: want });
    written.push({ id, text: want, total: true });
  }
  if (written.length > figures && !readBack(doc, layout, edits, written, options)) {
    // a total could not be written where it stands: write the figures alone
    edits.length = figures;
    written.length = figures;
  }
  return { edits, written, refused };
}

// ------------------------------------------------------------------ paste

export interface PasteResult {
  changes: GridChange[];
  /** Pasted values that fell outside the table (or on no cell) and were left out. */
  dropped: number;
}

/**
 * A rectangular block copied from a spreadsheet (rows on lines, cells separated by tabs) pasted at
 * the cell `anchor`: one change per pasted value, to the cell as many rows down and columns right
 * of the anchor in the same table. Values that land on no cell are dropped (and counted). An empty
 * pasted value is a Delete. Read-only totals are skipped (they are recomputed).
 */
export function pasteChanges(layout: GridLayout, anchor: string, text: string, settings: GridSettings = DEFAULT_GRID_SETTINGS): PasteResult | undefined {
  const a = layout.cells.get(anchor);
  if (!a || typeof text !== 'string') return undefined;
  const matrix = layout.tables.get(a.tableIndex)!;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const changes: GridChange[] = [];
  let dropped = 0;
  lines.forEach((line, i) => {
    line.split('\t').forEach((v, j) => {
      const id = matrix[a.r + i]?.[a.c + j];
      const g = id ? layout.cells.get(id) : undefined;
      if (!g) { dropped++; return; }
      if (g.total && settings.autoTotals) return;
      changes.push({ id: g.id, value: v.trim() === '' ? null : v });
    });
  });
  return { changes, dropped };
}

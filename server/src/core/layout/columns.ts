// Columns of a space-aligned table (pdftotext -layout, plain-text mail). A blank cell is printed
// as a gap, so a row with fewer figures than the table's columns has gaps; where they are is read
// from where the figures start in the rows that have them all, or else from where the column
// labels of the header start. A place is counted in characters (pdftotext) or in display columns
// (a CJK character two wide, as a monospaced editor aligns): whichever lines the columns up better.

import { lineRange, normLabel } from '../text';
import type { Cell, HeaderCell } from '../types';
import type { RawRow } from './regions';

/** Display width of `s`: two columns for CJK and full-width characters. */
function width(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += charWidth(s.charCodeAt(i));
  return w;
}

/** Display width of a UTF-16 code unit: two for CJK, Hangul and full-width forms, else one. */
function charWidth(c: number): number {
  const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3)
    || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6);
  return wide ? 2 : 1;
}

type Metric = (line: string, c: Cell) => number;
const byChars: Metric = (_line, c) => c.valueRange.start.character;
const byWidth: Metric = (line, c) => width(line.slice(0, c.valueRange.start.character));

export interface Columns {
  metric: Metric;
  /** The middle of each column. */
  at: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The columns of a table's spaced rows, from the rows whose `values` hold all `n`; with fewer than
 * two such rows, from where the header's column labels (`labels`, in order) start; else null.
 */
export function spacedColumns(rows: { row: RawRow; values: Cell[] }[], lines: string[], n: number, labels: string[], headers: HeaderCell[][]): Columns | null {
  const full = rows.filter((r) => r.row.layout === 'spaced' && r.values.length === n && r.values.every((c) => c.line === r.values[0].line)).map((r) => r.values);
  if (full.length >= 2) return bestColumns(full, lines, n, [byChars, byWidth]);
  // from the header, in the metric under which its cells line up best from line to line (a label
  // wrapped in its cell: 结果 over 维持), if its labels are found there, all in order
  const byStacking = stacked(headers, lines, byWidth) > stacked(headers, lines, byChars);
  const metrics = byStacking ? [byWidth, byChars] : [byChars, byWidth];
  for (const metric of metrics) {
    const heads = columnHeads(headers, labels, lines, metric);
    if (heads) return bestColumns([heads], lines, n, [metric]);
  }
  return null;
}

/** How many header cells start where a header cell of another line starts, under `metric`. */
function stacked(headers: HeaderCell[][], lines: string[], metric: Metric): number {
  const at = headers.flat().map((h) => ({ line: h.range.start.line, x: metric(lines[h.range.start.line], { valueRange: h.range } as Cell) }));
  return at.filter((a) => at.some((b) => b.line !== a.line && b.x === a.x)).length;
}

/**
 * The header cells that start the column labels `labels`, left to right: header cells are taken
 * in the order of where they start (all header lines together), each the start of the next label.
 */
function columnHeads(headers: HeaderCell[][], labels: string[], lines: string[], metric: Metric): Cell[] | null {
  const cells = headers.flat().map((h) => {
    const c = { valueRange: h.range, line: h.range.start.line } as Cell;
    return { cell: c, norm: h.norm, x: metric(lines[c.line], c) };
  });
  cells.sort((a, b) => a.x - b.x || a.cell.line - b.cell.line);
  const wants = labels.map(normLabel);
  const out: Cell[] = [];
  for (const { cell: c, norm } of cells) {
    if (out.length === wants.length) break;
    if (norm && wants[out.length].startsWith(norm)) out.push(c);
  }
  return out.length === labels.length ? out : null;
}

function bestColumns(full: Cell[][], lines: string[], n: number, metrics: Metric[]): Columns | null {
  let best: Columns | null = null;
  let bestSpread = Infinity;
  for (const metric of metrics) {
    const at: number[] = [];
    let spread = 0;
    for (let k = 0; k < n; k++) {
      const xs = full.map((values) => metric(lines[values[k].line], values[k]));
      const m = median(xs);
      at.push(m);
      spread += xs.reduce((s, x) => s + Math.abs(x - m), 0);
    }
    if (spread < bestSpread) {
      bestSpread = spread;
      best = { metric, at };
    }
  }
  return best;
}

/**
 * A spaced row's `values` (fewer than the columns) placed in the columns: each figure in the
 * nearest column after the previous one's; a column without a figure is a blank cell (an empty
 * range on the row's line, where the column is). Null when they cannot be placed in order.
 */
export function placeInColumns(values: Cell[], cols: Columns, lines: string[]): Cell[] | null {
  const out: (Cell | null)[] = new Array(cols.at.length).fill(null);
  let from = 0;
  for (const c of values) {
    const x = cols.metric(lines[c.line], c);
    let k = from;
    for (let j = from; j < cols.at.length; j++) if (Math.abs(cols.at[j] - x) < Math.abs(cols.at[k] - x)) k = j;
    if (k < from || out[k]) return null;
    out[k] = c;
    from = k + 1;
  }
  const line = values[0]?.line;
  if (line === undefined) return null;
  return out.map((c, k) => c ?? gapCell(line, lines[line], cols, k));
}

/** A row of blank cells on line `lineNo`, one per column (a row printed without a figure). */
export function blankRow(lineNo: number, cols: Columns, lines: string[]): Cell[] {
  return cols.at.map((_, k) => gapCell(lineNo, lines[lineNo], cols, k));
}

/** A blank cell where column `k` crosses the line (at the line's end when the line is shorter). */
function gapCell(lineNo: number, line: string, cols: Columns, k: number): Cell {
  // the first character at or past the column (counted as the metric counts: characters or display columns)
  let ch = 0;
  let x = 0;
  const wide = cols.metric === byWidth;
  while (ch < line.length && x < cols.at[k]) {
    x += wide ? charWidth(line.charCodeAt(ch)) : 1;
    ch++;
  }
  // (in the middle of the gap's white space)
  const range = lineRange(lineNo, ch, ch);
  return { column: '', columnPath: [], raw: '', text: '', norm: '', kind: 'blank', value: 0, line: lineNo, endLine: lineNo, range, valueRange: range };
}

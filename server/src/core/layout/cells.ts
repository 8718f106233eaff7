// Cells as the layout readers make them: plain data, with their ranges made with them.

import { lineRange, normLabel, parseNumber, range, trimEnd, trimStart } from '../text';
import type { Cell, HeaderCell } from '../types';

/** The column path of a cell not placed in a column (shared: it is never changed, only replaced). */
const NO_PATH: string[] = [];

/** The cell `line[start, end)` of line `lineNo` (padding included; its text is the trimmed part). */
export function makeCell(lineNo: number, line: string, start: number, end: number): Cell {
  const a = trimStart(line, start, end);
  const b = trimEnd(line, a, end);
  const text = line.slice(a, b);
  const p = parseNumber(text);
  const range = lineRange(lineNo, start, end);
  const padded = a !== start || b !== end;
  const cell: Cell = {
    column: '',
    columnPath: NO_PATH,
    raw: padded ? line.slice(start, end) : text,
    text,
    norm: labelNorm(text),
    kind: p.kind,
    value: p.value,
    line: lineNo,
    endLine: lineNo,
    range,
    // the text's range: the cell's own when it has no padding; a blank cell's, the empty range where it starts
    valueRange: !padded ? range : a < b ? lineRange(lineNo, a, b) : lineRange(lineNo, start, start),
  };
  if (p.unit !== undefined) cell.unit = p.unit;
  return cell;
}

/** A cell's text as a label reads it (`normLabel`); plain digits and a blank, most cells of a table, are that already. */
function labelNorm(text: string): string {
  return /^\d*$/.test(text) ? text : normLabel(text);
}

/** A cell continued on a later line (a wrapped cell): one cell spanning both. */
export function joinCells(first: Cell, next: Cell): Cell {
  const text = first.text + next.text;
  const p = parseNumber(text);
  const cell: Cell = {
    column: first.column,
    columnPath: first.columnPath,
    raw: `${first.raw}\n${next.raw}`,
    text,
    norm: labelNorm(text),
    kind: p.kind,
    value: p.value,
    line: first.line,
    endLine: next.endLine,
    range: range(first.range.start.line, first.range.start.character, next.range.end.line, next.range.end.character),
    valueRange: !first.text ? next.valueRange : !next.text ? first.valueRange
      : range(first.valueRange.start.line, first.valueRange.start.character, next.valueRange.end.line, next.valueRange.end.character),
  };
  if (p.unit !== undefined) cell.unit = p.unit;
  return cell;
}

/** A figure, with or without a unit. */
export function isFigure(c: Cell): boolean {
  return c.kind === 'number' || c.kind === 'unit';
}

/** A label cell as the model shows it: its text and the range of that text. */
export function labelOf(c: Cell): HeaderCell {
  return { raw: c.text, range: c.valueRange, norm: c.norm };
}

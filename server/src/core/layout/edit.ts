// An edit of one cell's text, in whatever layout the cell is written: only that cell's characters
// change (tabs, pipes and padding kept). In a space-aligned row the white space after the cell
// gives or takes the difference in width, so later columns stay where they are while at least two
// spaces still separate the cells.

import type { Cell, TextEdit } from '../types';

/** The edit that makes `cell` read `newText`. */
export function replaceCell(cell: Cell, newText: string): TextEdit {
  // (a blank cell's value range is the empty range where it starts: the figure is written there)
  const range = cell.valueRange;
  if (cell.slack === undefined || range.start.line !== range.end.line) return { range, newText };
  const old = cell.text.length;
  const d = newText.length - old;
  if (d > 0) {
    const take = Math.max(0, Math.min(d, cell.slack - 2));
    return { range: { start: range.start, end: { line: range.end.line, character: range.end.character + take } }, newText };
  }
  return { range, newText: newText + ' '.repeat(-d) };
}

// Lines → table regions of rows of cells. Each line is read by the layout readers (`lines.ts`);
// a region is a run of table lines. A tab or pipe line is a table line wherever it is; a line
// without such marks belongs to a table when it starts one (a block title, 申请人情况, 行政复议…) or
// when a table is open and the line is made of figures and pieces of the format's labels (a label
// alone on its line, a wrapped label, a spaced row, a rotated group label) or is a page number.

import { isLabelPiece, isLabelWords, isNearLabel } from '../specIndex';
import { isBlank } from '../text';
import type { Cell } from '../types';
import { isFigure, joinCells } from './cells';
import { isPageFooter, readPipeLine, readSpacedLine, readTabLine, type LineLayout } from './lines';

/** A row of cells as the layout gives it: one line (a tab, pipe or spaced row), or the cell lines between blank lines. */
export interface RawRow {
  cells: Cell[];
  line: number;
  endLine: number;
  layout: LineLayout;
}

export interface Regions {
  regions: RawRow[][];
  /** The lines that belong to a table (not read as prose or headings). */
  tableLines: Set<number>;
}

/** Options: what ends a table (a section heading), and what starts one (by its first cells). */
export interface RegionOptions {
  /** A section heading: 'exact' (its title), 'loose' (numbered, with a section's keyword), or null. */
  isHeading(line: string): 'exact' | 'loose' | null;
  startsTable(cells: Cell[]): boolean;
  /** Can a line start a table (does it name one)? When not, it is not read into cells outside a table. */
  mayStartTable(line: string): boolean;
}

export function readRegions(lines: string[], opts: RegionOptions): Regions {
  const regions: RawRow[][] = [];
  const tableLines = new Set<number>();
  let region: RawRow[] | null = null;
  /** The open row of one-cell lines (until a blank line). */
  let row: RawRow | null = null;
  const open = (): RawRow[] => {
    if (!region) regions.push((region = []));
    return region;
  };
  const close = () => {
    region = null;
    row = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || (!line.includes('\t') && isBlank(line))) {
      row = null;
      continue;
    }
    const marked = readTabLine(i, line) ?? readPipeLine(i, line);
    if (marked) {
      tableLines.add(i);
      const r = open();
      if (marked.layout === 'rule') continue;
      if (marked.layout === 'cell') {
        if (!row) r.push((row = { cells: [], line: i, endLine: i, layout: 'cell' }));
        row.cells.push(marked.cells[0]);
        row.endLine = i;
      } else {
        row = null;
        r.push({ cells: marked.cells, line: i, endLine: i, layout: marked.layout });
      }
      continue;
    }
    // a line without tabs or pipes, outside a table: prose or a heading, unless it names a table
    if (!region && !opts.mayStartTable(line)) continue;
    // a line without tabs or pipes: inside a table, a piece of its labels (一、本年新收政府信息公开申请
    // wrapped) even when it reads like a heading; else a heading ends the table
    const spaced = readSpacedLine(i, line);
    const tableLine = region !== null && isTableLine(spaced.cells);
    // (a loose one followed by a row of the open table is a row label: 二、上年止转政府信息公开申请 misspelled)
    const heading = tableLine ? null : opts.isHeading(line);
    if (heading && !(region && heading === 'loose' && isLabelBetweenRows(lines, i, spaced.cells))) {
      close();
      continue;
    }
    const starts = opts.startsTable(spaced.cells);
    // the one-cell-per-line layout: a line right after a cell line continues that cell (wrapped)
    if (row && row.endLine === i - 1 && !starts && spaced.layout === 'text') {
      const cells: Cell[] = row.cells;
      cells[cells.length - 1] = joinCells(cells[cells.length - 1], spaced.cells[0]);
      row.endLine = i;
      tableLines.add(i);
      continue;
    }
    if (region && isPageFooter(line)) {
      tableLines.add(i);
      continue;
    }
    if (starts || tableLine || (region && isLabelBetweenRows(lines, i, spaced.cells))) {
      row = null;
      open().push({ cells: spaced.cells, line: i, endLine: i, layout: spaced.layout });
      tableLines.add(i);
      continue;
    }
    close();
  }
  return { regions, tableLines };
}

/**
 * Are these the cells of a table line (a line without tabs or pipes inside an open table)? Each
 * cell a figure or made of pieces of the format's labels, and no sentence among them; or two
 * figures after a label.
 */
function isTableLine(cells: Cell[]): boolean {
  if (!cells.length) return false;
  // a row of figures (whatever its label says: it may be misspelled)
  // (after its label: a figure or more, at least as many as the other cells, 行政许可  9, 规章  0  见附件)
  const rest = cells.slice(1);
  const figures = rest.filter(isFigure).length;
  if (figures >= 1 && figures >= rest.length - figures) return true;
  // a row label, then only short words where its figures belong, if any (行政强制  N/A, 规章  —  —)
  const label = cells[0].norm;
  const shortRest = rest.every((c) => c.text.length <= 4 && !/[。；;，,]/.test(c.text));
  if (shortRest && isLabelPiece(label)) return true;
  // figures and pieces of labels; a label's words may be set apart by single spaces (`三 、本 年 度`, `总 计`)
  if (cells.every((c) => isFigure(c) || (c.text.length <= 60 && !/[。；;]/.test(c.text) && isLabelWords(c.text)))) return true;
  // a row label with a typo, then short words (the last test: it compares the label with every label of the format)
  return shortRest && isNearLabel(label);
}

/**
 * A short label alone on its line followed by a row of the table (a row label whose cells are
 * missing, a misspelled label wrapped): part of the table, for its reader to read or report.
 */
function isLabelBetweenRows(lines: string[], i: number, cells: Cell[]): boolean {
  // (one label, or a group label and a label: （六）其他处理  1.申请人无正止理由…, misspelled)
  if (!cells.length || cells.length > 2 || cells.some((c) => c.text.length > 30 || /[。；;：:]/.test(c.text))) return false;
  let k = i + 1;
  while (k < lines.length && isBlank(lines[k])) k++;
  if (k >= lines.length) return false;
  return lines[k].includes('\t') || lines[k].trimStart().startsWith('|') || isTableLine(readSpacedLine(k, lines[k]).cells);
}

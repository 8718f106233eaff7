// Table 4 (行政复议、行政诉讼): header rows of labels, then one row of fifteen figures.

import { REVIEW_COLUMNS } from '../spec';
import { REVIEW_COLUMN_REFS } from '../specIndex';
import { placeInColumns, spacedColumns } from '../layout/columns';
import { range } from '../text';
import type { ReportDocument, Table } from '../types';
import { isFigure } from '../layout/cells';
import type { RawRow } from '../layout/regions';
import { addRow, fitValues, labelsOf, placeColumns } from './common';

/** The label path of table 4's row. */
const REVIEW_PATH = ['政府信息公开行政复议、行政诉讼情况'];

export function readReview(doc: ReportDocument, t: Table, rows: RawRow[]): void {
  const n = REVIEW_COLUMN_REFS.length;
  for (const r of rows) {
    const hasText = r.cells.some((c) => c.text !== '' && !isFigure(c));
    const figures = r.cells.filter(isFigure).length;
    // a header row; (a row of figures with a stray word in a cell is still the row of figures)
    if (hasText && figures < n / 2) {
      t.headers.push(labelsOf(r.cells));
      continue;
    }
    if (!figures && r.cells.length < n && t.headers.length < 3) continue; // spacer row of the header
    let values = fitValues(r.cells, n);
    // a spaced row short of figures: the gaps are blank cells, placed by the header's columns
    if (r.layout === 'spaced' && values.length && values.length < n) {
      const cols = spacedColumns([], doc.lines, n, REVIEW_COLUMNS.map((c) => c.label), t.headers);
      values = (cols && placeInColumns(values, cols, doc.lines)) ?? values;
    }
    placeColumns(values, REVIEW_COLUMN_REFS);
    // from the first cell's start to the last cell's end
    const a = values[0];
    const b = values[values.length - 1];
    const rowRange = a && b ? range(a.range.start.line, a.range.start.character, b.range.end.line, b.range.end.character)
      : range(r.line, 0, r.endLine, doc.lines[r.endLine].length);
    addRow(t, { id: 'review', labelPath: REVIEW_PATH, labelCells: [], cells: values, line: r.line, endLine: r.endLine, range: rowRange });
    break;
  }
  if (!t.rows.length) t.missingRows = ['review'];
}

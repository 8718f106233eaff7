// Where a diagnostic is, independent of the layout: for a diagnostic on a table, the table kind,
// row id and column id of the cell it is on (`label` for a row label, `header:<label>` for a
// header cell, nothing for a row as a whole); elsewhere, the text of its line (prose is never
// re-laid). Two reports in different layouts give the same keys when they give the same diagnostics.

import { normLabel, type Diagnostic, type Position, type Range, type ReportDocument } from '../../server/src/core';
import type { ExpectedDiagnostic } from './report';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(r: Range, p: Position): boolean {
  return before(r.start, p) && before(p, r.end);
}

export interface DiagnosticPlace {
  code: string;
  table?: string;
  row?: string;
  column?: string;
  /** Outside the tables: the line's text, trimmed. */
  text?: string;
}

/**
 * Where a diagnostic is (see above). A table-shape diagnostic is about a row (a cell missing or
 * extra, the table stopping after it): its place is the row, wherever in it the rule puts it.
 */
export function placeOf(doc: ReportDocument, d: Diagnostic): DiagnosticPlace {
  const p = d.range.start;
  // the cell the rule reported, when it gave that cell's own range (cells may share a place: the
  // blank cells of a space-aligned row printed without figures all sit at the line's end)
  for (const t of doc.tables) {
    for (const r of t.rows) {
      for (const c of r.cells) {
        if (d.code !== 'table-shape' && (c.range === d.range || c.valueRange === d.range)) return { code: d.code, table: t.kind, row: r.id, column: c.column };
      }
    }
  }
  for (const t of doc.tables) {
    if (p.line < t.startLine || p.line > t.endLine) continue;
    for (const r of t.rows) {
      for (const c of r.cells) {
        if (contains(c.range, p) || contains(c.valueRange, p)) {
          return d.code === 'table-shape' ? { code: d.code, table: t.kind, row: r.id } : { code: d.code, table: t.kind, row: r.id, column: c.column };
        }
      }
      for (const c of r.labelCells) {
        if (contains(c.range, p)) return d.code === 'table-shape' ? { code: d.code, table: t.kind, row: r.id } : { code: d.code, table: t.kind, row: r.id, column: 'label' };
      }
    }
    for (const h of t.headers) for (const c of h) if (contains(c.range, p)) return { code: d.code, table: t.kind, column: `header:${normLabel(c.raw)}` };
    for (const r of t.rows) if (contains(r.range, p)) return { code: d.code, table: t.kind, row: r.id };
    return { code: d.code, table: t.kind };
  }
  return { code: d.code, text: (doc.lines[p.line] ?? '').trim() };
}

export function placeKey(p: DiagnosticPlace | ExpectedDiagnostic): string {
  if ('text' in p && p.text !== undefined) return `${p.code} «${p.text}»`;
  return [p.code, p.table, p.row ?? '', p.column ?? ''].join(' ').trimEnd();
}

/** The sorted keys of a document's diagnostics (hints included when asked). */
export function diagnosticKeys(doc: ReportDocument, diagnostics: Diagnostic[], withHints = false): string[] {
  return diagnostics.filter((d) => withHints || d.severity !== 'hint').map((d) => placeKey(placeOf(doc, d))).sort();
}

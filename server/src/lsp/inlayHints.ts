// Inlay hints (setting zwgk-report.inlayHints.enabled): the column name before each figure
// (`自然人:`), in every layout (one cell per line, tab rows, pipe rows, spaced rows), just long
// enough to tell the cells of a row apart (`未经复议直接起诉›结果维持:` in 表三).

import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import type { ReportDocument } from '../core';
import { shortColumn } from './labels';

const MAX = 24;

function short(s: string): string {
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s;
}

export function inlayHints(doc: ReportDocument, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  for (const table of doc.tables) {
    if (table.endLine < range.start.line || table.startLine > range.end.line) continue;
    for (const row of table.rows) {
      if (row.endLine < range.start.line || row.line > range.end.line) continue;
      row.cells.forEach((cell) => {
        const line = cell.range.start.line;
        if (line < range.start.line || line > range.end.line) return;
        if (cell.kind === 'text') return;
        const label = shortColumn(row, cell);
        if (!label) return;
        out.push({
          position: cell.valueRange.start,
          label: `${short(label)}:`,
          kind: InlayHintKind.Parameter,
          paddingRight: true,
        });
      });
    }
  }
  return out;
}

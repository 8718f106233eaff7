// 转换表格版式 / Convert Table Layout: the edits that re-lay the table at a position (or every
// table) in one of the layouts the core writes. The figures, labels and defects stay as they are
// (server/src/core/layout/write.ts); only the table's lines change.

import type { Position, ReportDocument, TextEdit } from '../core';
import { relayEdits, WRITABLE_LAYOUTS, type WritableLayout } from '../core/layout/write';

export function isWritableLayout(x: unknown): x is WritableLayout {
  return typeof x === 'string' && (WRITABLE_LAYOUTS as readonly string[]).includes(x);
}

function isPosition(x: unknown): x is Position {
  const p = x as Position | undefined;
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** The edits re-laying the table on `at`'s line, or every table when `at` is on none (or absent). */
export function convertLayoutEdits(doc: ReportDocument, layout: WritableLayout, at?: unknown): TextEdit[] {
  const line = isPosition(at) ? at.line : -1;
  const here = doc.tables.some((t) => line >= t.startLine && line <= t.endLine);
  return relayEdits(doc, layout, (t) => !here || (line >= t.startLine && line <= t.endLine));
}

// Folding ranges: sections, sub-headings, tables, and table rows that span several lines.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import type { ReportDocument } from '../core';

export function foldingRanges(doc: ReportDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    // trailing blank lines stay visible
    while (end > start && (doc.lines[end] ?? '').trim() === '') end--;
    if (end <= start) return;
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  const headings = [...doc.headings].sort((a, b) => a.line - b.line);
  const sectionEnd = new Map(doc.sections.map((s) => [s.line, s.endLine]));
  headings.forEach((h, i) => {
    let end = doc.lines.length - 1;
    for (let j = i + 1; j < headings.length; j++) if (headings[j].level <= h.level) { end = headings[j].line - 1; break; }
    const se = sectionEnd.get(h.line);
    if (se !== undefined) end = se;
    add(h.line, end, FoldingRangeKind.Region);
  });
  for (const t of doc.tables) {
    add(t.startLine, t.endLine, FoldingRangeKind.Region);
    for (const r of t.rows) add(r.line, r.endLine);
  }
  if (doc.title && doc.title.lines.length > 1) add(Math.min(...doc.title.lines), Math.max(...doc.title.lines));
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}

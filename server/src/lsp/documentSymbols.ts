// Document symbols: the report title, the six sections (as written: a missing number shows as
// missing), their sub-headings, and the tables (表一 … 统计表) with their rows under their section.

import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver/node';
import type { Lang, ReportDocument } from '../core';
import { clean, rowPath, tableName } from './labels';

function lineRange(doc: ReportDocument, from: number, to: number): Range {
  const last = Math.max(from, Math.min(to, doc.lines.length - 1));
  return { start: { line: from, character: 0 }, end: { line: last, character: (doc.lines[last] ?? '').length } };
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function documentSymbols(doc: ReportDocument, lang: Lang): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  if (doc.title) {
    const lines = doc.title.lines.length ? doc.title.lines : [doc.title.range.start.line];
    top.push({
      name: clean(doc.title.text) || '—', kind: SymbolKind.File,
      range: lineRange(doc, Math.min(...lines), Math.max(...lines)), selectionRange: doc.title.range,
    });
  }
  const sectionAt = new Map(doc.sections.map((s) => [s.line, s]));
  const headings = [...doc.headings].sort((a, b) => a.line - b.line);
  // where each heading ends: before the next heading of the same or a higher level, or its section's end
  const stack: { level: number; sym: DocumentSymbol; end: number }[] = [];
  const sections: { sym: DocumentSymbol; start: number; end: number }[] = [];
  const lastLine = doc.lines.length - 1;
  headings.forEach((h, i) => {
    let end = lastLine;
    for (let j = i + 1; j < headings.length; j++) if (headings[j].level <= h.level) { end = headings[j].line - 1; break; }
    const sec = sectionAt.get(h.line);
    if (h.level === 1 && sec) end = Math.max(h.line, sec.endLine);
    while (stack.length && (stack[stack.length - 1].level >= h.level || stack[stack.length - 1].end < h.line)) stack.pop();
    if (stack.length) end = Math.min(end, stack[stack.length - 1].end);
    const sym: DocumentSymbol = {
      name: clean(h.text) || '—',
      kind: h.level === 1 ? SymbolKind.Namespace : h.level === 2 ? SymbolKind.Module : SymbolKind.Key,
      range: lineRange(doc, h.line, end),
      selectionRange: h.range,
      children: [],
    };
    if (h.level === 1 && sec) sym.detail = `${sec.index}`;
    if (stack.length) stack[stack.length - 1].sym.children!.push(sym);
    else top.push(sym);
    stack.push({ level: h.level, sym, end });
    if (h.level === 1) sections.push({ sym, start: h.line, end });
  });

  for (const t of doc.tables) {
    const rows: DocumentSymbol[] = t.rows.map((r) => {
      const p = rowPath(r);
      const range = lineRange(doc, r.line, r.endLine);
      const sel = r.labelCells[0]?.range ?? r.range ?? range;
      return { name: p[p.length - 1] || r.id || '—', detail: p.length > 1 ? p.slice(0, -1).join(' › ') : undefined, kind: SymbolKind.Field, range, selectionRange: contains(range, sel) ? sel : range };
    });
    const range = lineRange(doc, t.startLine, t.endLine);
    const sym: DocumentSymbol = {
      name: tableName(t, lang), detail: t.shape ?? undefined, kind: SymbolKind.Struct,
      range, selectionRange: { start: range.start, end: { line: t.startLine, character: (doc.lines[t.startLine] ?? '').length } }, children: rows,
    };
    const sec = sections.find((s) => s.start <= t.startLine && t.startLine <= s.end);
    if (sec) {
      // keep the section's range around its table
      if (t.endLine > sec.sym.range.end.line) sec.sym.range = lineRange(doc, sec.start, t.endLine);
      const kids = sec.sym.children!;
      let k = kids.findIndex((c) => c.range.start.line > t.startLine);
      if (k < 0) k = kids.length;
      kids.splice(k, 0, sym);
    } else {
      let k = top.findIndex((c) => c.range.start.line > t.startLine);
      if (k < 0) k = top.length;
      top.splice(k, 0, sym);
    }
  }
  return top;
}

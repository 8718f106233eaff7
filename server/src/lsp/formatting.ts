// Formatting: normalises table cells only, never prose and never a figure's value.
//  - trims stray white space around a value cell of a tab row (between its tabs / the line's end;
//    the padding of pipe and space-aligned rows is their layout's, kept); labels and
//    column headers keep theirs (their indentation may show the hierarchy of a statistics table);
//  - full-width digits, minus, point and thousands comma → half-width (`－2` → `-2`, `１２` → `12`);
//  - a blank cell becomes `0` only when asked (setting `zwgk-report.formatter.fillBlankCells` or the
//    command `zwgk-report.server.fillBlankCells`).
// The edits are verified: the text is re-parsed and every cell value compared; if any value would
// change, nothing is returned.

import type { TextEdit } from 'vscode-languageserver/node';
import { applyEdits, parse, parseNumber, type ParseOptions, type Range, type ReportDocument } from '../core';

export interface FormatOptions {
  fillBlankCells: boolean;
  /** Only normalise figures, do nothing else (the fill-blank command). */
  onlyBlank?: boolean;
}

const WS = /[ \t\u3000\u00a0]/;

/** Half-width form of a number as written (the unit after it kept). */
export function normalizeFigure(t: string): string {
  const p = parseNumber(t);
  if (p.kind !== 'number' && p.kind !== 'unit') return t;
  const num = t.slice(p.numStart, p.numEnd)
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^[－—–]/, '-')
    .replace(/^＋/, '+')
    .replace(/．/g, '.')
    .replace(/，/g, ',')
    .replace(/^([+-])\s+/, '$1');
  return t.slice(0, p.numStart) + num + t.slice(p.numEnd);
}

/**
 * The cell's slot: in a tab row, from after the tab before it to the tab (or line end) after it;
 * in a pipe or space-aligned row, the cell's text only (its padding is the layout's, kept).
 */
function slot(line: string, a: number, b: number): [number, number] {
  if (!line.includes('\t')) {
    const text = line.slice(a, b);
    // (a blank cell: the place after its first space, where a figure reads as centred)
    if (text.trim() === '') return [a + Math.min(1, text.length), a + Math.min(1, text.length)];
    return [a + (text.length - text.trimStart().length), b - (text.length - text.trimEnd().length)];
  }
  let s = a;
  while (s > 0 && line[s - 1] !== '\t') s--;
  let e = b;
  while (e < line.length && line[e] !== '\t') e++;
  return [s, e];
}

function singleLine(r: Range): boolean {
  return r.start.line === r.end.line;
}

export function formatEdits(doc: ReportDocument, opts: FormatOptions): TextEdit[] {
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  const rewrite = (r: Range, make: (content: string) => string) => {
    if (!singleLine(r)) return;
    const line = doc.lines[r.start.line] ?? '';
    const [s, e] = slot(line, r.start.character, r.end.character);
    const key = `${r.start.line}:${s}`;
    if (seen.has(key)) return;
    const old = line.slice(s, e);
    const content = line.slice(r.start.character, r.end.character).trim();
    // the slot holds this cell and white space only
    if (old.trim() !== content) return;
    const next = make(content);
    if (next === old) return;
    seen.add(key);
    edits.push({ range: { start: { line: r.start.line, character: s }, end: { line: r.start.line, character: e } }, newText: next });
  };

  for (const t of doc.tables) {
    for (const r of t.rows) {
      for (const c of r.cells) {
        if (c.kind === 'blank') {
          if (opts.fillBlankCells) rewrite(c.range, () => '0');
          else if (!opts.onlyBlank && doc.lines[c.line]?.includes('\t')) rewrite(c.range, () => '');
        } else if (!opts.onlyBlank) {
          if (c.kind === 'number' || c.kind === 'unit') rewrite(c.range, normalizeFigure);
          else rewrite(c.range, (x) => x);
        }
      }
    }
  }
  return edits;
}

/** Every cell value of a document, in order (what formatting must not change). */
export function cellValues(doc: ReportDocument): (number | null)[] {
  const out: (number | null)[] = [];
  for (const t of doc.tables) for (const r of t.rows) for (const c of r.cells) out.push(c.kind === 'text' ? null : c.value);
  return out;
}

/** Format, and verify the figures are unchanged (else return no edit). */
export function safeFormatEdits(doc: ReportDocument, opts: FormatOptions, parseOptions: ParseOptions, log?: (m: string) => void): TextEdit[] {
  const edits = formatEdits(doc, opts);
  if (!edits.length) return edits;
  const after = parse(applyEdits(doc.text, edits), parseOptions);
  const a = cellValues(doc);
  const b = cellValues(after);
  const same = a.length === b.length && a.every((v, i) => v === b[i] || (v !== null && b[i] !== null && Math.abs(v - (b[i] as number)) < 1e-9));
  if (!same) {
    log?.('formatting would change a figure: no edit');
    return [];
  }
  return edits;
}

// Semantic tokens: headings, row labels, column labels, figures; totals carry `readonly` + `total`,
// a total that does not add up carries `invalid`, a section heading out of order `outOfOrder`.
// Standard token types only; three custom modifiers (the client's package.json declares them).

import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node';
import { totalsOf, TOTALS_RULES, type Diagnostic, type ReportDocument } from '../core';

export const TOKEN_TYPES = ['namespace', 'property', 'type', 'number', 'string', 'comment'] as const;
export const TOKEN_MODIFIERS = ['readonly', 'total', 'invalid', 'outOfOrder'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export interface Tok {
  line: number;
  char: number;
  length: number;
  type: number;
  mods: number;
}

const typeIndex = (t: TokenType) => TOKEN_TYPES.indexOf(t);
const modBit = (m: TokenModifier) => 1 << TOKEN_MODIFIERS.indexOf(m);

export function semanticTokens(doc: ReportDocument, diagnostics: Diagnostic[], range?: Range): SemanticTokens {
  return encodeTokens(tokenList(doc, diagnostics, range));
}

/** The tokens of the document (of the lines of `range`, when given), unsorted. */
export function tokenList(doc: ReportDocument, diagnostics: Diagnostic[], range?: Range): Tok[] {
  const toks: Tok[] = [];
  const lo = range ? range.start.line : 0;
  const hi = range ? range.end.line : Number.MAX_SAFE_INTEGER;
  /** Add a token over a range, split into one token per line (no multi-line tokens). */
  const add = (r: Range, type: TokenType, mods: TokenModifier[] = []) => {
    const t = typeIndex(type);
    const m = mods.reduce((acc, x) => acc | modBit(x), 0);
    for (let line = Math.max(r.start.line, lo); line <= Math.min(r.end.line, hi); line++) {
      const text = doc.lines[line] ?? '';
      let a = line === r.start.line ? r.start.character : 0;
      let b = line === r.end.line ? r.end.character : text.length;
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (b > a) toks.push({ line, char: a, length: b - a, type: t, mods: m });
    }
  };

  const badCells = new Set<string>();
  const badLines = new Set<number>();
  for (const d of diagnostics) {
    if (d.range.end.line < lo || d.range.start.line > hi) continue;
    if (TOTALS_RULES.has(d.code)) badCells.add(`${d.range.start.line}:${d.range.start.character}`);
    if (d.code === 'section-order' || d.code === 'section-duplicate') badLines.add(d.range.start.line);
  }

  for (const h of doc.headings) {
    if (h.line < lo || h.line > hi) continue;
    const sec = doc.sections.find((s) => s.line === h.line);
    const out = !!sec && (badLines.has(h.line) || (sec.writtenNumber !== null && sec.writtenNumber !== sec.index));
    add(h.range, 'namespace', out ? ['outOfOrder'] : []);
  }

  const totals = new Set<unknown>();
  for (const t of totalsOf(doc)) if (t.cell.range.end.line >= lo && t.cell.range.start.line <= hi) totals.add(t.cell);
  for (const t of doc.tables) {
    if (t.endLine < lo || t.startLine > hi) continue;
    for (const row of t.headers) for (const h of row) add(h.range, 'type');
    for (const r of t.rows) {
      if (r.endLine < lo || r.line > hi) continue;
      for (const l of r.labelCells) add(l.range, 'property');
      for (const c of r.cells) {
        if (c.kind === 'blank') continue;
        if (c.kind === 'text') { add(c.range, 'string'); continue; }
        const mods: TokenModifier[] = [];
        if (totals.has(c)) mods.push('readonly', 'total');
        if (badCells.has(`${c.range.start.line}:${c.range.start.character}`) || badCells.has(`${c.valueRange.start.line}:${c.valueRange.start.character}`)) mods.push('invalid');
        add(c.kind === 'unit' ? c.valueRange : c.range, 'number', mods);
      }
    }
  }
  for (const d of doc.debris) if (d.range.end.line >= lo && d.range.start.line <= hi) add(d.range, 'comment');
  return toks;
}

/** Tokens sorted, overlaps dropped, encoded relative to the previous token (the protocol's form). */
export function encodeTokens(toks: Tok[]): SemanticTokens {
  // sort, drop overlaps, encode relative to the previous token
  toks.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let pl = 0;
  let pc = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const k of toks) {
    if (k.line === lastLine && k.char < lastEnd) continue;
    data.push(k.line - pl, k.line === pl ? k.char - pc : k.char, k.length, k.type, k.mods);
    pl = k.line;
    pc = k.char;
    lastLine = k.line;
    lastEnd = k.char + k.length;
  }
  return { data };
}

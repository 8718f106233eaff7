// A reader per input layout: each turns one line into cells with exact ranges, or says the line is
// not of its layout. Which line belongs to a table is decided in `regions.ts`; what a cell means,
// by the table readers (`../tables/`). Adding a layout = a reader here + its fixtures.
//
// - tab: cells separated by tabs (one cell per line after a tab, full tab rows, Word/WPS paste);
// - pipe: Markdown pipe tables (`| a | b |`, the `|---|` line, `\|` inside a cell);
// - spaced: columns separated by runs of white space (`pdftotext -layout`, plain-text mail);
// - text: the whole line as one cell (a label alone on its line).

import { isBlank } from '../text';
import type { Cell } from '../types';
import { makeCell } from './cells';

export type LineLayout = 'cell' | 'tab' | 'pipe' | 'rule' | 'spaced' | 'text';

export interface LineCells {
  layout: LineLayout;
  cells: Cell[];
}

// ---- tab

/**
 * A line with a tab: `cell` when it is one cell after its tab (white space before it, no other
 * tab: the one-cell-per-line layout), else `tab`, a row of tab-separated cells.
 */
export function readTabLine(lineNo: number, line: string): LineCells | null {
  const tab = line.indexOf('\t');
  if (tab < 0) return null;
  if (line.indexOf('\t', tab + 1) < 0 && isBlank(line.slice(0, tab))) {
    return { layout: 'cell', cells: [makeCell(lineNo, line, tab + 1, line.length)] };
  }
  const cells: Cell[] = [];
  let start = 0;
  for (const part of line.split('\t')) {
    cells.push(makeCell(lineNo, line, start, start + part.length));
    start += part.length + 1;
  }
  return { layout: 'tab', cells };
}

// ---- pipe (Markdown)

/** The delimiter row under a Markdown table's first row: `|---|:--:|`, pipes at the ends optional. */
const PIPE_RULE_RE = /^\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?$|^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/;

/** Where the unescaped pipes of `line` are. */
function pipesOf(line: string): number[] {
  const out: number[] = [];
  for (let j = 0; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === '|') out.push(j);
  }
  return out;
}

/**
 * A Markdown table line: its delimiter row (`rule`), or a row whose cells are between unescaped
 * pipes (the outer pipes may be left out). A line with one pipe inside prose is not a table row.
 */
export function readPipeLine(lineNo: number, line: string): LineCells | null {
  if (line.indexOf('|') < 0) return null;
  if (PIPE_RULE_RE.test(line)) return { layout: 'rule', cells: [] };
  const pipes = pipesOf(line);
  const t = line.trim();
  const leading = t.startsWith('|');
  const trailing = t.endsWith('|') && !t.endsWith('\\|');
  if (!leading && pipes.length < 2) return null;
  const cells: Cell[] = [];
  const first = leading ? pipes[0] + 1 : 0;
  const bounds = leading ? pipes.slice(1) : pipes;
  let start = first;
  for (const p of bounds) {
    cells.push(makeCell(lineNo, line, start, p));
    start = p + 1;
  }
  if (!trailing) cells.push(makeCell(lineNo, line, start, line.length));
  return cells.length ? { layout: 'pipe', cells } : null;
}

// ---- spaced

/** A figure standing alone between spaces: `12`, `-3`, `1,234`, `66.36`, `5万元`. */
const FIGURE_RE = /^[+\-－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|元|件|%|％)?$/;

/**
 * The cells of a line whose columns are separated by white space: a run of two or more spaces, a
 * tab, or an ideographic space separates cells; single spaces separate figures (`0 0 1`) but not the
 * words of a label (`4.无正当理由大量反复 申请`). `text` when the line is one cell.
 */
export function readSpacedLine(lineNo: number, line: string): LineCells {
  const cells: Cell[] = [];
  // the line's runs of characters between separators
  const sep = /[ \u00a0]*[\t\u3000][ \u00a0\u3000\t]*|[ \u00a0]{2,}/g;
  let start = 0;
  const pieces: [number, number][] = [];
  for (let m = sep.exec(line); m; m = sep.exec(line)) {
    if (m.index > start) pieces.push([start, m.index]);
    start = m.index + m[0].length;
  }
  if (start < line.length) pieces.push([start, line.length]);
  for (const [a, b] of pieces) splitFigures(lineNo, line, a, b, cells);
  const kept = cells.filter((c) => c.text !== '');
  for (let k = 0; k + 1 < kept.length; k++) kept[k].slack = kept[k + 1].valueRange.start.character - kept[k].valueRange.end.character;
  return { layout: kept.length > 1 ? 'spaced' : 'text', cells: kept };
}

/** `line[a, b)` as cells: figures at its end (or all of it) split at single spaces, the rest one cell. */
function splitFigures(lineNo: number, line: string, a: number, b: number, out: Cell[]): void {
  const words: [number, number][] = [];
  const re = /\S+/g;
  re.lastIndex = a;
  for (let m = re.exec(line); m && m.index < b; m = re.exec(line)) words.push([m.index, m.index + m[0].length]);
  let k = words.length;
  while (k > 0 && FIGURE_RE.test(line.slice(words[k - 1][0], words[k - 1][1]))) k--;
  if (k > 0) out.push(makeCell(lineNo, line, words[0][0], words[k - 1][1]));
  for (let j = k; j < words.length; j++) out.push(makeCell(lineNo, line, words[j][0], words[j][1]));
}

/** The whole line as one cell (its text trimmed). */
export function readTextLine(lineNo: number, line: string): LineCells {
  return { layout: 'text', cells: [makeCell(lineNo, line, 0, line.length)] };
}

/** A page number printed in the margin: `-3-`, `— 4 —`, `- 12 -`, `第 3 页`, `3/12`. */
const PAGE_FOOTER_RE = /^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;

export function isPageFooter(line: string): boolean {
  const t = line.trim();
  return t.length < 24 && PAGE_FOOTER_RE.test(t);
}

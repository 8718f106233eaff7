// Test-only writers with the variations real reports show, on top of the product's writers
// (server/src/core/layout/write.ts): `tab-paste` as Word/WPS copy-paste gives it and `spaced` as
// `pdftotext -layout` prints it, chosen by a seeded random source; a mixed document (each table in
// another layout); and re-laying a parsed report in any of the five layouts.

import type { FormatVersion, ReportDocument, Table } from '../../server/src/core';
import {
  LAYOUT_NAMES, relayReport, tableGrid, writeGrid, type Grid, type GridCell, type GridRow, type LayoutName,
} from '../../server/src/core/layout/write';
import { Rng } from './random';

// ------------------------------------------------------------------ tab-paste

/** What a paste of a Word table gives, with its variations: leading tabs, wrapped labels, titles alone. */
export function writeTabPaste(grid: Grid, rng: Rng): string[] {
  const out: string[] = [];
  for (const row of grid.rows) {
    let end = row.cells.length;
    while (end > 0 && row.cells[end - 1].under) end--;
    let lead = 0;
    while (lead < end && row.cells[lead].under) lead++;
    const cells = row.cells.slice(lead, end);
    if (row.kind === 'title') {
      // a merged title row alone on its line, now and then with a space after it
      out.push(cells[0].text + (rng.chance(0.2) ? ' ' : ''));
      continue;
    }
    if (row.kind === 'header') {
      // the note and 申请人情况 of table 3 each alone on a line, as some pastes give them
      if (grid.kind === 'requests' && lead === 0 && cells.length === 2 && rng.chance(0.4)) {
        out.push(cells[0].text, cells[1].text);
        continue;
      }
      out.push('\t'.repeat(lead) + cells.map((c) => c.text).join('\t'));
      continue;
    }
    // the cells a vertically merged label leaves: one tab each, fewer, or none
    const prefix = '\t'.repeat(lead ? rng.int(0, lead) : 0);
    const texts = cells.map((c) => c.text);
    // a long label wrapped inside its cell onto the next line
    const li = lastLabel(cells);
    if (li >= 0 && texts[li].length >= 10 && rng.chance(0.3)) {
      const k = rng.int(3, texts[li].length - 2);
      out.push(prefix + [...texts.slice(0, li), texts[li].slice(0, k)].join('\t'));
      out.push([texts[li].slice(k), ...texts.slice(li + 1)].join('\t'));
      continue;
    }
    out.push(prefix + texts.join('\t'));
  }
  return out;
}

function lastLabel(cells: GridCell[]): number {
  for (let k = cells.length - 1; k >= 0; k--) if (cells[k].role === 'label') return k;
  return -1;
}

// ------------------------------------------------------------------ spaced (pdftotext -layout)

/** Display width: two columns for CJK and full-width characters. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return w;
}

/** A label longer than this (in characters) wraps over several printed lines. */
const WRAP = 14;

/** Lines being printed: pieces of text placed at display columns. */
class Canvas {
  lines: { x: number; text: string }[][] = [];

  put(line: number, x: number, text: string): void {
    while (this.lines.length <= line) this.lines.push([]);
    this.lines[line].push({ x, text });
  }

  /** The lines, each piece at its column or, when the line is already past it, after a gap of two or more spaces. */
  render(rng: Rng): string[] {
    return this.lines.map((pieces) => {
      let s = '';
      let w = 0;
      for (const p of [...pieces].sort((a, b) => a.x - b.x)) {
        if (s !== '') {
          const gap = Math.max(2, p.x - w);
          // a full-width space for two of the gap's spaces now and then (the column stays where it is)
          s += rng.chance(0.1) ? `${' '.repeat(gap - 2)}\u3000` : ' '.repeat(gap);
          w += gap;
        } else if (p.x > 0) {
          s += ' '.repeat(p.x);
          w = p.x;
        }
        s += p.text;
        w += displayWidth(p.text);
      }
      return s;
    });
  }
}

function chunks(s: string, n: number): string[] {
  const out: string[] = [];
  const cs = [...s];
  for (let k = 0; k < cs.length; k += n) out.push(cs.slice(k, k + n).join(''));
  return out;
}

/** A rotated label as pdftotext prints it: a few characters at a time, with stray spaces (三 、本 / 年 度办 / 理 结果). */
function rotated(label: string, rng: Rng): string[] {
  const cs = [...label];
  const out: string[] = [];
  for (let k = 0; k < cs.length;) {
    const n = Math.min(cs.length - k, rng.int(1, 3));
    out.push(cs.slice(k, k + n).join(rng.chance(0.5) ? ' ' : ''));
    k += n;
  }
  return out;
}

/**
 * What `pdftotext -layout` prints for a table: columns at their display positions, separated by
 * two or more spaces (now and then a full-width space), rows indented where a merged label is
 * missing, long labels wrapped before or after their figures, the group label 三、本年度办理结果
 * printed rotated down the rows, a sub-group label in the middle of its rows, scattered header
 * words, page footers and blank lines between rows.
 */
export function writeSpaced(grid: Grid, rng: Rng): string[] {
  // column widths from the single-span cells (wrapped labels count by their pieces)
  const widths = new Array<number>(grid.width).fill(2);
  for (const r of grid.rows) {
    let j = 0;
    for (const c of r.cells) {
      if (c.span === 1 && r.kind !== 'title') widths[j] = Math.max(widths[j], displayWidth(chunks(c.text, WRAP)[0] ?? ''));
      j += c.span;
    }
  }
  const xs: number[] = [];
  let x = 0;
  for (const w of widths) {
    xs.push(x);
    x += w + rng.int(2, 5);
  }
  // the rotated group label (table 3's 三、本年度办理结果): its rows, and its pieces
  const groupRows = grid.rows.filter((r) => r.kind === 'data' && r.labelColumns === 3 && r.cells.length > 0 && (r.cells[0].under || (r.cells[0].role === 'label' && r.cells.length > 1 && r.cells[1].role === 'label')));
  const rotate = grid.kind === 'requests' && groupRows.length > 3 && rng.chance(0.6);
  const pieces = rotate && groupRows[0].cells[0].role === 'label' ? rotated(groupRows[0].cells[0].text, rng) : [];
  const middle = Math.max(0, Math.floor((groupRows.length - pieces.length) / 2));
  const pieceAt = new Map<GridRow, string>();
  // one piece per row down the middle of the group, or (as 洪泽区's PDF prints it) all on a line of their own
  const oneLine = rng.chance(0.3);
  if (!oneLine) pieces.forEach((p, k) => { if (groupRows[middle + k]) pieceAt.set(groupRows[middle + k], p); });

  // a sub-group label (（三）不予公开) printed in the middle of its rows, on lines of its own, in pieces
  const hidden = new Set<GridCell>();
  const after = new Map<GridRow, string[]>();
  if (oneLine && pieces.length) after.set(groupRows[Math.floor(groupRows.length / 2)], [` ${pieces.join(' ')}`]);
  if (grid.kind === 'requests') {
    grid.rows.forEach((r, k) => {
      const c = r.kind === 'data' && r.labelColumns === 3 ? r.cells[1] : undefined;
      if (!c || c.role !== 'label' || c.span !== 1 || !rng.chance(0.5)) return;
      let end = k + 1;
      while (end < grid.rows.length && grid.rows[end].cells[1]?.under) end++;
      if (end - k < 2) return;
      hidden.add(c);
      const mid = grid.rows[k + Math.floor((end - k - 1) / 2)];
      after.set(mid, [...(after.get(mid) ?? []), ...chunks(c.text, rng.int(3, 5)).map((w) => ' '.repeat(xs[1]) + w)]);
    });
  }

  const out: string[] = [];
  const footer = () => {
    out.push('', ' '.repeat(rng.int(4, 60)) + rng.pick(['-3-', '— 4 —', '- 5 -', '—6—']), '');
  };
  let page = 0;
  for (const row of grid.rows) {
    if (row.kind === 'title') {
      out.push(' '.repeat(rng.int(4, 30)) + row.cells[0].text);
      if (rng.chance(0.5)) out.push('');
      continue;
    }
    const canvas = new Canvas();
    let figuresLine = 0;
    // a long label: wrapped onto the line after its figures, or before them, or alone above a line of figures
    const li = lastLabel(row.cells);
    const wrapped = li >= 0 ? chunks(row.cells[li].text, WRAP) : [];
    const mode = wrapped.length > 1 ? rng.pick(['after', 'before', 'own', 'around'] as const) : 'after';
    if (mode === 'before') figuresLine = wrapped.length - 1;
    if (mode === 'own') figuresLine = wrapped.length;
    if (mode === 'around') figuresLine = 1;
    let j = 0;
    row.cells.forEach((c, k) => {
      const at = xs[j] ?? x;
      j += c.span;
      if (c.under || c.text === '') return;
      if (k === 0 && rotate && row === groupRows[0] && c.role === 'label' && pieces.length) return; // printed rotated instead
      if (k === li && wrapped.length > 1) {
        // 'around': the first piece above the figures, the rest below them (a line of figures alone between)
        const lineOf = (n: number) => (mode === 'after' ? figuresLine + n : mode === 'around' && n > 0 ? n + 1 : n);
        wrapped.forEach((w, n) => canvas.put(lineOf(n), at, w));
        return;
      }
      if (hidden.has(c)) return;
      if (row.kind === 'header' && c.span === 1 && c.text.length >= 4 && rng.chance(0.5)) {
        // a header word scattered over lines (商业 / 企业)
        chunks(c.text, 2).forEach((w, n) => canvas.put(n, at, w));
        return;
      }
      canvas.put(row.kind === 'data' && c.role === 'value' ? figuresLine : 0, at, c.text);
    });
    const p = pieceAt.get(row);
    if (p !== undefined) canvas.put(0, 0, p);
    out.push(...canvas.render(rng));
    out.push(...(after.get(row) ?? []));
    if (rng.chance(0.25)) out.push(...new Array<string>(rng.int(1, 2)).fill(''));
    if (row.kind === 'data' && rng.chance(0.06) && page++ < 3) footer();
  }
  return out;
}

// ------------------------------------------------------------------ any layout

/** A grid's lines in a layout: the product's writer, or the varied one for `tab-paste` (when `vary`) and `spaced`. */
export function writeLayout(grid: Grid, layout: LayoutName, rng: Rng, vary = true): string[] {
  if (layout === 'spaced') return writeSpaced(grid, rng);
  if (layout === 'tab-paste' && vary) return writeTabPaste(grid, rng);
  return writeGrid(grid, layout);
}

/**
 * Each table of a document in another layout than the one before it, starting at a random one, and
 * never only the two layouts the samples come in (a two-table document starting at cell-per-line).
 */
export function mixedLayouts(n: number, rng: Rng): LayoutName[] {
  let start = rng.int(0, LAYOUT_NAMES.length - 1);
  if (n <= 2 && start === 0) start = 2;
  return Array.from({ length: n }, (_, k) => LAYOUT_NAMES[(start + k) % LAYOUT_NAMES.length]);
}

/** A parsed report with its tables re-laid in `layout` (or each in another one: `mixed`), prose untouched. */
export function relayIn(doc: ReportDocument, layout: LayoutName | 'mixed', seed: number): string {
  const rng = new Rng(seed);
  const layouts = layout === 'mixed' ? mixedLayouts(doc.tables.length, rng) : null;
  return relayReport(doc, (t: Table, k: number, version: FormatVersion) => {
    const g = tableGrid(t, version);
    return g && writeLayout(g, layouts ? layouts[k] : (layout as LayoutName), rng);
  });
}

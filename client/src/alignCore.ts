// Virtual column alignment of tab-separated table rows (one row per line, cells separated by tabs, as
// sample 001 writes its tables), as Rainbow CSV's virtual alignment does: where to put how much
// padding so that every column of a block of rows starts at the same place on screen, the text left
// unchanged. Pure (no `vscode`): the editor side (align.ts) turns each padding into a decoration.
//
// Widths are in the editor's columns: a CJK (East Asian wide or full-width) character takes two, any
// other character one, and a tab goes on to the next multiple of the tab size — as VS Code lays out
// a line. The padding is put before a cell (after the tab before it): the tab still expands from
// where the text ends, so each cell's padding makes up for what the text before it lacks.

/** East Asian wide and full-width characters (two columns in a monospace editor). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function charWidth(c: string): number {
  return WIDE.test(c) ? 2 : 1;
}

export interface Padding {
  line: number;
  /** The cell's first character (after the tab). */
  character: number;
  /** Columns of padding to show before it. */
  columns: number;
}

/** A table row written on one line: at least two tabs, so three cells or more. */
export function isTabRow(line: string): boolean {
  let tabs = 0;
  for (let i = 0; i < line.length && tabs < 2; i++) if (line.charCodeAt(i) === 9) tabs++;
  return tabs >= 2 && line.trim() !== '';
}

/**
 * The paddings that line up the columns of each block of consecutive tab rows in `lines[from..to)`.
 * `gap`: at least this many columns between the widest cell of a column and the next column.
 */
export function alignmentPaddings(lines: readonly string[], tabSize: number, from = 0, to = lines.length, gap = 1): Padding[] {
  const out: Padding[] = [];
  let i = Math.max(0, from);
  const end = Math.min(to, lines.length);
  // a block may start above `from`: go back to its first row so the visible rows line up with it
  while (i > 0 && isTabRow(lines[i - 1]) && isTabRow(lines[i])) i--;
  while (i < end) {
    if (!isTabRow(lines[i])) { i++; continue; }
    let j = i;
    while (j < lines.length && isTabRow(lines[j])) j++;
    alignBlock(lines, i, j, Math.max(1, tabSize), gap, out);
    i = j;
  }
  return out;
}

interface RowState {
  line: number;
  cells: { start: number; width: number }[];
  /** Columns of padding added so far on this row. */
  added: number;
  /** The editor column where the previous cell's text ends (without padding). */
  modelEnd: number;
}

function alignBlock(lines: readonly string[], from: number, to: number, tabSize: number, gap: number, out: Padding[]): void {
  const rows: RowState[] = [];
  let columns = 0;
  for (let l = from; l < to; l++) {
    const text = lines[l];
    const cells: { start: number; width: number }[] = [];
    let start = 0;
    for (let k = 0; k <= text.length; k++) {
      if (k === text.length || text.charCodeAt(k) === 9) {
        let w = 0;
        for (let c = start; c < k; c++) w += charWidth(text[c]);
        cells.push({ start, width: w });
        start = k + 1;
      }
    }
    columns = Math.max(columns, cells.length);
    rows.push({ line: l, cells, added: 0, modelEnd: cells[0].width });
  }
  for (let k = 1; k < columns; k++) {
    // where cell k would start on screen in each row: the tab goes from where the text ends to the
    // next tab stop; the padding added before the earlier cells shifts it along
    let target = 0;
    const natural: number[] = [];
    for (const r of rows) {
      const tabEnd = (Math.floor(r.modelEnd / tabSize) + 1) * tabSize;
      natural.push(tabEnd + r.added);
      if (k < r.cells.length) target = Math.max(target, tabEnd + r.added);
    }
    // at least `gap` columns after the widest cell of the column before
    let widest = 0;
    rows.forEach((r) => { if (k < r.cells.length) widest = Math.max(widest, r.added + r.modelEnd + gap); });
    target = Math.max(target, widest);
    rows.forEach((r, n) => {
      if (k >= r.cells.length) return;
      const pad = target - natural[n];
      if (pad > 0) out.push({ line: r.line, character: r.cells[k].start, columns: pad });
      r.added += Math.max(0, pad);
      // the text of cell k ends here (model columns: as VS Code counts, before any padding)
      const tabEnd = (Math.floor(r.modelEnd / tabSize) + 1) * tabSize;
      r.modelEnd = tabEnd + r.cells[k].width;
    });
  }
}

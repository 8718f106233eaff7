// What the web-page and PDF readers produce before it becomes report text: a sequence of prose
// lines and tables placed on their grid, each table cell remembering where it came from. The
// writer turns it into the layout the core reads for tables whatever its version: one
// tab-separated line per grid row, every row padded to the full grid (a cell another cell spans
// written as an empty cell), so that every figure lands in its column.
//
// Pure module: no node built-ins, no `vscode`.

/** Where a table cell of the converted text came from in the original file. */
export type Place =
  | { kind: 'html'; table: number; row: number; column: number }
  | { kind: 'pdf'; page: number; x: number; y: number }
  /** a Word table cell: the table in body order, its row and its cell in the row (from 0; a merged cell is one cell) */
  | { kind: 'docx'; table: number; row: number; cell: number };

export interface GridCell {
  text: string;
  place?: Place;
}

export type Block = { kind: 'line'; text: string } | { kind: 'table'; rows: GridCell[][] };

/** One table cell of the converted text: line and UTF-16 columns (0-based), and its original place. */
export interface MapEntry {
  line: number;
  start: number;
  end: number;
  place: Place;
}

export interface Converted {
  text: string;
  /** Every non-empty table cell of `text` that has an original place, in text order. */
  map: MapEntry[];
}

/** A table cell's text on one line: no tab, no line break, spaces collapsed. */
export function cellText(s: string): string {
  return s.replace(/[\t\r\n\u00a0\u3000 ]+/g, ' ').trim();
}

/**
 * Write blocks as report text: each prose line as a line (runs of blank lines become one), each
 * table as full-grid tab rows with a blank line before and after. Rows with no text at all are
 * left out.
 */
export function writeBlocks(blocks: Block[]): Converted {
  const lines: string[] = [];
  const map: MapEntry[] = [];
  const blank = (): void => {
    if (lines.length && lines[lines.length - 1] !== '') lines.push('');
  };
  for (const b of blocks) {
    if (b.kind === 'line') {
      const t = b.text.replace(/[\t\r\n]+/g, ' ').trim();
      if (t) lines.push(t);
      else blank();
      continue;
    }
    const width = Math.max(0, ...b.rows.map((r) => r.length));
    const rows = b.rows.filter((r) => r.some((c) => cellText(c.text) !== ''));
    if (!rows.length) continue;
    blank();
    for (const r of rows) {
      let line = '';
      for (let i = 0; i < width; i++) {
        if (i) line += '\t';
        const c = r[i];
        const t = c ? cellText(c.text) : '';
        if (t && c?.place) map.push({ line: lines.length, start: line.length, end: line.length + t.length, place: c.place });
        line += t;
      }
      lines.push(line);
    }
    lines.push('');
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.length ? `${lines.join('\n')}\n` : '', map };
}

/** The entry of `map` at a text position (0-based line and UTF-16 column), if a table cell is there. */
export function placeAt(map: MapEntry[], line: number, character: number): MapEntry | undefined {
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = map[mid];
    if (e.line < line || (e.line === line && e.end < character)) lo = mid + 1;
    else if (e.line > line || e.start > character) hi = mid - 1;
    else return e;
  }
  return undefined;
}

/** How a place reads to the user: `第3页` / `page 3`, `第2个表格 第5行 第3列` / `table 2, row 5, column 3` (a Word table: `第3格` / `cell 3`). */
export function describePlace(p: Place, lang: 'zh' | 'en'): string {
  switch (p.kind) {
    case 'pdf':
      return lang === 'zh' ? `第${p.page}页` : `page ${p.page}`;
    case 'html':
      return lang === 'zh'
        ? `第${p.table + 1}个表格 第${p.row + 1}行 第${p.column + 1}列`
        : `table ${p.table + 1}, row ${p.row + 1}, column ${p.column + 1}`;
    case 'docx':
      return lang === 'zh'
        ? `第${p.table + 1}个表格 第${p.row + 1}行 第${p.cell + 1}格`
        : `table ${p.table + 1}, row ${p.row + 1}, cell ${p.cell + 1}`;
  }
}

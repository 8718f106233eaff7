// Helpers to read the plain-text layout back (tables → rows → cells) in the import tests.

export interface TextTable {
  /** Line (0-based) of the table's first cell. */
  startLine: number;
  /** Rows of cells; a cell's continuation lines are joined to it with '\n'. */
  rows: string[][];
  /** The table's lines, from its first cell to the blank line after its last row (inclusive). */
  lines: string[];
}

/** Splits layout text into its tables, as the samples write them. */
export function readTables(text: string): TextTable[] {
  const lines = text.split('\n');
  const tables: TextTable[] = [];
  let cur: TextTable | null = null;
  let row: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('\t')) {
      if (!cur) {
        cur = { startLine: i, rows: [], lines: [] };
        tables.push(cur);
      }
      if (!row) cur.rows.push((row = []));
      row.push(line.slice(1));
      cur.lines.push(line);
    } else if (line === '') {
      if (!cur) continue;
      cur.lines.push(line);
      if (row) {
        row = null; // end of a row
      } else {
        cur = null; // a second blank line ends the table
      }
    } else if (cur && row) {
      row[row.length - 1] += `\n${line}`; // a wrapped cell
      cur.lines.push(line);
    } else {
      cur = null;
      row = null;
    }
  }
  return tables;
}

/** Masks the number cells (`\t12`, `\t0.5`) of table lines, to compare shapes. */
export function maskNumbers(lines: string[]): string[] {
  return lines.map((l) => (/^\t-?\d+(\.\d+)?$/.test(l) ? '\t#' : l));
}

// Short names shared by hover, symbols and inlay hints.

import { TABLE_NAMES, type Cell, type Lang, type Row, type Table } from '../core';

export { TABLE_NAMES };

/** The table's name (core/tableNames.ts: named after its section), capitalised in English. */
export function tableName(t: Table, lang: Lang): string {
  const name = TABLE_NAMES[t.kind]?.[lang] ?? t.kind;
  return lang === 'en' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

export function clean(s: string): string {
  return s.replace(/\s*\n\s*/g, '').trim();
}

export function rowPath(row: Row): string[] {
  const p = row.labelPath.map(clean).filter(Boolean);
  if (p.length) return p;
  return row.labelCells.map((l) => clean(l.raw)).filter(Boolean);
}

export function columnPath(cell: Cell): string[] {
  return cell.columnPath.map(clean).filter(Boolean);
}

/** The shortest column name that tells this cell apart from the other cells of its row. */
export function shortColumn(row: Row, cell: Cell): string {
  const p = columnPath(cell);
  if (!p.length) return '';
  for (let n = 1; n <= p.length; n++) {
    const tail = p.slice(-n).join('›');
    const clash = row.cells.some((c) => c !== cell && columnPath(c).slice(-n).join('›') === tail);
    if (!clash) return tail;
  }
  return p.join('›');
}

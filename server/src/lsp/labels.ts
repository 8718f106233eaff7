// Short names shared by hover, symbols and inlay hints.

import type { Cell, Lang, Row, Table, TableKind } from '../core';

export const TABLE_NAMES: Record<TableKind, { zh: string; en: string }> = {
  active: { zh: '表一 主动公开', en: 'Table 1 proactive disclosure' },
  requests: { zh: '表二 申请情况', en: 'Table 2 requests' },
  review: { zh: '表三 复议诉讼', en: 'Table 3 review and litigation' },
  stats: { zh: '统计表', en: 'Statistics table' },
};

export function tableName(t: Table, lang: Lang): string {
  return TABLE_NAMES[t.kind]?.[lang] ?? t.kind;
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

// A generic statistics table (附件 统计表: 统计指标 | 单位 | 统计数): a label, a unit and a figure
// per row; the rows' hierarchy from their numbering (一、 > （一） > 1.) and 其中 rows as parts.

import type { StatsRow, Table } from '../types';
import { labelOf } from '../layout/cells';
import type { RawRow } from '../layout/regions';
import type { ColumnRef } from '../specIndex';
import { addRow, labelsOf } from './common';

const STATS_L1 = /^[一二三四五六七八九十]+[、.]/;
const STATS_L2 = /^\([一二三四五六七八九十]+\)/;
const STATS_L3 = /^\d+[.、]/;

/** The column of a statistics table's figures. */
const STATS_VALUE: ColumnRef = { id: 'value', path: ['统计数'] };

export function readStats(t: Table, rows: RawRow[]): void {
  const out: StatsRow[] = [];
  for (const r of rows) {
    const cells = r.cells;
    const at = cells.findIndex((c) => c.text !== '');
    if (at < 0) continue;
    const first = cells[at];
    const n = first.norm;
    if (n === '统计指标') {
      t.headers.push(labelsOf(cells));
      continue;
    }
    // the cells after the label: the last is the figure, the one before it the unit
    const rest = cells.length - at - 1;
    if (!rest) continue;
    const valueCell = cells[cells.length - 1];
    const unitCell = rest >= 2 ? cells[cells.length - 2] : undefined;
    let level = 0;
    let numbering = '';
    if (STATS_L1.test(n)) { level = 1; numbering = '一、'; }
    else if (STATS_L2.test(n)) { level = 2; numbering = '（一）'; }
    else if (STATS_L3.test(n)) { level = 3; numbering = '1.'; }
    else if (n.startsWith('其中')) { numbering = '其中'; }
    valueCell.column = STATS_VALUE.id;
    valueCell.columnPath = STATS_VALUE.path;
    out.push({
      id: '', labelPath: [first.text], labelCells: [labelOf(first)], cells: [valueCell], line: r.line, endLine: r.endLine,
      range: { start: { line: r.line, character: 0 }, end: { line: valueCell.endLine, character: valueCell.range.end.character } },
      level, numbering, unit: unitCell?.text ?? '', parent: null, isPart: false,
    });
  }
  // hierarchy: numbered rows nest by level; 其中 rows (and unnumbered rows after them) are parts
  const stack: number[] = [];
  let partOf: number | null = null;
  out.forEach((r, k) => {
    if (r.level === 0) {
      if (r.numbering === '其中' || partOf !== null) {
        const p: number | null = r.numbering === '其中' ? (stack.length ? stack[stack.length - 1] : null) : partOf;
        r.isPart = p !== null;
        r.parent = p;
        partOf = p;
        r.level = p !== null ? out[p].level + 1 : 1;
      }
      return;
    }
    partOf = null;
    while (stack.length && out[stack[stack.length - 1]].level >= r.level) stack.pop();
    r.parent = stack.length ? stack[stack.length - 1] : null;
    if (r.parent !== null) r.labelPath = [...out[r.parent].labelPath, r.labelCells[0].raw];
    stack.push(k);
  });
  for (const r of out) addRow(t, r);
}

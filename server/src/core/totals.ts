// Every total in a report and the addends it must equal. One computation serves the totals
// rules, the fixes ("recompute this total", "fix all totals") and the hover's formula.
//
// Expected values are computed from the base figures (the non-total cells), so a total that
// depends on another total (（七）总计's 总计 cell) is compared with what it will be once every
// total is right: fixing all totals in one pass leaves no totals diagnostic.

import { REQUEST_ROWS, REQUEST_ROW_PARTS, REVIEW_GROUPS } from './spec';
import { sum } from './text';
import type { Cell, FormatVersion, Msg, ReportDocument, Row, StatsRow, Table } from './types';

export type TotalRule = 'sum-row' | 'sum-column' | 'review-total' | 'sum-parent';

export interface Addend {
  row: Row;
  cell: Cell;
  /** The addend's value once every total is right. */
  value: number;
}

export interface Total {
  rule: TotalRule;
  table: Table;
  row: Row;
  cell: Cell;
  expected: number;
  addends: Addend[];
  /** What the total is the sum of, e.g. 自然人 + 法人或其他组织各项. */
  formula: Msg;
}

const num = (c: Cell | undefined): number | null => (c && c.kind !== 'text' ? c.value : null);

function requestVersion(doc: ReportDocument, t: Table): FormatVersion {
  return t.shape ?? doc.format.version ?? '2021';
}

/** Totals per parsed document (a WeakMap: the model's objects keep their shape). */
const TOTALS = new WeakMap<ReportDocument, Total[]>();

/** All totals of the document (computed once per parse and cached on the document). */
export function totalsOf(doc: ReportDocument): Total[] {
  const cached = TOTALS.get(doc);
  if (cached) return cached;
  const out: Total[] = [];
  for (const t of doc.tables) {
    if (t.kind === 'requests') requestTotals(doc, t, out);
    else if (t.kind === 'review') reviewTotals(t, out);
    else if (t.kind === 'stats') statsTotals(t, out);
  }
  TOTALS.set(doc, out);
  return out;
}

function requestTotals(doc: ReportDocument, t: Table, out: Total[]): void {
  const version = requestVersion(doc, t);
  const byId = new Map<string, Row>();
  for (const r of t.rows) if (r.id && !byId.has(r.id)) byId.set(r.id, r);
  const partIdx = REQUEST_ROW_PARTS.map((_, k) => k);
  const TOTAL = REQUEST_ROW_PARTS.length;

  // row totals (sum-row): for every full row but （七）总计, whose cells are column totals
  const rowSum = (r: Row): number | null => {
    if (r.cells.length !== TOTAL + 1) return null;
    const vals = partIdx.map((k) => num(r.cells[k]));
    return vals.every((v) => v !== null) ? sum(vals as number[]) : null;
  };
  for (const r of t.rows) {
    if (!r.id || r.id === 'r7') continue;
    const e = rowSum(r);
    if (e === null) continue;
    out.push({
      rule: 'sum-row', table: t, row: r, cell: r.cells[TOTAL], expected: e,
      addends: partIdx.map((k) => ({ row: r, cell: r.cells[k], value: r.cells[k].value ?? 0 })),
      formula: { zh: '自然人 + 法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）', en: 'natural persons + the five legal-person / organisation columns' },
    });
  }

  // column totals (sum-column): （七）总计 = every sub-row of （一）…（六）
  const r7 = byId.get('r7');
  const leaves = REQUEST_ROWS[version].filter((s) => s.leaf).map((s) => byId.get(s.id));
  if (r7 && r7.cells.length === TOTAL + 1 && leaves.every((l) => l && l.cells.length === TOTAL + 1)) {
    const ls = leaves as Row[];
    for (let k = 0; k <= TOTAL; k++) {
      const addends: Addend[] = ls.map((l) => ({
        row: l, cell: l.cells[k], value: k === TOTAL ? rowSum(l) ?? num(l.cells[k]) ?? 0 : num(l.cells[k]) ?? 0,
      }));
      if (ls.some((l) => (k === TOTAL ? rowSum(l) === null && num(l.cells[k]) === null : num(l.cells[k]) === null))) continue;
      out.push({
        rule: 'sum-column', table: t, row: r7, cell: r7.cells[k], expected: sum(addends.map((a) => a.value)), addends,
        formula: { zh: '（一）至（六）各项之和', en: 'the sum of every row of (1) to (6)' },
      });
    }
  }
}

function reviewTotals(t: Table, out: Total[]): void {
  const r = t.rows[0];
  if (!r) return;
  REVIEW_GROUPS.forEach((g, gi) => {
    const cells = r.cells.slice(gi * 5, gi * 5 + 5);
    if (cells.length !== 5 || cells.slice(0, 4).some((c) => num(c) === null)) return;
    const addends = cells.slice(0, 4).map((c) => ({ row: r, cell: c, value: c.value ?? 0 }));
    const name = g.path.join(' › ');
    out.push({
      rule: 'review-total', table: t, row: r, cell: cells[4], expected: sum(addends.map((a) => a.value)), addends,
      formula: {
        zh: `${name}：结果维持 + 结果纠正 + 其他结果 + 尚未审结`,
        en: `${g.id === 'review' ? 'administrative review' : g.id === 'direct' ? 'litigation without prior review' : 'litigation after review'}: upheld + corrected + other + pending`,
      },
    });
  });
}

function statsTotals(t: Table, out: Total[]): void {
  const rows = t.rows as StatsRow[];
  const children = new Map<number, number[]>();
  rows.forEach((r, k) => {
    if (r.parent !== null && !r.isPart) {
      const list = children.get(r.parent) ?? [];
      list.push(k);
      children.set(r.parent, list);
    }
  });
  // effective value of a row: its children's sum when it is a checked parent, else its own value
  const memo = new Map<number, number | null>();
  const effective = (k: number): number | null => {
    if (memo.has(k)) return memo.get(k)!;
    const r = rows[k];
    const c = r.cells[0];
    let v: number | null = num(c);
    const e = expectedOf(k);
    if (e !== null) v = e;
    memo.set(k, v);
    return v;
  };
  const expectedOf = (k: number): number | null => {
    const kids = children.get(k);
    const r = rows[k];
    if (!kids || !kids.length || r.cells[0].kind === 'blank' || r.cells[0].kind === 'text') return null;
    const units = new Set(kids.map((c) => rows[c].unit).filter((u) => u));
    if (units.size > 1 || (r.unit && units.size === 1 && !units.has(r.unit))) return null;
    const vals = kids.map(effective);
    if (vals.some((v) => v === null)) return null;
    return sum(vals as number[]);
  };
  rows.forEach((r, k) => {
    const e = expectedOf(k);
    if (e === null) return;
    const kids = children.get(k)!;
    out.push({
      rule: 'sum-parent', table: t, row: r, cell: r.cells[0], expected: e,
      addends: kids.map((c) => ({ row: rows[c], cell: rows[c].cells[0], value: effective(c) ?? 0 })),
      formula: { zh: '各子栏目之和', en: 'the sum of its numbered sub-rows' },
    });
  });
}

/** The total computed for this cell, if the cell is a total. */
export function totalForCell(doc: ReportDocument, cell: Cell): Total | undefined {
  return totalsOf(doc).find((t) => t.cell === cell);
}

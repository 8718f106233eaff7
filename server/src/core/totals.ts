// Every total in a report and the addends it must equal. One computation serves the totals
// rules, the fixes ("recompute this total", "fix all totals") and the hover's formula.
//
// Expected values are computed from the base figures (the non-total cells), so a total that
// depends on another total (（七）总计's 总计 cell) is compared with what it will be once every
// total is right: fixing all totals in one pass leaves no totals diagnostic.

import { REQUEST_ROWS, REQUEST_ROW_PARTS, REVIEW_GROUPS } from './spec';
import { exactNumber, exactOf, exactSum } from './figures';
import type { Addend, Cell, FormatVersion, Msg, ReportDocument, Row, StatsRow, Table, Total, TotalRule } from './types';

export type { Addend, Total, TotalRule } from './types';

const num = (c: Cell | undefined): bigint | null => (c ? exactOf(c) : null);

function requestVersion(doc: ReportDocument, t: Table): FormatVersion {
  return t.shape ?? doc.format.version ?? '2021';
}

/**
 * A total whose addends are listed on demand: `make` builds them from `row` and `at` (the first
 * addend's column: sum-row, review-total) or from `terms` and `at` (the leaf rows and the column:
 * sum-column).
 */
class LazyTotal implements Total {
  private list: Addend[] | null = null;
  readonly expected: number;
  constructor(
    readonly rule: TotalRule, readonly table: Table, readonly row: Row, readonly cell: Cell, readonly exact: bigint,
    readonly formula: Msg, private readonly make: (t: LazyTotal) => Addend[], readonly terms: readonly Row[], readonly at: number,
  ) {
    this.expected = exactNumber(exact);
  }

  get addends(): Addend[] {
    return (this.list ??= this.make(this));
  }
}

/** All totals of the document (computed once per parse and cached on the document). */
export function totalsOf(doc: ReportDocument): Total[] {
  const cached = doc.memo.totals;
  if (cached) return cached;
  const out: Total[] = [];
  for (const t of doc.tables) {
    if (t.kind === 'requests') requestTotals(doc, t, out);
    else if (t.kind === 'review') reviewTotals(t, out);
    else if (t.kind === 'stats') statsTotals(t, out);
  }
  doc.memo.totals = out;
  return out;
}

/** Every total cell's recomputed value (what the cell holds once every total is right). */
export function expectedValues(doc: ReportDocument): Map<Cell, bigint> {
  let m = doc.memo.expected;
  if (!m) {
    m = new Map<Cell, bigint>();
    for (const t of totalsOf(doc)) m.set(t.cell, t.exact);
    doc.memo.expected = m;
  }
  return m;
}

const PARTS = REQUEST_ROW_PARTS.length;
const ROW_FORMULA: Msg = { zh: '自然人 + 法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）', en: 'natural persons + the five legal-person / organisation columns' };
const COLUMN_FORMULA: Msg = { zh: '（一）至（六）各项之和', en: 'the sum of every row of (1) to (6)' };

/** 自然人 + the five organisation columns of a full row, or null when a cell holds text. */
function rowSum(r: Row): bigint | null {
  if (r.cells.length !== PARTS + 1) return null;
  let s = 0n;
  for (let k = 0; k < PARTS; k++) {
    const v = num(r.cells[k]);
    if (v === null) return null;
    s += v;
  }
  return s;
}

const rowAddends = (t: LazyTotal): Addend[] => {
  const out: Addend[] = [];
  for (let k = 0; k < PARTS; k++) out.push(addend(t.row, t.row.cells[k], num(t.row.cells[k])));
  return out;
};

/** An addend of a total: its figure once every total is right (text counts as 0). */
function addend(row: Row, cell: Cell, v: bigint | null): Addend {
  return { row, cell, value: exactNumber(v ?? 0n), exact: v ?? 0n };
}

/** A leaf's figure in column k once every total is right (its own 总计 is its row sum); null for text. */
function leafValue(l: Row, k: number): bigint | null {
  return k === PARTS ? rowSum(l) ?? num(l.cells[k]) : num(l.cells[k]);
}

const columnAddends = (t: LazyTotal): Addend[] => t.terms.map((l) => addend(l, l.cells[t.at], leafValue(l, t.at)));

function requestTotals(doc: ReportDocument, t: Table, out: Total[]): void {
  // row totals (sum-row): for every full row but （七）总计, whose cells are column totals
  let r7: Row | undefined;
  for (const r of t.rows) {
    if (!r.id) continue;
    if (r.id === 'r7') { r7 ??= r; continue; }
    const e = rowSum(r);
    if (e !== null) out.push(new LazyTotal('sum-row', t, r, r.cells[PARTS], e, ROW_FORMULA, rowAddends, NO_ROWS, 0));
  }

  // column totals (sum-column): （七）总计 = every sub-row of （一）…（六）
  if (!r7 || r7.cells.length !== PARTS + 1) return;
  const leaves: Row[] = [];
  for (const s of LEAVES[requestVersion(doc, t)]) {
    const l = t.rows.find((r) => r.id === s);
    if (!l || l.cells.length !== PARTS + 1) return;
    leaves.push(l);
  }
  for (let k = 0; k <= PARTS; k++) {
    let s = 0n;
    let ok = true;
    for (const l of leaves) {
      const v = leafValue(l, k);
      if (v === null) { ok = false; break; }
      s += v;
    }
    if (ok) out.push(new LazyTotal('sum-column', t, r7, r7.cells[k], s, COLUMN_FORMULA, columnAddends, leaves, k));
  }
}

const NO_ROWS: Row[] = [];
const LEAVES: Record<FormatVersion, string[]> = {
  '2019': REQUEST_ROWS['2019'].filter((s) => s.leaf).map((s) => s.id),
  '2021': REQUEST_ROWS['2021'].filter((s) => s.leaf).map((s) => s.id),
};

const REVIEW_FORMULAS: Msg[] = REVIEW_GROUPS.map((g) => ({
  zh: `${g.path.join(' › ')}：结果维持 + 结果纠正 + 其他结果 + 尚未审结`,
  en: `${g.id === 'review' ? 'administrative review' : g.id === 'direct' ? 'litigation without prior review' : 'litigation after review'}: upheld + corrected + other + pending`,
}));

const reviewAddends = (t: LazyTotal): Addend[] => {
  const out: Addend[] = [];
  for (let k = t.at; k < t.at + 4; k++) out.push(addend(t.row, t.row.cells[k], num(t.row.cells[k])));
  return out;
};

function reviewTotals(t: Table, out: Total[]): void {
  const r = t.rows[0];
  if (!r) return;
  for (let gi = 0; gi < REVIEW_GROUPS.length; gi++) {
    const at = gi * 5;
    if (r.cells.length < at + 5) continue;
    let s = 0n;
    let ok = true;
    for (let k = at; k < at + 4; k++) {
      const v = num(r.cells[k]);
      if (v === null) { ok = false; break; }
      s += v;
    }
    if (ok) out.push(new LazyTotal('review-total', t, r, r.cells[at + 4], s, REVIEW_FORMULAS[gi], reviewAddends, NO_ROWS, at));
  }
}

const PARENT_FORMULA: Msg = { zh: '各子栏目之和', en: 'the sum of its numbered sub-rows' };

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
  const memo = new Map<number, bigint | null>();
  const effective = (k: number): bigint | null => {
    if (memo.has(k)) return memo.get(k)!;
    const r = rows[k];
    const c = r.cells[0];
    let v: bigint | null = num(c);
    const e = expectedOf(k);
    if (e !== null) v = e;
    memo.set(k, v);
    return v;
  };
  const expectedOf = (k: number): bigint | null => {
    const kids = children.get(k);
    const r = rows[k];
    if (!kids || !kids.length || r.cells[0].kind === 'blank' || r.cells[0].kind === 'text') return null;
    const units = new Set(kids.map((c) => rows[c].unit).filter((u) => u));
    if (units.size > 1 || (r.unit && units.size === 1 && !units.has(r.unit))) return null;
    const vals = kids.map(effective);
    if (vals.some((v) => v === null)) return null;
    return exactSum(vals as bigint[]);
  };
  rows.forEach((r, k) => {
    const e = expectedOf(k);
    if (e === null) return;
    const kids = children.get(k)!;
    const addends = kids.map((c) => addend(rows[c], rows[c].cells[0], effective(c)));
    out.push({ rule: 'sum-parent', table: t, row: r, cell: r.cells[0], expected: exactNumber(e), exact: e, addends, formula: PARENT_FORMULA });
  });
}

/** The total computed for this cell, if the cell is a total. */
export function totalForCell(doc: ReportDocument, cell: Cell): Total | undefined {
  return expectedValues(doc).has(cell) ? totalsOf(doc).find((t) => t.cell === cell) : undefined;
}

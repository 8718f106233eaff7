// A random report generator for tests: either format, random figures whose totals agree, random
// defects, each table in a chosen layout, and the diagnostics the checker must give — rule code,
// table, row id and column id — worked out here from the figures, independently of the rules.
//
// The totals that must agree (国办公开办函〔2021〕30号 / 〔2019〕60号):
// - table 3, every row but （七）总计: 总计 = 自然人 + the five 法人或其他组织 columns (sum-row);
// - table 3, （七）总计 = the sum of the leaf rows （一）…（六）, column by column (sum-column);
// - table 3, every column: 一 + 二 = 三（七）总计 + 四 (balance, on the recomputed totals);
// - table 4, each group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (review-total).

import type { Cell, FormatVersion, Range, Row, Table, TableKind } from '../../server/src/core';
import { normLabel, parse } from '../../server/src/core';
import { tableGrid, type Grid, type LayoutName } from '../../server/src/core/layout/write';
import { ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS } from '../../server/src/core/spec';
import { newReport } from '../../server/src/core/template';
import { mixedLayouts, writeLayout } from './layouts';
import { Rng } from './random';

/** A diagnostic the checker must give: its rule, and the table, row and column it is on (`label`: the row's label). */
export interface ExpectedDiagnostic {
  code: string;
  table: TableKind;
  row: string;
  /** Column id, `label` for the row's label; absent when only the row matters (a missing cell). */
  column?: string;
}

export type DefectKind = 'figure' | 'misspelled' | 'spelling' | 'text' | 'missing';

export interface Defect {
  kind: DefectKind;
  table: TableKind;
  row: string;
  /** Column id (`label` for a label defect). */
  column: string;
  /** What was written there, and what the format has. */
  written: string;
  official: string;
}

export interface GeneratedReport {
  text: string;
  version: FormatVersion;
  year: number;
  /** The layout of each table (active, requests, review). */
  layouts: LayoutName[];
  defects: Defect[];
  /** Exactly the diagnostics above `hint` the checker must give. */
  expected: ExpectedDiagnostic[];
  /** Number of value cells written (tables 1, 3 and 4). */
  cells: number;
  /** Every value cell written, by table, row and column, as written. */
  written: { table: TableKind; row: string; column: string; raw: string }[];
}

export interface GenerateOptions {
  /** Every table in this layout, `mixed` (each in another), or any (chosen at random). */
  layout?: LayoutName | 'mixed';
  version?: FormatVersion;
  /** Defects to put in (each at a random place); none by default. */
  defects?: DefectKind[];
  /** Which table a defect goes in (at random when absent; a figure goes in table 3 or 4 only). */
  defectTable?: TableKind;
  /** Where the defects go (the row, and the cell for a figure, a text or a missing cell); at random when absent. */
  place?: { table: 'active' | 'requests' | 'review'; row: string; column?: string };
  /** Use the plain form of tab-paste (the product's writer) instead of the varied one. */
  plain?: boolean;
  eol?: '\n' | '\r\n';
}

// ------------------------------------------------------------------ figures

type Cells = Map<string, string[]>; // row id → raw cells, in column order

interface Figures {
  active: { block: string; id: string; cells: string[] }[];
  requests: Cells;
  review: string[];
}

function randomFigures(version: FormatVersion, rng: Rng): Figures {
  const active = ACTIVE_BLOCKS[version].flatMap((b) => b.rows.map((r) => ({
    block: b.id,
    id: r.id,
    cells: b.columns.map((c) => (c.money ? (rng.chance(0.5) ? '0' : `${rng.int(1, 999)}.${rng.int(1, 99)}`) : String(rng.figure()))),
  })));
  const specs = REQUEST_ROWS[version];
  const parts = REQUEST_COLUMNS.length - 1;
  const requests: Cells = new Map();
  const col = (f: (k: number) => number) => Array.from({ length: parts }, (_, k) => f(k));
  const leaves = specs.filter((s) => s.leaf);
  const leafFigures = new Map(leaves.map((s) => [s.id, col(() => (rng.chance(0.6) ? 0 : rng.figure()))]));
  const r7 = col((k) => leaves.reduce((a, s) => a + leafFigures.get(s.id)![k], 0));
  const carried = col(() => (rng.chance(0.7) ? 0 : rng.int(1, 30)));
  const next = col((k) => (rng.chance(0.7) ? 0 : rng.int(0, r7[k] + carried[k])));
  // 一 + 二 = （七） + 四
  const fresh = col((k) => r7[k] + next[k] - carried[k]);
  for (let k = 0; k < parts; k++) if (fresh[k] < 0) { next[k] -= fresh[k]; fresh[k] = 0; }
  const withTotal = (xs: number[]) => [...xs, xs.reduce((a, b) => a + b, 0)].map(String);
  for (const s of specs) {
    if (s.group) continue;
    const f = s.id === 'new' ? fresh : s.id === 'carried' ? carried : s.id === 'r7' ? r7 : s.id === 'next' ? next : leafFigures.get(s.id)!;
    requests.set(s.id, withTotal(f));
  }
  const review = REVIEW_GROUPS.flatMap(() => withTotal([0, 0, 0, 0].map(() => (rng.chance(0.5) ? 0 : rng.int(1, 40)))));
  return { active, requests, review };
}

// ------------------------------------------------------------------ the model tables the writers lay out

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function modelRow(id: string, label: string | null, cells: string[], columns: string[], block?: string): Row {
  return {
    id, block, labelPath: label ? [label] : [], labelCells: label ? [{ raw: label, range: NOWHERE, norm: normLabel(label) }] : [],
    cells: cells.map((raw, k) => ({ column: columns[k], columnPath: [], raw, text: raw, norm: raw, kind: 'number', value: null, line: 0, endLine: 0, range: NOWHERE, valueRange: NOWHERE })),
    line: 0, endLine: 0, range: NOWHERE,
  };
}

function modelTable(kind: TableKind, rows: Row[]): Table {
  return { kind, startLine: 0, endLine: 0, range: NOWHERE, headers: [], rows, missingRows: [], irregular: [] };
}

function tables(version: FormatVersion, f: Figures): Record<'active' | 'requests' | 'review', Table> {
  const blocks = ACTIVE_BLOCKS[version];
  const active = modelTable('active', f.active.map((r) => {
    const b = blocks.find((x) => x.id === r.block)!;
    return modelRow(r.id, b.rows.find((x) => x.id === r.id)!.label, r.cells, b.columns.map((c) => c.id), r.block);
  }));
  const columns = REQUEST_COLUMNS.map((c) => c.id);
  const requests = modelTable('requests', REQUEST_ROWS[version].filter((s) => !s.group)
    .map((s) => modelRow(s.id, s.label, f.requests.get(s.id)!, columns)));
  const review = modelTable('review', [modelRow('review', null, f.review, REVIEW_COLUMNS.map((c) => c.id))]);
  return { active, requests, review };
}

// ------------------------------------------------------------------ defects

const WRONG = '止甲乙丙丁戊庚辛壬癸';
const TEXTS = ['无', '不详', '见附件', 'N/A', '—'];

/** A misspelling of `label` the checker must flag: a wrong or a missing character, or a dropped `1.`. */
const MARKER = /^(?:[一二三四五六七]、|（[一二三四五六七]）|\d+\.)/;

function misspell(label: string, rng: Rng): string {
  const marker = MARKER.exec(label)?.[0] ?? '';
  const body = [...label.slice(marker.length)];
  const how = rng.int(0, marker.match(/^\d/) ? 2 : 1);
  if (how === 2) return body.join(''); // 1.属于国家秘密 → 属于国家秘密
  const k = rng.int(1, body.length - 2);
  if (how === 0) body[k] = WRONG.replace(body[k], '')[rng.int(0, WRONG.length - 2)];
  else body.splice(k, 1);
  return marker + body.join('');
}

/** A spelling the format tolerates (normalised to the label): 其它, stray spaces, half-width brackets. */
function respell(label: string, rng: Rng): string {
  const ways: ((s: string) => string)[] = [
    // (one space: two would split the label in a space-aligned layout)
    (s) => { const cs = [...s]; const k = rng.int(1, cs.length - 1); cs.splice(k, 0, ' '); return cs.join(''); },
  ];
  if (label.includes('其他')) ways.push((s) => s.replace('其他', '其它'));
  if (/[（）]/.test(label)) ways.push((s) => s.replace(/（/g, '(').replace(/）/g, ')'));
  return rng.pick(ways)(label);
}

interface Placed {
  table: 'active' | 'requests' | 'review';
  row: Row;
  k: number;
}

function pickCell(ts: Record<'active' | 'requests' | 'review', Table>, rng: Rng, only: TableKind | undefined, kinds: ('active' | 'requests' | 'review')[], place?: GenerateOptions['place']): Placed {
  if (place) {
    const row = ts[place.table].rows.find((r) => r.id === place.row);
    if (!row) throw new Error(`no row ${place.row} in table ${place.table}`);
    const k = place.column === undefined ? row.cells.length - 1 : row.cells.findIndex((c) => c.column === place.column);
    if (k < 0) throw new Error(`no cell ${place.column} in row ${place.row}`);
    return { table: place.table, row, k };
  }
  const table = only && only !== 'stats' ? only : rng.pick(kinds);
  const row = rng.pick(ts[table].rows);
  return { table, row, k: rng.int(0, row.cells.length - 1) };
}

// ------------------------------------------------------------------ the diagnostics the figures call for

type Value = number | 'text';

function valueOf(raw: string): Value {
  return /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : 'text';
}

/** The totals diagnostics the figures of tables 3 and 4 call for (see the relations at the top). */
function totalsDiagnostics(ts: Record<'active' | 'requests' | 'review', Table>, version: FormatVersion): ExpectedDiagnostic[] {
  const out: ExpectedDiagnostic[] = [];
  const parts = REQUEST_COLUMNS.length - 1;
  const cols = REQUEST_COLUMNS.map((c) => c.id);
  const rows = new Map(ts.requests.rows.map((r) => [r.id, r.cells.map((c) => valueOf(c.raw))]));
  const full = (v: Value[] | undefined): v is Value[] => !!v && v.length === parts + 1;
  const rowSum = (v: Value[]): number | null => (full(v) && v.slice(0, parts).every((x) => x !== 'text') ? (v.slice(0, parts) as number[]).reduce((a, b) => a + b, 0) : null);
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  // the figure each total cell holds once every total is right
  const settled = new Map<string, number>();
  for (const [id, v] of rows) {
    if (id === 'r7') continue;
    const e = rowSum(v);
    if (e === null) continue;
    settled.set(`${id}/total`, e);
    if (v[parts] !== 'text' && !near(v[parts] as number, e)) out.push({ code: 'sum-row', table: 'requests', row: id, column: 'total' });
  }
  const leaves = REQUEST_ROWS[version].filter((s) => s.leaf).map((s) => rows.get(s.id));
  const r7 = rows.get('r7');
  if (full(r7) && leaves.every(full)) {
    for (let k = 0; k <= parts; k++) {
      const vs = (leaves as Value[][]).map((l) => (k === parts ? rowSum(l) ?? l[k] : l[k]));
      if (vs.some((x) => x === 'text')) continue;
      const e = (vs as number[]).reduce((a, b) => a + b, 0);
      settled.set(`r7/${cols[k]}`, e);
      if (r7[k] !== 'text' && !near(r7[k] as number, e)) out.push({ code: 'sum-column', table: 'requests', row: 'r7', column: cols[k] });
    }
  }
  const four = ['new', 'carried', 'r7', 'next'].map((id) => rows.get(id));
  if (four.every(full)) {
    for (let k = 0; k <= parts; k++) {
      const cells = (four as Value[][]).map((v) => v[k]);
      if (cells.some((x) => x === 'text')) continue;
      const v = ['new', 'carried', 'r7', 'next'].map((id, n) => settled.get(`${id}/${cols[k]}`) ?? (cells[n] as number));
      if (!near(v[0] + v[1], v[2] + v[3])) out.push({ code: 'balance', table: 'requests', row: 'next', column: cols[k] });
    }
  }
  const review = ts.review.rows[0]?.cells.map((c) => valueOf(c.raw)) ?? [];
  REVIEW_GROUPS.forEach((g, gi) => {
    const at = gi * 5;
    if (review.length < at + 5) return;
    const four4 = review.slice(at, at + 4);
    if (four4.some((x) => x === 'text') || review[at + 4] === 'text') return;
    if (!near((four4 as number[]).reduce((a, b) => a + b, 0), review[at + 4] as number)) {
      out.push({ code: 'review-total', table: 'review', row: 'review', column: `${g.id}.total` });
    }
  });
  return out;
}

// ------------------------------------------------------------------ the report

const ORGANS = ['某某县人民政府办公室', '某某市自然资源和规划局', '某某镇人民政府', '某某区教育局'];

/** A random report from `seed` (the same seed, the same report). */
export function generateReport(seed: number, options: GenerateOptions = {}): GeneratedReport {
  const rng = new Rng(seed);
  const version = options.version ?? rng.pick(['2019', '2021'] as const);
  const year = version === '2019' ? rng.int(2019, 2020) : rng.int(2021, 2025);
  const f = randomFigures(version, rng);
  const ts = tables(version, f);
  const defects: Defect[] = [];
  const expected: ExpectedDiagnostic[] = [];
  const labelDefects: Defect[] = [];
  /** The cells a defect has changed already: a second defect goes to another cell (two on one cell would expect what neither gives). */
  const used = new Set<Cell>();
  const pickFree = (kinds: ('active' | 'requests' | 'review')[], last = false): Placed => {
    for (let tries = 0; ; tries++) {
      const p = pickCell(ts, rng, options.defectTable, kinds, options.place);
      if (last) p.k = p.row.cells.length - 1;
      if (!used.has(p.row.cells[p.k]) || options.place || tries > 100) {
        used.add(p.row.cells[p.k]);
        return p;
      }
    }
  };
  for (const kind of options.defects ?? []) {
    if (kind === 'figure') {
      const p = pickFree(['requests', 'review']);
      const c = p.row.cells[p.k];
      const v = Number(c.raw);
      const d = rng.int(1, 9);
      const raw = String(v >= d && rng.chance(0.5) ? v - d : v + d);
      defects.push({ kind, table: p.table, row: p.row.id, column: c.column, written: raw, official: c.raw });
      c.raw = raw;
    } else if (kind === 'text') {
      const p = pickFree(['active', 'requests', 'review']);
      const c = p.row.cells[p.k];
      const raw = rng.pick(TEXTS);
      defects.push({ kind, table: p.table, row: p.row.id, column: c.column, written: raw, official: c.raw });
      c.raw = raw;
      expected.push({ code: 'cell-number', table: p.table, row: p.row.id, column: c.column });
    } else if (kind === 'missing') {
      // (the row's last cell goes: one no other defect has changed)
      const p = pickFree(['active', 'requests', 'review'], !options.place);
      const c = p.row.cells.pop()!;
      defects.push({ kind, table: p.table, row: p.row.id, column: c.column, written: '', official: c.raw });
      expected.push({ code: 'table-shape', table: p.table, row: p.row.id });
    } else {
      // a row label (tables 1 and 3: table 4 has none), changed in the grid so that the writer keeps it as written
      const only = options.place?.table ?? options.defectTable;
      const table = only === 'active' || only === 'requests' ? only : rng.pick(['active', 'requests'] as const);
      const candidates = ts[table].rows.filter((r) => r.labelCells.length && !labelDefects.some((d) => d.row === r.id)
        && (!options.place || r.id === options.place.row)
        && (kind === 'misspelled' ? [...r.labelCells[0].raw.replace(MARKER, '')].length >= 3 : true));
      if (!candidates.length) throw new Error(`no row label to ${kind === 'misspelled' ? 'misspell' : 'respell'} in table ${table}`);
      const row = rng.pick(candidates);
      const official = row.labelCells[0].raw;
      const written = kind === 'misspelled' ? misspell(official, rng) : respell(official, rng);
      const d: Defect = { kind, table, row: row.id, column: 'label', written, official };
      defects.push(d);
      labelDefects.push(d);
      if (kind === 'misspelled') expected.push({ code: 'table-label', table, row: row.id, column: 'label' });
    }
  }
  expected.push(...totalsDiagnostics(ts, version));

  const layouts: LayoutName[] = options.layout === 'mixed' ? mixedLayouts(3, rng)
    : [0, 1, 2].map(() => (options.layout as LayoutName | undefined) ?? rng.pick(['cell-per-line', 'tab-padded', 'tab-paste', 'markdown', 'spaced'] as const));
  const kinds = ['active', 'requests', 'review'] as const;
  const lines = kinds.map((kind, k) => {
    const g = tableGrid(ts[kind], version)!;
    for (const d of labelDefects) if (d.table === kind) respellInGrid(g, d);
    return writeLayout(g, layouts[k], rng, !options.plain);
  });
  const template = newReport({ organ: rng.pick(ORGANS), year, eol: options.eol });
  const doc = parse(template);
  // the template's tables replaced by the generated ones (prose untouched)
  let text = template;
  const eol = options.eol ?? '\n';
  for (let k = doc.tables.length - 1; k >= 0; k--) {
    const t = doc.tables[k];
    const i = kinds.indexOf(t.kind as (typeof kinds)[number]);
    const a = doc.lineStarts[t.startLine];
    const b = doc.lineStarts[t.endLine] + doc.lines[t.endLine].length;
    text = text.slice(0, a) + lines[i].join(eol) + text.slice(b);
  }
  const written = kinds.flatMap((kind) => ts[kind].rows.flatMap((r) => r.cells.map((c) => ({ table: kind, row: r.id, column: c.column, raw: c.raw }))));
  return { text, version, year, layouts, defects, expected, cells: written.length, written };
}

/** Write a label defect into the grid: the row's own label cell. */
function respellInGrid(g: Grid, d: Defect): void {
  const row = g.rows.find((r) => r.kind === 'data' && r.id === d.row);
  const cell = row && [...row.cells].reverse().find((c) => c.role === 'label');
  if (!cell) throw new Error(`no label cell for ${d.row}`);
  cell.text = d.written;
}

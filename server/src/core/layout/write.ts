// Writing a table of the model in a layout: the official header structure and labels from spec.ts,
// the rows and cells the model has (a table cut short stays cut short, a row with a missing cell
// stays missing that cell), so that re-laying a report keeps its defects. Pure: data in, text out.
//
// A table is first made into a grid of the official structure (`tableGrid`): per row, the cells a
// Word table has (a merged cell is one cell with its span; the continuation of a vertically merged
// cell is an empty cell), then each layout writes the grid in its own way (`writeGrid`). The
// command 转换表格版式 / Convert Table Layout uses `writeTable`; template.ts's one-cell-per-line
// tables are the grid of an empty table written as `cell-per-line` (template.ts could build them so).

import { ACTIVE_BLOCKS, ACTIVE_CONTENT_COLUMN, REQUEST_COLUMNS, REQUEST_HEADER_LABELS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type RequestRowSpec } from '../spec';
import { editDistance, normLabel } from '../text';
import type { FormatVersion, HeaderCell, ReportDocument, Row, Table, TableKind, TextEdit } from '../types';

/** The table layouts a report arrives in (docs/layouts.md). */
export type LayoutName = 'cell-per-line' | 'tab-padded' | 'tab-paste' | 'markdown' | 'spaced';
export const LAYOUT_NAMES: readonly LayoutName[] = ['cell-per-line', 'tab-padded', 'tab-paste', 'markdown', 'spaced'];
/** The layouts this module writes (`spaced` is only read: its column widths depend on a font). */
export type WritableLayout = Exclude<LayoutName, 'spaced'>;
export const WRITABLE_LAYOUTS: readonly WritableLayout[] = ['cell-per-line', 'tab-padded', 'tab-paste', 'markdown'];

/** One cell of the grid. */
export interface GridCell {
  text: string;
  /** Columns it spans (1 or more). */
  span: number;
  /** What it holds: a title or header label, a row label, a figure (or the text written in its place). */
  role: 'title' | 'header' | 'label' | 'value';
  /** The continuation of a vertically merged cell (written as an empty cell, or left out). */
  under?: boolean;
}

export interface GridRow {
  /** `title`: a row of one merged cell (a 第二十条 block title); `header`: column labels; `data`: a row of the model. */
  kind: 'title' | 'header' | 'data';
  cells: GridCell[];
  /** Row id of the model (data rows). */
  id?: string;
  /** Where the row's figures start (data rows): the label columns before it. */
  labelColumns?: number;
  /** The row has fewer cells than the grid is wide (a cell missing in the model): never padded. */
  short?: boolean;
}

export interface Grid {
  kind: TableKind;
  /** Number of grid columns. */
  width: number;
  rows: GridRow[];
}

// ------------------------------------------------------------------ labels

/** The text to write in a cell: its lines joined (a wrapped cell), tabs as spaces, trimmed. */
export function cellText(raw: string): string {
  return raw.split(/\r?\n|\r/).map((s) => s.trim()).join('').replace(/\t+/g, ' ').trim();
}

/** The official label when the written one is it (after normalising), else the label as written. */
function labelText(raw: string, official: string): string {
  return normLabel(raw) === normLabel(official) ? official : cellText(raw);
}

/**
 * The text of each official header label of a table, given the header cells the model has: the
 * official label where the written one is it or a variant of it (a variant is kept as written),
 * an unknown or misspelled label as written at the place of the label nearest to it, and the
 * official label where the model has none.
 */
function headerTexts(official: { label: string; variants?: string[] }[], written: HeaderCell[]): string[] {
  const out = official.map((o) => o.label);
  const taken = new Uint8Array(official.length);
  const norms = official.map((o) => normLabel(o.label));
  const variantNorms = official.map((o) => new Set((o.variants ?? []).map(normLabel)));
  const cells = written.filter((c) => cellText(c.raw) !== '');
  const unknown: { cell: HeaderCell; n: string; after: number }[] = [];
  let last = -1;
  // take the first free place at or after `from`, else the first free place
  const place = (ok: (k: number) => boolean, from: number): number => {
    for (let k = Math.max(0, from); k < official.length; k++) if (!taken[k] && ok(k)) return k;
    for (let k = 0; k < Math.min(from, official.length); k++) if (!taken[k] && ok(k)) return k;
    return -1;
  };
  for (const c of cells) {
    const n = normLabel(c.raw);
    const k = place((j) => norms[j] === n || variantNorms[j].has(n), last + 1);
    if (k < 0) { unknown.push({ cell: c, n, after: last }); continue; }
    taken[k] = 1;
    out[k] = norms[k] === n ? official[k].label : cellText(c.raw);
    last = k;
  }
  for (const u of unknown) {
    // an official label inside it (a stray "(四) " before 信息内容), else the nearest by edit distance
    let k = place((j) => norms[j].length >= 2 && u.n.includes(norms[j]), u.after + 1);
    if (k < 0) {
      let best = Infinity;
      for (let j = 0; j < official.length; j++) {
        if (taken[j]) continue;
        const d = editDistance(u.n, norms[j]) + (j > u.after ? 0 : 0.5);
        if (d < best) { best = d; k = j; }
      }
    }
    if (k < 0) continue; // more unknown labels than places: the rest has nowhere to go
    taken[k] = 1;
    out[k] = cellText(u.cell.raw);
  }
  return out;
}

const header = (text: string, span = 1, role: GridCell['role'] = 'header'): GridCell => ({ text, span, role });
const under = (span = 1): GridCell => ({ text: '', span, role: 'header', under: true });
const value = (raw: string): GridCell => ({ text: cellText(raw), span: 1, role: 'value' });

/** The value cells of a row: as many as the model has; the last spans the rest of the grid when the row is complete. */
function values(row: Row, expected: number, free: number): { cells: GridCell[]; short: boolean } {
  const cells = row.cells.map((c) => value(c.raw));
  const short = cells.length < expected;
  if (!short && cells.length && free > cells.length) cells[cells.length - 1].span = free - cells.length + 1;
  return { cells, short };
}

// ------------------------------------------------------------------ table 1 (第二十条)

function activeGrid(t: Table, version: FormatVersion): Grid {
  const blocks = ACTIVE_BLOCKS[version];
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  // the header cells' places: each block's title, 信息内容 and column labels, in order
  const places: { label: string; variants?: string[] }[] = [];
  const placeOf: number[] = [];
  for (const b of blocks) {
    placeOf.push(places.length);
    places.push({ label: b.title }, ACTIVE_CONTENT_COLUMN, ...b.columns);
  }
  const texts = headerTexts(places, t.headers.flat());
  // the blocks the model has: rows in them, or their title among the headers
  const known = new Set(blocks.map((b) => b.id));
  const rowsOf = new Map<string, Row[]>(blocks.map((b) => [b.id, []]));
  let current = blocks[0].id;
  for (const r of t.rows) {
    if (r.block && known.has(r.block)) current = r.block;
    rowsOf.get(current)!.push(r);
  }
  const titled = new Set<string>();
  for (const h of t.headers.flat()) {
    const n = normLabel(h.raw);
    for (const b of blocks) if (n.includes(normLabel(b.title))) titled.add(b.id);
  }
  const rows: GridRow[] = [];
  blocks.forEach((b, k) => {
    const rs = rowsOf.get(b.id)!;
    if (!rs.length && !titled.has(b.id)) return;
    const p = placeOf[k];
    rows.push({ kind: 'title', cells: [header(texts[p], width, 'title')] });
    const cols = b.columns.map((c, j) => header(texts[p + 2 + j]));
    cols[cols.length - 1].span = width - b.columns.length;
    rows.push({ kind: 'header', cells: [header(texts[p + 1]), ...cols] });
    for (const r of rs) {
      const spec = b.rows.find((s) => s.id === r.id);
      const raw = r.labelCells.map((c) => c.raw).join('');
      const label: GridCell = { text: spec ? labelText(raw, spec.label) : cellText(raw), span: 1, role: 'label' };
      const v = values(r, b.columns.length, width - 1);
      rows.push({ kind: 'data', id: r.id, labelColumns: 1, cells: [label, ...v.cells], short: v.short || undefined });
    }
  });
  return { kind: 'active', width, rows };
}

// ------------------------------------------------------------------ table 3 (申请)

/** Label columns of table 3: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密. */
const REQUEST_LABEL_COLUMNS = 3;

function requestsGrid(t: Table, version: FormatVersion): Grid {
  const specs = REQUEST_ROWS[version];
  const byId = new Map(specs.map((s) => [s.id, s]));
  const nValues = REQUEST_COLUMNS.length;
  const width = REQUEST_LABEL_COLUMNS + nValues;
  const note = REQUEST_HEADER_LABELS.find((l) => l.includes('勾稽'))!;
  const natural = REQUEST_COLUMNS[0];
  const orgs = REQUEST_COLUMNS.filter((c) => c.path.length === 3);
  const total = REQUEST_COLUMNS[nValues - 1];
  const [applicants, organisations] = orgs[0].path;
  const h = headerTexts(
    [note, applicants, natural.label, organisations, total.label, ...orgs.map((c) => c.label)].map((label) => ({ label })),
    t.headers.flat(),
  );
  const rows: GridRow[] = [
    { kind: 'header', cells: [header(h[0], REQUEST_LABEL_COLUMNS), header(h[1], nValues)] },
    { kind: 'header', cells: [under(REQUEST_LABEL_COLUMNS), header(h[2]), header(h[3], orgs.length), header(h[4])] },
    { kind: 'header', cells: [under(REQUEST_LABEL_COLUMNS), under(), ...orgs.map((_, k) => header(h[5 + k])), under()] },
  ];
  // a group's label as the model has it (its first occurrence), written on the group's first row
  const groupText = new Map<string, string>();
  const chainOf = (s: RequestRowSpec): RequestRowSpec[] => {
    const chain: RequestRowSpec[] = [];
    for (let p: RequestRowSpec | undefined = s; p; p = p.parent ? byId.get(p.parent) : undefined) chain.unshift(p);
    return chain;
  };
  for (const r of t.rows) {
    const s = byId.get(r.id);
    if (!s) continue;
    const chain = chainOf(s);
    // the last label cell is the row's own label, those before it its groups' (from the inside out)
    for (let k = r.labelCells.length - 2, g = chain.length - 2; k >= 0 && g >= 0; k--, g--) {
      if (!groupText.has(chain[g].id)) groupText.set(chain[g].id, labelText(r.labelCells[k].raw, chain[g].label));
    }
  }
  const opened = new Set<string>();
  for (const r of t.rows) {
    const s = byId.get(r.id);
    const labels: GridCell[] = [];
    if (s) {
      const chain = chainOf(s);
      for (const g of chain.slice(0, -1)) {
        if (opened.has(g.id)) labels.push(under());
        else {
          opened.add(g.id);
          labels.push({ text: groupText.get(g.id) ?? g.label, span: 1, role: 'label' });
        }
      }
      const own = r.labelCells[r.labelCells.length - 1];
      labels.push({ text: own ? labelText(own.raw, s.label) : s.label, span: REQUEST_LABEL_COLUMNS - chain.length + 1, role: 'label' });
    } else {
      // a row the parser could not place: its label cells as written
      const ls = r.labelCells.map((c) => cellText(c.raw));
      if (!ls.length) ls.push('');
      ls.forEach((text, k) => labels.push({
        text, span: k === ls.length - 1 ? Math.max(1, REQUEST_LABEL_COLUMNS - ls.length + 1) : 1, role: 'label',
      }));
    }
    const v = values(r, nValues, nValues);
    rows.push({ kind: 'data', id: r.id, labelColumns: REQUEST_LABEL_COLUMNS, cells: [...labels, ...v.cells], short: v.short || undefined });
  }
  return { kind: 'requests', width, rows };
}

// ------------------------------------------------------------------ table 4 (复议、诉讼)

function reviewGrid(t: Table): Grid {
  const width = REVIEW_COLUMNS.length;
  const first = REVIEW_GROUPS[0];
  const rest = REVIEW_GROUPS.slice(1);
  const partsOf = (id: string) => REVIEW_COLUMNS.filter((c) => c.group === id).map((c) => c.label);
  const top = [...new Set(REVIEW_GROUPS.map((g) => g.path[0]))];
  const firstParts = partsOf(first.id);
  const restParts = rest.flatMap((g) => partsOf(g.id));
  const h = headerTexts(
    [...top, ...firstParts, ...rest.map((g) => g.path[g.path.length - 1]), ...restParts].map((label) => ({ label })),
    t.headers.flat(),
  );
  let k = 0;
  const next = (span = 1) => header(h[k++], span);
  const rows: GridRow[] = [
    { kind: 'header', cells: [next(firstParts.length), next(width - firstParts.length)] },
    { kind: 'header', cells: [...firstParts.map(() => next()), ...rest.map((g) => next(partsOf(g.id).length))] },
    { kind: 'header', cells: [...firstParts.map(() => under()), ...restParts.map(() => next())] },
  ];
  for (const r of t.rows) {
    const labels = r.labelCells.map((c): GridCell => ({ text: cellText(c.raw), span: 1, role: 'label' }));
    const v = values(r, width, width);
    rows.push({ kind: 'data', id: r.id, labelColumns: labels.length, cells: [...labels, ...v.cells], short: v.short || undefined });
  }
  return { kind: 'review', width, rows };
}

/**
 * A table of the model as a grid of the official structure, or null for a table that has no
 * official structure (a 附件 statistics table: re-laying leaves it as written).
 */
export function tableGrid(t: Table, version: FormatVersion): Grid | null {
  switch (t.kind) {
    case 'active': return activeGrid(t, version);
    case 'requests': return requestsGrid(t, version);
    case 'review': return reviewGrid(t);
    default: return null;
  }
}

// ------------------------------------------------------------------ layouts

/** A row's cells with each span written out as empty cells after it; padded to the grid's width unless short. */
function expanded(row: GridRow, width: number): string[] {
  const out: string[] = [];
  for (const c of row.cells) {
    out.push(c.text);
    for (let k = 1; k < c.span; k++) out.push('');
  }
  if (!row.short) while (out.length < width) out.push('');
  return out;
}

/** A row's cells as a Word table has them (a merged cell once), without the empty continuations at its end. */
function pasted(row: GridRow): string[] {
  let end = row.cells.length;
  while (end > 0 && row.cells[end - 1].under) end--;
  return row.cells.slice(0, end).map((c) => c.text);
}

function escapePipe(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The lines of a grid in a layout. */
export function writeGrid(grid: Grid, layout: WritableLayout): string[] {
  const out: string[] = [];
  switch (layout) {
    case 'cell-per-line':
      // one cell per line after a tab (a merged cell once, continuations as empty cells), a blank line between rows
      grid.rows.forEach((r, k) => {
        if (k) out.push('');
        for (const c of r.cells) out.push(`\t${c.text}`);
      });
      return out;
    case 'tab-padded':
      for (const r of grid.rows) out.push(expanded(r, grid.width).join('\t'));
      return out;
    case 'tab-paste':
      for (const r of grid.rows) out.push(pasted(r).join('\t'));
      return out;
    case 'markdown':
      grid.rows.forEach((r, k) => {
        out.push(`| ${expanded(r, grid.width).map(escapePipe).join(' | ')} |`);
        if (k === 0) out.push(`|${new Array(grid.width).fill('---').join('|')}|`);
      });
      return out;
  }
}

/** A table of the model written in a layout (null: a table without an official structure). */
export function writeTable(t: Table, version: FormatVersion, layout: WritableLayout): string[] | null {
  const g = tableGrid(t, version);
  return g && writeGrid(g, layout);
}

/** How a table is re-laid: a layout, or a function giving its lines (null: leave it as written). */
export type Relayer = WritableLayout | ((t: Table, index: number, version: FormatVersion) => string[] | null);

/**
 * The edits that re-lay the tables of a report (all of them, or those `only` accepts): each
 * replaces a table's lines, from the start of its first line to the end of its last, with the
 * table re-laid in the report's line endings. A blank line is added between a re-laid table and a
 * non-blank line next to it, so that the table cannot run into the prose around it.
 */
export function relayEdits(doc: ReportDocument, relayer: Relayer, only: (t: Table) => boolean = () => true): TextEdit[] {
  const out: TextEdit[] = [];
  doc.tables.forEach((t, k) => {
    if (!only(t)) return;
    const version = t.shape ?? doc.format.version ?? '2021';
    const lines = typeof relayer === 'function' ? relayer(t, k, version) : writeTable(t, version, relayer);
    if (!lines) return;
    const before = t.startLine > 0 && doc.lines[t.startLine - 1].trim() !== '' ? doc.eol : '';
    const after = t.endLine + 1 < doc.lines.length && doc.lines[t.endLine + 1].trim() !== '' ? doc.eol : '';
    out.push({
      range: { start: { line: t.startLine, character: 0 }, end: { line: t.endLine, character: doc.lines[t.endLine].length } },
      newText: before + lines.join(doc.eol) + after,
    });
  });
  return out;
}

/** The report with each table re-laid (`relayEdits` applied): prose, line endings and BOM untouched. */
export function relayReport(doc: ReportDocument, relayer: Relayer): string {
  let text = doc.text;
  const edits = relayEdits(doc, relayer);
  for (let k = edits.length - 1; k >= 0; k--) {
    const { range, newText } = edits[k];
    const a = doc.lineStarts[range.start.line] + range.start.character;
    const b = doc.lineStarts[range.end.line] + range.end.character;
    text = text.slice(0, a) + newText + text.slice(b);
  }
  return doc.bom && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
}

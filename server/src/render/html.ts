// Renders a parsed report as HTML: the report as the reader sees it — title, headings, paragraphs
// and the statistics tables as real grids with the official header layout (merged cells built from
// the format specification, not from the header text as written) and the figures from the parsed
// cells. Pure: no import of `vscode`; used by the preview webview, the CLI and the audit report.
//
// Security: every piece of report text goes through `esc` (& < > " ' escaped, in text and in
// attributes); report text never becomes a tag, an attribute name, a style, a URL or a link.
//
// Source mapping: every element that comes from the report carries `data-line` and
// `data-character` (0-based, UTF-16, as the LSP counts), the start of its text in the file.

import { createHash } from 'crypto';
import { msg, normLabel, spec } from '../core';
import type {
  Cell, Diagnostic, FormatVersion, HeaderCell, Lang, Position, Range, ReportDocument, Row, StatsRow, Table,
} from '../core';
import { STYLE } from './style';

export interface RenderOptions {
  lang: Lang;
  /**
   * Extra attributes for a value cell's <td> (the editable grid: its id, place and aria label).
   * Names must be lower-case `data-*`/`aria-*`/`tabindex`/`role`; values are escaped here.
   */
  cellAttributes?: (cell: Cell) => Record<string, string> | undefined;
  /**
   * Source places (`data-line`/`data-character`) on the elements, for the preview's click-to-source
   * script (default true). A page that runs no script (the audit site's) leaves them out: half its bytes.
   */
  sourcePlaces?: boolean;
}

export interface StandaloneOptions extends RenderOptions {
  /** Document title (<title>); default: the report's title. */
  title?: string;
}

// ------------------------------------------------------------------ escaping

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** What `esc` replaces: the five HTML characters, and control characters (other than tab and newlines), which have no business in the output. */
const ESCAPED_RE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Escape text for HTML text and (double- or single-quoted) attribute values. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(ESCAPED_RE, (c) => ESCAPES[c] ?? '');
}

/** Escaped text, line breaks kept as <br>. */
function escLines(s: string): string {
  return s.split(/\r\n|\r|\n/).map((l) => esc(l.trim())).filter((l) => l !== '').join('<br>');
}

// ------------------------------------------------------------------ diagnostics → elements

function cmp(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function isEmpty(r: Range): boolean {
  return cmp(r.start, r.end) === 0;
}

function overlaps(a: Range, b: Range): boolean {
  if (cmp(a.end, b.start) < 0 || cmp(b.end, a.start) < 0) return false;
  // Ranges that only touch count when one of them is empty (a blank cell, a point diagnostic).
  if ((cmp(a.end, b.start) === 0 || cmp(b.end, a.start) === 0) && !isEmpty(a) && !isEmpty(b)) return false;
  return true;
}

type Marked = 'error' | 'warning';

class Marks {
  readonly list: Diagnostic[];
  /** Indices into `list` by the line a diagnostic starts on. */
  private readonly byStart = new Map<number, number[]>();
  /** Indices of the diagnostics that span more than one line (looked at for every range). */
  private readonly multiLine: number[] = [];

  constructor(diagnostics: Diagnostic[], readonly lang: Lang, readonly cellAttributes?: RenderOptions['cellAttributes'], readonly sourcePlaces = true) {
    this.list = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    this.list.forEach((d, i) => {
      const at = this.byStart.get(d.range.start.line);
      if (at) at.push(i);
      else this.byStart.set(d.range.start.line, [i]);
      if (d.range.end.line > d.range.start.line) this.multiLine.push(i);
    });
  }

  /** Indices of the diagnostics starting on lines first..last, and of every multi-line one; in list order, once each. */
  private candidates(first: number, last: number, withMultiLine: boolean): number[] {
    const out: number[] = [];
    if (last - first < this.byStart.size) {
      for (let l = first; l <= last; l++) out.push(...(this.byStart.get(l) ?? []));
    } else {
      for (const [l, ids] of this.byStart) if (l >= first && l <= last) out.push(...ids);
    }
    if (withMultiLine) out.push(...this.multiLine);
    out.sort((a, b) => a - b);
    return out.filter((x, i) => i === 0 || out[i - 1] !== x);
  }

  /** The error/warning diagnostics overlapping a range. */
  at(range: Range | undefined, filter?: (d: Diagnostic) => boolean): Diagnostic[] {
    if (!range) return [];
    return this.candidates(range.start.line, range.end.line, true).map((i) => this.list[i]).filter((d) => overlaps(d.range, range) && (!filter || filter(d)));
  }

  /** An element's source place as attributes (none when the options leave them out). */
  place(at: Position | undefined): string {
    return at && this.sourcePlaces ? ` data-line="${at.line}" data-character="${at.character}"` : '';
  }

  /** Diagnostics starting on a line (for whole-line elements: paragraphs, headings). */
  onLines(first: number, last: number): Diagnostic[] {
    return this.candidates(first, last, false).map((i) => this.list[i]);
  }
}

function severityOf(diags: Diagnostic[]): Marked | undefined {
  if (!diags.length) return undefined;
  return diags.some((d) => d.severity === 'error') ? 'error' : 'warning';
}

function messageOf(diags: Diagnostic[], lang: Lang): string {
  return diags.map((d) => msg(d.message, lang)).join('\n');
}

/**
 * The attributes of an element mapped to the source: classes, data-line/-character, and for
 * marked elements the class `cell-error`/`cell-warning` (table cells) or `has-error`/`has-warning`
 * (other elements), `title` and `data-msg` with the messages.
 */
function attrs(classes: string[], at: Position | undefined, diags: Diagnostic[], marks: Marks, cell: boolean, extra = ''): string {
  const cls = classes.filter(Boolean);
  const sev = severityOf(diags);
  if (sev) cls.push(cell ? `cell-${sev}` : `has-${sev}`);
  let out = '';
  if (cls.length) out += ` class="${esc(cls.join(' '))}"`;
  out += marks.place(at);
  if (sev) {
    const m = esc(messageOf(diags, marks.lang));
    out += ` data-severity="${sev}" title="${m}" data-msg="${m}"`;
  }
  return out + extra;
}

function span(colspan: number, rowspan: number): string {
  return (colspan > 1 ? ` colspan="${colspan}"` : '') + (rowspan > 1 ? ` rowspan="${rowspan}"` : '');
}

// ------------------------------------------------------------------ header grids

interface HeadCell {
  text: string;
  colspan: number;
  rowspan: number;
  src?: HeaderCell;
  classes?: string[];
}

/**
 * The rows of a header whose leaf columns have these label paths: consecutive columns sharing a
 * label at a depth are merged (colspan); a path shorter than the deepest spans the rows below it.
 */
export function headerGrid(paths: string[][]): HeadCell[][] {
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const rows: HeadCell[][] = Array.from({ length: depth }, () => []);
  const build = (cols: string[][], d: number): void => {
    let i = 0;
    while (i < cols.length) {
      const p = cols[i];
      if (p.length - 1 <= d) {
        rows[d].push({ text: p[d] ?? '', colspan: 1, rowspan: depth - d });
        i++;
        continue;
      }
      let j = i + 1;
      while (j < cols.length && cols[j].length - 1 > d && cols[j][d] === p[d]) j++;
      rows[d].push({ text: p[d], colspan: j - i, rowspan: 1 });
      build(cols.slice(i, j), d + 1);
      i = j;
    }
  };
  build(paths, 0);
  return rows;
}

/** Finds the header cells as written for the labels of the layout (in order, each used once). */
class HeaderFinder {
  /** The header cells with their labels normalised once (each label is looked for among all of them). */
  private readonly cells: { cell: HeaderCell; norm: string }[];
  private readonly used = new Set<HeaderCell>();
  constructor(table: Table) {
    this.cells = table.headers.flat().map((cell) => ({ cell, norm: normLabel(cell.raw) }));
  }
  find(label: string): HeaderCell | undefined {
    const want = normLabel(label);
    if (!want) return undefined;
    let hit = this.cells.find((c) => !this.used.has(c.cell) && c.norm === want);
    hit ??= this.cells.find((c) => !this.used.has(c.cell) && c.norm.includes(want));
    if (hit) this.used.add(hit.cell);
    return hit?.cell;
  }
}

function renderHeadCell(h: HeadCell, marks: Marks, finder: HeaderFinder | undefined, tag = 'th'): string {
  const src = h.src ?? finder?.find(h.text);
  const diags = src ? marks.at(src.range) : [];
  return `<${tag}${span(h.colspan, h.rowspan)}${attrs(h.classes ?? [], src?.range.start, diags, marks, true)}>${escLines(h.text)}</${tag}>`;
}

// ------------------------------------------------------------------ value cells

interface Column {
  id: string;
  label: string;
  path: string[];
}

/** The spec columns, followed by any column the rows hold that the spec does not know. */
function columnsOf(specCols: Column[], rows: Row[]): Column[] {
  const out = [...specCols];
  const known = new Set(specCols.map((c) => c.id));
  for (const r of rows) {
    for (const c of r.cells) {
      if (known.has(c.column)) continue;
      known.add(c.column);
      const label = c.columnPath[c.columnPath.length - 1] ?? '';
      out.push({ id: c.column, label, path: [label] });
    }
  }
  return out;
}

function cellClasses(cell: Cell): string[] {
  return [cell.kind === 'text' ? 'text' : 'num'];
}

function renderCell(cell: Cell | undefined, row: Row, marks: Marks, colspan = 1): string {
  if (!cell) {
    // The row has no cell for this column (cut short): show the hole, with the row's shape problem.
    const diags = marks.at(row.range, (d) => d.code === 'table-shape');
    return `<td${span(colspan, 1)}${attrs(['cell-missing'], undefined, diags, marks, true)}></td>`;
  }
  const diags = marks.at(cell.range);
  const text = cell.raw.trim();
  return `<td${span(colspan, 1)}${attrs(cellClasses(cell), cell.range.start, diags, marks, true, extraAttrs(marks, cell))}>${escLines(text)}</td>`;
}

const EXTRA_NAME = /^(?:data-[a-z][a-z0-9-]*|aria-[a-z]+|tabindex|role)$/;

function extraAttrs(marks: Marks, cell: Cell): string {
  const extra = marks.cellAttributes?.(cell);
  if (!extra) return '';
  let out = '';
  for (const [k, v] of Object.entries(extra)) if (EXTRA_NAME.test(k)) out += ` ${k}="${esc(v)}"`;
  return out;
}

function cellsByColumn(row: Row): Map<string, Cell> {
  const m = new Map<string, Cell>();
  for (const c of row.cells) if (!m.has(c.column)) m.set(c.column, c);
  return m;
}

// ------------------------------------------------------------------ row labels (table 3)

interface LabelRow {
  row?: Row;
  /** Label path (format labels, used to merge). */
  path: string[];
  /** Text to show and where it is written, per path level. */
  shown: ({ text: string; range?: Range } | undefined)[];
  missing?: boolean;
}

function labelRowOf(row: Row): LabelRow {
  const path = row.labelPath.length ? [...row.labelPath] : row.labelCells.map((l) => l.raw.trim());
  const shown: LabelRow['shown'] = path.map(() => undefined);
  const cells = row.labelCells.slice(-path.length);
  const offset = path.length - cells.length;
  cells.forEach((l, i) => {
    shown[offset + i] = { text: l.raw.trim(), range: l.range };
  });
  return { row, path, shown };
}

/**
 * Row-label cells of a table whose rows have label paths: consecutive rows sharing a label at a
 * level are merged (rowspan); a row whose path is shorter than `levels` spans the columns right of it.
 */
function labelCells(rows: LabelRow[], levels: number, marks: Marks): string[][] {
  const out: string[][] = rows.map(() => []);
  // each row's path normalised once: rows are compared with their neighbours at every level
  const norm = new Map(rows.map((r) => [r, r.path.map(normLabel)]));
  const same = (a: LabelRow, b: LabelRow, k: number): boolean => {
    if (a.path.length <= k + 1 || b.path.length <= k + 1) return false;
    const na = norm.get(a)!;
    const nb = norm.get(b)!;
    for (let i = 0; i <= k; i++) if (na[i] !== nb[i]) return false;
    return true;
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const d = Math.min(r.path.length, levels);
    for (let k = 0; k < d; k++) {
      const isLeaf = k === d - 1;
      if (!isLeaf && i > 0 && same(rows[i - 1], r, k)) continue; // covered by the group cell above
      let rowspan = 1;
      if (!isLeaf) while (i + rowspan < rows.length && same(r, rows[i + rowspan], k)) rowspan++;
      const colspan = isLeaf ? levels - k : 1;
      // Group label: where it is written in the group's rows.
      let shown = r.shown[k];
      if (!isLeaf) for (let j = i; !shown?.range && j < i + rowspan; j++) shown = rows[j].shown[k] ?? shown;
      const text = shown?.text ?? r.path[k];
      const range = shown?.range;
      const diags = range ? marks.at(range) : [];
      const classes = ['row-label', `lvl-${k + 1}`, isLeaf ? '' : 'group', /总计/.test(text) ? 'total-row' : ''];
      out[i].push(`<th scope="row"${span(colspan, rowspan)}${attrs(classes, range?.start, diags, marks, true)}>${escLines(text)}</th>`);
    }
  }
  return out;
}

// ------------------------------------------------------------------ tables

function versionOf(doc: ReportDocument, table: Table): FormatVersion {
  return doc.format.version ?? table.shape ?? doc.format.shape ?? '2019';
}

function tableOpen(kind: string, table: Table, marks: Marks): string {
  return `<div class="table-wrap"><table class="zw-table table-${kind}"${marks.place(table.range.start)}>`;
}

/** Table 1 (第二十条): one grid, a caption row and a column-header row per block. */
function renderActive(doc: ReportDocument, table: Table, marks: Marks): string {
  const blocks = spec.ACTIVE_BLOCKS[versionOf(doc, table)];
  const finder = new HeaderFinder(table);
  const groups: { id: string; title: string; cols: Column[]; rows: Row[] }[] = [];
  for (const b of blocks) {
    const rows = table.rows.filter((r) => r.block === b.id);
    if (rows.length) groups.push({ id: b.id, title: b.title, cols: b.columns.map((c) => ({ id: c.id, label: c.label, path: [c.label] })), rows });
  }
  // Rows of blocks the format does not have (or without a block): keep them, under their own caption.
  const others = table.rows.filter((r) => !blocks.some((b) => b.id === r.block));
  for (const r of others) {
    const key = r.block ?? '';
    let g = groups.find((x) => x.id === key && !blocks.some((b) => b.id === key));
    if (!g) {
      g = { id: key, title: r.labelPath.length > 1 ? r.labelPath[0] : '', cols: [], rows: [] };
      groups.push(g);
    }
    g.rows.push(r);
  }
  for (const g of groups) g.cols = columnsOf(g.cols, g.rows);
  const width = Math.max(1, ...groups.map((g) => g.cols.length));

  let h = tableOpen('active', table, marks) + '<tbody>';
  for (const g of groups) {
    if (g.title) {
      const src = finder.find(g.title);
      h += `<tr class="block-title">${renderHeadCell({ text: g.title, colspan: width + 1, rowspan: 1, src }, marks, undefined)}</tr>`;
    }
    h += '<tr class="block-head">';
    h += renderHeadCell({ text: spec.ACTIVE_CONTENT_COLUMN.label, colspan: 1, rowspan: 1 }, marks, finder);
    g.cols.forEach((c, i) => {
      const colspan = i === g.cols.length - 1 ? width - g.cols.length + 1 : 1;
      h += renderHeadCell({ text: c.label, colspan, rowspan: 1 }, marks, finder);
    });
    h += '</tr>';
    for (const r of g.rows) {
      const byCol = cellsByColumn(r);
      const label = r.labelCells[r.labelCells.length - 1];
      const labelText = label?.raw.trim() ?? r.labelPath[r.labelPath.length - 1] ?? '';
      h += `<tr${marks.place({ line: r.line, character: r.range.start.character })}>`;
      h += `<th scope="row"${attrs(['row-label'], label?.range.start, label ? marks.at(label.range) : [], marks, true)}>${escLines(labelText)}</th>`;
      g.cols.forEach((c, i) => {
        h += renderCell(byCol.get(c.id), r, marks, i === g.cols.length - 1 ? width - g.cols.length + 1 : 1);
      });
      h += '</tr>';
    }
  }
  return h + '</tbody></table></div>';
}

/** Table 3 (申请): the official two-level column header and three-level row labels. */
function renderRequests(doc: ReportDocument, table: Table, marks: Marks): string {
  const version = versionOf(doc, table);
  const specRows = spec.REQUEST_ROWS[version];
  const byId = new Map(specRows.map((r) => [r.id, r]));
  const cols = columnsOf(spec.REQUEST_COLUMNS.map((c) => ({ id: c.id, label: c.label, path: c.path })), table.rows);
  const finder = new HeaderFinder(table);

  // Rows as written, then the rows the format requires that the table lacks (it was cut short).
  const rows: LabelRow[] = table.rows.map(labelRowOf);
  for (const id of table.missingRows) {
    const path: string[] = [];
    for (let r = byId.get(id); r; r = r.parent ? byId.get(r.parent) : undefined) path.unshift(r.label);
    if (path.length) rows.push({ path, shown: path.map(() => undefined), missing: true });
  }
  const levels = Math.max(3, ...rows.map((r) => r.path.length));
  const labels = labelCells(rows, levels, marks);

  const grid = headerGrid(cols.map((c) => c.path));
  const note = spec.REQUEST_HEADER_LABELS.find((l) => l.startsWith('（本列数据')) ?? '';
  let h = tableOpen('requests', table, marks) + '<thead>';
  grid.forEach((hr, i) => {
    h += '<tr>';
    if (i === 0) h += renderHeadCell({ text: note, colspan: levels, rowspan: grid.length, classes: ['corner'] }, marks, finder);
    for (const c of hr) h += renderHeadCell(c, marks, finder);
    h += '</tr>';
  });
  h += '</thead><tbody>';
  rows.forEach((lr, i) => {
    const r = lr.row;
    if (!r) {
      h += `<tr class="row-missing">${labels[i].join('')}${cols.map(() => '<td class="cell-missing"></td>').join('')}</tr>`;
      return;
    }
    const byCol = cellsByColumn(r);
    h += `<tr${marks.place({ line: r.line, character: r.range.start.character })}>${labels[i].join('')}`;
    for (const c of cols) h += renderCell(byCol.get(c.id), r, marks);
    h += '</tr>';
  });
  return h + '</tbody></table></div>';
}

/** Table 4 (行政复议、行政诉讼): 行政复议 (5) | 行政诉讼 › 未经复议直接起诉 (5) / 复议后起诉 (5). */
function renderReview(table: Table, marks: Marks): string {
  const cols = columnsOf(spec.REVIEW_COLUMNS.map((c) => ({ id: c.id, label: c.label, path: c.path })), table.rows);
  const finder = new HeaderFinder(table);
  const grid = headerGrid(cols.map((c) => c.path));
  let h = tableOpen('review', table, marks) + '<thead>';
  for (const hr of grid) h += `<tr>${hr.map((c) => renderHeadCell(c, marks, finder)).join('')}</tr>`;
  h += '</thead><tbody>';
  for (const r of table.rows) {
    const byCol = cellsByColumn(r);
    h += `<tr${marks.place({ line: r.line, character: r.range.start.character })}>`;
    for (const c of cols) h += renderCell(byCol.get(c.id), r, marks);
    h += '</tr>';
  }
  return h + '</tbody></table></div>';
}

/** 附件 统计表: label (indented by level) | unit | value. */
function renderStats(table: Table, marks: Marks): string {
  let h = tableOpen('stats', table, marks);
  h += '<thead><tr><th scope="col">统计指标</th><th scope="col">单位</th><th scope="col">统计数</th></tr></thead><tbody>';
  for (const row of table.rows as StatsRow[]) {
    const label = row.labelCells[row.labelCells.length - 1];
    const text = label?.raw ?? row.labelPath[row.labelPath.length - 1] ?? '';
    const level = Math.max(1, Math.min(5, row.level ?? 1));
    const value = row.cells.find((c) => c.column === 'value') ?? row.cells.find((c) => c.kind !== 'unit') ?? row.cells[row.cells.length - 1];
    const unitCell = row.cells.find((c) => c.kind === 'unit' && c !== value);
    h += `<tr${marks.place({ line: row.line, character: row.range.start.character })}>`;
    h += `<th scope="row"${attrs(['row-label', `lvl-${level}`], label?.range.start, label ? marks.at(label.range) : [], marks, true)}>${escLines(text)}</th>`;
    h += `<td${attrs(['unit'], unitCell?.range.start, unitCell ? marks.at(unitCell.range) : [], marks, true)}>${esc((row.unit ?? '').trim())}</td>`;
    h += value ? renderCell(value, row, marks) : renderCell(undefined, row, marks);
    h += '</tr>';
  }
  return h + '</tbody></table></div>';
}

function renderTable(doc: ReportDocument, table: Table, marks: Marks): string {
  switch (table.kind) {
    case 'active': return renderActive(doc, table, marks);
    case 'requests': return renderRequests(doc, table, marks);
    case 'review': return renderReview(table, marks);
    case 'stats': return renderStats(table, marks);
    default: return '';
  }
}

/**
 * The statistics tables alone, each with the position of its first line (the editable grid shows
 * these, with the same official headers as the preview).
 */
export function renderTables(doc: ReportDocument, diagnostics: Diagnostic[], opts: RenderOptions): { table: Table; html: string }[] {
  const marks = new Marks(diagnostics, opts.lang === 'en' ? 'en' : 'zh', opts.cellAttributes);
  return doc.tables.map((table) => ({ table, html: renderTable(doc, table, marks) }));
}

// ------------------------------------------------------------------ problems summary

const UI = {
  zh: {
    problems: (e: number, w: number) => (e || w ? `${e} 个错误，${w} 个警告` : '未发现错误或警告'),
    line: (n: number) => `第 ${n} 行`,
    error: '错误',
    warning: '警告',
  },
  en: {
    problems: (e: number, w: number) => (e || w ? `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}` : 'No errors or warnings'),
    line: (n: number) => `line ${n}`,
    error: 'Error',
    warning: 'Warning',
  },
};

function renderProblems(marks: Marks): string {
  const ui = UI[marks.lang];
  const errors = marks.list.filter((d) => d.severity === 'error').length;
  const warnings = marks.list.length - errors;
  const cls = errors ? 'problems' : warnings ? 'problems only-warnings' : 'problems clean';
  let h = `<details class="${cls}"${errors ? ' open' : ''}><summary>${esc(ui.problems(errors, warnings))}</summary>`;
  if (marks.list.length) {
    h += '<ul>';
    for (const d of marks.list) {
      const sev = d.severity === 'error' ? 'error' : 'warning';
      h += `<li class="sev-${sev}"${marks.place(d.range.start)}>`
        + `<span class="sev">${esc(ui[sev])}</span><span class="loc">${esc(ui.line(d.range.start.line + 1))}</span>`
        + `${esc(msg(d.message, marks.lang))}<span class="code">${esc(d.code)}</span></li>`;
    }
    h += '</ul>';
  }
  return h + '</details>';
}

// ------------------------------------------------------------------ body

const RIGHT_ALIGNED = /^[ \u3000\u00a0]{6,}\S/;

/** The report as an HTML fragment (no <html>/<head>): for the webview and for `renderStandalone`. */
export function renderBody(doc: ReportDocument, diagnostics: Diagnostic[], opts: RenderOptions): string {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  const marks = new Marks(diagnostics, lang, undefined, opts.sourcePlaces !== false);
  const headings = new Map(doc.headings.map((h) => [h.line, h]));
  const tables = new Map(doc.tables.map((t) => [t.startLine, t]));
  const debris = new Map(doc.debris.filter((d) => d.wholeLine).map((d) => [d.range.start.line, d]));
  const titleLines = new Set(doc.title?.lines ?? []);

  let h = `<article class="zwgk-report" lang="zh-CN">`;
  h += renderProblems(marks);
  for (let line = 0; line < doc.lines.length; line++) {
    const text = doc.lines[line];
    const table = tables.get(line);
    if (table) {
      h += renderTable(doc, table, marks);
      line = Math.max(line, table.endLine);
      continue;
    }
    if (doc.title && titleLines.has(line)) {
      if (line === Math.min(...doc.title.lines)) {
        const parts = doc.title.lines.map((l) => doc.lines[l]?.trim() ?? '').filter(Boolean);
        const diags = marks.at(doc.title.range);
        h += `<h1${attrs(['report-title'], doc.title.range.start, diags, marks, false)}>`
          + parts.map((p) => `<span class="title-line">${esc(p)}</span>`).join('') + '</h1>';
      }
      continue;
    }
    const heading = headings.get(line);
    if (heading) {
      const level = Math.max(1, Math.min(4, heading.level));
      const tag = `h${level + 1}`;
      const diags = marks.onLines(line, line);
      h += `<${tag}${attrs([`heading lvl-${level}`], heading.range.start, diags, marks, false)}>${esc(heading.text)}</${tag}>`;
      continue;
    }
    if (!text.trim()) continue;
    const start = text.length - text.trimStart().length;
    const at = { line, character: start };
    const diags = marks.onLines(line, line);
    const d = debris.get(line);
    const next = nextNonBlank(doc, line);
    const classes = [
      d ? 'debris' : '',
      RIGHT_ALIGNED.test(text) ? 'align-right' : '',
      next !== undefined && tables.has(next) && /统计表$/.test(text.trim()) ? 'table-caption' : '',
    ];
    h += `<p${attrs(classes, at, diags, marks, false)}>${esc(text.trim())}</p>`;
  }
  return h + '</article>';
}

function nextNonBlank(doc: ReportDocument, line: number): number | undefined {
  for (let i = line + 1; i < doc.lines.length; i++) if (doc.lines[i].trim()) return i;
  return undefined;
}

// ------------------------------------------------------------------ pages

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/**
 * A complete HTML document: embedded CSS (allowed by its hash), a Content-Security-Policy that
 * loads nothing and runs no script.
 */
export function renderStandalone(doc: ReportDocument, diagnostics: Diagnostic[], opts: StandaloneOptions): string {
  const title = opts.title ?? doc.title?.text ?? (opts.lang === 'en' ? 'Government information disclosure annual report' : '政府信息公开工作年度报告');
  const csp = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
  return '<!DOCTYPE html>\n'
    + `<html lang="${opts.lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<meta name="referrer" content="no-referrer">\n'
    + `<title>${esc(title)}</title>\n`
    + `<style>${STYLE}</style>\n`
    + `</head><body>\n${renderBody(doc, diagnostics, opts)}\n</body></html>\n`;
}

export interface WebviewPageOptions {
  /** The rendered body (`renderBody`). */
  body: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce (letters and digits). */
  nonce: string;
  /** URI of `media/preview.js` as the webview sees it. */
  scriptUri: string;
  lang: Lang;
}

/** The webview page: strict CSP, the CSS in a nonce'd <style>, one nonce'd script file. */
export function renderWebviewPage(o: WebviewPageOptions): string {
  const nonce = o.nonce.replace(/[^A-Za-z0-9]/g, '');
  const csp = `default-src 'none'; style-src ${o.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return '<!DOCTYPE html>\n'
    + `<html lang="${o.lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `<style nonce="${nonce}">${STYLE}</style>\n`
    + `</head><body class="interactive">\n<div id="zw-root">${o.body}</div>\n`
    + `<script nonce="${nonce}" src="${esc(o.scriptUri)}"></script>\n</body></html>\n`;
}

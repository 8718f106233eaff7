// Text → document model. One pass over the lines to classify them and group table cells into
// rows, then one pass over each table's rows to map cells onto the format specification.
// Linear in the text, never throws (what it cannot read goes to `problems` or is left to rules).

import {
  ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS, SECTIONS, formatForYear,
  type BlockSpec, type ColumnSpec, type RequestRowSpec, type RowSpec, type SectionSpec,
} from './spec';
import {
  chineseNumber, chineseNumeral, ideographSet, isBlank, isDigit, isNumeralCode, isSectionSeparator, isSpace, lineRange, linesWith, looseKey, mayHaveIdeograph, normLabel, parseNumber, range, sectionNumberEnd, stripMarker, subNumberEnd, trimBounds, trimEnd, trimStart,
  type ParsedNumber,
} from './text';
import type {
  Cell, DateRef, Debris, FormatVersion, HeaderCell, Heading, ParseOptions, Range, ReportDocument, Row, Section,
  StatsRow, Table, TableKind,
} from './types';

// ------------------------------------------------------------------ lines

/**
 * Line kinds: blank, one cell after a tab, a row of tab-separated cells, prose, and prose that
 * the table pass found to be a cell wrapped onto the next line.
 */
const BLANK = 0;
const CELL = 1;
const TABROW = 2;
const TEXT = 3;
const WRAPPED = 4;
/** A text line of the title (set by readTitle: not read again as a heading). */
const TITLE = 5;
type LineKind = typeof BLANK | typeof CELL | typeof TABROW | typeof TEXT;

/** The line kinds of the text being parsed: one buffer, grown as needed (parse is synchronous). */
let kindsBuf = new Uint8Array(1024);

/**
 * A cell as the line pass reads it. It is already the model's `Cell` (one object per cell): the
 * table pass only sets its column. It is kept small (a 1 MB report has tens of thousands of cells,
 * all alive until the check ends, and the garbage collector copies each of them; every field is
 * 8 bytes): the figure is the shared `ParsedNumber` (kind, value and unit read through it), the
 * column is one shared `ColumnRef` (id and label path), the raw text is read from the line when
 * asked, and what only some cells need is in a side record `x` made when first needed: the
 * `Range` objects (made when first asked for: only cells a diagnostic, an edit or the editor
 * points at need one) and a wrapped cell's other lines (rare). `text` (trimmed) and `line` are
 * the parser's own.
 */
class RawCell implements Cell {
  /** The cell's column (shared by the cells of that column). */
  declare col: ColumnRef;
  /** The figure read from `text` (shared, frozen). */
  private declare p: ParsedNumber;
  /** The text as a label, normalised, once asked for (label cells are asked several times). */
  private declare n: string | null;
  /** Ranges once made, and a wrapped cell's extents: null until one of them is needed. */
  private declare x: CellExtra | null;

  constructor(
    /** The line the cell starts on; the cell is `src[start, end)`, its figure `src[vs, ve)` (a wrapped cell: see `x.w`). */
    private readonly src: string,
    /** Trimmed text. */
    public text: string,
    public line: number,
    public start: number,
    public end: number,
    private vs: number,
    private ve: number,
  ) {
    this.col = NO_COLUMN;
    this.p = parseNumber(text);
    this.n = null;
    this.x = null;
  }

  get column(): string {
    return this.col.id;
  }

  get columnPath(): string[] {
    return this.col.path;
  }

  get kind(): Cell['kind'] {
    return this.p.kind;
  }

  get value(): number | null {
    return this.p.value;
  }

  get unit(): string | undefined {
    return this.p.unit;
  }

  /** The cell as written (its lines joined by `\n` when it wraps). */
  get raw(): string {
    const w = this.x?.w;
    if (w) return w.raw;
    return this.start === 0 && this.end === this.src.length ? this.src : this.src.slice(this.start, this.end);
  }

  get endLine(): number {
    const w = this.x?.w;
    return w ? w.endLine : this.line;
  }

  /** The text as a label, normalised (asked for several times per label cell: computed once). */
  get norm(): string {
    return (this.n ??= normLabel(this.text));
  }

  get range(): Range {
    const x = (this.x ??= { r: null, vr: null, w: null });
    if (x.r) return x.r;
    return (x.r = x.w ? range(this.line, this.start, x.w.endLine, this.end) : lineRange(this.line, this.start, this.end));
  }

  get valueRange(): Range {
    const x = (this.x ??= { r: null, vr: null, w: null });
    if (x.vr) return x.vr;
    const w = x.w;
    if (!w) {
      // the same extent as the cell: share the object, as callers may compare them
      return (x.vr = this.vs === this.start && this.ve === this.end ? this.range : lineRange(this.line, this.vs, this.ve));
    }
    if (w.vLine === this.line && this.vs === this.start && w.vEndLine === w.endLine && this.ve === this.end) return (x.vr = this.range);
    return (x.vr = range(w.vLine, this.vs, w.vEndLine, this.ve));
  }

  /** A wrapped continuation line (`line` is line `i`'s text) joins the cell. */
  wrap(i: number, line: string, a: number, b: number): void {
    const x = (this.x ??= { r: null, vr: null, w: null });
    const w = (x.w ??= { raw: this.raw, endLine: this.line, vLine: this.line, vEndLine: this.line });
    w.raw += '\n' + line;
    this.text = this.text + (a < b ? line.slice(a, b) : '');
    w.endLine = i;
    this.end = line.length;
    x.r = null;
    x.vr = null;
    this.n = null;
    if (a < b) {
      if (this.text.length === b - a) { w.vLine = i; this.vs = a; }
      w.vEndLine = i;
      this.ve = b;
    }
    this.p = parseNumber(this.text);
  }
}

/** A cell's column: its id and label path (one object per column, shared by its cells). */
interface ColumnRef {
  readonly id: string;
  readonly path: string[];
}

/** What only some cells need (see `RawCell`). */
interface CellExtra {
  r: Range | null;
  vr: Range | null;
  w: Wrap | null;
}

/**
 * A wrapped cell's raw text and last line (it ends at `end` there); its figure runs from `vs` on
 * `vLine` to `ve` on `vEndLine`.
 */
interface Wrap {
  raw: string;
  endLine: number;
  vLine: number;
  vEndLine: number;
}

const NO_PATH: string[] = [];
/** The column of a cell not (yet) placed in one. */
const NO_COLUMN: ColumnRef = { id: '', path: NO_PATH };

/**
 * A label or header cell as the model shows it (`HeaderCell`): the cell's trimmed text and the
 * range of that text, read from the cell when asked (one object, no range built until then).
 */
class LabelRef implements HeaderCell {
  constructor(private readonly cell: RawCell) {}
  get raw(): string {
    return this.cell.text;
  }
  get range(): Range {
    return this.cell.valueRange;
  }
  get norm(): string {
    return this.cell.norm;
  }
}

const labelRef = (c: RawCell): HeaderCell => new LabelRef(c);

/** The cells of `cells[from…]` that are not blank, as labels (the first one even when blank if `keepFirst`). */
function labelRefs(cells: RawCell[], from: number, keepFirst = false): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (let k = from; k < cells.length; k++) if ((keepFirst && k === from) || cells[k].text !== '') out.push(new LabelRef(cells[k]));
  return out;
}

/**
 * A table row of the model (tables 1, 3 and 4). Its range (from line `a`, column `ac`, to line `b`,
 * column `bc`) is made into a `Range` only when asked for: only rows a diagnostic or the editor
 * points at need one.
 */
class RowNode implements Row {
  private r: Range | null = null;
  constructor(
    public id: string,
    public labelPath: string[],
    public labelCells: HeaderCell[],
    public cells: Cell[],
    public block: string | undefined,
    public line: number,
    public endLine: number,
    private readonly a: number,
    private readonly ac: number,
    private readonly b: number,
    private readonly bc: number,
  ) {}

  get range(): Range {
    return (this.r ??= range(this.a, this.ac, this.b, this.bc));
  }
}

/** A row of raw row `r` that spans its lines (from the start of its first to the end of its last). */
function wholeRow(id: string, labelPath: string[], labelCells: HeaderCell[], cells: Cell[], block: string | undefined, r: RawRow, lines: string[]): RowNode {
  return new RowNode(id, labelPath, labelCells, cells, block, r.line, r.endLine, r.line, 0, r.endLine, lines[r.endLine].length);
}

interface RawRow {
  cells: RawCell[];
  line: number;
  endLine: number;
}

function splitLines(text: string): { lines: string[]; starts: number[]; eol: '\n' | '\r\n' } {
  const cr = text.indexOf('\r');
  let lines: string[];
  let eol: '\n' | '\r\n' = '\n';
  let sep: number[] | null = null; // separator widths when they vary
  if (cr < 0) lines = text.split('\n');
  else {
    const nl = text.indexOf('\n');
    if (text.charCodeAt(cr + 1) === 10 && (nl < 0 || nl > cr)) eol = '\r\n';
    lines = [];
    sep = [];
    const re = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      lines.push(text.slice(start, m.index));
      sep.push(m[0].length);
      start = m.index + m[0].length;
    }
    lines.push(text.slice(start));
  }
  const starts = new Array<number>(lines.length);
  let off = 0;
  for (let k = 0; k < lines.length; k++) {
    starts[k] = off;
    off += lines[k].length + (sep ? sep[k] ?? 0 : 1);
  }
  return { lines, starts, eol };
}

/**
 * Where a line's first tab is (-1: none). Most lines of a table are a tab and a short cell, and
 * many are blank: those are answered without a call to indexOf, which costs more than the rest of
 * the line's classification.
 */
function firstTab(line: string): number {
  const n = line.length;
  if (n === 0) return -1;
  if (line.charCodeAt(0) === 9) return 0;
  return n < 8 ? tabIn(line, 1, n) : line.indexOf('\t', 1);
}

/** The first tab in `line[from, to)`, by a look at each character (for short stretches); -1 if none. */
function tabIn(line: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (line.charCodeAt(i) === 9) return i;
  return -1;
}

/** A line's kind, given where its first tab is (-1: none). */
function classify(line: string, tab: number): LineKind {
  if (tab < 0) return line.length === 0 || isBlank(line) ? BLANK : TEXT;
  // a cell line: only spaces before its one tab
  const n = line.length;
  if ((n - tab < 16 ? tabIn(line, tab + 1, n) : line.indexOf('\t', tab + 1)) >= 0) return TABROW;
  for (let i = 0; i < tab; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 0x3000 && c !== 0xa0 && c !== 0xfeff) return TABROW;
  }
  return CELL;
}

/** The cell `line[start, end)` on line `lineNo` (one string made: its trimmed text). */
function makeCell(lineNo: number, line: string, start: number, end: number): RawCell {
  const a = trimStart(line, start, end);
  const b = trimEnd(line, a, end);
  // a blank cell's figure is the empty range after the tab
  return a < b ? new RawCell(line, line.slice(a, b), lineNo, start, end, a, b) : new RawCell(line, '', lineNo, start, end, start, start);
}

// ------------------------------------------------------------------ headings

// (section numbers like 一、 and sub-heading numbers like （一） are read by sectionNumberEnd and
// subNumberEnd, without a regex)
const ITEM_RE = /^(\d{1,2})\s*[.．、]\s*(\D.*)$/;
const MAX_HEADING = 40;

interface SectionMatch {
  spec: SectionSpec;
  exact: boolean;
}

/** Every section title variant's loose key, to its section (the first section listed wins). */
const SECTION_BY_KEY = new Map<string, SectionSpec>();
for (const s of SECTIONS) for (const v of s.variants) if (!SECTION_BY_KEY.has(looseKey(v))) SECTION_BY_KEY.set(looseKey(v), s);

/** `s` without trailing 。.:：;； (the same string when it has none). */
function trimTitleEnd(s: string): string {
  let b = s.length;
  for (;;) {
    const c = s.charCodeAt(b - 1);
    if (c === 0x3002 || c === 46 || c === 58 || c === 0xff1a || c === 59 || c === 0xff1b) b--;
    else break;
  }
  return b === s.length ? s : s.slice(0, b);
}

function matchSectionTitle(title: string, numbered: boolean): SectionMatch | null {
  const t = trimTitleEnd(title);
  const key = looseKey(t);
  if (!key) return null;
  const spec = SECTION_BY_KEY.get(key);
  if (spec) return { spec, exact: true };
  if (!numbered || t.length > 30) return null;
  const n = normLabel(t);
  for (const s of SECTIONS) if (s.keywords.some((k) => n.includes(k))) return { spec: s, exact: false };
  return null;
}

// ------------------------------------------------------------------ parser

export function parse(text: string, options: ParseOptions = {}): ReportDocument {
  const { lines, starts, eol } = splitLines(text);
  const doc: ReportDocument = {
    text,
    lineStarts: starts,
    lines,
    eol,
    bom: text.charCodeAt(0) === 0xfeff,
    // (every field set here, found or not: a document has one shape whatever it holds, so the
    // code that reads documents sees one shape, not one per combination of what was found)
    title: undefined,
    period: undefined,
    publicationDate: undefined,
    year: null,
    notices: [],
    headings: [],
    sections: [],
    tables: [],
    debris: [],
    format: { version: null, shape: null, source: 'none' },
    memo: { totals: null, expected: null },
  };

  if (kindsBuf.length < lines.length) kindsBuf = new Uint8Array(lines.length * 2);
  const kinds = kindsBuf;

  // 1. table regions: runs of cell lines / tab rows, with blank lines and wrapped continuations.
  // (each line is classified here, where its first tab is found once for both)
  const regions: RawRow[][] = [];
  let region: RawRow[] | null = null;
  let row: RawRow | null = null;
  let lastCellLine = -2;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tab = firstTab(line);
    const k = classify(line, tab);
    kinds[i] = k;
    if (k === CELL) {
      const cell = makeCell(i, line, tab + 1, line.length);
      if (!region) regions.push((region = []));
      if (!row) region.push((row = { cells: [], line: i, endLine: i }));
      row.cells.push(cell);
      row.endLine = i;
      lastCellLine = i;
    } else if (k === TABROW) {
      if (!region) regions.push((region = []));
      row = null;
      const cells: RawCell[] = [];
      // one pass over the characters (faster than an indexOf per cell, and than a native split)
      let s = 0;
      const len = line.length;
      for (let j = 0; j <= len; j++) {
        if (j === len || line.charCodeAt(j) === 9) {
          cells.push(makeCell(i, line, s, j));
          s = j + 1;
        }
      }
      region.push({ cells, line: i, endLine: i });
    } else if (k === BLANK) {
      row = null;
    } else {
      // text: a wrapped continuation of the previous cell, or the end of the table region
      if (row && lastCellLine === i - 1 && !looksLikeHeading(line)) {
        const [a, b] = trimBounds(line);
        row.cells[row.cells.length - 1].wrap(i, line, a, b);
        row.endLine = i;
        kinds[i] = WRAPPED;
        lastCellLine = i;
      } else {
        region = null;
        row = null;
      }
    }
  }

  // 2. title, headings, sections, dates, notices, debris from the text lines
  readTitle(doc, kinds);
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== TEXT) continue;
    readHeading(doc, i, lines[i]);
  }
  finishSections(doc);
  readMeta(doc);

  // 3. tables
  const pending: Pending = [];
  for (const r of regions) for (const t of splitRegion(r)) buildTable(doc, t.kind, t.rows, pending);

  // 4. format
  const votes = doc.tables.map((t) => t.shape).filter((s): s is FormatVersion => !!s);
  const shape = votes.length ? (votes.filter((v) => v === '2021').length > votes.length / 2 ? '2021' : '2019') : null;
  doc.format.shape = shape;
  const notice = doc.notices.find((n) => n.year === 2019 || n.year === 2021);
  if (options.format && options.format !== 'auto') doc.format = { version: options.format, shape, source: 'override' };
  else if (shape) doc.format = { version: shape, shape, source: 'shape' };
  else if (notice) doc.format = { version: notice.year === 2021 ? '2021' : '2019', shape, source: 'notice' };
  else if (doc.year) doc.format = { version: formatForYear(doc.year), shape, source: 'year' };
  // request tables: read in their own shape, else in the document's format
  for (const [t, rows] of pending) mapRequests(doc, t, rows, t.shape ?? doc.format.version ?? '2021');
  return doc;
}

function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  const k = sectionNumberEnd(t);
  if (k >= 0 && chineseNumeral(sectionNumeral(t)) && matchSectionTitle(t.slice(k), true)) return true;
  return !!matchSectionTitle(t, false);
}

// ------------------------------------------------------------------ title and metadata

function readTitle(doc: ReportDocument, kinds: Uint8Array): void {
  const picked: number[] = [];
  let joined = '';
  for (let i = 0; i < doc.lines.length && picked.length < 3; i++) {
    if (kinds[i] === BLANK) continue;
    if (kinds[i] !== TEXT) break;
    const t = doc.lines[i].trim(); // (trim also drops a BOM)
    if (t.length > 60) break;
    const k = sectionNumberEnd(t);
    if (k >= 0 && matchSectionTitle(t.slice(k), true)) break;
    picked.push(i);
    joined += t;
    if (isReportTitle(joined)) break;
  }
  // (信息公开 is in 政府信息公开; 政务公开 is the other name)
  if (!picked.length || !isReportTitle(joined) || !(joined.includes('信息公开') || joined.includes('政务公开'))) return;
  for (const i of picked) kinds[i] = TITLE;
  const compact = joined.replace(/[\s\u3000]+/g, '');
  const ym = /(\d{4})年/.exec(compact);
  // (compact has no BOM: \s matches it)
  const organ = ym ? compact.slice(0, ym.index) : compact.split('政府信息公开')[0];
  const first = picked[0];
  const last = picked[picked.length - 1];
  const [a] = trimBounds(doc.lines[first]);
  const [, b] = trimBounds(doc.lines[last]);
  doc.title = { text: compact, organ, year: ym ? Number(ym[1]) : null, range: range(first, a, last, b), lines: picked };
  doc.year = doc.title.year;
}

/** Does a title's text name an annual report (年度报告, 年报)? */
function isReportTitle(s: string): boolean {
  return s.includes('年度报告') || s.includes('年报');
}

const DATE_RE = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三十]{1,3})\s*月\s*(\d{1,2}|[一二三十]{1,3})\s*日/;

function toInt(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : chineseNumber(s);
}

function readMeta(doc: ReportDocument): void {
  const { lines } = doc;
  // statistical period (in the opening part)
  const head = Math.min(lines.length, 80);
  for (let i = 0; i < head && !doc.period; i++) {
    const l = lines[i];
    if (l.indexOf('统计') < 0) continue;
    const k = l.search(/统计(?:期限|时限|期间|时间|区间)/);
    if (k < 0) continue;
    const m = /(\d{4})\s{0,3}年\s{0,3}1\s{0,3}月\s{0,3}1\s{0,3}日[^。；;]{0,40}?(?:(\d{4})\s{0,3}年\s{0,3})?12\s{0,3}月\s{0,3}31\s{0,3}日/.exec(l.slice(k, k + 200));
    if (!m) continue;
    const startYear = Number(m[1]);
    doc.period = { startYear, endYear: m[2] ? Number(m[2]) : startYear, range: lineRange(i, k + m.index, k + m.index + m[0].length) };
  }
  if (doc.year === null && doc.period) doc.year = doc.period.startYear;

  // publication date: a line holding only a date, among the last non-blank lines
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 6; i--) {
    const t = lines[i].trim();
    if (!t) continue;
    seen++;
    // a date alone on its line is short: a long line is prose, whatever dates it holds
    const m = t.length <= 40 ? DATE_RE.exec(t) : null;
    if (m && m[0].length >= t.length - 1) {
      const y = toInt(m[1]);
      const mo = toInt(m[2]);
      const d = toInt(m[3]);
      if (y && mo && d) {
        const c = lines[i].indexOf(m[0]);
        doc.publicationDate = { year: y, month: mo, day: d, range: lineRange(i, c, c + m[0].length) } satisfies DateRef;
      }
      break;
    }
  }

  // notice numbers and conversion debris
  const noticeRe = /国办公开办函\s*[〔\[（(【]\s*(\d{4})\s*[〕\]）)】]\s*(\d+)\s*号/g;
  // bounded: an unclosed "[image: " repeated along a line must not make this quadratic
  const debrisRe = /\[(bookmark|image|图片|shape|picture)\s{0,4}[:：][^\]\n]{0,300}\]/gi;
  // found by scanning the whole text (native), then read on the lines they are on
  for (const i of linesWith(doc.text, doc.lineStarts, '国办公开办函')) {
    for (const m of lines[i].matchAll(noticeRe)) {
      doc.notices.push({ year: Number(m[1]), number: Number(m[2]), range: lineRange(i, m.index!, m.index! + m[0].length) });
    }
  }
  for (const i of linesWith(doc.text, doc.lineStarts, '[')) {
    const l = lines[i];
    for (const m of l.matchAll(debrisRe)) {
      const kind = /bookmark/i.test(m[1]) ? 'bookmark' : /image|图片|picture/i.test(m[1]) ? 'image' : 'other';
      doc.debris.push({
        kind, text: m[0], range: lineRange(i, m.index!, m.index! + m[0].length),
        wholeLine: l.trim() === m[0],
      } satisfies Debris);
    }
  }
}

/** First characters a heading can start with: numerals, brackets, digits, and the section titles' own. */
const HEADING_START = new Set<number>([...'一二三四五六七八九十（(0123456789０１２３４５６７８９', ...SECTIONS.flatMap((s) => s.variants.map((v) => v[0]))].map((c) => c.charCodeAt(0)));

function readHeading(doc: ReportDocument, i: number, line: string): void {
  if (line.length > MAX_HEADING + 40) return;
  const a = trimStart(line);
  const b = trimEnd(line, a);
  if (b - a > MAX_HEADING + 20 || !HEADING_START.has(line.charCodeAt(a))) return;
  const t = line.slice(a, b);
  if (t.length > MAX_HEADING + 20) return;
  // each pattern below is anchored at a first character of its own: a numeral, a bracket, a digit
  const first = t.charCodeAt(0);
  const markerLen = isNumeralCode(first) ? sectionNumberEnd(t) : -1;
  if (markerLen >= 0) {
    const num = chineseNumeral(sectionNumeral(t));
    const title = t.slice(markerLen);
    const sm = num ? matchSectionTitle(title, true) : null;
    const marker = t.slice(0, markerLen).trim();
    if (sm && title.length <= MAX_HEADING) {
      pushSection(doc, i, a, b, t, marker, markerLen, sm.spec, num);
    } else if (num && t.length <= MAX_HEADING && !/[。；;]/.test(t)) {
      doc.headings.push(heading(2, t, marker, i, a, b, markerLen));
    }
    return;
  }
  if (t.length > MAX_HEADING) return;
  const subLen = first === 0xff08 || first === 40 ? subNumberEnd(t) : -1;
  if (subLen >= 0 && subLen < t.length) {
    doc.headings.push(heading(2, t, t.slice(0, subLen).trim(), i, a, b, subLen));
    return;
  }
  // an unnumbered section title (a sub-heading number like （一）, or a first numeral or digit, stays
  // in a line's loose key, and no section title's key has one: a test checks; such lines are not
  // looked up)
  const sm = isNumeralCode(first) || isDigit(first) || (first >= 0xff10 && first <= 0xff19) ? null : matchSectionTitle(t, false);
  if (sm) {
    pushSection(doc, i, a, b, t, '', 0, sm.spec, null);
    return;
  }
  const m = isDigit(first) && (isDigit(t.charCodeAt(1)) || isSectionSeparator(t.charCodeAt(1)) || isSpace(t.charCodeAt(1))) ? ITEM_RE.exec(t) : null;
  if (m && t.length <= 30 && !/[。；;，,]/.test(m[2])) {
    doc.headings.push(heading(3, t, t.slice(0, t.length - m[2].length).trim(), i, a, b, t.length - m[2].length));
  }
}

/** The numerals of a section number `t` starts with (one or two). */
function sectionNumeral(t: string): string {
  return t.slice(0, isNumeralCode(t.charCodeAt(1)) ? 2 : 1);
}

/**
 * A heading of the model: its ranges (the line's, the marker's, the title's) are built when first
 * asked for, from where the heading starts (`a`) and ends (`b`) on its line.
 */
class HeadingNode implements Heading {
  private r: Range | null = null;
  constructor(
    public level: number,
    public text: string,
    public marker: string,
    public title: string,
    public line: number,
    private readonly a: number,
    private readonly b: number,
    private readonly markerLen: number,
  ) {}

  get range(): Range {
    return (this.r ??= lineRange(this.line, this.a, this.b));
  }

  get markerRange(): Range | undefined {
    return this.marker ? lineRange(this.line, this.a, this.a + this.markerLen) : undefined;
  }

  get titleRange(): Range {
    return lineRange(this.line, this.a + this.markerLen, this.b);
  }
}

/** A report section's heading (一、…六、). */
class SectionNode extends HeadingNode implements Section {
  constructor(
    level: number, text: string, marker: string, title: string, line: number, a: number, b: number, markerLen: number,
    public id: Section['id'],
    public index: number,
    public writtenNumber: number | null,
    public endLine: number,
  ) {
    super(level, text, marker, title, line, a, b, markerLen);
  }
}

function heading(level: number, t: string, marker: string, i: number, a: number, b: number, markerLen: number): Heading {
  return new HeadingNode(level, t, marker, t.slice(markerLen), i, a, b, markerLen);
}

function pushSection(
  doc: ReportDocument, i: number, a: number, b: number, t: string, marker: string, markerLen: number,
  spec: SectionSpec, num: number | null,
): void {
  const s = new SectionNode(1, t, marker, t.slice(markerLen), i, a, b, markerLen, spec.id, spec.index, num, doc.lines.length - 1);
  doc.headings.push(s);
  doc.sections.push(s);
}

function finishSections(doc: ReportDocument): void {
  const s = doc.sections;
  for (let k = 0; k < s.length; k++) s[k].endLine = k + 1 < s.length ? s[k + 1].line - 1 : doc.lines.length - 1;
}

// ------------------------------------------------------------------ tables

const BLOCK_TITLE_RE = /第二十条第[(（]\s*([一二三四五六七八九十]+)\s*[)）]项/;

/** The block title `text` is (第二十条第（一）项, its numeral in group 1), or null. */
function blockTitle(text: string): RegExpExecArray | null {
  // 第二十条第(一)项 is 9 characters at least
  return text.length >= 9 && text.includes('第二十条') ? BLOCK_TITLE_RE.exec(text) : null;
}

function isBlockTitle(text: string): boolean {
  return blockTitle(text) !== null;
}

/** The ideographs a label that names a table (below) must hold, one of them at least. */
const TABLE_NAME_CHARS = ideographSet('勾申新复诉统');

function tableStart(row: RawRow): TableKind | null {
  let seen = 0;
  for (const c of row.cells) {
    const text = c.text;
    if (text === '') continue;
    if (++seen > 3) break; // a table's first row names it in its first cells
    if (isNumeric(c)) return null;
    if (isBlockTitle(text)) return 'active';
    // 勾稽关系, 申请人情况, 一、本年新收…, 行政复议, 行政诉讼, 统计指标: a label with none of their
    // characters is not normalised here (most cells of most rows)
    if (!mayHaveIdeograph(text, TABLE_NAME_CHARS)) continue;
    const n = c.norm;
    if (n.includes('勾稽关系') || n === '申请人情况' || n.startsWith('一、本年新收')) return 'requests';
    if (n === '行政复议' || n === '行政诉讼') return 'review';
    if (n === '统计指标') return 'stats';
  }
  return null;
}

function splitRegion(rows: RawRow[]): { kind: TableKind; rows: RawRow[] }[] {
  const out: { kind: TableKind; rows: RawRow[] }[] = [];
  let cur: { kind: TableKind; rows: RawRow[] } | null = null;
  for (const r of rows) {
    const k = tableStart(r);
    if (k && (!cur || (cur.kind !== k && !(cur.kind === 'requests' && k === 'requests')))) {
      // a requests table's own rows (一、…) must not start a new table
      if (!(cur && cur.kind === 'requests' && k === 'requests')) out.push((cur = { kind: k, rows: [] }));
    }
    if (!cur) {
      const stats = r.cells.length >= 2 ? 'stats' : null;
      if (!stats) continue;
      out.push((cur = { kind: 'stats', rows: [] }));
    }
    cur.rows.push(r);
  }
  return out;
}

function tableRange(rows: RawRow[], lines: string[]): Range {
  const a = rows[0].line;
  const b = rows[rows.length - 1].endLine;
  return range(a, 0, b, lines[b].length);
}

type Pending = [Table, RawRow[]][];

function buildTable(doc: ReportDocument, kind: TableKind, rows: RawRow[], pending: Pending): void {
  if (!rows.length) return;
  const t: Table = {
    kind, startLine: rows[0].line, endLine: rows[rows.length - 1].endLine, range: tableRange(rows, doc.lines),
    headers: [], rows: [], missingRows: [], irregular: [], shape: undefined,
  };
  if (kind === 'active') buildActive(doc, t, rows);
  else if (kind === 'requests') buildRequests(t, rows, pending);
  else if (kind === 'review') buildReview(t, rows);
  else buildStats(t, rows);
  doc.tables.push(t);
}

/** Add a row to its table, noting its irregular cells (see `Table.irregular`). */
function addRow(t: Table, row: Row): void {
  t.rows.push(row);
  for (const cell of row.cells) {
    if (cell.kind !== 'number' || cell.value! < 0) t.irregular.push({ cell, row });
  }
}

/** The first cell of `cells` that is not blank (-1: none). */
function firstFilled(cells: RawCell[]): number {
  for (let k = 0; k < cells.length; k++) if (cells[k].text !== '') return k;
  return -1;
}

/** Place a cell in its column (each cell is placed once: rows never share cells). */
function cellOf(rc: RawCell, col: ColumnRef): Cell {
  rc.col = col;
  return rc;
}

/** Place a row's value cells in the columns of `columns` (the k-th in the k-th; `c<k>` past the last). */
function placeColumns(values: RawCell[], columns: readonly ColumnRef[]): void {
  for (let k = 0; k < values.length; k++) cellOf(values[k], columns[k] ?? { id: `c${k}`, path: NO_PATH });
}

/** The label path of table 4's row. */
const REVIEW_PATH = ['政府信息公开行政复议、行政诉讼情况'];

function isNumeric(rc: RawCell): boolean {
  return rc.kind === 'number' || rc.kind === 'unit';
}

/**
 * The value cells among `cells[from…]`, `n` of them when there are more: surplus blank cells are
 * dropped first at the front, then at the back.
 */
function fitValues(cells: RawCell[], n: number, from = 0): RawCell[] {
  let a = from;
  let b = cells.length;
  while (b - a > n && cells[a].text === '') a++;
  while (b - a > n && cells[b - 1].text === '') b--;
  return cells.slice(a, b);
}

// ---- table 1

const VERSIONS = ['2019', '2021'] as const;

interface BlockIndex {
  spec: BlockSpec;
  /** Columns by normalised label or variant. */
  columns: Map<string, ColumnSpec>;
  /** Columns by normalised label only. */
  labels: Map<string, ColumnSpec>;
  /** Rows by normalised label or variant. */
  rows: Map<string, RowSpec>;
  /** Each column as its cells refer to it: its id and label path (the block's title, the column's label). */
  cols: Map<string, ColumnRef>;
  /** Each row's label path (the block's title, the row's label), shared by the rows that have it. */
  rowPaths: Map<RowSpec, string[]>;
}

/** Per format, each 第二十条 block's labels, normalised once. */
const BLOCKS_2019 = indexBlocks('2019');
const BLOCKS_2021 = indexBlocks('2021');

function indexBlocks(v: FormatVersion): Map<string, BlockIndex> {
  const out = new Map<string, BlockIndex>();
  for (const b of ACTIVE_BLOCKS[v]) {
    const columns = new Map<string, ColumnSpec>();
    const labels = new Map<string, ColumnSpec>();
    const rows = new Map<string, RowSpec>();
    // the first spec wins, as a search in order would find it
    const put = <T>(m: Map<string, T>, k: string, x: T) => { if (!m.has(k)) m.set(k, x); };
    for (const c of b.columns) {
      put(labels, normLabel(c.label), c);
      for (const x of [c.label, ...(c.variants ?? [])]) put(columns, normLabel(x), c);
    }
    for (const r of b.rows) for (const x of [r.label, ...(r.variants ?? [])]) put(rows, normLabel(x), r);
    const cols = new Map(b.columns.map((c): [string, ColumnRef] => [c.id, { id: c.id, path: [b.title, c.label] }]));
    const rowPaths = new Map(b.rows.map((r) => [r, [b.title, r.label]]));
    out.set(b.id, { spec: b, columns, labels, rows, cols, rowPaths });
  }
  return out;
}

/**
 * The 第二十条 block being read: its spec in each format (named fields: an object keyed by
 * '2019' and '2021' holds them as sparse array elements, which cost more than the rest of the table).
 */
interface OpenBlock {
  id: string;
  /** The block's labels in each format (undefined where the format has no such block). */
  in2019: BlockIndex | undefined;
  in2021: BlockIndex | undefined;
  columns: string[] | null;
}

/** `20.<n>` for the numeral of a block title, the same string each time (a Map look-up hashes a new string). */
const BLOCK_IDS = new Map<string, string>();
function blockId(numeral: string): string {
  let id = BLOCK_IDS.get(numeral);
  if (id === undefined) {
    id = `20.${chineseNumeral(numeral) ?? numeral}`;
    if (BLOCK_IDS.size < 64) BLOCK_IDS.set(numeral, id);
  }
  return id;
}

/** Cells `from…to` of row `r` as a row of their own. */
function piece(r: RawRow, cells: RawCell[], from: number, to: number): RawRow {
  const part = cells.slice(from, to);
  const line = from === 0 ? r.line : part[0].line;
  return { cells: part, line, endLine: Math.max(line, part[part.length - 1].endLine) };
}

function buildActive(doc: ReportDocument, t: Table, input: RawRow[]): void {
  // a block title cell that is not first in its row starts a new row (a missing blank line)
  const rows: RawRow[] = [];
  for (const r of input) {
    // the row as it is, unless a block title follows a filled cell in it (the common case: no copy)
    const cells = r.cells;
    let from = 0;
    let filled = false;
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      if (c.text === '') continue;
      if (filled && isBlockTitle(c.text)) {
        rows.push(piece(r, cells, from, k));
        from = k;
      }
      filled = true;
    }
    if (from === 0) rows.push(r);
    else rows.push(piece(r, cells, from, cells.length));
  }
  let votes2019 = 0;
  let votes2021 = 0;
  let block: OpenBlock | null = null;
  for (const r of rows) {
    const at = firstFilled(r.cells);
    if (at < 0) continue;
    const first = r.cells[at];
    const bm = blockTitle(first.text);
    if (bm) {
      const id = blockId(bm[1]);
      if (id === '20.9') votes2019 += 2;
      block = { id, in2019: BLOCKS_2019.get(id), in2021: BLOCKS_2021.get(id), columns: null };
      t.headers.push([labelRef(first)]);
      continue;
    }
    const fn = first.norm;
    if (fn === '信息内容' || (fn.endsWith('信息内容') && r.cells.length > 1)) {
      t.headers.push(labelRefs(r.cells, at, true));
      if (block) {
        block.columns = [];
        for (let k = at + 1; k < r.cells.length; k++) {
          const c = r.cells[k];
          if (c.text === '') continue;
          const n = c.norm;
          let found = '';
          const col2019 = block.in2019?.columns.get(n);
          const col2021 = block.in2021?.columns.get(n);
          // a label the other format also writes this way says nothing about the format
          if (col2019) {
            found = col2019.id;
            if (block.in2021?.labels.get(n)?.id !== col2019.id) votes2019++;
          }
          if (col2021) {
            found ||= col2021.id;
            if (block.in2019?.labels.get(n)?.id !== col2021.id) votes2021++;
          }
          block.columns.push(found || `c${block.columns.length}`);
        }
      }
      continue;
    }
    // a data row: label, then values
    const version: FormatVersion = votes2021 > votes2019 ? '2021' : votes2019 > votes2021 ? '2019' : doc.format.version ?? '2021';
    const specIdx = block ? (version === '2019' ? block.in2019 : block.in2021) ?? block.in2021 ?? block.in2019 : undefined;
    const spec = specIdx?.spec;
    const label = first;
    const from = at + 1;
    const colIds = block?.columns ?? spec?.columns.map((c) => c.id) ?? r.cells.slice(from).map((_, k) => `c${k}`);
    const values = fitValues(r.cells, colIds.length, from);
    const n = label.norm;
    const rowSpec = specIdx?.rows.get(n);
    for (let k = 0; k < values.length; k++) {
      const id = colIds[k] ?? `c${k}`;
      cellOf(values[k], specIdx?.cols.get(id) ?? { id, path: [spec?.title ?? '', id] });
    }
    addRow(t, wholeRow(
      rowSpec?.id ?? '',
      (rowSpec && specIdx?.rowPaths.get(rowSpec)) || [spec?.title ?? block?.id ?? '', rowSpec?.label ?? label.text],
      [labelRef(label)], values, block?.id, r, doc.lines,
    ));
  }
  t.shape = votes2021 > votes2019 ? '2021' : votes2019 > votes2021 ? '2019' : undefined;
}

// ---- table 3

/** Per format: the row specs by normalised label, and by label without its list marker. */
const REQ_INDEX = new Map(VERSIONS.map((v) => {
  const keys = new Map<string, RequestRowSpec[]>();
  const bare = new Map<string, RequestRowSpec[]>();
  const add = (m: Map<string, RequestRowSpec[]>, k: string, r: RequestRowSpec) => {
    const list = m.get(k);
    if (!list) m.set(k, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  for (const r of REQUEST_ROWS[v]) {
    for (const x of [r.label, ...(r.variants ?? [])]) {
      add(keys, normLabel(x), r);
      add(bare, stripMarker(normLabel(x)), r);
    }
  }
  return [v, { keys, bare }];
}));

/**
 * Each row spec's place in its format's list (a format lists each id once, and the formats share no
 * spec object: a test checks both).
 */
const REQ_PLACE = new Map<RequestRowSpec, number>();
for (const v of VERSIONS) REQUEST_ROWS[v].forEach((r, k) => REQ_PLACE.set(r, k));

/** Each row spec's label path (its groups' labels, then its own), built once and shared. */
const REQ_PATHS = new Map<RequestRowSpec, string[]>();
for (const v of VERSIONS) {
  const byId = new Map(REQUEST_ROWS[v].map((r) => [r.id, r]));
  for (const r of REQUEST_ROWS[v]) {
    const path: string[] = [];
    for (let x: RequestRowSpec | undefined = r; x; x = x.parent ? byId.get(x.parent) : undefined) path.unshift(x.label);
    REQ_PATHS.set(r, path);
  }
}

/** The row spec a label names (under the current group when two share the label), or null. */
function matchRequestLabel(n: string, version: FormatVersion, group: string | null): RequestRowSpec | null {
  if (!n) return null;
  const idx = REQ_INDEX.get(version)!;
  // exact label: the one under the current group, else the first
  const exact = idx.keys.get(n);
  if (exact) return (group && exact.find((r) => r.parent === group)) || exact[0];
  // the same label under another marker (`(3)` for `3.`): only for labels long enough to be unambiguous
  const bareN = stripMarker(n);
  if (bareN.length < 4) return null;
  const loose = idx.bare.get(bareN);
  if (!loose) return null;
  let spec = loose[0];
  if (group) for (const r of loose) if (r.parent === group) spec = r;
  return spec;
}

/** 申 (申请人…) and 处 (其他处理): a label without them is not normalised to be looked at. */
const SHAPE_2021_CHARS = ideographSet('申');
const SHAPE_2019_CHARS = ideographSet('处');

function requestShape(rows: RawRow[]): FormatVersion | undefined {
  // 2021: its sub-rows of （六）其他处理 (申请人…); 2019: （六）其他处理 carries figures itself (the
  // first row that says so, unless a 2021 row is found in the table)
  let is2019 = false;
  for (const r of rows) {
    const cells = r.cells;
    for (let k = 0; k < cells.length; k++) {
      const text = cells[k].text;
      const len = text.length;
      if (len < 4) continue;
      if (len >= 10 && mayHaveIdeograph(text, SHAPE_2021_CHARS)) {
        const n = stripMarker(cells[k].norm);
        if (n.startsWith('申请人无正当理由逾期不补正') || n.startsWith('申请人逾期未按收费通知')) return '2021';
      }
      if (!is2019 && len < 12 && mayHaveIdeograph(text, SHAPE_2019_CHARS) && stripMarker(cells[k].norm) === '其他处理') {
        // (at least the seven columns' cells after it)
        if (cells.length - k - 1 >= REQUEST_COLUMNS.length) is2019 = true;
      }
    }
  }
  return is2019 ? '2019' : undefined;
}

/**
 * A request table's rows are mapped once the document's format is known (a table whose own shape
 * does not tell is read in the document's format); until then its raw rows wait in `pending`.
 */
function buildRequests(t: Table, rows: RawRow[], pending: Pending): void {
  t.shape = requestShape(rows);
  pending.push([t, rows]);
}

function mapRequests(doc: ReportDocument, t: Table, rows: RawRow[], version: FormatVersion): void {
  t.rows = [];
  t.irregular = [];
  t.headers = [];
  const specs = REQUEST_ROWS[version];
  const nValues = REQUEST_COLUMNS.length;
  let group: string | null = null;
  let dataStarted = false;
  const found = new Uint8Array(specs.length);
  for (const r of rows) {
    // the label cells end at the last cell that matches a row label; failing that, before the first number
    let lastLabel = -1;
    let match: RequestRowSpec | null = null;
    for (let k = 0; k < r.cells.length; k++) {
      const c = r.cells[k];
      if (c.text === '' || isNumeric(c)) continue;
      const m = matchRequestLabel(c.norm, version, group);
      if (m) {
        lastLabel = k;
        match = m;
        group = m.group ? m.id : m.parent ?? null;
      }
    }
    if (!match && !dataStarted) {
      t.headers.push(labelRefs(r.cells, 0));
      continue;
    }
    if (!match) {
      // an unknown row label: the label cells are the leading non-numbers
      let k = 0;
      while (k < r.cells.length && !isNumeric(r.cells[k]) && (r.cells[k].text !== '' || k < r.cells.length - nValues)) k++;
      lastLabel = k - 1;
      if (lastLabel < 0 || r.cells.slice(0, k).every((c) => c.text === '')) {
        if (!r.cells.some(isNumeric) && !dataStarted) continue;
      }
    }
    dataStarted = true;
    const labelCells: RawCell[] = [];
    for (let k = 0; k <= lastLabel; k++) if (r.cells[k].text !== '') labelCells.push(r.cells[k]);
    const values = fitValues(r.cells, nValues, lastLabel + 1);
    const spec = match ?? undefined;
    if (spec?.group && !values.some((c) => c.text !== '')) continue; // a group label alone on its row
    const path = spec ? REQ_PATHS.get(spec)! : labelCells.map((c) => c.text);
    if (spec) found[REQ_PLACE.get(spec)!] = 1;
    placeColumns(values, REQUEST_COLUMNS);
    addRow(t, wholeRow(spec ? spec.id : '', path, labelCells.map(labelRef), values, undefined, r, doc.lines));
  }
  // the format's rows not found (marked by their place in the format's list as they are read)
  t.missingRows = [];
  for (let k = 0; k < specs.length; k++) if (!specs[k].group && !found[k]) t.missingRows.push(specs[k].id);
}

// ---- table 4

function buildReview(t: Table, rows: RawRow[]): void {
  const n = REVIEW_COLUMNS.length;
  for (const r of rows) {
    const hasText = r.cells.some((c) => c.text !== '' && !isNumeric(c));
    if (hasText) {
      t.headers.push(r.cells.filter((c) => c.text !== '').map(labelRef));
      continue;
    }
    if (!r.cells.some(isNumeric) && r.cells.length < n && t.headers.length < 3) continue; // spacer row of the header
    const values = fitValues(r.cells, n);
    placeColumns(values, REVIEW_COLUMNS);
    // from the first cell's start to the last cell's end (the row's start and end line when it has none)
    const a = values[0];
    const b = values[values.length - 1];
    addRow(t, new RowNode(
      'review', REVIEW_PATH, [], values, undefined, r.line, r.endLine, a?.line ?? r.line, a?.start ?? 0, b?.endLine ?? r.endLine, b?.end ?? 0,
    ));
    break;
  }
  if (!t.rows.length) t.missingRows = ['review'];
}

// ---- generic statistics table (附件 统计表)

function firstLine(s: string): string {
  const k = s.indexOf('\n');
  return k < 0 ? s : s.slice(0, k);
}

const STATS_L1 = /^[一二三四五六七八九十]+[、.]/;
const STATS_L2 = /^\([一二三四五六七八九十]+\)/;
const STATS_L3 = /^\d+[.、]/;

/** A statistics table's row (its range runs from the start of its first line to the end of its figure). */
class StatsRowNode extends RowNode implements StatsRow {
  public parent: number | null = null;
  public isPart = false;
  constructor(
    labelPath: string[], labelCells: HeaderCell[], cells: Cell[], line: number, endLine: number, endCol: number,
    public level: number,
    public numbering: string,
    public unit: string,
  ) {
    super('', labelPath, labelCells, cells, undefined, line, endLine, line, 0, endLine, endCol);
  }
}

/** The column of a statistics table's figures. */
const STATS_VALUE: ColumnRef = { id: 'value', path: ['统计数'] };

function buildStats(t: Table, rows: RawRow[]): void {
  const out: StatsRow[] = [];
  for (const r of rows) {
    const cells = r.cells;
    const first = cells.find((c) => c.text !== '');
    if (!first) continue;
    const label = first.text; // (a cell's text is one line: wrapped lines join without a break)
    const n = first.norm;
    if (n === '统计指标') {
      t.headers.push(cells.filter((c) => c.text !== '').map(labelRef));
      continue;
    }
    // the cells after the label: the last is the figure, the one before it the unit
    const rest = cells.length - cells.indexOf(first) - 1;
    if (!rest) continue;
    const valueCell = cells[cells.length - 1];
    const unitCell = rest >= 2 ? cells[cells.length - 2] : undefined;
    let level = 0;
    let numbering = '';
    if (STATS_L1.test(n)) { level = 1; numbering = '一、'; }
    else if (STATS_L2.test(n)) { level = 2; numbering = '（一）'; }
    else if (STATS_L3.test(n)) { level = 3; numbering = '1.'; }
    else if (n.startsWith('其中')) { numbering = '其中'; }
    out.push(new StatsRowNode(
      [label], [labelRef(first)], [cellOf(valueCell, STATS_VALUE)], r.line, r.endLine, valueCell.end, level, numbering, unitCell?.text ?? '',
    ));
  }
  // hierarchy: numbered rows nest by level; 其中 rows (and unnumbered rows after them) are parts
  const stack: number[] = [];
  let partOf: number | null = null;
  for (let k = 0; k < out.length; k++) {
    const r = out[k];
    if (r.level === 0) {
      if (r.numbering === '其中' || partOf !== null) {
        const p: number | null = r.numbering === '其中' ? (stack.length ? stack[stack.length - 1] : null) : partOf;
        r.isPart = p !== null;
        r.parent = p;
        partOf = p;
        r.level = p !== null ? out[p].level + 1 : 1;
      }
      continue;
    }
    partOf = null;
    while (stack.length && out[stack[stack.length - 1]].level >= r.level) stack.pop();
    r.parent = stack.length ? stack[stack.length - 1] : null;
    if (r.parent !== null) r.labelPath = [...out[r.parent].labelPath, labelOf(r)];
    stack.push(k);
  }
  for (const r of out) addRow(t, r);
  function labelOf(r: StatsRow): string {
    return firstLine(r.labelCells[0].raw).trim();
  }
}


// The document model and diagnostic types of the zwgk-report language service.
// Pure data: no import of `vscode` or `vscode-languageserver`. Positions are 0-based lines and
// UTF-16 code-unit characters, exactly as the Language Server Protocol counts them.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type FormatVersion = '2019' | '2021';
export type Lang = 'zh' | 'en';

/** A message in both languages: Chinese first. */
export interface Msg {
  zh: string;
  en: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: Msg;
  edits: TextEdit[];
  /** The fix the editor should offer first (e.g. recompute a total). */
  isPreferred?: boolean;
  /** Part of "fix all totals" (recomputes a total from its addends). */
  totals?: boolean;
}

export interface RelatedInfo {
  range: Range;
  message: Msg;
  /** Set when the related place is in another report (cross-report rules). */
  uri?: string;
}

export interface Diagnostic {
  /** Stable rule id, e.g. `sum-row`. */
  code: string;
  severity: Severity;
  message: Msg;
  range: Range;
  related?: RelatedInfo[];
  fixes?: Fix[];
  /** Expected and actual value for totals rules. */
  expected?: number;
  actual?: number;
}

// ---------------------------------------------------------------- model

export type SectionId = 'overview' | 'active' | 'requests' | 'review' | 'problems' | 'other';

export interface Heading {
  /** 1 = a report section (一、…六、), 2 = （一）, 3 = 1. */
  level: number;
  /** The whole heading line text, trimmed. */
  text: string;
  /** The number marker as written (`一、`, `（二）`, `1.`), or '' when unnumbered. */
  marker: string;
  /** The heading text without the marker. */
  title: string;
  line: number;
  range: Range;
  markerRange?: Range;
  titleRange: Range;
}

export interface Section extends Heading {
  id: SectionId;
  /** 1..6: the position the format gives this section. */
  index: number;
  /** The number written before the title (1..6), or null when there is none. */
  writtenNumber: number | null;
  /** Last line of the section's body (inclusive). */
  endLine: number;
}

export type CellKind = 'number' | 'blank' | 'unit' | 'text';

export interface Cell {
  /** Column id from the format specification (e.g. `natural`, `total`), or `c<i>` when unknown. */
  column: string;
  /** The column's label path, e.g. ['申请人情况', '法人或其他组织', '商业企业']. */
  columnPath: string[];
  /** The cell text as written (its lines joined by `\n` when it wraps). */
  raw: string;
  /** The cell text without surrounding white space (a wrapped cell's lines joined without a break). */
  text: string;
  /** The text normalised as a label (`normLabel`): what the table readers look labels up by. */
  norm: string;
  kind: CellKind;
  /** Parsed value; blank cells read as 0 (kind 'blank'); null for text. */
  value: number | null;
  /** Unit written inside a numeric cell, e.g. 万元. */
  unit?: string;
  /** The line the cell starts on, and the line it ends on. */
  line: number;
  endLine: number;
  /** Range of the cell content, padding included (for a blank cell: an empty range after its separator). */
  range: Range;
  /** Range of the text inside the cell, without padding (what a fix rewrites). */
  valueRange: Range;
  /**
   * In a space-aligned row: the white space between this cell and the next, which an edit may
   * take or give back to keep the later columns aligned (see `layout/edit.ts`).
   */
  slack?: number;
}

export interface Row {
  /** Row id from the format specification (e.g. `r3.3.1`), or `''` when unknown. */
  id: string;
  /** Label path, e.g. ['三、本年度办理结果', '（四）无法提供', '1.本机关不掌握相关政府信息']. */
  labelPath: string[];
  /** The label cells as written (a label wrapped over several lines or cells: each piece). */
  labelCells: HeaderCell[];
  /**
   * The official label, when the label as written is none of the format's labels or variants but
   * close to the one expected at its place (a typo): the row is read as that row.
   */
  officialLabel?: string;
  cells: Cell[];
  /** For table 1: the block (e.g. `20.1`). */
  block?: string;
  line: number;
  endLine: number;
  range: Range;
}

export type TableKind = 'active' | 'requests' | 'review' | 'stats';

export interface HeaderCell {
  raw: string;
  range: Range;
  /** `raw` normalised as a label (`normLabel`). */
  norm: string;
}

export interface Table {
  kind: TableKind;
  startLine: number;
  endLine: number;
  range: Range;
  /** Column-label rows (and block-title rows of table 1), as written. */
  headers: HeaderCell[][];
  rows: Row[];
  /** Rows the format requires that this table does not have (it was cut short). */
  missingRows: string[];
  /**
   * The value cells that are not a plain figure of zero or more (blank, text, a figure with a
   * unit, a negative figure), with their rows, in document order: the rules about such cells read
   * these instead of every cell (a 1 MB report has tens of thousands of cells).
   */
  irregular: IrregularCell[];
  /** Format layout this table's shape shows, when it tells. */
  shape?: FormatVersion;
}

export interface IrregularCell {
  cell: Cell;
  row: Row;
}

/** A generic statistics table row (附件 统计表): label, unit, value, and its hierarchy. */
export interface StatsRow extends Row {
  level: number;
  /** Numbering kind: '一、' | '（一）' | '1.' | '其中' | '' */
  numbering: string;
  unit: string;
  parent: number | null;
  isPart: boolean;
}

export interface DateRef {
  year: number;
  month: number;
  day: number;
  range: Range;
}

export interface Debris {
  kind: 'bookmark' | 'image' | 'other';
  text: string;
  range: Range;
  /** True when the debris is the whole line (the fix removes the line). */
  wholeLine: boolean;
}

export interface ReportDocument {
  text: string;
  /** Start offset of each line. */
  lineStarts: number[];
  /** Line texts without their end-of-line characters. */
  lines: string[];
  eol: '\n' | '\r\n';
  bom: boolean;
  title?: { text: string; organ: string; year: number | null; range: Range; lines: number[] };
  /** Report year: from the title, else the statistical period. */
  year: number | null;
  period?: { startYear: number; endYear: number; range: Range };
  publicationDate?: DateRef;
  notices: { year: number; number: number; range: Range }[];
  headings: Heading[];
  sections: Section[];
  tables: Table[];
  debris: Debris[];
  format: {
    /** The format the tables are checked against. */
    version: FormatVersion | null;
    /** What the tables' layout shows. */
    shape: FormatVersion | null;
    /** How `version` was chosen. */
    source: 'override' | 'shape' | 'notice' | 'year' | 'none';
  };
  /**
   * What is computed from the model on first use and kept with it (the totals). A field of the
   * document, not a WeakMap beside it: a WeakMap keyed by every parsed document made each parse
   * ~75 % slower on a busy server (the garbage collector's ephemeron work).
   */
  memo: DocMemo;
  // What the parser could not read stays in the model, where the rules find and report it: rows a
  // table lacks (`Table.missingRows`), rows and labels it could not place (`Row.id === ''`), cells
  // that hold text where a figure belongs (`Cell.kind === 'text'`).
}

// ---------------------------------------------------------------- totals

export type TotalRule = 'sum-row' | 'sum-column' | 'review-total' | 'sum-parent';

export interface Addend {
  row: Row;
  cell: Cell;
  /** The addend's value once every total is right (exact: `exact`; `value` is exact below 2^53). */
  value: number;
  exact: bigint;
}

/** A total cell of a table and what it must equal (computed by `totals.ts`). */
export interface Total {
  rule: TotalRule;
  table: Table;
  row: Row;
  cell: Cell;
  /** What the total cell must hold: exactly (see `figures.ts`), and as a number (exact below 2^53). */
  exact: bigint;
  expected: number;
  /** What the total must equal, term by term (built when asked: only wrong totals and hovers need it). */
  readonly addends: Addend[];
  /** What the total is the sum of, e.g. 自然人 + 法人或其他组织各项. */
  formula: Msg;
}

export interface DocMemo {
  totals: Total[] | null;
  expected: Map<Cell, bigint> | null;
}

export interface ParseOptions {
  format?: 'auto' | FormatVersion;
}

export interface CheckOptions extends ParseOptions {
  /** Per-rule severity override, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /** The other reports (of a folder, an audit, the open editors): the rules across reports compare with them. */
  others?: { uri: string; doc: ReportDocument }[];
  /** This report's URI or path (so that it is not compared with itself among `others`). */
  uri?: string;
}

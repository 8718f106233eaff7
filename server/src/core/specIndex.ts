// One index of the format specification (spec.ts), derived once at load and shared by the table
// readers and the rules: every label normalised, each row's label path, each table kind's labels.

import {
  ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_HEADER_LABELS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_HEADER_LABELS,
  type BlockSpec, type ColumnSpec, type RequestRowSpec, type RowSpec,
} from './spec';
import { editDistance, normLabel, stripMarker } from './text';
import type { FormatVersion, TableKind } from './types';

export const VERSIONS: readonly FormatVersion[] = ['2019', '2021'];

/** A cell's column: its id and label path (one object per column, shared by its cells). */
export interface ColumnRef {
  readonly id: string;
  readonly path: string[];
}

export interface BlockIndex {
  spec: BlockSpec;
  /** Columns by normalised label or variant. */
  columns: Map<string, ColumnSpec>;
  /** Columns by normalised official label only. */
  labels: Map<string, ColumnSpec>;
  /** Rows by normalised label or variant. */
  rows: Map<string, RowSpec>;
  /** The same, as a list for fuzzy matching (`nearLabel`). */
  rowList: { norm: string; value: RowSpec }[];
  /** Each column's normalised official label, in the spec's order. */
  columnNorms: string[];
  /** Each column as its cells refer to it (the block's title, the column's label). */
  cols: Map<string, ColumnRef>;
  /** Each row's label path (the block's title, the row's label). */
  rowPaths: Map<RowSpec, string[]>;
}

function indexBlock(b: BlockSpec): BlockIndex {
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
  const rowPaths = new Map(b.rows.map((r): [RowSpec, string[]] => [r, [b.title, r.label]]));
  const rowList = [...rows].map(([norm, value]) => ({ norm, value }));
  return { spec: b, columns, labels, rows, rowList, columnNorms: b.columns.map((c) => normLabel(c.label)), cols, rowPaths };
}

/** Per format, each 第二十条 block by id (`20.1`). */
export const BLOCKS: Record<FormatVersion, Map<string, BlockIndex>> = {
  '2019': new Map(ACTIVE_BLOCKS['2019'].map((b) => [b.id, indexBlock(b)])),
  '2021': new Map(ACTIVE_BLOCKS['2021'].map((b) => [b.id, indexBlock(b)])),
};

export interface RequestIndex {
  rows: RequestRowSpec[];
  /** Row specs by normalised label or variant. */
  keys: Map<string, RequestRowSpec[]>;
  /** Row specs by normalised label without its list marker. */
  bare: Map<string, RequestRowSpec[]>;
  /** Each row spec's place in `rows`. */
  place: Map<RequestRowSpec, number>;
  /** Each row spec's label path (its groups' labels, then its own). */
  paths: Map<RequestRowSpec, string[]>;
  /** Each row spec's normalised official label and variants. */
  norms: Map<RequestRowSpec, string[]>;
  /** Every normalised label and variant after a line break, and the same without list markers: a label starts with `n` when `\n` + `n` is found in it. */
  starts: string;
  bareStarts: string;
}

function indexRequests(v: FormatVersion): RequestIndex {
  const rows = REQUEST_ROWS[v];
  const keys = new Map<string, RequestRowSpec[]>();
  const bare = new Map<string, RequestRowSpec[]>();
  const norms = new Map<RequestRowSpec, string[]>();
  const add = (m: Map<string, RequestRowSpec[]>, k: string, r: RequestRowSpec) => {
    const list = m.get(k);
    if (!list) m.set(k, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  for (const r of rows) {
    const ns = [r.label, ...(r.variants ?? [])].map(normLabel);
    norms.set(r, ns);
    for (const n of ns) {
      add(keys, n, r);
      add(bare, stripMarker(n), r);
    }
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const paths = new Map<RequestRowSpec, string[]>();
  for (const r of rows) {
    const path: string[] = [];
    for (let x: RequestRowSpec | undefined = r; x; x = x.parent ? byId.get(x.parent) : undefined) path.unshift(x.label);
    paths.set(r, path);
  }
  const all = [...norms.values()].flat();
  const starts = all.map((n) => `\n${n}`).join('');
  const bareStarts = all.map((n) => `\n${stripMarker(n)}`).join('');
  return { rows, keys, bare, place: new Map(rows.map((r, k) => [r, k])), paths, norms, starts, bareStarts };
}

export const REQUESTS: Record<FormatVersion, RequestIndex> = { '2019': indexRequests('2019'), '2021': indexRequests('2021') };

/** The request table's value columns, as its cells refer to them. */
export const REQUEST_COLUMN_REFS: ColumnRef[] = REQUEST_COLUMNS.map((c) => ({ id: c.id, path: c.path }));
/** The review table's value columns, as its cells refer to them. */
export const REVIEW_COLUMN_REFS: ColumnRef[] = REVIEW_COLUMNS.map((c) => ({ id: c.id, path: c.path }));

/** The request table's header labels (申请人情况, 自然人, 总计 …), normalised. */
export const REQUEST_HEADER_NORMS: ReadonlySet<string> = new Set(REQUEST_HEADER_LABELS.map(normLabel));

/** A label of a table kind: as the format writes it, and normalised. */
export interface KnownLabel {
  label: string;
  norm: string;
}

function known(kind: TableKind): KnownLabel[] {
  const out: string[] = [];
  const add = (l: string, v?: string[]) => { out.push(l); if (v) out.push(...v); };
  if (kind === 'active') {
    for (const v of VERSIONS) {
      for (const b of ACTIVE_BLOCKS[v]) {
        add(b.title);
        add('信息内容');
        for (const c of b.columns) add(c.label, c.variants);
        for (const r of b.rows) add(r.label, r.variants);
      }
    }
  } else if (kind === 'requests') {
    REQUEST_HEADER_LABELS.forEach((l) => add(l));
    for (const v of VERSIONS) for (const r of REQUEST_ROWS[v]) add(r.label, r.variants);
  } else if (kind === 'review') {
    REVIEW_HEADER_LABELS.forEach((l) => add(l));
  }
  return [...new Set(out)].map((label) => ({ label, norm: normLabel(label) }));
}

/** Each table kind's labels (and their variants), in both formats. */
export const KNOWN_LABELS: Record<TableKind, KnownLabel[]> = {
  active: known('active'),
  requests: known('requests'),
  review: known('review'),
  stats: [],
};

/** The normalised labels of every table kind, as one set. */
export const KNOWN_NORMS: Record<TableKind, Set<string>> = {
  active: new Set(KNOWN_LABELS.active.map((k) => k.norm)),
  requests: new Set(KNOWN_LABELS.requests.map((k) => k.norm)),
  review: new Set(KNOWN_LABELS.review.map((k) => k.norm)),
  stats: new Set(),
};

/** Every table label of the three tables, normalised (for telling a piece of a table from prose). */
const ALL_NORMS: string[] = [...new Set([...KNOWN_LABELS.active, ...KNOWN_LABELS.requests, ...KNOWN_LABELS.review].map((k) => k.norm))];

/**
 * The labels written one per line, to look a piece up in one search: a normalised piece holds no
 * line break, so it is found in this text exactly when it is part of one of the labels.
 */
const ALL_LABELS_TEXT = ALL_NORMS.join('\n');
const LABELS_TEXT: Record<TableKind, string> = {
  active: KNOWN_LABELS.active.map((k) => k.norm).join('\n'),
  requests: KNOWN_LABELS.requests.map((k) => k.norm).join('\n'),
  review: KNOWN_LABELS.review.map((k) => k.norm).join('\n'),
  stats: '',
};

/** Is `norm` (a normalised piece of text, not empty) part of a table label of the format? */
export function isLabelPiece(norm: string): boolean {
  return norm !== '' && !norm.includes('\n') && ALL_LABELS_TEXT.includes(norm);
}

/** Is `text` made of pieces of the format's table labels, word by word (a label set apart by single spaces: `三 、本 年 度`)? */
export function isLabelWords(text: string): boolean {
  return text.split(/\s+/).every((w) => {
    const n = normLabel(w);
    return n === '' || isLabelPiece(n);
  });
}

/** Is `norm` part of a label of a table of `kind`? */
export function isLabelPieceOf(kind: TableKind, norm: string): boolean {
  return norm !== '' && !norm.includes('\n') && LABELS_TEXT[kind].includes(norm);
}

/** Is `norm` a label of the format, or close to one (a wrong or missing character or two: at most a quarter)? */
export function isNearLabel(norm: string): boolean {
  return norm.length >= 3 && ALL_NORMS.some((k) => editDistance(norm, k, Math.max(1, Math.floor(k.length / 4))) <= Math.max(1, Math.floor(k.length / 4)));
}

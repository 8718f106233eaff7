// Table 3 (收到和处理政府信息公开申请情况): header rows, then rows of a label path and seven figures.
// The rows are mapped onto the format's list of rows by their labels, in order: a label alone on
// its row (a group label, or a label wrapped before or after its figures) is joined with its
// neighbours when together they make a label; a label close to the one expected at its place (a
// typo) is read as that label (and `officialLabel` says so, for `table-label`).

import { REQUEST_COLUMNS, type RequestRowSpec } from '../spec';
import { isLabelWords, REQUEST_HEADER_NORMS, REQUESTS, REQUEST_COLUMN_REFS, type RequestIndex } from '../specIndex';
import { editDistance, normLabel, stripMarker } from '../text';
import type { Cell, FormatVersion, ReportDocument, Table } from '../types';
import { isFigure, labelOf } from '../layout/cells';
import type { RawRow } from '../layout/regions';
import { blankRow, placeInColumns, spacedColumns, type Columns } from '../layout/columns';
import { addRow, fitValues, joinedNorm, labelsOf, leadingLabelsEnd, makeRow, nearLabel, placeColumns } from './common';

const N_VALUES = REQUEST_COLUMNS.length;

/** The row spec a label names (under the current group when two share it), or null. */
function exactRow(idx: RequestIndex, n: string, group: string | null): RequestRowSpec | null {
  if (!n) return null;
  const exact = idx.keys.get(n);
  if (exact) return (group && exact.find((r) => r.parent === group)) || exact[0];
  // the same label under another marker (`(3)` for `3.`), or none: only for labels long enough to be unambiguous
  const bare = stripMarker(n);
  if (bare.length < 4) return null;
  const loose = idx.bare.get(bare);
  if (!loose) return null;
  return (group && loose.find((r) => r.parent === group)) || loose[0];
}

/** The row spec a label is a typo of, among the rows expected near `place` in the format's list. */
function nearRow(idx: RequestIndex, n: string, place: number): RequestRowSpec | null {
  if (n.length < 3) return null;
  const candidates: { norm: string; value: RequestRowSpec }[] = [];
  for (let k = Math.max(0, place - 1); k < Math.min(idx.rows.length, place + 6); k++) {
    const spec = idx.rows[k];
    for (const norm of idx.norms.get(spec)!) {
      candidates.push({ norm, value: spec });
      candidates.push({ norm: stripMarker(norm), value: spec });
    }
  }
  return nearLabel(n, candidates) ?? nearLabel(stripMarker(n), candidates);
}

/** How far `n` is from the nearest wording of row `spec`. */
function distance(idx: RequestIndex, n: string, spec: RequestRowSpec): number {
  return Math.min(...idx.norms.get(spec)!.map((x) => Math.min(editDistance(n, x, x.length), editDistance(stripMarker(n), stripMarker(x), x.length))));
}

/** Does `n` start a label of the list (a label wrapped after its first piece)? */
function startsRow(idx: RequestIndex, n: string, place: number): RequestRowSpec | null {
  if (n.length < 4) return null;
  for (let k = Math.max(0, place - 1); k < Math.min(idx.rows.length, place + 6); k++) {
    const spec = idx.rows[k];
    // (with or without its list marker)
    if (idx.norms.get(spec)!.some((x) => (x.startsWith(n) && x !== n) || (stripMarker(x).startsWith(n) && stripMarker(x) !== n))) return spec;
  }
  return null;
}

/**
 * Where the figures start in a table laid on a full grid (tab rows padded to the grid, pipe rows):
 * the column of the first figure of most complete rows, or null when the rows do not agree (a
 * Word paste, whose rows start with one tab, two or none). There a row short of a cell is short at
 * its end, not shifted.
 */
function valueColumn(rows: RawRow[]): number | null {
  const starts = new Map<number, number>();
  let complete = 0;
  for (const r of rows) {
    if (r.layout !== 'tab' && r.layout !== 'pipe') continue;
    if (r.cells.filter(isFigure).length < N_VALUES) continue;
    complete++;
    const k = r.cells.findIndex(isFigure);
    starts.set(k, (starts.get(k) ?? 0) + 1);
  }
  for (const [k, n] of starts) if (complete >= 5 && n >= complete * 0.8) return k;
  return null;
}

/** A grid row's cells from the first value column: seven, or fewer when the row is short (trailing blank columns dropped). */
function gridValues(cells: Cell[]): Cell[] {
  const v = cells.slice();
  while (v.length > N_VALUES && v[v.length - 1].text === '') v.pop();
  return v;
}

/** The format a request table's rows show: 2021 has rows under （六）其他处理, 2019 gives it figures. */
export function requestShape(rows: RawRow[]): FormatVersion | undefined {
  let is2019 = false;
  for (const r of rows) {
    for (let k = 0; k < r.cells.length; k++) {
      if (r.cells[k].kind !== 'text') continue;
      const n = stripMarker(r.cells[k].norm);
      if (n.startsWith('申请人无正当理由逾期不补正') || n.startsWith('申请人逾期未按收费通知')) return '2021';
      // (its own figures: the next cell is a figure, not the label of a row under it)
      const after = r.cells.slice(k + 1).filter((c) => c.text !== '');
      if (n === '其他处理' && after.length && isFigure(after[0]) && after.filter(isFigure).length >= N_VALUES) is2019 = true;
    }
  }
  return is2019 ? '2019' : undefined;
}

export function readRequests(doc: ReportDocument, t: Table, rows: RawRow[], version: FormatVersion): void {
  t.rows = [];
  t.irregular = [];
  t.headers = [];
  const idx = REQUESTS[version];
  let group: string | null = null;
  let dataStarted = false;
  /** The place in the format's list after the last row read. */
  let place = 0;
  const found = new Set<RequestRowSpec>();
  /** Label pieces alone on their rows, waiting to be joined with the next label or figures. */
  let pending: { cells: Cell[]; row: RawRow } | null = null;

  const gridStart = valueColumn(rows);
  /** The columns of the table's spaced rows, once a row needs them. */
  let spaced: Columns | null | undefined;
  const columnsOf = (): Columns | null => {
    if (spaced === undefined) spaced = spacedColumns(rows.map((x) => ({ row: x, values: x.cells.filter(isFigure) })), doc.lines, N_VALUES, REQUEST_COLUMNS.map((c) => c.label), t.headers);
    return spaced;
  };
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    // the cells that hold labels: up to the last that names a row; failing that, before the first figure
    let lastLabel = -1;
    let match: RequestRowSpec | null = null;
    r.cells.forEach((c, k) => {
      if (c.text === '' || isFigure(c)) return;
      const m = exactRow(idx, c.norm, group);
      if (m) {
        lastLabel = k;
        match = m;
        group = m.group ? m.id : m.parent ?? null;
      }
    });
    let matched = match as RequestRowSpec | null;
    /** The group labels written before the row's own label (三、本年度办理结果 on its group's first row). */
    let groupCells: Cell[] = [];
    /** The cells before the row's own label (group labels, pieces of a rotated one). */
    let before: Cell[] = [];
    if (matched?.group && leadingLabelsEnd(r.cells) > lastLabel) {
      // a group label, then a label that names no row (a typo): that label is the row's
      before = r.cells.slice(0, lastLabel + 1).filter((c) => c.text !== '');
      const from = lastLabel + 1;
      lastLabel = leadingLabelsEnd(r.cells);
      if (r.cells.slice(from, lastLabel + 1).some((c) => c.text !== '')) {
        matched = null;
        // (pieces of a rotated group label printed beside the group labels are no part of the row's label)
        groupCells = before.filter((c) => exactRow(idx, c.norm, null)?.group);
        const unknown = before.filter((c) => !groupCells.includes(c) && !isLabelWords(c.text));
        if (unknown.length) t.headers.push(labelsOf(unknown));
      } else before = [];
    }
    if (lastLabel < 0) lastLabel = leadingLabelsEnd(r.cells);
    let labelCells = r.cells.slice(0, lastLabel + 1).filter((c) => c.text !== '' && !before.includes(c));
    if (!matched && dataStarted) {
      // pieces of a rotated group label printed before a label that names no row as written (a typo,
      // a label wrapped after its figures) are not part of it (结 / 2.没有现成信息需要另行制 / 作)
      while (labelCells.length > 1 && isRotatedPiece(labelCells[0])) labelCells.shift();
    }
    if (matched && dataStarted) {
      // pieces before the row's labels (a rotated group label printed beside the rows) are not its label
      const k = labelCells.findIndex((c) => exactRow(idx, c.norm, group));
      if (k > 0) {
        const pieces = labelCells.slice(0, k);
        labelCells = labelCells.slice(k);
        if (pieces.every((c) => isLabelWords(c.text))) pieces.length = 0;
        else t.headers.push(labelsOf(pieces));
      }
    }
    const rest = r.cells.slice(lastLabel + 1);
    const hasFigures = rest.some((c) => c.text !== '');

    if (!dataStarted && !matched) {
      // a header row (no row label yet), unless it is (the start of) a wrapped first row
      const n = joinedNorm(labelCells);
      const joined = pending ? joinedNorm([...pending.cells, ...labelCells]) : n;
      if (!hasFigures && n && !REQUEST_HEADER_NORMS.has(n) && (startsLabel(joined) || nearStart(joined))) {
        if (pending) pending.cells.push(...labelCells);
        else pending = { cells: [...labelCells], row: r };
        continue;
      }
      if (!hasFigures || !(exactRow(idx, joined, null) || nearRow(idx, joined, place) || nearRow(idx, n, place) || (pending && !n && completeAfter(j, pending.cells)))) {
        if (pending) t.headers.push(labelsOf(pending.cells));
        pending = null;
        t.headers.push(labelsOf(r.cells));
        continue;
      }
    }
    dataStarted = true;

    // a row whose cells are all blank is a row when its label (with the pieces before it) names one
    const joinedSpec = pending ? exactRow(idx, joinedNorm([...pending.cells, ...labelCells]), group) : null;
    const blankRow = rest.length >= N_VALUES && (matched ? !matched.group : !!joinedSpec && !joinedSpec.group);
    if (!hasFigures && !blankRow) {
      // a label alone: a group label (already taken as the group), or a piece of a wrapped label
      if (matched?.group) {
        if (pending && !joinPending(null)) dropPending();
        continue;
      }
      if (matched) {
        dropPending();
        // (from the row's own label: a group label before it is the group, already taken)
        const own = labelCells.findIndex((c) => exactRow(idx, c.norm, group) === matched);
        pending = { cells: labelCells.slice(Math.max(0, own)), row: r };
      } else addPieces(labelCells, r);
      joinPending(null);
      // a label completed by this piece: a row without figures on its own rows, or the figures
      // follow on the next row (kept pending until then)
      continue;
    }

    // a row with figures (or a matched row whose cells are blank)
    let spec: RequestRowSpec | null = matched;
    let fuzzy = false;
    let first = r;
    let label = labelCells;
    if (!spec || pending) {
      const own = joinedNorm(labelCells);
      const joined = pending ? joinedNorm([...pending.cells, ...labelCells]) : own;
      const viaJoin: RequestRowSpec | null = pending ? exactRow(idx, joined, group) : null;
      if (viaJoin && (!spec || viaJoin === spec)) {
        spec = viaJoin;
        label = [...pending!.cells, ...labelCells];
        first = pending!.row;
        pending = null;
      } else if (!spec) {
        // a label that wraps onto the rows after its figures
        const withPending = pending ? completeAfter(j, [...pending.cells, ...labelCells]) : null;
        const after = withPending ?? (labelCells.length ? completeAfter(j, labelCells) : null);
        if (after) {
          spec = after.spec;
          label = [...(withPending ? pending!.cells : []), ...labelCells, ...after.cells];
          if (withPending) {
            first = pending!.row;
            pending = null;
          }
          j = after.last;
        } else {
          // a label with a typo: the row's own label, or the pending pieces and it together, whichever is nearer
          const ownNear = own ? nearRow(idx, own, place) : null;
          const joinedNear = pending ? nearRow(idx, joined, place) : null;
          const viaPending = !!joinedNear && (!ownNear || distance(idx, joined, joinedNear) <= distance(idx, own, ownNear));
          const near = viaPending ? joinedNear : ownNear;
          if (near) {
            spec = near;
            fuzzy = true;
            if (viaPending && pending) {
              label = [...pending.cells, ...labelCells];
              first = pending.row;
              pending = null;
            }
          } else if (!labelCells.length && pending) {
            label = [...pending.cells];
            first = pending.row;
            pending = null;
          }
        }
      }
      if (pending) dropPending();
    }
    if (spec) {
      group = spec.group ? spec.id : spec.parent ?? group;
      place = idx.place.get(spec)! + 1;
      found.add(spec);
    }
    let values = gridStart !== null && r.layout !== 'spaced' && r.layout !== 'text' && lastLabel < gridStart
      ? gridValues(r.cells.slice(gridStart))
      : fitValues(rest, N_VALUES);
    // a spaced row short of figures: the gaps are blank cells, placed by the table's columns
    if (r.layout === 'spaced' && values.length && values.length < N_VALUES) {
      const cols = columnsOf();
      values = (cols && placeInColumns(values, cols, doc.lines)) ?? values;
    }
    placeColumns(values, REQUEST_COLUMN_REFS);
    const path = spec ? idx.paths.get(spec)! : label.map((c) => c.text);
    label = [...groupCells, ...label];
    const row = makeRow(spec ? spec.id : '', path, label.map((c) => labelOf(c)), values, undefined, first, rows[j], doc.lines);
    // read as a row it does not name exactly (a typo, a dropped list marker): table-label says so
    if (spec && (fuzzy || !idx.norms.get(spec)!.includes(ownNorm(label)))) row.officialLabel = spec.label;
    addRow(t, row);
  }
  if (pending) dropPending();
  t.missingRows = idx.rows.filter((s) => !s.group && !found.has(s)).map((s) => s.id);

  /**
   * Label pieces alone on their row: each joins the pending label while together they start a
   * label of the list; a piece that starts a label of its own starts a new one; other pieces (a
   * rotated group label printed between the rows) are left out.
   */
  function addPieces(cells: Cell[], r: RawRow): void {
    for (const c of cells) {
      const n = c.norm;
      const joined = pending ? joinedNorm([...pending.cells, c]) : '';
      // (a label with a typo in its first piece goes on close to the start of a label)
      if (pending && (startsLabel(joined) || nearStart(joined))) pending.cells.push(c);
      else if (startsLabel(n) || nearStart(n)) {
        dropPending();
        pending = { cells: [c], row: r };
      } else if (!isLabelWords(c.text)) t.headers.push(labelsOf([c]));
    }
  }

  /** A row's own label, normalised: its pieces after the group labels written before it. */
  function ownNorm(cells: Cell[]): string {
    let k = 0;
    while (k < cells.length - 1 && exactRow(idx, cells[k].norm, null)?.group) k++;
    return joinedNorm(cells.slice(k));
  }

  /** A cell that is a piece of a label but starts no row label: a piece of a group label printed a character or two at a time. */
  function isRotatedPiece(c: Cell): boolean {
    const n = c.norm;
    return isLabelWords(c.text) && !startsLabel(n) && !exactRow(idx, n, group);
  }

  /** Does `n` start a wording of row `spec` (with or without its list marker), or nearly (a typo)? */
  function startsOrNearly(n: string, spec: RequestRowSpec): boolean {
    return idx.norms.get(spec)!.some((x) => x.startsWith(n) || stripMarker(x).startsWith(stripMarker(n))
      || nearLabel(n, [{ norm: x.slice(0, n.length), value: true }]) !== null);
  }

  /** Is `n` close to the start of a label expected here (a wrapped label with a typo in its first piece)? */
  function nearStart(n: string): boolean {
    if (n.length < 4) return false;
    // (a label that goes on at least as far as n: a complete label is no start of one with more after it)
    return idx.rows.slice(Math.max(0, place - 1), place + 6).some((spec) => idx.norms.get(spec)!
      .some((x) => x.length >= n.length && nearLabel(n, [{ norm: x.slice(0, n.length), value: true }]) !== null));
  }

  /** Is `n` a label of the list, or the start of one (with or without its list marker)? */
  function startsLabel(n: string): boolean {
    // (or its text without the list marker, when the marker was left out: 其他法律 / 行政法规禁止公开)
    return n !== '' && !n.includes('\n') && (idx.starts.includes(`\n${n}`) || (n.length >= 4 && idx.bareStarts.includes(`\n${n}`)));
  }

  /** Join the pending pieces (and `more`) if they make a group label; true when they did. */
  function joinPending(more: Cell[] | null): boolean {
    if (!pending) return false;
    const n = joinedNorm([...pending.cells, ...(more ?? [])]);
    const m = exactRow(idx, n, group);
    if (m?.group) {
      group = m.id;
      pending = null;
      return true;
    }
    return false;
  }

  /**
   * Pending pieces that were not joined with figures: a row of the list without figures, a group
   * label in pieces, or labels the table does not know (kept as headers, for `table-label`).
   */
  function dropPending(): void {
    if (!pending) return;
    const p = pending;
    pending = null;
    const n = joinedNorm(p.cells);
    const m = exactRow(idx, n, group);
    if (m?.group) group = m.id;
    else if (m) {
      group = m.parent ?? group;
      place = idx.place.get(m)! + 1;
      found.add(m);
      // (printed without figures, in a space-aligned table: its cells are blank)
      const cols = p.row.layout === 'spaced' || p.row.layout === 'text' ? columnsOf() : undefined;
      const values = cols ? blankRow(p.row.line, cols, doc.lines) : [];
      placeColumns(values, REQUEST_COLUMN_REFS);
      addRow(t, makeRow(m.id, idx.paths.get(m)!, p.cells.map((c) => labelOf(c)), values, undefined, p.row, p.row, doc.lines));
    } else if (!p.cells.every((c) => isLabelWords(c.text))) t.headers.push(labelsOf(p.cells));
  }

  /** A label begun by `head` (on row j) and completed by the label pieces alone on the rows after it. */
  function completeAfter(j: number, head: Cell[]): { spec: RequestRowSpec; cells: Cell[]; last: number } | null {
    const text = head.map((c) => c.text).join('');
    const head0 = normLabel(text);
    if (!startsRow(idx, head0, place) && !nearStart(head0)) return null;
    const cells: Cell[] = [];
    /** The closest label with a typo, when no label is completed exactly. */
    let near: { spec: RequestRowSpec; cells: Cell[]; last: number; d: number } | null = null;
    for (let k = j + 1; k < rows.length && k <= j + 3; k++) {
      const next = rows[k];
      if (next.cells.some((c) => isFigure(c))) break;
      cells.push(...next.cells.filter((c) => c.text !== ''));
      const n = normLabel(text + cells.map((c) => c.text).join(''));
      const spec = exactRow(idx, n, group);
      if (spec) return { spec, cells, last: k };
      // (a label with a typo that the head starts, or nearly: not one that merely contains the pieces)
      const typo = nearRow(idx, n, place);
      const d = typo && startsOrNearly(head0, typo) ? distance(idx, n, typo) : Infinity;
      if (typo && d < Infinity && (!near || d < near.d)) near = { spec: typo, cells: cells.slice(), last: k, d };
    }
    return near;
  }
}

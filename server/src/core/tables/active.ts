// Table 1 (主动公开, 第二十条): blocks, each a title, a header row (信息内容 and its columns) and
// rows of a label and figures. Each row is mapped onto its block's spec in the format the table's
// column labels show (2019 and 2021 differ in columns and rows).

import { BLOCKS, isLabelPieceOf, type BlockIndex } from '../specIndex';
import { chineseNumeral } from '../text';
import type { Cell, FormatVersion, ReportDocument, Table } from '../types';
import { isFigure, labelOf } from '../layout/cells';
import type { RawRow } from '../layout/regions';
import { addRow, blockNumeral, fitValues, hasValues, joinedNorm, labelsOf, makeRow, nearLabel } from './common';
import type { RowSpec } from '../spec';

interface OpenBlock {
  id: string;
  in2019: BlockIndex | undefined;
  in2021: BlockIndex | undefined;
  /** Column ids in the order the header row gives them (null until the header is read). */
  columns: string[] | null;
}

/** Cells `from…to` of row `r` as a row of their own. */
function piece(r: RawRow, from: number, to: number): RawRow {
  const cells = r.cells.slice(from, to);
  return { cells, line: cells[0].line, endLine: Math.max(...cells.map((c) => c.endLine)), layout: r.layout };
}

/** A block title that is not first in its row starts a row of its own (a missing blank line). */
function splitAtBlockTitles(input: RawRow[]): RawRow[] {
  const rows: RawRow[] = [];
  for (const r of input) {
    let from = 0;
    let filled = false;
    r.cells.forEach((c, k) => {
      if (c.text === '') return;
      if (filled && blockNumeral(c.norm)) {
        rows.push(piece(r, from, k));
        from = k;
      }
      filled = true;
    });
    rows.push(from === 0 ? r : piece(r, from, r.cells.length));
  }
  return rows;
}

export function readActive(doc: ReportDocument, t: Table, input: RawRow[]): void {
  let votes2019 = 0;
  let votes2021 = 0;
  let block: OpenBlock | null = null;
  /** A label alone on its row, waiting for the figures on the next (a wrapped row). */
  let pending: { cells: Cell[]; row: RawRow } | null = null;
  for (const r of splitAtBlockTitles(input)) {
    const at = r.cells.findIndex((c) => c.text !== '');
    if (at < 0) continue;
    const first = r.cells[at];
    const fn = first.norm;
    const numeral = blockNumeral(fn);
    if (numeral) {
      const id = `20.${chineseNumeral(numeral) ?? numeral}`;
      if (id === '20.9') votes2019 += 2;
      // (a label left alone before the title is a row of the block it was written in)
      flushPending();
      block = { id, in2019: BLOCKS['2019'].get(id), in2021: BLOCKS['2021'].get(id), columns: null };
      t.headers.push([labelOf(first)]);
      // (a Word paste may put the header on the title's row)
      if (!hasValues(r.cells, at + 1)) continue;
      readHeader(r.cells.slice(at + 1));
      continue;
    }
    const figures = r.cells.some(isFigure);
    // the header row: 信息内容 and the columns' labels (信息 / 内容 when the label wraps in its cell)
    if (fn === '信息内容' || (fn.endsWith('信息内容') && r.cells.length > 1)
      || (!figures && r.cells.length > 1 && '信息内容'.startsWith(fn) && r.cells.slice(at + 1).every((c) => !c.text || isLabelPieceOf('active', c.norm)))) {
      t.headers.push(labelsOf(r.cells.slice(at)));
      flushPending();
      readHeader(r.cells.slice(at + 1));
      continue;
    }
    // the rest of a header label wrapped in its cell (内容, 废止 / 件数): pieces of column labels
    if (!figures && block && r.cells.slice(at).every((c) => !c.text || isColumnPiece(block!, c.norm))) {
      t.headers.push(labelsOf(r.cells.slice(at)));
      continue;
    }
    // a data row: a label, then figures
    const version: FormatVersion = votes2021 > votes2019 ? '2021' : votes2019 > votes2021 ? '2019' : doc.format.version ?? '2021';
    const idx = block ? (version === '2019' ? block.in2019 : block.in2021) ?? block.in2021 ?? block.in2019 : undefined;
    const spec = idx?.spec;
    const labelCells = [first];
    const values0 = r.cells.slice(at + 1);
    if (!hasValues(values0, 0)) {
      // a row left blank (its blank cells written) is a row; a label alone may be the start of a
      // wrapped label, or a row whose figures are all missing
      if (idx && values0.length && matchRow(idx, fn).spec) {
        flushPending();
      } else {
        if (pending) pending.cells.push(first);
        else pending = { cells: [first], row: r };
        continue;
      }
    }
    let firstRow = r;
    if (pending) {
      labelCells.unshift(...pending.cells);
      firstRow = pending.row;
      pending = null;
    }
    const colIds = block?.columns ?? spec?.columns.map((c) => c.id) ?? values0.map((_, k) => `c${k}`);
    const values = fitValues(r.cells, colIds.length, at + 1);
    const m = idx ? matchRow(idx, joinedNorm(labelCells)) : { spec: undefined, fuzzy: false };
    // a wrapped label's earlier pieces that do not belong to it are a row of their own
    if (!m.spec && labelCells.length > 1 && idx) {
      const own = matchRow(idx, first.norm);
      if (own.spec) {
        pending = { cells: labelCells.slice(0, -1), row: firstRow };
        flushPending();
        labelCells.splice(0, labelCells.length - 1);
        firstRow = r;
        Object.assign(m, own);
      }
    }
    values.forEach((c, k) => {
      const id = colIds[k] ?? `c${k}`;
      const ref = idx?.cols.get(id);
      c.column = id;
      c.columnPath = ref ? ref.path : [spec?.title ?? '', id];
    });
    const rowSpec = m.spec;
    const labelText = labelCells.map((c) => c.text).join('');
    const row = makeRow(
      rowSpec?.id ?? '',
      (rowSpec && idx?.rowPaths.get(rowSpec)) || [spec?.title ?? block?.id ?? '', rowSpec?.label ?? labelText],
      labelCells.map((c) => labelOf(c)), values, block?.id, firstRow, r, doc.lines,
    );
    if (rowSpec && m.fuzzy) row.officialLabel = rowSpec.label;
    addRow(t, row);
  }
  flushPending();
  t.shape = votes2021 > votes2019 ? '2021' : votes2019 > votes2021 ? '2019' : undefined;

  /** A label left alone (no figures followed it): a row without figures. */
  function flushPending(): void {
    if (!pending) return;
    const p = pending;
    pending = null;
    const idx = block ? block.in2021 ?? block.in2019 : undefined;
    const m = idx ? matchRow(idx, joinedNorm(p.cells)) : { spec: undefined, fuzzy: false };
    const row = makeRow(
      m.spec?.id ?? '', idx && m.spec ? idx.rowPaths.get(m.spec)! : [block?.id ?? '', p.cells.map((c) => c.text).join('')],
      p.cells.map((c) => labelOf(c)), [], block?.id, p.row, p.row, doc.lines,
    );
    if (m.spec && m.fuzzy) row.officialLabel = m.spec.label;
    addRow(t, row);
  }

  function readHeader(cells: Cell[]): void {
    if (!block) return;
    block.columns = [];
    for (const c of cells) {
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
      block.columns.push(found || `?${n}`);
    }
    // a label wrapped in its cell (本年 / 新制作数量): the column at its place whose label it starts,
    // in the format whose columns the header's labels start best
    const starts = (b: BlockIndex | undefined) => block!.columns!.filter((id, k) => {
      const c = b?.spec.columns[k];
      return !!c && (id === c.id || (id.startsWith('?') && b!.columnNorms[k].startsWith(id.slice(1))));
    }).length;
    const s2019 = starts(block.in2019);
    const s2021 = starts(block.in2021);
    if (block.columns.some((id) => id.startsWith('?'))) {
      if (s2019 > s2021) votes2019++;
      else if (s2021 > s2019) votes2021++;
    }
    const order = s2019 > s2021 || (s2019 === s2021 && votes2019 > votes2021) ? [block.in2019, block.in2021] : [block.in2021, block.in2019];
    block.columns = block.columns.map((id, k) => {
      if (!id.startsWith('?')) return id;
      const n = id.slice(1);
      const b = order.find((x) => x?.columnNorms[k]?.startsWith(n));
      return b?.spec.columns[k].id ?? `c${k}`;
    });
  }
}

/** Is `n` a piece of 信息内容 or of a column label of the block (in either format)? */
function isColumnPiece(block: OpenBlock, n: string): boolean {
  if ('信息内容'.includes(n)) return true;
  return [block.in2019, block.in2021].some((b) => b?.columnNorms.some((c) => c.includes(n)));
}


/** The block's row a label names: exactly (a label or variant), or as a typo of one. */
function matchRow(idx: BlockIndex, norm: string): { spec: RowSpec | undefined; fuzzy: boolean } {
  const exact = idx.rows.get(norm);
  if (exact) return { spec: exact, fuzzy: false };
  const near = nearLabel(norm, idx.rowList);
  return { spec: near ?? undefined, fuzzy: !!near };
}

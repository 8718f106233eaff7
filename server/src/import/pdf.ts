// PDF reader: a text PDF (as WPS and Word export reports) → report text, with pdfjs-dist's text
// items and their positions. No OCR: a PDF without a text layer gets a clear error.
//
// 1. Text items of every page (each item's baseline x, y, width, font size); page numbers printed
//    alone near the top or bottom of a page (`-3-`, `— 4 —`, `第 5 页`) are dropped.
// 2. Items on one baseline form a line; a line falls into segments where two items stand apart,
//    unless a narrow space glyph (a typed word space) is between them, so every figure and every
//    label is a segment of its own. A page number is dropped only when it is a few characters wide.
// 3. Section headings (一、总体情况 …, from the spec) divide the report. In the sections of the
//    three statistics tables, the table runs from its first header line to the next section:
//    - 第二十条 blocks (table 1): line by line; each segment goes to the column of the block's
//      header whose centre is nearest;
//    - the applications and review tables (tables 3 and 4): a row is a run of figures on one
//      baseline, or (its cells all blank) a spec row's label that no run of figures claims; as many
//      figure columns as the spec's table has, at the x positions of the rows with a figure in every
//      column, else of the header's column labels; every
//      label line is given to the row nearest to it (so a label wrapped over two lines, around its
//      row's figures, is joined); a row's own label is its rightmost label; the other label
//      pieces are group labels (三、本年度办理结果 printed one character per line, （三）不 / 予公开,
//      （四）无 on one page and 法提供 on the next): pieces standing above one another are joined in
//      reading order until they spell one of the spec's group labels, which is then written in
//      its label column on the first row of its group (found from the rows' own labels and the
//      spec). The header lines above the first row are joined the same way (商业 / 企业) and each
//      piece written in the column nearest to it. A table cut by a page break is one table.
// 4. Everything else is prose: lines are joined into paragraphs (a new paragraph at an indented
//    line, a heading, or after a line that stops short of the right margin).
//
// Limits (PDF_LIMITS, checked while reading): 200 pages, 500,000 text items, 50 MB, 20 s.

import * as path from 'path';
import { REQUEST_COLUMNS, REQUEST_HEADER_LABELS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_HEADER_LABELS, SECTIONS } from '../core/spec';
import { editDistance, looseKey } from '../core/text';
import { type Block, type Converted, type GridCell, type Place, writeBlocks } from './layout';
import { ImportFailure } from './errors';

export type PdfImportErrorCode = 'not-pdf' | 'encrypted' | 'corrupt' | 'no-text' | 'too-large' | 'timeout';

/** A PDF that cannot be read. `message` is Chinese, `messageEn` English. */
export class PdfImportError extends ImportFailure<PdfImportErrorCode> {
  override name = 'PdfImportError';
}

/**
 * Limits of the PDF reader, each checked while reading: the file's size, its pages (before any is
 * read), its text items (counted as each page's text arrives), the time (pdf.js is awaited against
 * the deadline). A real report (5–30 pages, a few thousand items) is far inside them.
 */
export const PDF_LIMITS = { pages: 200, bytes: 50 * 1024 * 1024, items: 500_000, ms: 20_000 };

interface Item {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
  size: number;
  str: string;
  /** a space glyph's item (a word space when narrow; browsers also fill a cell's gap with one) */
  space?: boolean;
}

interface Seg {
  page: number;
  x: number;
  /** right end */
  r: number;
  y: number;
  size: number;
  text: string;
  /** the text as pdf.js gave it (single spaces kept) */
  raw: string;
  figure: boolean;
}

interface Line {
  page: number;
  y: number;
  size: number;
  segs: Seg[];
  /** page width, for paragraphs */
  right: number;
  left: number;
}

// ------------------------------------------------------------------ pdf.js

interface PdfTextItem {
  str?: string;
  transform: number[];
  width: number;
  height: number;
}
interface PdfPage {
  getViewport(o: { scale: number }): { width: number; height: number };
  getTextContent(): Promise<{ items: PdfTextItem[] }>;
  cleanup(): void;
}
interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfTask {
  promise: Promise<PdfDoc>;
  destroy(): Promise<void>;
}
interface Pdfjs {
  getDocument(o: object): PdfTask;
}

let loaded: Promise<Pdfjs> | undefined;

/**
 * pdf.js, from pdfjs.ts next to this module: compiled (out/) it imports the package; bundled it is
 * dist/pdfjs.js, one bundle the CLI and the language server share (loaded when the first PDF is
 * read). The require is not resolved by esbuild on purpose.
 */
function pdfjs(): Promise<Pdfjs> {
  loaded ??= (require(path.join(__dirname, 'pdfjs.js')) as { loadPdfjs(): Promise<unknown> }).loadPdfjs() as Promise<Pdfjs>;
  return loaded;
}

async function readItems(data: Uint8Array, deadline: number): Promise<{ items: Item[]; pages: { width: number; height: number }[] }> {
  if (data.byteLength > PDF_LIMITS.bytes) {
    throw new PdfImportError(`PDF 文件过大（超过 ${PDF_LIMITS.bytes / 1024 / 1024} MB）`, `The PDF is too large (over ${PDF_LIMITS.bytes / 1024 / 1024} MB)`, 'too-large');
  }
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(1024, data.byteLength)).toString('latin1');
  if (!head.includes('%PDF-')) throw new PdfImportError('不是 PDF 文件（没有 %PDF 文件头）', 'Not a PDF file (no %PDF header)', 'not-pdf');
  const lib = await pdfjs();
  // pdf.js takes ownership of (detaches) the buffer it is given: give it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    stopAtErrors: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfImportError('读取 PDF 超时', 'Reading the PDF took too long', 'timeout')), Math.max(0, deadline - Date.now()));
  });
  try {
    let doc: PdfDoc;
    try {
      doc = await Promise.race([task.promise, timeout]);
    } catch (e) {
      if (e instanceof PdfImportError) throw e;
      const name = (e as Error)?.name;
      if (name === 'PasswordException') {
        throw new PdfImportError('PDF 已加密（需要密码），无法读取', 'The PDF is encrypted (needs a password) and cannot be read', 'encrypted');
      }
      throw new PdfImportError(`PDF 文件已损坏，无法读取（${(e as Error)?.message ?? e}）`, `The PDF is corrupt and cannot be read (${(e as Error)?.message ?? e})`, 'corrupt');
    }
    if (doc.numPages > PDF_LIMITS.pages) {
      throw new PdfImportError(`PDF 页数过多（${doc.numPages} 页，上限 ${PDF_LIMITS.pages} 页）`, `The PDF has too many pages (${doc.numPages}, at most ${PDF_LIMITS.pages})`, 'too-large');
    }
    // all pages asked for at once: pdf.js answers them as its worker gets to them
    let counted = 0;
    const read = async (p: number): Promise<{ view: { width: number; height: number }; content: { items: PdfTextItem[] } }> => {
      try {
        const page = await Promise.race([doc.getPage(p), timeout]);
        const view = page.getViewport({ scale: 1 });
        const content = await Promise.race([page.getTextContent(), timeout]);
        page.cleanup();
        counted += content.items.length;
        if (counted > PDF_LIMITS.items) {
          throw new PdfImportError(`PDF 中的文字块过多（超过 ${PDF_LIMITS.items} 个）`, `The PDF has too many text items (over ${PDF_LIMITS.items})`, 'too-large');
        }
        return { view, content };
      } catch (e) {
        if (e instanceof PdfImportError) throw e;
        throw new PdfImportError(`PDF 第 ${p} 页已损坏，无法读取（${(e as Error)?.message ?? e}）`, `Page ${p} of the PDF is corrupt (${(e as Error)?.message ?? e})`, 'corrupt');
      }
    };
    const all = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => read(i + 1)));
    const items: Item[] = [];
    const pages: { width: number; height: number }[] = [];
    all.forEach(({ view, content }, i) => {
      const p = i + 1;
      pages.push(view);
      for (const it of content.items) {
        if (typeof it.str !== 'string' || !it.str) continue;
        const [a, b, , d, x, y] = it.transform;
        const size = Math.hypot(a, b) || Math.abs(d) || it.height || 10;
        if (!it.str.trim()) {
          items.push({ page: p, x, y, w: it.width, h: it.height, size, str: ' ', space: true });
          continue;
        }
        // a run of several words in one item: one item per word, at its share of the width
        const parts = [...it.str.matchAll(/\S+(?: \S+)*/g)];
        const per = it.width / Math.max(1, it.str.length);
        for (const m of parts) {
          items.push({ page: p, x: x + per * (m.index ?? 0), y, w: per * m[0].length, h: it.height, size, str: m[0] });
        }
      }
    });
    void doc.destroy();
    return { items, pages };
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
  }
}

// ------------------------------------------------------------------ lines

/** A label that starts with a list marker: 一、 （一） 1. 1、 */
const MARKER = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])/;
const FIGURE = /^[-−－]?\d[\d,，]*(?:\.\d+)?$/;
const PAGE_NUMBER = /^(?:[-—–－―‒_\s]*\d{1,4}[-—–－―‒_\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

function cjk(c: string | undefined): boolean {
  return !!c && /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(c);
}

/** Spaces between two Chinese characters in a PDF are layout (letter spacing), not text. */
function unspace(s: string): string {
  return s.replace(/([\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]) +(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f])/g, '$1');
}

function join(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return cjk(a[a.length - 1]) || cjk(b[0]) ? a + b : `${a} ${b}`;
}

function toLines(items: Item[], pages: { width: number; height: number }[]): Line[] {
  const lines: Line[] = [];
  const byPage = new Map<number, Item[]>();
  for (const it of items) (byPage.get(it.page) ?? byPage.set(it.page, []).get(it.page)!).push(it);
  for (const [page, its] of [...byPage].sort((a, b) => a[0] - b[0])) {
    its.sort((a, b) => b.y - a.y || a.x - b.x);
    const pageLines: { y: number; size: number; items: Item[] }[] = [];
    for (const it of its) {
      const last = pageLines[pageLines.length - 1];
      if (last && Math.abs(last.y - it.y) <= 0.45 * Math.min(last.size, it.size)) {
        last.items.push(it);
        last.size = Math.max(last.size, it.size);
      } else pageLines.push({ y: it.y, size: it.size, items: [it] });
    }
    const { width, height } = pages[page - 1] ?? { width: 595, height: 842 };
    const glyphs = its.filter((i) => !i.space);
    if (!glyphs.length) continue;
    const left = Math.min(...glyphs.map((i) => i.x));
    const right = Math.max(...glyphs.map((i) => i.x + i.w));
    for (const pl of pageLines) {
      const all = pl.items.sort((a, b) => a.x - b.x);
      pl.items = all.filter((i) => !i.space);
      if (!pl.items.length) continue;
      const text = pl.items.map((i) => i.str).join('');
      const nearEdge = pl.y < height * 0.12 || pl.y > height * 0.88;
      // a page header or footer: a page number alone, a few characters wide (a table row of single
      // figures near the bottom of a page is not one)
      const span = pl.items[pl.items.length - 1].x + pl.items[pl.items.length - 1].w - pl.items[0].x;
      if (nearEdge && span < pl.size * 12 && PAGE_NUMBER.test(text.trim())) continue;
      const segs: Seg[] = [];
      // a word space: a space glyph no wider than about half a character between two items joins
      // them (`1. 属于国家秘密`, `(二) 部分公开`); a wider one is a gap between cells
      let spaced = false;
      for (const it of all) {
        if (it.space) {
          spaced ||= it.w > 0 && it.w <= it.size * 0.6;
          continue;
        }
        const figure = FIGURE.test(it.str);
        const last = segs[segs.length - 1];
        const gap = last ? it.x - last.r : Infinity;
        const wordSpace = spaced;
        spaced = false;
        if (last && !figure && !last.figure && wordSpace && gap < Math.min(it.size, last.size)) {
          last.text = join(last.text, unspace(it.str));
          last.raw += ` ${it.str}`;
          last.r = Math.max(last.r, it.x + it.w);
        } else if (last && figure && /^[-−－]$/.test(last.text) && gap < it.size) {
          // a minus sign set apart from its figure (－ 2)
          last.text += it.str;
          last.raw += it.str;
          last.r = it.x + it.w;
          last.figure = true;
        } else if (last && !figure && !last.figure && gap < Math.min(it.size, last.size) * 0.15) {
          last.text = join(last.text, unspace(it.str));
          last.raw += it.str;
          last.r = Math.max(last.r, it.x + it.w);
        } else {
          segs.push({ page, x: it.x, r: it.x + it.w, y: it.y, size: it.size, text: unspace(it.str), raw: it.str, figure });
        }
      }
      lines.push({ page, y: pl.y, size: pl.size, segs, left, right: Math.min(right, width) });
    }
  }
  return lines;
}

function lineText(l: Line): string {
  return l.segs.reduce((s, g) => join(s, g.text), '');
}

function place(s: Seg): Place {
  return { kind: 'pdf', page: s.page, x: Math.round(s.x), y: Math.round(s.y) };
}

// ------------------------------------------------------------------ sections

type TableKind = 'active' | 'requests' | 'review';

function sectionOf(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  for (const s of SECTIONS) {
    if (t.startsWith(`${s.numeral}、`) && t.length <= 40 && s.keywords.some((k) => t.includes(k))) return s.id;
    if (s.variants.includes(t)) return s.id; // an unnumbered heading: exactly one of the titles
  }
  return undefined;
}

const HEADER_START: Record<TableKind, RegExp> = {
  active: /第二十条|信息内容/,
  requests: /申请人情况|本列数据|自然人|本年新收/,
  review: /行政复议|行政诉讼|结果维持/,
};

// ------------------------------------------------------------------ table 1 (第二十条)

function activeTable(lines: Line[]): Block {
  const rows: GridCell[][] = [];
  let centres: number[] = [];
  for (const l of lines) {
    const text = lineText(l);
    if (/第二十条/.test(text)) {
      rows.push([{ text, place: place(l.segs[0]) }]);
      continue;
    }
    if (/信息内容/.test(text)) centres = l.segs.map((s) => (s.x + s.r) / 2);
    const row: GridCell[] = [];
    l.segs.forEach((s, i) => {
      let col = i;
      if (centres.length && i > 0) {
        const c = (s.x + s.r) / 2;
        col = 1 + nearest(centres.slice(1), c);
        while (row[col]) col++;
      }
      row[col] = { text: s.text, place: place(s) };
    });
    rows.push(Array.from({ length: row.length }, (_, i) => row[i] ?? { text: '' }));
  }
  const width = Math.max(4, ...rows.map((r) => r.length));
  return { kind: 'table', rows: rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? { text: '' })) };
}

function nearest(values: number[], v: number): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) best = i;
  return best;
}

// ------------------------------------------------------------------ tables 3 and 4

interface FigRow {
  page: number;
  y: number;
  figures: Seg[];
  labels: Seg[];
  own?: Seg[];
  /** spec row matched by the own label */
  spec?: { id: string; depth: number; parents: string[] };
}

interface SpecRow {
  id: string;
  key: string;
  depth: number;
  parents: string[];
  group: boolean;
  label: string;
}

/** The applications table's rows of one format: key, depth and parents (a row per label and variant). */
function requestSpec(version: '2019' | '2021'): SpecRow[] {
  const rows = REQUEST_ROWS[version];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.flatMap((r) => {
    const parents: string[] = [];
    for (let p = r.parent; p; p = byId.get(p)?.parent) parents.unshift(p);
    return [r.label, ...(r.variants ?? [])].map((label) => ({ id: r.id, key: looseKey(label), depth: parents.length, parents, group: !!r.group, label }));
  });
}

/**
 * The format of an applications table: 2021 when a label is one of the rows only the 2021 format
 * has (（六）其他处理 is a group there, with three rows under it; a row in 2019).
 */
function requestVersion(segs: Seg[]): '2019' | '2021' {
  const in2019 = new Set(REQUEST_ROWS['2019'].map((r) => r.id));
  const spec2021 = requestSpec('2021');
  return segs.some((s) => MARKER.test(s.text) && !in2019.has(matchSpec(s.text, spec2021)?.id ?? 'r1')) ? '2021' : '2019';
}

/** The spec row a label piece is, by its whole text, else as the start of exactly one row's label (a wrapped label's first line). */
function matchSpec(text: string, spec: SpecRow[]): SpecRow | undefined {
  const key = looseKey(text);
  if (key.length < 3) return undefined;
  const m = bestMatch(text, spec);
  if (m) return m;
  const starts = spec.filter((s) => s.key.startsWith(key));
  return new Set(starts.map((s) => s.id)).size === 1 ? starts[0] : undefined;
}

function bestMatch(text: string, candidates: SpecRow[]): SpecRow | undefined {
  const key = looseKey(text);
  let best: SpecRow | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(key, c.key, 24);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best && bestD <= Math.max(1, Math.floor(best.key.length * 0.35)) ? best : undefined;
}

/** Two pieces stand above one another: they share at least half the narrower one's width. */
function overlaps(a: Seg, b: Seg): boolean {
  const shared = Math.min(a.r, b.r) - Math.max(a.x, b.x);
  return shared >= 0.5 * Math.min(a.r - a.x, b.r - b.x);
}

/** Join pieces that stand above one another (overlapping in x), in reading order. */
interface Stacked {
  text: string;
  first: Seg;
  segs: Seg[];
}

function stack(segs: Seg[], close?: (text: string) => boolean, deadline = Infinity): Stacked[] {
  const open: { text: string; first: Seg; last: Seg; segs: Seg[]; done: boolean }[] = [];
  for (const [i, s] of segs.entries()) {
    if ((i & 1023) === 1023) checkTime(deadline);
    const acc = open.find((a) => !a.done && overlaps(a.last, s) && (a.last.page !== s.page || Math.abs(a.last.y - s.y) < Math.max(a.last.size, s.size) * 4) || (!a.done && a.last.page !== s.page && overlaps(a.last, s)));
    if (acc) {
      acc.text = join(acc.text, s.text);
      acc.last = s;
      acc.segs.push(s);
    } else open.push({ text: s.text, first: s, last: s, segs: [s], done: false });
    const a = acc ?? open[open.length - 1];
    if (close?.(a.text)) a.done = true;
  }
  return open;
}

function figureTable(kind: 'requests' | 'review', lines: Line[], deadline: number): Block {
  // rows: runs of figures on one baseline
  const rows: FigRow[] = [];
  const others: Seg[] = [];
  for (const l of lines) {
    const figs = l.segs.filter((s) => s.figure);
    if (figs.length) {
      const row = rows.find((r) => r.page === l.page && Math.abs(r.y - l.y) <= 0.45 * l.size);
      if (row) row.figures.push(...figs);
      else rows.push({ page: l.page, y: figs[0].y, figures: figs, labels: [] });
    }
    for (const s of l.segs) if (!s.figure) others.push(s);
  }
  if (!rows.length) return { kind: 'table', rows: lines.map((l) => l.segs.map((s) => ({ text: s.text, place: place(s) }))) };
  const figLeft = Math.min(...rows.flatMap((r) => r.figures.map((f) => f.x)));

  // Rows whose cells are all blank have no figures: a label of one of the spec's rows (not a
  // group), starting with its list marker, that no row of figures claims is a row of its own.
  // Each row of figures claims the nearest such label (a wrapped label's first line stands a
  // little above its figures).
  const spec = kind === 'requests' ? requestSpec(requestVersion(others)) : [];
  const claimed = new Map<Seg, FigRow>();
  if (spec.length) {
    const candidates = others.filter((s) => s.r <= figLeft + 2 && MARKER.test(s.text) && matchSpec(s.text, spec)?.group === false);
    const pairs = candidates
      .flatMap((c) => rows.filter((r) => r.page === c.page && Math.abs(r.y - c.y) <= c.size * 2.5).map((r) => ({ c, r, d: Math.abs(r.y - c.y) })))
      .sort((a, b) => a.d - b.d);
    const taken = new Set<FigRow>();
    for (const { c, r } of pairs) {
      if (claimed.has(c) || taken.has(r)) continue;
      claimed.set(c, r);
      taken.add(r);
    }
    for (const c of candidates) {
      if (claimed.has(c)) continue;
      const r: FigRow = { page: c.page, y: c.y, figures: [], labels: [] };
      rows.push(r);
      claimed.set(c, r);
    }
    rows.sort((a, b) => a.page - b.page || b.y - a.y);
  }

  // header: everything above the first row; body labels: the rest, given to the nearest row
  const first = rows[0];
  const header: Seg[] = [];
  const bodySegs: Seg[] = [];
  for (const s of others) {
    if (!claimed.has(s) && (s.page < first.page || (s.page === first.page && s.y > first.y + s.size * 0.6 && !rows.some((r) => r.page === s.page && Math.abs(r.y - s.y) <= s.size * 0.6)))) {
      header.push(s);
    } else bodySegs.push(s);
  }
  const headerKeys = new Set((kind === 'requests' ? [...REQUEST_HEADER_LABELS, ...REQUEST_COLUMNS.map((c) => c.label)] : REVIEW_HEADER_LABELS).map(looseKey));
  const isHeader = (t: string): boolean => headerKeys.has(looseKey(t));
  // In a header, words one space apart may be separate cells (a browser writes a header row as
  // one run: 结果维持 结果纠正 …): each word at its share of the run's width.
  const words = (segs: Seg[]): Seg[] => segs.flatMap((h) => {
    const ws = [...h.raw.matchAll(/\S+/g)];
    // letter spacing (结 果, 商 业 企业) is one word: split only when every word has two characters or more
    if (ws.length < 2 || ws.some((w) => w[0].length < 2)) return [h];
    const per = (h.r - h.x) / Math.max(1, h.raw.length);
    return ws.map((m) => ({ ...h, x: h.x + per * (m.index ?? 0), r: h.x + per * ((m.index ?? 0) + m[0].length), text: m[0], raw: m[0] }));
  });
  const headPieces = stack(words(header), isHeader, deadline).sort((a, b) => a.first.page - b.first.page || b.first.y - a.first.y);
  // A header repeated at the top of a later page (a browser repeats <thead>): pieces above the
  // page's first row that spell header labels are left out (and give that page's columns).
  const repeated = new Set<Seg>();
  const pageHeads = new Map<number, Stacked[]>([[first.page, headPieces]]);
  for (const p of new Set(bodySegs.map((s) => s.page))) {
    if (p === first.page) continue;
    const top = Math.max(...rows.filter((r) => r.page === p).map((r) => r.y));
    const above = bodySegs.filter((s) => s.page === p && s.y > top + s.size * 0.6);
    for (const st of stack(above, isHeader, deadline)) if (isHeader(st.text)) st.segs.forEach((x) => repeated.add(x));
    pageHeads.set(p, stack(words(above), isHeader, deadline).filter((st) => isHeader(st.text)));
  }

  // Figure columns, as many as the spec's table has: the centres of the rows that have a figure
  // in every column; else the centres of the header's column labels (自然人 … 总计, 结果维持 …);
  // per page when the page has either, else those of the whole table. A table far from the spec
  // (neither) takes the rows with the most figures.
  const columns = (kind === 'requests' ? REQUEST_COLUMNS : REVIEW_COLUMNS).map((c) => looseKey(c.label));
  const leafKeys = new Set(columns);
  const fromRows = (rs: FigRow[], count: number): number[] | undefined => {
    const full = rs.filter((r) => r.figures.length === count);
    if (!full.length) return undefined;
    return Array.from({ length: count }, (_, i) => median(full.map((r) => centre(r.figures.sort((a, b) => a.x - b.x)[i]))));
  };
  const fromHeader = (heads: Stacked[] | undefined): number[] | undefined => {
    const leaves = (heads ?? []).filter((h) => leafKeys.has(looseKey(h.text))).map((h) => (Math.min(...h.segs.map((x) => x.x)) + Math.max(...h.segs.map((x) => x.r))) / 2);
    return leaves.length === columns.length ? leaves.sort((a, b) => a - b) : undefined;
  };
  const all = fromRows(rows, columns.length) ?? fromHeader(headPieces) ?? [...pageHeads.values()].map(fromHeader).find(Boolean)
    ?? fromRows(rows, Math.max(...rows.map((r) => r.figures.length)))!;
  const pageCentres = new Map<number, number[]>();
  for (const p of new Set(rows.map((r) => r.page))) {
    const rs = rows.filter((r) => r.page === p);
    pageCentres.set(p, (all.length === columns.length ? fromRows(rs, columns.length) ?? fromHeader(pageHeads.get(p)) : fromRows(rs, all.length)) ?? all);
  }

  // Each label piece goes to the row nearest to it; a piece without a list marker right under
  // another (a wrapped label's next line) goes with the piece above it.
  const rowOf = new Map<Seg, FigRow>();
  const ordered = bodySegs.filter((s) => !repeated.has(s)).sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);
  for (const [i, s] of ordered.entries()) {
    if ((i & 1023) === 1023) checkTime(deadline);
    let target = claimed.get(s);
    if (!target && !MARKER.test(s.text)) {
      const above = ordered.filter((o) => rowOf.has(o) && o.page === s.page && o.y > s.y && o.y - s.y <= Math.max(o.size, s.size) * 2.2 && overlaps(o, s));
      if (above.length) target = rowOf.get(above.reduce((a, b) => (b.y < a.y ? b : a)));
    }
    if (!target) {
      const near = rows.filter((r) => r.page === s.page);
      if (near.length) target = near.reduce((a, b) => (Math.abs(b.y - s.y) < Math.abs(a.y - s.y) ? b : a));
      else target = rows.filter((r) => r.page < s.page).pop() ?? first; // a page without rows: the last row before it
    }
    rowOf.set(s, target);
    target.labels.push(s);
  }

  const labelCols = kind === 'requests' ? 3 : rows.some((r) => r.labels.some((s) => s.r <= figLeft)) ? 1 : 0;
  const width = labelCols + all.length;
  const grid: GridCell[][] = [];

  // header rows: pieces stacked, then placed by their top line
  const headRows: { y: number; page: number; cells: GridCell[] }[] = [];
  for (const p of headPieces) {
    let hr = headRows.find((h) => h.page === p.first.page && Math.abs(h.y - p.first.y) < p.first.size * 0.8);
    if (!hr) {
      hr = { y: p.first.y, page: p.first.page, cells: Array.from({ length: width }, () => ({ text: '' })) };
      headRows.push(hr);
    }
    const c = centre(p.first);
    const col = p.first.r <= figLeft + 2 ? 0 : labelCols + nearest(pageCentres.get(p.first.page) ?? all, c);
    const cell = hr.cells[col];
    hr.cells[col] = { text: join(cell.text, p.text), place: cell.place ?? place(p.first) };
  }
  headRows.sort((a, b) => a.page - b.page || b.y - a.y);
  for (const h of headRows) grid.push(h.cells);

  // own labels: the rightmost label pieces of each row (with their wrapped lines)
  const groupSegs: Seg[] = [];
  for (const r of rows) {
    const labels = r.labels.filter((s) => s.r <= figLeft + 2).sort((a, b) => b.y - a.y || a.x - b.x);
    if (!labels.length) continue;
    const maxX = Math.max(...labels.map((s) => s.x));
    const own = labels.filter((s) => labels.some((o) => o.x === maxX && overlaps(o, s)) && s.x >= maxX - s.size * 2);
    r.own = own;
    for (const s of labels) if (!own.includes(s)) groupSegs.push(s);
    if (spec.length) {
      const m = bestMatch(own.map((s) => s.text).reduce(join, ''), spec.filter((s) => !s.group));
      if (m) r.spec = { id: m.id, depth: m.depth, parents: m.parents };
    }
  }
  groupSegs.sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);
  const groupSpec = spec.filter((s) => s.group);

  const groups = stack(groupSegs, (t) => !!groupSpec.length && groupSpec.some((g) => looseKey(t) === g.key || (looseKey(t).length >= g.key.length && editDistance(looseKey(t), g.key, 3) <= 2)), deadline);

  const body: GridCell[][] = rows.map(() => Array.from({ length: width }, () => ({ text: '' })));
  rows.forEach((r, i) => {
    const cols = pageCentres.get(r.page) ?? all;
    for (const f of r.figures) {
      let col = labelCols + nearest(cols, centre(f));
      while (col < width - 1 && body[i][col].text) col++;
      body[i][col] = { text: f.text.replace(/[,，]/g, ''), place: place(f) };
    }
    if (r.own && labelCols) {
      const col = Math.min(labelCols - 1, r.spec?.depth ?? 0);
      body[i][col] = { text: r.own.map((s) => s.text).reduce(join, ''), place: place(r.own[0]) };
    }
  });
  for (const g of groups) {
    let m = groupSpec.length ? bestMatch(g.text, groupSpec) : undefined;
    if (!m) {
      // pdf.js reads some vertical fonts only in part (洪泽区 2024: 三、本 of 三、本年度办理结果): a piece
      // that starts exactly one group label of the spec, with at least two characters, is that label
      const key = looseKey(g.text);
      const starts = key.length >= 2 ? groupSpec.filter((s) => s.key.startsWith(key)) : [];
      if (new Set(starts.map((s) => s.id)).size === 1) {
        m = starts[0];
        g.text = m.label;
      }
    }
    let at = rows.findIndex((r) => r.labels.includes(g.first));
    if (m) {
      const firstOfGroup = rows.findIndex((r) => r.spec?.parents.includes(m.id));
      if (firstOfGroup >= 0) at = firstOfGroup;
    }
    if (at < 0 || !labelCols) continue;
    let col = Math.min(labelCols - 1, m?.depth ?? 0);
    while (col < labelCols - 1 && body[at][col].text) col++;
    body[at][col] = { text: join(body[at][col].text, g.text), place: body[at][col].place ?? place(g.first) };
  }
  grid.push(...body);
  return { kind: 'table', rows: grid };
}

function centre(s: Seg): number {
  return (s.x + s.r) / 2;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ------------------------------------------------------------------ the report

function toBlocks(lines: Line[], deadline: number): Block[] {
  const blocks: Block[] = [];
  let section: string | undefined;
  let table: { kind: TableKind; lines: Line[] } | undefined;
  let para = '';
  let prev: Line | undefined;
  const endPara = (): void => {
    if (para) blocks.push({ kind: 'line', text: para });
    para = '';
  };
  const endTable = (): void => {
    if (!table) return;
    blocks.push(table.kind === 'active' ? activeTable(table.lines) : figureTable(table.kind, table.lines, deadline));
    table = undefined;
  };
  for (const l of lines) {
    const text = lineText(l);
    const sec = sectionOf(text);
    if (sec) {
      endPara();
      endTable();
      section = sec;
      blocks.push({ kind: 'line', text });
      prev = undefined;
      continue;
    }
    const kind = section === 'active' || section === 'requests' || section === 'review' ? (section as TableKind) : undefined;
    if (kind && !table && HEADER_START[kind].test(text.replace(/\s+/g, ''))) {
      endPara();
      table = { kind, lines: [] };
    }
    if (table) {
      table.lines.push(l);
      continue;
    }
    // prose: a new paragraph at an indented line, a numbered line, or after a short line
    const indented = l.segs[0].x > l.left + l.size * 1.5;
    const short = prev && lineEnd(prev) < prev.right - prev.size * 2;
    const numbered = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(\S{1,3}\)|\d+[.、．])/.test(text);
    if (!prev || indented || short || numbered || prev.page !== l.page && false) endPara();
    para = join(para, text);
    prev = l;
  }
  endPara();
  endTable();
  return blocks;
}

function lineEnd(l: Line): number {
  return Math.max(...l.segs.map((s) => s.r));
}

/** The time limit, in the layout steps too (a hostile file's text items must not make them run on). */
function checkTime(deadline: number): void {
  if (Date.now() > deadline) throw new PdfImportError('读取 PDF 超时', 'Reading the PDF took too long', 'timeout');
}

/** Read a PDF into report text. Throws `PdfImportError` (bilingual) for anything it cannot read. */
export async function pdfToText(data: Uint8Array): Promise<Converted> {
  const deadline = Date.now() + PDF_LIMITS.ms;
  const { items, pages } = await readItems(data, deadline);
  if (!items.length) {
    throw new PdfImportError('此 PDF 没有文字层（可能是扫描件），无法读取表格', 'This PDF has no text layer (it may be a scan): its tables cannot be read', 'no-text');
  }
  return writeBlocks(toBlocks(toLines(items, pages), deadline));
}

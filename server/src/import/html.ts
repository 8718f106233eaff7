// Web-page reader: a government web page (.html, .htm, .shtml) → report text. The page is parsed
// with htmlparser2 (a forgiving HTML parser: unclosed <p>, <td>, <tr> close as in a browser); then:
//
// - the bytes are decoded as the page says: a BOM, else `<meta charset>` / `http-equiv`
//   Content-Type in the first 4 KB (GB2312, GBK, GB18030 are read as GB18030, their superset),
//   else strict UTF-8, else GB18030;
// - script, style, head, Word's `<xml>` islands, hidden elements and the site's chrome (nav,
//   header, footer, aside) are dropped; when the page holds a report title (…政府信息公开…年度报告)
//   before the statistics tables, the text starts at the last such title, inside the smallest
//   element that holds it and the tables (menus, breadcrumbs and 索引号/发布机构 metadata outside);
// - block elements (p, div, h1…, li, br …) end a line; runs of white space, `&nbsp;` included,
//   become one space; Word's `<o:p>` and mso styles need nothing special;
// - every `<table>` is placed on its grid (rowspan and colspan expanded: the spanned text in the
//   top-left slot, empty cells in the others) and written as full-grid tab rows (layout.ts); a
//   cell's lines (`<p>`, `<br>`) are joined, without a space between Chinese characters.
//
// Pure module apart from iconv-lite (decoding) and htmlparser2.

import * as iconv from 'iconv-lite';
import { DomHandler, Parser } from 'htmlparser2';
import { type Block, type Converted, type GridCell, writeBlocks } from './layout';
import { ImportFailure } from './errors';

export type HtmlImportErrorCode = 'too-large' | 'too-many-elements' | 'too-deep' | 'table-too-large' | 'timeout';

/** A web page that cannot be read within the limits. `message` is Chinese, `messageEn` English. */
export class HtmlImportError extends ImportFailure<HtmlImportErrorCode> {
  override name = 'HtmlImportError';
}

/**
 * Limits of the web-page reader, each checked while reading: the file's size, the elements of the
 * page and their nesting, the slots of one table's grid (rowspan × colspan), the time. A real
 * report's page (a few hundred KB, a few thousand elements, nesting under 50, tables of a few
 * hundred slots) is far inside them.
 */
export const HTML_LIMITS = { bytes: 50 * 1024 * 1024, elements: 500_000, depth: 1_000, tableSlots: 1_000_000, ms: 20_000 };

function tooLate(deadline: number): void {
  if (Date.now() > deadline) {
    throw new HtmlImportError(`读取网页超时（超过 ${HTML_LIMITS.ms / 1000} 秒）`, `Reading the web page took too long (over ${HTML_LIMITS.ms / 1000} s)`, 'timeout');
  }
}

/** The subset of htmlparser2's DOM (domhandler) this module reads. */
interface Node {
  /** 'text', 'tag', 'script', 'style', 'comment', 'directive', 'cdata', 'root' */
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: Node[];
  data?: string;
}

/** The page's encoding, as the HTML standard's prescan would find it (BOM, then meta). */
export function sniffEncoding(bytes: Uint8Array): { encoding: string; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // The declaration is ASCII: read the first 4 KB as Latin-1 and look at each <meta> tag's attributes.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const cs = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (cs) return { encoding: canonical(cs[1]), bomLength: 0 };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

function canonical(name: string): string {
  const n = name.toLowerCase();
  if (n === 'gb2312' || n === 'gbk' || n === 'gb18030' || n === 'x-gbk' || n === 'cp936' || n === 'euc-cn') return 'gb18030';
  if (n === 'utf8' || n === 'unicode-1-1-utf-8') return 'utf-8';
  return iconv.encodingExists(n) ? n : 'utf-8';
}

export function decodeHtml(bytes: Uint8Array): string {
  const { encoding, bomLength } = sniffEncoding(bytes);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + bomLength, bytes.byteLength - bomLength);
  return iconv.decode(body, encoding, { stripBOM: true });
}

const SKIP = new Set(['script', 'style', 'head', 'noscript', 'template', 'xml', 'nav', 'header', 'footer', 'aside',
  'select', 'button', 'iframe', 'object', 'svg', 'math', 'img', 'input', 'textarea']);
const BLOCK = new Set(['address', 'article', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'menu', 'ol', 'p',
  'pre', 'section', 'summary', 'ul', 'caption', 'body', 'html', 'legend']);

function attr(n: Node, name: string): string | undefined {
  return n.attribs?.[name];
}

/** An element's tag name, lower case; '' for text, comments and the root. */
function tagOf(n: Node): string {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style' ? (n.name ?? '').toLowerCase() : '';
}

function hidden(n: Node): boolean {
  if (attr(n, 'hidden') !== undefined) return true;
  const style = attr(n, 'style');
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Join a cell's lines: nothing between Chinese characters, a space otherwise. */
function joinLines(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    const t = p.replace(/[\s\u00a0]+/g, ' ').trim();
    if (!t) continue;
    if (out && !(CJK.test(out[out.length - 1]) || CJK.test(t[0]))) out += ' ';
    out += t;
  }
  return out;
}

/** Reading state: the lines being collected (the last one open), and the tables met so far. */
class Reader {
  blocks: Block[] = [];
  private line = '';
  tables = 0;
  private visited = 0;
  constructor(private readonly deadline: number) {}

  text(s: string): void {
    this.line += s;
  }
  /** End the open line (a block boundary). */
  flush(): void {
    const t = this.line.replace(/[\s\u00a0]+/g, ' ').trim();
    this.line = '';
    if (t) this.blocks.push({ kind: 'line', text: t });
  }
  walk(n: Node): void {
    if (n.type === 'text') {
      this.text(n.data ?? '');
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root') return;
    if (++this.visited % 4096 === 0) tooLate(this.deadline);
    const tag = tagOf(n);
    if (SKIP.has(tag) || hidden(n)) return;
    if (tag === 'br') {
      this.flush();
      return;
    }
    if (tag === 'table') {
      this.flush();
      this.blocks.push({ kind: 'table', rows: this.table(n) });
      return;
    }
    const block = BLOCK.has(tag);
    if (block) this.flush();
    for (const c of n.children ?? []) this.walk(c);
    if (block) this.flush();
  }

  /** The table's grid: rows of cells, a spanned cell's text in its top-left slot. */
  private table(t: Node): GridCell[][] {
    const index = this.tables++;
    const trs: Node[] = [];
    const collect = (n: Node): void => {
      for (const c of n.children ?? []) {
        const tag = tagOf(c);
        if (tag === 'tr') trs.push(c);
        else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') collect(c);
      }
    };
    collect(t);
    const grid: GridCell[][] = trs.map(() => []);
    const taken: boolean[][] = trs.map(() => []);
    // the grid's slots, counted as they are taken (a rowspan × colspan can ask for millions)
    let slots = 0;
    const tooBig = (): never => {
      throw new HtmlImportError(
        `网页中的第 ${index + 1} 个表格过大（合并单元格展开后超过 ${HTML_LIMITS.tableSlots} 格）`,
        `Table ${index + 1} of the web page is too large (over ${HTML_LIMITS.tableSlots} cells once its merged cells are spread)`,
        'table-too-large',
      );
    };
    trs.forEach((tr, r) => {
      let col = 0;
      for (const td of tr.children ?? []) {
        if (tagOf(td) !== 'td' && tagOf(td) !== 'th') continue;
        if (hidden(td)) continue;
        while (taken[r][col]) col++;
        const cs = Math.min(Math.max(Number.parseInt(attr(td, 'colspan') ?? '1', 10) || 1, 1), 1000);
        let rs = Number.parseInt(attr(td, 'rowspan') ?? '1', 10);
        if (!(rs >= 0)) rs = 1;
        if (rs === 0 || r + rs > trs.length) rs = trs.length - r;
        slots += rs * cs;
        if (slots > HTML_LIMITS.tableSlots) tooBig();
        for (let i = r; i < r + rs; i++) for (let j = col; j < col + cs; j++) taken[i][j] = true;
        grid[r][col] = { text: this.cellText(td), place: { kind: 'html', table: index, row: r, column: col } };
        col += cs;
      }
    });
    const width = taken.reduce((w, row) => Math.max(w, row.length), 0);
    if (width * trs.length > HTML_LIMITS.tableSlots) tooBig();
    return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { text: '' }));
  }

  /** A cell's text: its lines (p, div, br …) joined; a nested table's rows joined with spaces. */
  private cellText(td: Node): string {
    const inner = new Reader(this.deadline);
    inner.tables = this.tables;
    for (const c of td.children ?? []) inner.walk(c);
    inner.flush();
    this.tables = inner.tables;
    const parts: string[] = [];
    for (const b of inner.blocks) {
      if (b.kind === 'line') parts.push(b.text);
      else for (const row of b.rows) parts.push(row.map((c) => c.text).filter(Boolean).join(' '));
    }
    return joinLines(parts);
  }
}

/** Official labels that mark a statistics table (any one of them in a cell). */
const TABLE_MARKS = ['信息内容', '申请人情况', '行政复议', '第二十条', '本年新收', '结果维持'];
const TITLE = /政府信息公开.{0,12}年度?报告|年度?政府信息公开.{0,6}报告/;

function isStatsTable(b: Block): boolean {
  return b.kind === 'table' && b.rows.some((r) => r.some((c) => TABLE_MARKS.some((m) => c.text.includes(m))));
}

/**
 * The report's blocks: from the last title line before the first statistics table (or the first
 * title line when the page has no statistics table), to the end. Pages without a title keep all.
 */
function reportBlocks(blocks: Block[]): Block[] {
  const firstTable = blocks.findIndex(isStatsTable);
  const end = firstTable < 0 ? blocks.length : firstTable;
  let start = -1;
  for (let i = 0; i < end; i++) {
    const b = blocks[i];
    if (b.kind === 'line' && b.text.length <= 80 && TITLE.test(b.text)) {
      start = i;
      if (firstTable < 0) break;
    }
  }
  return start < 0 ? blocks : blocks.slice(start);
}

/**
 * The element holding the report: the smallest one holding a report title and the first
 * statistics table (so the site's menus, breadcrumbs and footer outside it are dropped); the body
 * when there is no such table.
 */
function articleRoot(doc: Node): Node {
  const body = find(doc, (n) => tagOf(n) === 'body') ?? doc;
  const path: Node[] = [];
  let tablePath: Node[] | undefined;
  const visit = (n: Node): boolean => {
    path.push(n);
    if (tagOf(n) === 'table' && TABLE_MARKS.some((m) => textOf(n).includes(m))) {
      tablePath = [...path];
      return true;
    }
    for (const c of n.children ?? []) if (visit(c)) return true;
    path.pop();
    return false;
  };
  visit(body);
  if (!tablePath) return body;
  // Going up from the table, the first ancestor whose text before the table holds a title.
  for (let i = tablePath.length - 2; i >= 0; i--) {
    if (TITLE.test(textOf(tablePath[i]))) return tablePath[i];
  }
  return body;
}

function find(n: Node, pred: (n: Node) => boolean): Node | undefined {
  if (pred(n)) return n;
  for (const c of n.children ?? []) {
    const f = find(c, pred);
    if (f) return f;
  }
  return undefined;
}

function textOf(n: Node): string {
  if (n.type === 'text') return n.data ?? '';
  if ((n.type !== 'tag' && n.type !== 'root') || SKIP.has(tagOf(n))) return '';
  let s = '';
  for (const c of n.children ?? []) s += textOf(c);
  return s;
}

/** Read a web page (bytes in any of the encodings above, or an already decoded string). */
export function htmlToBlocks(input: Uint8Array | string): Block[] {
  const deadline = Date.now() + HTML_LIMITS.ms;
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > HTML_LIMITS.bytes) {
    const mb = HTML_LIMITS.bytes / 1024 / 1024;
    throw new HtmlImportError(`网页文件过大（超过 ${mb} MB）`, `The web page is too large (over ${mb} MB)`, 'too-large');
  }
  const html = typeof input === 'string' ? input : decodeHtml(input);
  const doc = parse(html, deadline);
  const reader = new Reader(deadline);
  reader.walk(articleRoot(doc));
  reader.flush();
  return reportBlocks(reader.blocks);
}

/** The page's tree (htmlparser2), its elements and nesting counted as they are opened. */
function parse(html: string, deadline: number): Node {
  const options = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
  let elements = 0;
  let depth = 0;
  class Counted extends DomHandler {
    override onopentag(name: string, attribs: Record<string, string>): void {
      if (++elements > HTML_LIMITS.elements) {
        throw new HtmlImportError(`网页中的元素过多（超过 ${HTML_LIMITS.elements} 个）`, `The web page has too many elements (over ${HTML_LIMITS.elements})`, 'too-many-elements');
      }
      if (++depth > HTML_LIMITS.depth) {
        throw new HtmlImportError(`网页中的元素嵌套过深（超过 ${HTML_LIMITS.depth} 层）`, `The web page's elements are nested too deep (over ${HTML_LIMITS.depth} levels)`, 'too-deep');
      }
      if (elements % 4096 === 0) tooLate(deadline);
      super.onopentag(name, attribs);
    }
    override onclosetag(): void {
      depth--;
      super.onclosetag();
    }
  }
  const handler = new Counted();
  new Parser(handler, options).end(html);
  return handler.root as unknown as Node;
}

export function htmlToText(input: Uint8Array | string): Converted {
  return writeBlocks(htmlToBlocks(input));
}

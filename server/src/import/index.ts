// The conversion layer: a Word document, a web page or a PDF → report text in the layout the core
// reads, with a map from each table cell of the text to its place in the original (PDF page and
// position, HTML table/row/column). One entry, `convert`; one error type, `ImportError`.
//
//   .docx               docx.ts (jszip + xmldom)
//   .html .htm .shtml   html.ts (htmlparser2; encodings from BOM or <meta>)
//   .pdf                pdf.ts  (pdfjs-dist, text layer only)
//
// Pure apart from reading the file when given a path.

import * as fs from 'fs';
import * as path from 'path';
import type { ReportDocument } from '../core/types';
import { DocxImportError, docxToConverted } from './docx';
import { HtmlImportError, htmlToText } from './html';
import { type Converted, type MapEntry, describePlace, placeAt } from './layout';
import { PdfImportError, pdfToText } from './pdf';
import { ImportFailure } from './errors';

export type { Converted, MapEntry, Place } from './layout';
export { placeAt } from './layout';

export type ImportKind = 'docx' | 'html' | 'pdf';

/** The file extensions each reader takes (lower case, with the dot). */
export const IMPORT_EXTENSIONS: Record<string, ImportKind> = {
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.shtml': 'html',
  '.pdf': 'pdf',
};

/** The reader for a file name, or undefined for a text report (or anything else). */
export function importKindOf(file: string): ImportKind | undefined {
  return IMPORT_EXTENSIONS[path.extname(file).toLowerCase()];
}

/** The reader for a file's bytes when its name does not tell: PDF, a web page, else Word. */
export function sniffKind(bytes: Uint8Array): ImportKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (/^(?:\xef\xbb\xbf)?\s*</.test(head) && /<(?:!doctype html|html|head|body|meta|div|p|table)\b/i.test(head)) return 'html';
  return 'docx';
}

/** A file that cannot be converted. `message` is Chinese, `messageEn` English. */
export class ImportError extends ImportFailure<string> {
  override name = 'ImportError';
}

/** Size limit of a file given to `convert` by path (PDF has its own, the same). */
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Convert a file (by path, or its bytes with its kind) into report text and its source map.
 * Throws `ImportError` with a bilingual reason for anything it cannot read; never anything else
 * for bad input.
 */
export async function convert(input: { path: string } | { bytes: Uint8Array; kind: ImportKind }): Promise<Converted & { kind: ImportKind }> {
  let kind: ImportKind;
  let bytes: Uint8Array;
  if ('path' in input) {
    const k = importKindOf(input.path);
    if (!k) throw new ImportError('不是可导入的文件（.pdf、.html、.htm、.shtml、.docx）', 'Not a file that can be imported (.pdf, .html, .htm, .shtml, .docx)', 'unknown-kind');
    kind = k;
    const st = fs.statSync(input.path);
    if (st.size > MAX_BYTES) throw new ImportError(`文件过大（超过 ${MAX_BYTES / 1024 / 1024} MB）`, `The file is too large (over ${MAX_BYTES / 1024 / 1024} MB)`, 'too-large');
    bytes = fs.readFileSync(input.path);
  } else {
    kind = input.kind;
    bytes = input.bytes;
    if (bytes.byteLength > MAX_BYTES) throw new ImportError(`文件过大（超过 ${MAX_BYTES / 1024 / 1024} MB）`, `The file is too large (over ${MAX_BYTES / 1024 / 1024} MB)`, 'too-large');
  }
  try {
    switch (kind) {
      case 'docx':
        return { ...(await docxToConverted(bytes)), kind };
      case 'html':
        return { ...htmlToText(bytes), kind };
      case 'pdf':
        return { ...(await pdfToText(bytes)), kind };
    }
  } catch (e) {
    if (e instanceof DocxImportError || e instanceof PdfImportError || e instanceof HtmlImportError) throw new ImportError(e.message, e.messageEn, e.code);
    const m = (e as Error)?.message ?? String(e);
    throw new ImportError(`导入失败：${m}`, `Import failed: ${m}`, 'failed');
  }
}

const TABLE_NAMES: Record<string, { zh: string; en: string }> = {
  active: { zh: '表二', en: 'table 2' },
  requests: { zh: '表三', en: 'table 3' },
  review: { zh: '表四', en: 'table 4' },
};

/**
 * Where a diagnostic is in the original file, for the outputs: `where` as the text output prints
 * it (`第3页 表三 （四）1. 总计`), and the place as data: a PDF's page (from 1) and the position in
 * PDF points (x from the left, y from the bottom of the page), or a web page's table, row and
 * column (from 1, the grid after rowspan and colspan), or a Word table's table, row and cell (from 1).
 */
export type DiagnosticSource =
  | { where: string; kind: 'pdf'; page: number; x: number; y: number }
  | { where: string; kind: 'html'; table: number; row: number; column: number }
  | { where: string; kind: 'docx'; table: number; row: number; cell: number };

/**
 * Where a position of the converted text is in the original, for a diagnostic:
 * `第3页 表三 （四）1. 总计` / `page 3, table 3, (四)1. 总计`. Undefined when the position is not in a
 * table cell that has a place.
 */
export function sourceOf(doc: ReportDocument, map: MapEntry[], line: number, character: number, lang: 'zh' | 'en'): DiagnosticSource | undefined {
  const entry = placeAt(map, line, character) ?? map.find((e) => e.line === line);
  if (!entry) return undefined;
  const parts = [describePlace(entry.place, lang)];
  const table = doc.tables.find((t) => t.startLine <= line && line <= t.endLine);
  if (table) {
    const name = TABLE_NAMES[table.kind];
    if (name) parts.push(name[lang]);
    const row = table.rows.find((r) => r.line <= line && line <= r.endLine);
    const cell = row?.cells.find((c) => c.range.start.line === line && c.range.start.character <= character && character <= c.range.end.character);
    if (row) {
      const path = row.labelPath.length > 1 ? row.labelPath.slice(1) : row.labelPath;
      const label = path.map((p) => /^([（(][一二三四五六七八九十]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)/.exec(p)?.[1] ?? p).join('');
      parts.push(cell ? `${label} ${cell.columnPath[cell.columnPath.length - 1] ?? ''}`.trim() : label);
    }
  }
  const where = parts.filter(Boolean).join(lang === 'zh' ? ' ' : ', ');
  const p = entry.place;
  switch (p.kind) {
    case 'pdf':
      return { where, kind: 'pdf', page: p.page, x: p.x, y: p.y };
    case 'html':
      return { where, kind: 'html', table: p.table + 1, row: p.row + 1, column: p.column + 1 };
    case 'docx':
      return { where, kind: 'docx', table: p.table + 1, row: p.row + 1, cell: p.cell + 1 };
  }
}

/** `sourceOf`'s description alone (empty when the position has no place in the original). */
export function describeSource(doc: ReportDocument, map: MapEntry[], line: number, character: number, lang: 'zh' | 'en'): string {
  return sourceOf(doc, map, line, character, lang)?.where ?? '';
}

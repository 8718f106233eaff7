// Reading any report the CLI is given: a text report as io.ts reads it, or a Word document, web
// page or PDF converted by the import layer (server/src/import). One function, `readReportFile`,
// for check, audit and render.

import { ImportError, type ImportKind, type MapEntry, convert, importKindOf } from '../import';
import { FileError, type TextFile, readTextFile } from './io';

/** A report read from a file: its text, and for a converted file its kind and source map. */
export type ReportFile =
  | (TextFile & { bytes: Buffer; converted?: undefined })
  | { text: string; converted: { kind: ImportKind; map: MapEntry[] } };

/**
 * Read `file` as report text: .pdf, .html, .htm, .shtml and .docx are converted, anything else is
 * read as a text report. Throws `FileError` (bilingual reason) when it cannot be read.
 */
export async function readReportFile(file: string): Promise<ReportFile> {
  if (!importKindOf(file)) return readTextFile(file);
  try {
    const { text, map, kind } = await convert({ path: file });
    return { text, converted: { kind, map } };
  } catch (e) {
    if (e instanceof ImportError) throw new FileError(file, { zh: e.message, en: e.messageEn });
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') throw new FileError(file, { zh: '文件或目录不存在', en: 'no such file or directory' });
    if (code === 'EACCES' || code === 'EPERM') throw new FileError(file, { zh: '没有访问权限', en: 'permission denied' });
    if (code === 'EISDIR') throw new FileError(file, { zh: '这是一个目录', en: 'is a directory' });
    const m = (e as Error)?.message ?? String(e);
    throw new FileError(file, { zh: m, en: m });
  }
}

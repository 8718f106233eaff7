// Report files in the workspace folders: for cross-report checks (carry-over between years) and for
// the folder check (every report's diagnostics in the Problems panel without opening it, see
// workspaceDiagnostics.ts). Scanned in the background (never on a check's path), bounded in depth,
// entries, files and size; each file is read and parsed once per mtime, and yields to the event loop
// between files so that typing in an open report is never held up. What is kept per file is small:
// a slim copy of what the cross-report checks read (title, year, the requests table's rows) and what
// the folder check computed from it (its diagnostics), never the whole parsed report.

import { constants as fsConstants, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, type Cell, type Diagnostic, type Range, type ReportDocument, type Row } from '../core';
import { badByteDiagnostics, decodeText } from '../cli/io';
import { detached } from '../core/text';
import { organKey } from '../core/cross';
import { looksLikeReport as hasReportTitle } from '../core/detect';

export const LIMITS = {
  maxDepth: 8,
  maxEntries: 100_000,
  maxReports: 5_000,
  /** Files larger than this are not read (the server sets it from zwgk-report.largeReportSize). */
  maxBytes: 2 * 1024 * 1024,
  /** Minimum time between two scans (ms), unless a file watcher tells us something changed. */
  rescanAfter: 30_000,
};

const SKIP_DIRS = new Set(['node_modules', 'out', '.git', '.vscode-test', '.svn', '.hg']);

/** What a file check (the folder check) makes of a report when it is read; kept with the file. `extra`: the reading's own diagnostics (bad UTF-8 bytes). */
export type FileChecker<R> = (uri: string, doc: ReportDocument, extra: Diagnostic[]) => R;

/** A report file as the server reads it: its text and the diagnostics of its decoding (bad UTF-8 bytes). */
export interface ReadReport {
  text: string;
  extra: Diagnostic[];
}

/**
 * Read a report file from disk the way the CLI does: a regular file only (not a FIFO or device),
 * at most `limit` bytes (never more read, even if it grows meanwhile), decoded by the CLI's
 * decodeText (BOMs; UTF-8 unless the bytes as a whole say GB18030; a few bad bytes stay U+FFFD with
 * a diagnostic each). Undefined when it is not one, too large, or not text.
 */
export async function readReport(file: string, limit: number): Promise<ReadReport | undefined> {
  // non-blocking: a FIFO put in the file's place since it was listed does not hold the open up
  const fh = await fsp.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size > limit) return undefined;
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) break;
    }
    if (n > limit) return undefined;
    const decoded = decodeText(buf.subarray(0, n), file);
    return { text: decoded.text, extra: badByteDiagnostics(decoded) };
  } catch {
    return undefined; // not text (NUL bytes) or unreadable
  } finally {
    await fh.close();
  }
}

export interface WorkspaceFile<R = unknown> {
  uri: string;
  /** The slim report: title, year, format and the requests table (what checkAcross reads). */
  doc: ReportDocument;
  /** organ|year, to find the same organ's report for another year without looking at every file. */
  key: string;
  /** What the file checker returned for this version of the file. */
  result?: R;
}

interface FileEntry<R> extends WorkspaceFile<R> {
  mtimeMs: number;
  size: number;
}

/** Progress of a scan that reads many files (the server shows it as a progress notification). */
export interface ScanProgress {
  begin(total: number): void;
  step(done: number, total: number): void;
  end(): void;
}

/** Is this file name (and its first lines) a report? */
export function isReportName(name: string): 'yes' | 'maybe' | 'no' {
  const n = name.toLowerCase();
  if (n.endsWith('.zwgk') || n.endsWith('.zwgk.txt')) return 'yes';
  if (n.endsWith('.txt')) return 'maybe';
  return 'no';
}

/** A .txt file is a report when one of its first lines is a report title (as the client's auto-detection). */
export function looksLikeReport(head: string): boolean {
  return hasReportTitle(head.split(/\r?\n/, 12));
}

export function reportKey(doc: Pick<ReportDocument, 'year' | 'title'>, year = doc.year): string {
  return `${organKey(doc as ReportDocument)}|${year ?? ''}`;
}

/**
 * What the cross-report checks read of a report, copied out of the parsed model: the title, the year,
 * the format, and the requests table's carried-over and carried-forward rows (fresh strings: nothing
 * in it keeps the file's whole text alive), so that a folder of 1,000 reports costs little memory.
 */
export function slim(doc: ReportDocument): ReportDocument {
  const range = (r: Range): Range => ({ start: { ...r.start }, end: { ...r.end } });
  const cell = (c: Cell): Cell => ({
    column: c.column, columnPath: [], raw: detached(c.raw), text: detached(c.text), norm: detached(c.norm), kind: c.kind, value: c.value, line: c.line, endLine: c.endLine,
    ...(c.unit !== undefined ? { unit: detached(c.unit) } : {}), range: range(c.range), valueRange: range(c.valueRange),
  });
  const row = (r: Row): Row => ({
    id: r.id, labelPath: r.labelPath.map(detached), labelCells: [], cells: r.cells.map(cell), line: r.line, endLine: r.endLine, range: range(r.range),
  });
  const tables = doc.tables.filter((t) => t.kind === 'requests').slice(0, 1)
    .map((t) => ({ kind: t.kind, rows: t.rows.filter((r) => r.id === 'carried' || r.id === 'next').map(row) }));
  const title = doc.title ? (JSON.parse(JSON.stringify(doc.title)) as ReportDocument['title']) : doc.title;
  return { year: doc.year, title, format: JSON.parse(JSON.stringify(doc.format)), tables } as unknown as ReportDocument;
}

export class WorkspaceReports<R = unknown> {
  private folders: string[] = [];
  private files = new Map<string, FileEntry<R>>();
  private byKey = new Map<string, FileEntry<R>[]>();
  private scanning: Promise<void> | undefined;
  private lastScan = 0;
  private dirty = true;
  private checker: FileChecker<R> | undefined;
  /** Files to re-read at the next scan whatever their mtime (after a settings change). */
  private stale = false;
  progress: ScanProgress | undefined;
  /** Files larger than this (bytes) are not read. */
  maxBytes = LIMITS.maxBytes;
  /** Reading more files than this in one scan shows progress. */
  progressFrom = 50;

  constructor(
    private readonly onChanged: (changed: string[], removed: string[]) => void,
    private readonly log: (m: string) => void,
  ) {}

  setFolders(uris: string[]): void {
    this.folders = [];
    for (const u of uris) {
      try {
        if (u.startsWith('file:')) this.folders.push(fileURLToPath(u));
      } catch { /* not a file URI */ }
    }
    this.dirty = true;
  }

  get folderCount(): number {
    return this.folders.length;
  }

  /** The check made of each file as it is read (the folder check); its result is kept with the file. */
  setChecker(checker: FileChecker<R> | undefined): void {
    this.checker = checker;
    this.recheckAll();
  }

  /** Re-read and re-check every file at the next scan (settings changed). */
  recheckAll(): void {
    this.stale = true;
    this.dirty = true;
  }

  /** Something changed on disk (file watcher). */
  invalidate(): void {
    this.dirty = true;
  }

  /** The reports found so far; starts a background scan when due. Never waits. */
  reports(): WorkspaceFile<R>[] {
    void this.kick();
    return [...this.files.values()];
  }

  /** The reports of one organ (organKey) for one year; starts a background scan when due. */
  find(doc: Pick<ReportDocument, 'year' | 'title'>, year: number | null | undefined): WorkspaceFile<R>[] {
    void this.kick();
    return this.byKey.get(reportKey(doc, year ?? null)) ?? [];
  }

  get(uri: string): WorkspaceFile<R> | undefined {
    return this.files.get(uri);
  }

  /** Start a scan when due; resolves when it ends (tests and callers may ignore it). */
  kick(): Promise<void> {
    if (this.scanning) return this.scanning;
    if (!this.folders.length) return Promise.resolve();
    if (!this.dirty && Date.now() - this.lastScan < LIMITS.rescanAfter) return Promise.resolve();
    this.dirty = false;
    this.scanning = this.scan()
      .then(({ changed, removed }) => { if (changed.length || removed.length) this.onChanged(changed, removed); })
      .catch((e) => this.log(`workspace scan failed: ${(e as Error)?.message ?? e}`))
      .finally(() => {
        this.lastScan = Date.now();
        this.scanning = undefined;
        // a change that came during the scan: scan again
        if (this.dirty) void this.kick();
      });
    return this.scanning;
  }

  /** Scan now (or after the scan under way), even if one ran recently. */
  async scanNow(): Promise<void> {
    if (this.scanning) await this.scanning;
    this.dirty = true;
    this.lastScan = 0;
    await this.kick();
  }

  private async scan(): Promise<{ changed: string[]; removed: string[] }> {
    const found: string[] = [];
    let entries = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > LIMITS.maxDepth || found.length >= LIMITS.maxReports || entries >= LIMITS.maxEntries) return;
      let list: import('node:fs').Dirent[];
      try {
        list = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of list) {
        if (++entries > LIMITS.maxEntries || found.length >= LIMITS.maxReports) return;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(p, depth + 1);
        } else if (e.isFile() && isReportName(e.name) !== 'no') found.push(p);
      }
    };
    for (const f of this.folders) await walk(f, 0);

    const stale = this.stale;
    this.stale = false;
    const changed: string[] = [];
    const seen = new Set<string>();
    const progress = found.length >= this.progressFrom ? this.progress : undefined;
    progress?.begin(found.length);
    try {
      let done = 0;
      for (const p of found) {
        done++;
        if (done % 25 === 0) progress?.step(done, found.length);
        const uri = pathToFileURL(p).toString();
        try {
          const st = await fsp.stat(p);
          if (!st.isFile()) continue;
          if (st.size > this.maxBytes) {
            if (isReportName(p) === 'yes') this.log(`${p}: ${st.size} bytes, over the limit of ${this.maxBytes} (zwgk-report.largeReportSize): not read by the folder check`);
            continue;
          }
          const old = this.files.get(uri);
          if (!stale && old && old.mtimeMs === st.mtimeMs && old.size === st.size) { seen.add(uri); continue; }
          const read = await readReport(p, this.maxBytes);
          if (!read) continue;
          const { text, extra } = read;
          if (isReportName(p) === 'maybe' && !looksLikeReport(text.slice(0, 2000))) continue;
          const doc = parse(text);
          const entry: FileEntry<R> = { uri, mtimeMs: st.mtimeMs, size: st.size, doc: slim(doc), key: reportKey(doc) };
          // in the index before the check: the checker finds the reports read so far (carry-over)
          this.forget(old);
          this.files.set(uri, entry);
          this.index(entry);
          if (this.checker) {
            try {
              entry.result = this.checker(uri, doc, extra);
            } catch (e) {
              this.log(`check of ${uri} failed: ${(e as Error)?.stack ?? e}`);
            }
          }
          seen.add(uri);
          changed.push(uri);
          // let the server answer requests (and check what is typed) between files
          await new Promise((r) => setImmediate(r));
        } catch {
          /* unreadable: skip */
        }
      }
    } finally {
      progress?.end();
    }
    const removed: string[] = [];
    for (const [uri, f] of [...this.files]) if (!seen.has(uri)) { this.forget(f); this.files.delete(uri); removed.push(uri); }
    return { changed, removed };
  }

  private index(f: FileEntry<R>): void {
    const list = this.byKey.get(f.key);
    if (list) list.push(f); else this.byKey.set(f.key, [f]);
  }

  private forget(f: FileEntry<R> | undefined): void {
    if (!f) return;
    const list = this.byKey.get(f.key);
    const k = list?.indexOf(f) ?? -1;
    if (k >= 0) list!.splice(k, 1);
    if (list && !list.length) this.byKey.delete(f.key);
  }
}

// Checking many report files on every core: the files are spread over worker threads in small
// batches, each file is read, checked and reduced to a `FileRecord` (what the outputs need: organ,
// year, format, the diagnostics as plain strings, the few figures carry-over needs), and the
// records come back in the files' order (their index), whatever the scheduling. Nothing of a
// document outlives its file. With one job the same work runs in this thread.
//
// The same module is the worker's entry: `new Worker(__filename)` loads this file (or, bundled,
// dist/cli.js, which contains it), and the code at the bottom starts answering batches.

// (first: V8's heap sizing, set in a worker before the rest is loaded; heap.ts)
import './heap';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker, isMainThread, parentPort, threadId, workerData } from 'worker_threads';
import { analyze, msg } from '../core';
import type { CheckOptions, Diagnostic, Lang, Range, Severity } from '../core';
import { type CarryCell, type CarryFacts, carryFacts } from '../core/cross';
import { FileError, badByteDiagnostics } from './io';
import { readReportFile } from './read';
import { type DiagnosticSource, sourceOf } from '../import';
import { type PageEntry, SHARD, shardName, shardOf, shardScript } from './site-page';

/** A diagnostic reduced to what the outputs print (the message in the run's language). */
export interface SlimDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Places in other files (carry-over points into the year before). */
  related?: { file: string; line: number; character: number }[];
  /** Where it is in the original of a converted file (PDF page and position, web-page table cell). */
  source?: DiagnosticSource;
}

/**
 * Carry-over's figures of one report, packed into short strings (a batch of 100,000 reports keeps
 * one of these for about every report, so they are small: about 150 bytes a row). Per cell:
 * kind, value, and the place a diagnostic (carried) or its related information (next) points at.
 */
export interface PackedFacts {
  key: string;
  year: number;
  carried?: string;
  next?: string;
}

export interface FileRecord {
  /** Position in the run's stable order. */
  index: number;
  file: string;
  /** Why the file could not be read (in the run's language); nothing else is set then. */
  unreadable?: string;
  organ: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  encoding: string | null;
  /** Diagnostics of every severity. */
  counts: Record<Severity, number>;
  /** The diagnostics kept (all, or only errors and warnings: `WorkerConfig.keep`), in position order. */
  diagnostics: SlimDiagnostic[];
  facts: PackedFacts | null;
  /** Its text and diagnostics are in its shard of the audit site (`WorkerConfig.pagesDir`): it has a page. */
  page?: boolean;
}

export interface WorkerConfig {
  options: CheckOptions;
  lang: Lang;
  /** Which diagnostics a record keeps: `all`, or `problems` (errors and warnings; the rest counted). */
  keep: 'all' | 'problems';
  /** Write each report's text and diagnostics into its shard in this folder (absolute; site-page.ts). */
  pagesDir?: string;
}

export interface Task {
  /** Position in the run's stable order (its place in the files given to `runPool`). */
  index: number;
  file: string;
}

const KIND = ['number', 'blank', 'text'] as const;

/** `kind,value,line,character,line,character` per cell, cells joined by `;` (the place: the blank cell, or the number in it). */
function packCells(cells: CarryCell[] | undefined): string | undefined {
  if (!cells) return undefined;
  return cells.map((c) => {
    const r = c.kind === 'blank' ? c.range : c.valueRange;
    return `${Math.max(0, KIND.indexOf(c.kind as (typeof KIND)[number]))},${c.value ?? ''},${r.start.line},${r.start.character},${r.end.line},${r.end.character}`;
  }).join(';');
}

function unpackCells(s: string | undefined): CarryCell[] | undefined {
  if (s === undefined) return undefined;
  return s.split(';').map((cell) => {
    const [k, v, sl, sc, el, ec] = cell.split(',');
    const range = { start: { line: Number(sl), character: Number(sc) }, end: { line: Number(el), character: Number(ec) } };
    return { kind: KIND[Number(k)] as CarryCell['kind'], value: v === '' ? null : Number(v), range, valueRange: range };
  });
}

export function packFacts(f: CarryFacts | null): PackedFacts | null {
  if (!f) return null;
  const out: PackedFacts = { key: f.key, year: f.year };
  const carried = packCells(f.carried);
  const next = packCells(f.next);
  if (carried !== undefined) out.carried = carried;
  if (next !== undefined) out.next = next;
  return out;
}

export function unpackFacts(p: PackedFacts): CarryFacts {
  return { key: p.key, year: p.year, carried: unpackCells(p.carried), next: unpackCells(p.next) };
}

export function slim(d: Diagnostic, lang: Lang): SlimDiagnostic {
  const out: SlimDiagnostic = { code: d.code, severity: d.severity, message: msg(d.message, lang), range: d.range };
  const rel = d.related?.filter((x) => x.uri);
  if (rel?.length) out.related = rel.map((x) => ({ file: x.uri!, line: x.range.start.line, character: x.range.start.character }));
  return out;
}

/** A slim diagnostic back as the core's, for the renderer (the message the same in both languages). */
export function asDiagnostic(d: SlimDiagnostic): Diagnostic {
  return {
    code: d.code, severity: d.severity, range: d.range, message: { zh: d.message, en: d.message },
    ...(d.related ? { related: d.related.map((r) => ({ uri: r.file, range: { start: { line: r.line, character: r.character }, end: { line: r.line, character: r.character } }, message: { zh: r.file, en: r.file } })) } : {}),
  };
}

/**
 * Read, check and reduce one file. Never throws: a file that cannot be read is a record saying so.
 * With `pages`, the report's page entry (its text and every diagnostic) is added to it.
 */
export async function processFile(task: Task, cfg: WorkerConfig, pages?: PageEntry[]): Promise<FileRecord> {
  const rec: FileRecord = {
    index: task.index, file: task.file, organ: null, year: null, format: null, encoding: null,
    counts: { error: 0, warning: 0, information: 0, hint: 0 }, diagnostics: [], facts: null,
  };
  try {
    // (a text report, or a PDF, web page or Word file converted by the import layer)
    const f = await readReportFile(task.file);
    const analysed = analyze(f.text, cfg.options);
    const doc = analysed.doc;
    // (a UTF-8 file's bad bytes, each a warning at its place, in position order with the rest)
    const bad = f.converted ? [] : badByteDiagnostics(f);
    const diagnostics = bad.length ? [...bad, ...analysed.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character) : analysed.diagnostics;
    rec.organ = doc.title?.organ || null;
    rec.year = doc.year;
    rec.format = doc.format.version;
    rec.encoding = f.converted ? f.converted.kind : f.encoding;
    for (const d of diagnostics) {
      rec.counts[d.severity]++;
      if (cfg.keep !== 'all' && d.severity !== 'error' && d.severity !== 'warning') continue;
      const sd = slim(d, cfg.lang);
      const source = f.converted?.map.length ? sourceOf(doc, f.converted.map, d.range.start.line, d.range.start.character, cfg.lang) : undefined;
      if (source) sd.source = source;
      rec.diagnostics.push(sd);
    }
    rec.facts = packFacts(carryFacts(doc));
    if (pages) {
      pages.push({ index: task.index, file: task.file, text: f.text, diagnostics: diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: msg(d.message, cfg.lang), range: d.range })) });
      rec.page = true;
    }
  } catch (e) {
    rec.unreadable = e instanceof FileError ? msg(e.reason, cfg.lang) : String((e as Error)?.message ?? e);
    rec.counts = { error: 0, warning: 0, information: 0, hint: 0 };
    rec.diagnostics = [];
    rec.facts = null;
    delete rec.page;
    if (pages?.[pages.length - 1]?.index === task.index) pages.pop();
  }
  return rec;
}

const madeDirs = new Set<string>();

/**
 * Write a file of the audit site's reports folder (`dir`, absolute) as `name`: temporary name, then
 * rename, so that neither a reader nor Ctrl-C ever sees half of it. Without the fsync of
 * `writeFileAtomic`: these files are many and regenerated by any new run (docs/limits.md).
 */
export function writeSiteFile(dir: string, name: string, text: string): void {
  const file = path.join(dir, name);
  const sub = path.dirname(file);
  if (!madeDirs.has(sub)) {
    fs.mkdirSync(sub, { recursive: true });
    madeDirs.add(sub);
  }
  const tmp = path.join(sub, `.${path.basename(file)}.${process.pid}-${threadId}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * A batch (one whole shard of the site, or less when some of its files were known unreadable):
 * its records, and with `cfg.pagesDir` its shard written. `stopping()` true ends it early,
 * the shard unwritten (Ctrl-C).
 */
export async function processBatch(tasks: Task[], cfg: WorkerConfig, stopping: () => boolean = () => false): Promise<FileRecord[] | null> {
  const pages: PageEntry[] | undefined = cfg.pagesDir ? [] : undefined;
  const records: FileRecord[] = [];
  for (const t of tasks) {
    if (stopping()) return null;
    records.push(await processFile(t, cfg, pages));
  }
  if (pages?.length) {
    const format = cfg.options.format;
    writeSiteFile(cfg.pagesDir!, shardName(shardOf(pages[0].index)), shardScript('ZWGK_SHARD', { lang: cfg.lang, ...(format ? { format } : {}), reports: pages }));
  }
  return records;
}

// ------------------------------------------------------------------ the pool

/** Files per message to a worker (one shard of the site), and how far ahead of the next record in order work may run. */
const BATCH = SHARD;
const AHEAD = 2048;
const YOUNG_MB = 8;

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export interface PoolRun {
  /** Stop as soon as possible: no more files are started, the workers are ended. */
  abort(): void;
  /** Resolves when every record has been delivered (or the run was aborted). */
  done: Promise<void>;
}

/**
 * Check `files` on `jobs` threads (a file's index is its place in `files`: the run's stable order);
 * `onRecord` receives the records in index order. `pre` gives records known without reading (e.g.
 * a path that does not exist). Only the paths are kept for the whole run: a task is made when its
 * batch is handed out.
 */
export function runPool(files: readonly string[], cfg: WorkerConfig, jobs: number, onRecord: (r: FileRecord) => void, pre: Map<number, FileRecord> = new Map()): PoolRun {
  let aborted = false;
  let next = 0; // index of the next record to deliver
  let cursor = 0; // next task to hand out
  const ready = new Map<number, FileRecord>(pre);
  const deliver = (): void => {
    while (!aborted && ready.has(next)) {
      const r = ready.get(next)!;
      ready.delete(next);
      next++;
      onRecord(r);
    }
  };
  /** The next batch: the rest of the shard `cursor` is in (never part of one: its file is written once). */
  const take = (): Task[] => {
    const out: Task[] = [];
    while (!out.length && cursor < files.length && cursor < next + AHEAD) {
      const end = Math.min(files.length, (Math.floor(cursor / BATCH) + 1) * BATCH);
      while (cursor < end) {
        const index = cursor++;
        if (!pre.has(index)) out.push({ index, file: files[index] });
      }
    }
    return out;
  };

  if (jobs <= 1 || files.length <= BATCH) {
    const done = (async () => {
      while (!aborted && next < files.length) {
        const batch = take();
        for (const r of (await processBatch(batch, cfg, () => aborted)) ?? []) ready.set(r.index, r);
        deliver();
        if (!batch.length && !ready.has(next)) break; // nothing left to do (cannot happen with pre ⊆ files)
        await new Promise<void>((r) => setImmediate(r)); // let a signal or a pipe through
      }
    })();
    return { abort: () => { aborted = true; }, done };
  }

  const workers = new Set<Worker>();
  let resolveDone!: () => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => { resolveDone = res; rejectDone = rej; });
  const finish = (): void => {
    for (const w of workers) void w.terminate(); // idle: every record is in
    workers.clear();
    resolveDone();
  };
  /**
   * Stop early: each worker finishes the file in hand (so that no page is left half-written) and
   * exits; `done` resolves when all have (or after a few seconds, ended the hard way).
   */
  const stopAll = (): void => {
    if (!workers.size) {
      resolveDone();
      return;
    }
    const timer = setTimeout(() => {
      for (const w of workers) void w.terminate();
    }, 5000);
    for (const w of workers) {
      w.once('exit', () => {
        workers.delete(w);
        if (!workers.size) {
          clearTimeout(timer);
          resolveDone();
        }
      });
      w.postMessage({ stop: true });
    }
  };
  const inflight = new Map<Worker, Task[][]>();
  const feed = (w: Worker): void => {
    const q = inflight.get(w)!;
    while (q.length < 2) {
      const batch = take();
      if (!batch.length) break;
      q.push(batch);
      w.postMessage({ tasks: batch });
    }
  };
  const check = (): void => {
    deliver();
    if (aborted) return;
    if (next >= files.length) {
      finish();
      return;
    }
    for (const w of workers) feed(w);
  };
  const start = (): void => {
    // a small young generation: the work is many short-lived objects per file; RSS stays lower at no cost in speed measured
    const w = new Worker(__filename, { workerData: { zwgkPool: true, cfg }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    workers.add(w);
    inflight.set(w, []);
    w.on('message', (m: { records: FileRecord[] }) => {
      const q = inflight.get(w)!;
      const k = q.findIndex((b) => b.some((t) => t.index === m.records[0]?.index));
      q.splice(k < 0 ? 0 : k, 1);
      for (const r of m.records) ready.set(r.index, r);
      try {
        check();
      } catch (e) {
        aborted = true;
        stopAll();
        rejectDone(e);
      }
    });
    w.on('error', (e) => {
      // A worker that died (a bug, or out of memory): its files are reported, the others go on.
      const lost = inflight.get(w) ?? [];
      workers.delete(w);
      inflight.delete(w);
      for (const batch of lost) {
        for (const t of batch) {
          ready.set(t.index, {
            index: t.index, file: t.file, unreadable: String(e?.message ?? e), organ: null, year: null, format: null, encoding: null,
            counts: { error: 0, warning: 0, information: 0, hint: 0 }, diagnostics: [], facts: null,
          });
        }
      }
      if (aborted) {
        if (!workers.size) resolveDone();
        return;
      }
      if (next < files.length) start();
      check();
    });
    feed(w);
  };
  for (let k = 0; k < Math.min(jobs, Math.ceil(files.length / BATCH)); k++) start();
  deliver(); // records known beforehand at the head
  if (next >= files.length) finish();
  return {
    abort: () => {
      if (aborted) return;
      aborted = true;
      stopAll();
    },
    done,
  };
}

// ------------------------------------------------------------------ the worker's side

if (!isMainThread && (workerData as { zwgkPool?: boolean } | null)?.zwgkPool) {
  const cfg = (workerData as { cfg: WorkerConfig }).cfg;
  let stopping = false;
  let chain = Promise.resolve();
  parentPort!.on('message', (m: { tasks?: Task[]; stop?: boolean }) => {
    if (m.stop) {
      // finish the file in hand, then go
      stopping = true;
      chain = chain.then(() => process.exit(0));
      return;
    }
    const tasks = m.tasks ?? [];
    chain = chain.then(async () => {
      const records = await processBatch(tasks, cfg, () => stopping);
      if (records) parentPort!.postMessage({ records });
    });
  });
}

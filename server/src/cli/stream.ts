// What a streamed run keeps across files, and nothing more:
// - `runInputs`: the paths, in the run's order;
// - `CarryTracker`: carry-over between one organ's consecutive years, found as the records arrive
//   in order (by organ key and year, each report's place and its 二/四 row of the applications
//   table, packed);
// - `Spool`: the reduced records, written one JSON line each to a temporary file and read back
//   for the outputs that need every report's final counts (totals first, or carry-over found late);
// - `Summary`: the counts by rule, organ level and year, and the worst reports (a bounded list).

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import { type CheckOptions, type Lang, msg } from '../core';
import { carryOver, carryOverRule } from '../core/cross';
import { type AtomicWriteOptions, WriteError, newFileMode, syncDir, tempPathFor, vetWrite, writeReason } from './atomic';
import { collectFiles } from './io';
import { type FileRecord, type SlimDiagnostic, slim, unpackFacts } from './pool';

// ------------------------------------------------------------------ carry-over

/** Carry-over diagnostics of the report at `index`, found when both years had been read. */
export interface Across {
  index: number;
  file: string;
  diagnostics: SlimDiagnostic[];
}

/**
 * Carry-over across a stream of records given in order. A report is compared with the first
 * report (in order) of the same organ for the year before that has a 四 row, as `checkAcross`
 * does with every report at hand: when the earlier year comes first, at once; otherwise the
 * report waits (its 二 row only) until that year's report arrives.
 *
 * The comparison is the core's `carryOver` (what `check(doc, { others })` runs through
 * `checkAcross`), which applies the rule's severity setting and `off` itself. `check(doc,
 * { others, uri })` does not fit a stream: it needs the target's whole document when both years
 * are at hand, and here they meet in the main thread after each was checked by some worker and
 * dropped (kept: the packed 二/四 rows). Calling it there would mean reading, parsing and checking
 * every such report a second time (all rules, to get carry-over), or building stand-in documents.
 * The order `check` gives is kept by `mergeDiagnostics` (place, then severity).
 */
export class CarryTracker {
  /** By organ key and year: the first report (in order) with a 四 row, and that row packed. */
  private readonly firstNext = new Map<string, Kept>();
  /** By organ key and the year before: reports whose 二 row (packed) waits for that year's 四 row. */
  private readonly waiting = new Map<string, Kept[]>();

  /** `fileOf`: the path of the report at an index (kept once, by the caller). */
  constructor(private readonly options: CheckOptions, private readonly lang: Lang, private readonly fileOf: (index: number) => string) {}

  private get off(): boolean {
    return this.options.rules?.[carryOverRule.id] === 'off';
  }

  /** Take the next record in order; returns the carry-over diagnostics this record settles. */
  commit(r: FileRecord): Across[] {
    const f = r.facts;
    if (!f || this.off) return [];
    const out: Across[] = [];
    if (f.next) {
      const k = yearKey(f.key, f.year);
      if (!this.firstNext.has(k)) {
        const prev = { index: r.index, cells: f.next };
        this.firstNext.set(k, prev);
        const targets = this.waiting.get(k);
        if (targets) {
          this.waiting.delete(k);
          for (const t of targets) out.push(this.resolve(t, prev, f.year));
        }
      }
    }
    if (f.carried) {
      const k = yearKey(f.key, f.year - 1);
      const target = { index: r.index, cells: f.carried };
      const prev = this.firstNext.get(k);
      if (prev) out.push(this.resolve(target, prev, f.year - 1));
      else {
        const list = this.waiting.get(k);
        if (list) list.push(target);
        else this.waiting.set(k, [target]);
      }
    }
    return out.filter((a) => a.diagnostics.length);
  }

  /** Compare a report's 二 row (`target`) with the 四 row of the `prevYear` report (`prev`). */
  private resolve(target: Kept, prev: Kept, prevYear: number): Across {
    // (carryOver reads the target's 二 row and the earlier report's year and 四 row; the organ key is the maps')
    const facts = unpackFacts({ key: '', year: prevYear + 1, carried: target.cells });
    const prevFacts = unpackFacts({ key: '', year: prevYear, next: prev.cells });
    const diags = carryOver(facts, { uri: this.fileOf(prev.index), facts: prevFacts }, this.options);
    return { index: target.index, file: this.fileOf(target.index), diagnostics: diags.map((d) => slim(d, this.lang)) };
  }
}

/**
 * What the tracker keeps of a report, for as long as the run may still need it (the whole run:
 * the other year may be the last file): its place in the run's order and one packed row. Nothing
 * more, as this is the one thing kept per report (with its path) across a run of any size.
 */
interface Kept {
  index: number;
  cells: string;
}

const yearKey = (organ: string, year: number): string => `${organ}\u0000${year}`;

// ------------------------------------------------------------------ inputs

/**
 * The files of a run, in its stable order (a file's index is its place), and a record for each
 * path that could not be read (a missing argument, an unreadable folder). The paths are what a
 * run keeps of every file from start to end, so nothing else is kept with them.
 */
export function runInputs(paths: string[], lang: Lang): { files: string[]; pre: Map<number, FileRecord> } {
  const files: string[] = [];
  const pre = new Map<number, FileRecord>();
  for (const c of collectFiles(paths)) {
    if (c.error) pre.set(files.length, unreadableRecord(files.length, c.file, msg(c.error.reason, lang)));
    files.push(c.file);
  }
  return { files, pre };
}

function unreadableRecord(index: number, file: string, reason: string): FileRecord {
  return {
    index, file, unreadable: reason, organ: null, year: null, format: null, encoding: null,
    counts: { error: 0, warning: 0, information: 0, hint: 0 }, diagnostics: [], facts: null,
  };
}

// ------------------------------------------------------------------ spool

/** Records on disk, one JSON line each, in order; read back as often as needed, then removed. */
export class Spool {
  private readonly dir: string;
  readonly file: string;
  private fd: number | null;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-spool-'));
    this.file = path.join(this.dir, 'records.jsonl');
    this.fd = fs.openSync(this.file, 'w');
  }

  write(r: FileRecord): void {
    const { facts: _facts, ...rest } = r; // carry-over's figures stay with the tracker
    fs.writeSync(this.fd!, `${JSON.stringify(rest)}\n`);
  }

  finish(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  async *read(): AsyncGenerator<FileRecord> {
    this.finish();
    const rl = readline.createInterface({ input: fs.createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const line of rl) if (line) yield JSON.parse(line) as FileRecord;
  }

  remove(): void {
    try {
      this.finish();
    } catch {
      // already closed
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ rows and counts

export interface RuleCount {
  errors: number;
  warnings: number;
}

export type Problem = { code: string; severity: SlimDiagnostic['severity']; line: number; character: number; message: string; related?: { file: string; line: number; character: number }[]; source?: SlimDiagnostic['source'] };

/** One audited file (a JSON row). */
export interface AuditRow {
  /** Path as found (under the folder given). */
  file: string;
  organ: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  encoding: string | null;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Errors and warnings by rule id (rules with at least one). */
  rules: Record<string, RuleCount>;
  /** The errors and warnings themselves (0-based LSP positions). */
  problems: Problem[];
  /** Set when the file could not be read. */
  unreadable?: string;
}

const SEVERITY_ORDER: Record<SlimDiagnostic['severity'], number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The core's order (`check()`): place, then severity; a stable sort, so carry-over comes after the rules on a tie, as there. */
const byPosition = (a: SlimDiagnostic, b: SlimDiagnostic): number =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
  || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];

/** A record's diagnostics with the carry-over ones found for it, in the order `check(doc, { others })` gives. */
export function mergeDiagnostics(r: FileRecord, extra: SlimDiagnostic[] | undefined): SlimDiagnostic[] {
  return extra?.length ? [...r.diagnostics, ...extra].sort(byPosition) : r.diagnostics;
}

export function problemOf(d: SlimDiagnostic): Problem {
  return { code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: d.message, ...(d.related ? { related: d.related } : {}), ...(d.source ? { source: d.source } : {}) };
}

/** The audit row of a record, with the carry-over diagnostics found for it. */
export function auditRow(r: FileRecord, extra?: SlimDiagnostic[]): AuditRow {
  const row: AuditRow = {
    file: r.file, organ: r.organ, year: r.year, format: r.format, encoding: r.encoding,
    errors: 0, warnings: 0, information: r.counts.information, hints: r.counts.hint, rules: {}, problems: [],
  };
  if (r.unreadable !== undefined) {
    row.unreadable = r.unreadable;
    return row;
  }
  for (const d of mergeDiagnostics(r, extra)) {
    if (d.severity === 'information' || d.severity === 'hint') continue; // counted above
    const rc = (row.rules[d.code] ??= { errors: 0, warnings: 0 });
    if (d.severity === 'error') { row.errors++; rc.errors++; } else { row.warnings++; rc.warnings++; }
    row.problems.push(problemOf(d));
  }
  return row;
}

/**
 * The level of government an organ belongs to, from its name (a heuristic; documented in
 * docs/audit.md): a government (…人民政府, …政府) by the kind of place before it — 省/自治区 and the
 * four municipalities 省级, 市/州/盟/地区 市级, 县/区/旗 县区级, 乡/镇/街道 乡镇街道; a 街道办事处 乡镇街道;
 * any other organ (局, 委员会, 办公室, 厅, 中心 …) 部门; no name: unknown.
 */
export type Level = 'province' | 'city' | 'county' | 'township' | 'department' | 'unknown';
export const LEVELS: readonly Level[] = ['province', 'city', 'county', 'township', 'department', 'unknown'];
export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县区级', en: 'County / district' },
  township: { zh: '乡镇、街道', en: 'Township / subdistrict' },
  department: { zh: '部门', en: 'Department' },
  unknown: { zh: '未知', en: 'Unknown' },
};

const MUNICIPALITIES = /^(北京|天津|上海|重庆)市$/;

export function organLevel(organ: string | null): Level {
  const name = (organ ?? '').replace(/\s+/g, '');
  if (!name) return 'unknown';
  if (/街道办事处$|街道办$|街道$/.test(name)) return 'township';
  const gov = /^(.*?)(?:人民政府|政府)$/.exec(name);
  if (!gov) return 'department';
  const place = gov[1];
  if (!place) return 'unknown';
  if (MUNICIPALITIES.test(place) || /(省|自治区)$/.test(place)) return 'province';
  if (/(乡|镇)$/.test(place)) return 'township';
  if (/(县|区|旗|自治县|自治旗)$/.test(place)) return 'county';
  if (/(市|州|盟|地区)$/.test(place)) return 'city';
  return 'unknown';
}

export interface AuditTotals {
  files: number;
  reports: number;
  unreadable: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Reports with at least one error. */
  reportsWithErrors: number;
  rules: Record<string, RuleCount>;
  byFormat: Record<string, number>;
}

export interface Worst {
  index: number;
  file: string;
  organ: string | null;
  year: number | null;
  errors: number;
  warnings: number;
  preview?: string;
}

const WORST = 50;

/** Everything the summary page and the totals need, in memory of a few kilobytes whatever the count. */
export class Summary {
  readonly totals: AuditTotals = {
    files: 0, reports: 0, unreadable: 0, errors: 0, warnings: 0, information: 0, hints: 0, reportsWithErrors: 0, rules: {}, byFormat: {},
  };
  readonly byLevel: Record<string, { reports: number; errors: number; warnings: number; withErrors: number }> = {};
  readonly byYear: Record<string, { reports: number; errors: number; warnings: number; withErrors: number }> = {};
  /** The reports with the most errors (then warnings), worst first. */
  readonly worst: Worst[] = [];

  /** `totalsOnly`: rows come without their carry-over problems, which come later through `addAcross`. */
  constructor(private readonly totalsOnly = false) {}

  /** Carry-over problems of a report already added (`hadErrors`: its row had errors). */
  addAcross(diagnostics: SlimDiagnostic[], hadErrors: boolean): void {
    const t = this.totals;
    let errors = 0;
    for (const d of diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') {
        if (d.severity === 'information') t.information++;
        else t.hints++;
        continue;
      }
      const tc = (t.rules[d.code] ??= { errors: 0, warnings: 0 });
      if (d.severity === 'error') { t.errors++; tc.errors++; errors++; } else { t.warnings++; tc.warnings++; }
    }
    if (errors && !hadErrors) t.reportsWithErrors++;
  }

  add(row: AuditRow, index: number, preview?: string): void {
    const t = this.totals;
    t.files++;
    if (row.unreadable !== undefined) {
      t.unreadable++;
      return;
    }
    t.reports++;
    const fmt = row.format ?? 'unknown';
    t.byFormat[fmt] = (t.byFormat[fmt] ?? 0) + 1;
    t.errors += row.errors;
    t.warnings += row.warnings;
    t.information += row.information;
    t.hints += row.hints;
    if (row.errors) t.reportsWithErrors++;
    for (const [id, c] of Object.entries(row.rules)) {
      const tc = (t.rules[id] ??= { errors: 0, warnings: 0 });
      tc.errors += c.errors;
      tc.warnings += c.warnings;
    }
    for (const [map, key] of [[this.byLevel, organLevel(row.organ)], [this.byYear, row.year ? String(row.year) : 'unknown']] as const) {
      const g = (map[key] ??= { reports: 0, errors: 0, warnings: 0, withErrors: 0 });
      g.reports++;
      g.errors += row.errors;
      g.warnings += row.warnings;
      if (row.errors) g.withErrors++;
    }
    if (row.errors + row.warnings === 0) return;
    if (this.totalsOnly) return;
    const w = this.worst;
    const worse = (a: Worst, b: { errors: number; warnings: number; index: number }): boolean =>
      a.errors !== b.errors ? a.errors > b.errors : a.warnings !== b.warnings ? a.warnings > b.warnings : a.index < b.index;
    if (w.length >= WORST && !worse({ ...row, index } as Worst, w[w.length - 1])) return;
    let k = w.length;
    while (k > 0 && worse({ ...row, index } as Worst, w[k - 1])) k--;
    w.splice(k, 0, { index, file: row.file, organ: row.organ, year: row.year, errors: row.errors, warnings: row.warnings, ...(preview ? { preview } : {}) });
    if (w.length > WORST) w.pop();
  }
}

// ------------------------------------------------------------------ output files

/**
 * An output file written piece by piece under a temporary name and renamed into place by
 * `commit()`; `discard()` (e.g. on Ctrl-C) removes it. Nobody sees a half-written file.
 *
 * The same rules as every other write (atomic.ts, `writeFileAtomicSync`): the target is checked
 * when the file is started (so that a refusal comes before the work) and again at the commit — a
 * folder, a FIFO, a device or a read-only file is refused with `WriteError`, as is one of
 * `opts.notOver` (the inputs); a symbolic link is written through to its target (the temporary
 * file lies in the target's folder); the target's permission bits are kept (a new file: 0o666 less
 * the umask); the data is flushed (fsync) before the rename and the folder after it. Killed at any
 * instant, the target is the old file or the new one, whole.
 */
export class PendingFile {
  readonly tmp: string;
  /** Where the data lands: `target`, or the end of its chain of symbolic links. */
  private readonly real: string;
  private fd: number | null;
  constructor(readonly target: string, private readonly opts: AtomicWriteOptions = {}) {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    this.real = vetWrite(target, opts).target;
    this.tmp = tempPathFor(this.real);
    try {
      this.fd = fs.openSync(this.tmp, 'wx', 0o600);
    } catch (e) {
      throw new WriteError(target, writeReason(e));
    }
    PendingFile.open.add(this);
  }

  /** Files not yet committed, for a clean stop. */
  static readonly open = new Set<PendingFile>();

  /** Append `s`; a failed write (full disk …) removes the temporary file and throws `WriteError`. */
  write(s: string): void {
    try {
      fs.writeSync(this.fd!, s);
    } catch (e) {
      this.discard();
      throw new WriteError(this.target, writeReason(e));
    }
  }

  commit(): void {
    PendingFile.commitAll([this]);
  }

  /**
   * Commit several files together: each is checked again, given its mode, flushed and closed
   * first, and only when all of them are ready are they renamed into place (a refusal or a failed
   * flush leaves every target as it was and throws `WriteError`).
   */
  static commitAll(files: readonly PendingFile[]): void {
    try {
      for (const f of files) f.ready();
    } catch (e) {
      for (const f of files) f.discard();
      throw e;
    }
    const dirs = new Set<string>();
    for (const f of files) {
      try {
        fs.renameSync(f.tmp, f.real);
      } catch (e) {
        // a rename in the target's own folder, just checked, fails only when the system does
        for (const g of files) if (PendingFile.open.has(g)) g.discard();
        throw new WriteError(f.target, writeReason(e));
      }
      PendingFile.open.delete(f);
      dirs.add(path.dirname(f.real));
    }
    for (const d of dirs) syncDir(d);
  }

  /** Checked again (the target may have changed during a long run), mode set, flushed and closed. */
  private ready(): void {
    const { mode } = vetWrite(this.target, this.opts);
    try {
      fs.fchmodSync(this.fd!, mode ?? newFileMode(this.opts));
      fs.fsyncSync(this.fd!);
      fs.closeSync(this.fd!);
      this.fd = null;
    } catch (e) {
      throw new WriteError(this.target, writeReason(e));
    }
  }

  discard(): void {
    try {
      if (this.fd !== null) fs.closeSync(this.fd);
    } catch {
      // closed already
    }
    this.fd = null;
    fs.rmSync(this.tmp, { force: true });
    PendingFile.open.delete(this);
  }
}

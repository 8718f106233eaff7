// The zwgk-report language service: parse once, then check, fix, and answer questions about the
// model. Pure: no import of `vscode` or `vscode-languageserver`; the LSP server, the CLI and the
// preview all call this.

import { parse } from './parser';
import { RULES, TOTALS_RULES } from './rules';
import type { Report } from './rules/rule';
import { formatNumber } from './text';
import { totalForCell, totalsOf } from './totals';
import type {
  Cell, CheckOptions, Diagnostic, Fix, Lang, Msg, Position, Range, ReportDocument, Row, Severity, Table, TextEdit,
} from './types';

export * from './types';
export { parse } from './parser';
export { RULES, TOTALS_RULES, type Rule } from './rules';
export { totalsOf, totalForCell, type Total } from './totals';
export * as spec from './spec';
export { formatNumber, parseNumber, normLabel } from './text';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Run every rule on a parsed document. A rule that throws becomes an `internal-error` diagnostic, never a crash. */
export function check(doc: ReportDocument, options: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  /** Where each rule's diagnostics start in `out`. */
  const runs: number[] = [];
  // the rule being run, read by the one reporting function (not a new closure per rule)
  let rule = RULES[0];
  let setting: Severity | undefined;
  const report: Report = (d) => {
    // every diagnostic gets the same shape, written out (an object spread cost ~2 µs per
    // diagnostic; adding code and severity to the rule's object, ~0.2 µs and many shapes)
    out.push(new CheckedDiagnostic(
      rule.id, setting ?? d.severity ?? rule.defaultSeverity, d.message, d.range, d.related, d.fixes, d.expected, d.actual,
    ));
  };
  for (let k = 0; k < RULES.length; k++) {
    rule = RULES[k];
    const s = options.rules?.[rule.id];
    if (s === 'off') continue;
    setting = s;
    runs.push(out.length);
    try {
      rule.check(doc, report);
    } catch (e) {
      out.push({
        code: 'internal-error',
        severity: 'warning',
        message: { zh: `规则 ${rule.id} 运行出错：${(e as Error).message}`, en: `Rule ${rule.id} failed: ${(e as Error).message}` },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  return mergeRuns(out, runs) ?? sortDiagnostics(out);
}

/**
 * A rule's diagnostic as check() returns it. Its fixes may be given as a function, called the first
 * time they are read: a rule with thousands of hints (a blank cell each) would otherwise build
 * thousands of fixes on every keystroke that nobody asks for until a light bulb is opened.
 */
class CheckedDiagnostic implements Diagnostic {
  constructor(
    public code: string,
    public severity: Severity,
    public message: Msg,
    public range: Range,
    public related: Diagnostic['related'],
    private f: Fix[] | (() => Fix[]) | undefined,
    public expected: number | undefined,
    public actual: number | undefined,
  ) {}

  get fixes(): Fix[] | undefined {
    const f = this.f;
    return typeof f === 'function' ? (this.f = f()) : f;
  }

  set fixes(fixes: Fix[] | undefined) {
    this.f = fixes;
  }

  /** As a plain object (JSON.stringify leaves out getters). */
  toJSON(): Diagnostic {
    const { code, severity, message, range, related, fixes, expected, actual } = this;
    return { code, severity, message, range, related, fixes, expected, actual };
  }
}

/** Document order, then severity: negative when `a` comes first. */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/**
 * The diagnostics in order when each rule gave its own in order (rules walk the document from the
 * top, so they nearly always do): the rules' runs merged, an earlier rule's first on ties, as the
 * stable sort would. Null when a run is out of order. (Sorting 150 hints cost more than the rule
 * that made them.)
 */
function mergeRuns(out: Diagnostic[], runs: number[]): Diagnostic[] | null {
  const bounds: number[] = [];
  for (let r = 0; r < runs.length; r++) {
    const a = runs[r];
    const b = r + 1 < runs.length ? runs[r + 1] : out.length;
    if (a === b) continue;
    for (let i = a + 1; i < b; i++) if (compareDiagnostics(out[i - 1], out[i]) > 0) return null;
    bounds.push(a);
  }
  bounds.push(out.length);
  // merge neighbouring runs pairwise until one is left (the left run wins ties)
  let src = out;
  let dst = new Array<Diagnostic>(out.length);
  let b = bounds;
  while (b.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < b.length; r += 2) {
      const lo = b[r];
      const mid = b[r + 1];
      const hi = r + 2 < b.length ? b[r + 2] : mid;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = compareDiagnostics(src[j], src[i]) < 0 ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
      next.push(hi);
    }
    b = next;
    [src, dst] = [dst, src];
  }
  return src === out ? out.slice() : src;
}

/**
 * In document order, then by severity; stable. Each diagnostic's place is packed with its index
 * into one number and the numbers sorted natively (a comparator cost ~0.1 µs per diagnostic);
 * a document too long for the packing takes the comparator.
 */
function sortDiagnostics(out: Diagnostic[]): Diagnostic[] {
  const n = out.length;
  let maxLine = 0;
  let maxChar = 0;
  for (const d of out) {
    if (d.range.start.line > maxLine) maxLine = d.range.start.line;
    if (d.range.start.character > maxChar) maxChar = d.range.start.character;
  }
  if (n >= INDEX_SPAN || maxLine >= 1 << 20 || maxChar >= 16384) {
    return out.sort(compareDiagnostics);
  }
  // line (20 bits), character (14), severity (2), index (17): 53 bits, exact in a double
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = out[i].range.start;
    keys[i] = ((s.line * 16384 + s.character) * 4 + SEVERITY_ORDER[out[i].severity]) * INDEX_SPAN + i;
  }
  keys.sort();
  const sorted = new Array<Diagnostic>(n);
  for (let i = 0; i < n; i++) sorted[i] = out[keys[i] % INDEX_SPAN];
  return sorted;
}

const INDEX_SPAN = 131072;

export interface Analysis {
  doc: ReportDocument;
  diagnostics: Diagnostic[];
}

export function analyze(text: string, options: CheckOptions = {}): Analysis {
  const doc = parse(text, options);
  return { doc, diagnostics: check(doc, options) };
}

export function msg(m: Msg, lang: Lang): string {
  return lang === 'en' ? m.en : m.zh;
}

// ------------------------------------------------------------------ edits

export function offsetAt(doc: Pick<ReportDocument, 'lineStarts' | 'lines' | 'text'>, p: Position): number {
  const line = Math.max(0, Math.min(p.line, doc.lineStarts.length - 1));
  const ch = Math.max(0, Math.min(p.character, doc.lines[line].length));
  return doc.lineStarts[line] + ch;
}

function lineStartsOf(text: string): { lineStarts: number[]; lines: string[]; text: string } {
  const lineStarts = [0];
  const lines: string[] = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(s, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      s = i + 1;
      lineStarts.push(s);
    }
  }
  lines.push(text.slice(s));
  return { lineStarts, lines, text };
}

/**
 * Apply edits to a text. An edit that overlaps one already taken (earlier in the list wins) is
 * dropped; two insertions at the same place overlap. Linear in the text and n log n in the
 * edits: they are sorted by place once, only edits that overlap each other are compared, and the
 * result is built in one pass.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const idx = lineStartsOf(text);
  const spans = edits.map((e, order) => ({ a: offsetAt(idx, e.range.start), b: offsetAt(idx, e.range.end), t: e.newText, order }));
  type Span = (typeof spans)[number];
  const overlap = (s: Span, x: Span): boolean => (s.a < x.b && x.a < s.b) || (s.a === s.b && x.a === x.b && s.a === x.a);
  // by place; at one place an insertion comes before a replacement that starts there
  spans.sort((x, y) => x.a - y.a || x.b - y.b || x.order - y.order);
  const taken: Span[] = [];
  // Edits that overlap form runs in this order (each overlaps something before it in its run);
  // within a run the earlier edit in the list wins, as if they were taken one by one.
  const settle = (run: Span[]): void => {
    if (run.length === 1) {
      taken.push(run[0]);
      return;
    }
    const kept: Span[] = [];
    for (const s of [...run].sort((x, y) => x.order - y.order)) if (!kept.some((x) => overlap(s, x))) kept.push(s);
    taken.push(...kept.sort((x, y) => x.a - y.a || x.b - y.b || x.order - y.order));
  };
  let run: Span[] = [];
  let end = -1;
  for (const s of spans) {
    const last = run[run.length - 1];
    if (run.length && (s.a < end || (s.a === s.b && last.a === last.b && last.a === s.a))) {
      run.push(s);
      end = Math.max(end, s.b);
    } else {
      if (run.length) settle(run);
      run = [s];
      end = s.b;
    }
  }
  if (run.length) settle(run);
  const parts: string[] = [];
  let at = 0;
  for (const s of taken) {
    parts.push(text.slice(at, s.a), s.t);
    at = s.b;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export type FixScope = 'totals' | 'all';

/** The edits that recompute every total, in one pass (expected values come from the base figures). */
export function totalsEdits(doc: ReportDocument): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const t of totalsOf(doc)) {
    if (t.cell.kind === 'text') continue;
    if (Math.abs((t.cell.value ?? 0) - t.expected) < 1e-9 && t.cell.kind !== 'blank') continue;
    if (t.cell.kind === 'blank' && t.expected === 0) continue;
    edits.push({ range: t.cell.valueRange, newText: formatNumber(t.expected) });
  }
  return edits;
}



/** The preferred fix of each diagnostic (for "fix everything"), totals first. */
function allFixEdits(diags: Diagnostic[]): TextEdit[] {
  const fixes: Fix[] = [];
  for (const d of diags) {
    const f = d.fixes?.find((x) => x.isPreferred);
    if (f) fixes.push(f);
  }
  fixes.sort((a, b) => Number(!!b.totals) - Number(!!a.totals));
  return fixes.flatMap((f) => f.edits);
}

export interface FixResult {
  text: string;
  /** Number of edits applied over all passes. */
  applied: number;
  passes: number;
}

/**
 * Fix a report: `totals` recomputes every total; `all` also applies every diagnostic's preferred
 * fix (numbering, blank cells, labels, debris …). Re-checks after each pass until nothing changes,
 * so applying it twice changes nothing the second time.
 */
export function fixAll(text: string, options: CheckOptions & { scope?: FixScope } = {}): FixResult {
  let cur = text;
  let applied = 0;
  let passes = 0;
  for (; passes < 4; passes++) {
    const doc = parse(cur, options);
    const edits = options.scope === 'all' ? allFixEdits(check(doc, options)) : totalsEdits(doc);
    if (!edits.length) break;
    const next = applyEdits(cur, edits);
    if (next === cur) break;
    applied += edits.length;
    cur = next;
  }
  return { text: cur, applied, passes };
}

// ------------------------------------------------------------------ queries for editor features

export interface CellHit {
  table: Table;
  row: Row;
  cell?: Cell;
  /** The label cell under the position, when it is a label. */
  label?: { raw: string; range: Range };
}

function inRange(p: Position, r: Range): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** The table cell (or row label) at a position. */
export function cellAt(doc: ReportDocument, p: Position): CellHit | undefined {
  for (const table of doc.tables) {
    if (p.line < table.startLine || p.line > table.endLine) continue;
    for (const row of table.rows) {
      if (p.line < row.line || p.line > row.endLine) continue;
      for (const cell of row.cells) if (inRange(p, cell.range)) return { table, row, cell };
      for (const label of row.labelCells) if (inRange(p, label.range)) return { table, row, label };
    }
  }
  return undefined;
}

/** Is this cell a total (computed from other cells)? */
export function isTotalCell(doc: ReportDocument, cell: Cell): boolean {
  return !!totalForCell(doc, cell);
}

export { deadlineOf } from './rules/deadline';

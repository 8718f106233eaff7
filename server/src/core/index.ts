// The zwgk-report language service: parse once, then check, fix, and answer questions about the
// model. Pure: no import of `vscode` or `vscode-languageserver`; the LSP server, the CLI and the
// preview all call this.

import { replaceCell } from './layout/edit';
import { carryOverRule, checkAcross } from './cross';
import { parse } from './parser';
import { RULES, TOTALS_RULES } from './rules';
import type { Report } from './rules/rule';
import { exactText, holds } from './figures';
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
export { TABLE_NAMES } from './tableNames';
export { formatNumber, parseNumber, normLabel } from './text';
export { exactOf, exactText, holds } from './figures';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Run every rule on a parsed document, with the settings' severities, in document order. A rule
 * that throws becomes an `internal-error` diagnostic, never a crash. With `options.others` (the
 * other reports of a folder or an audit), the rules across reports (`carry-over`) run too.
 */
export function check(doc: ReportDocument, options: CheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const report: Report = (d) => {
      out.push(new CheckedDiagnostic(
        rule.id, setting ?? d.severity ?? rule.defaultSeverity, d.message, d.range, d.related, d.fixes, d.expected, d.actual,
      ));
    };
    try {
      rule.check(doc, report);
    } catch (e) {
      out.push(internalError(rule.id, e));
    }
  }
  if (options.others) {
    try {
      out.push(...checkAcross({ uri: options.uri ?? '', doc }, options.others, options));
    } catch (e) {
      out.push(internalError(carryOverRule.id, e));
    }
  }
  // document order, then severity (a stable sort: on ties, rules in their order)
  return out.sort(compareDiagnostics);
}

function internalError(id: string, e: unknown): Diagnostic {
  return {
    code: 'internal-error',
    severity: 'warning',
    message: { zh: `规则 ${id} 运行出错：${(e as Error)?.message}`, en: `Rule ${id} failed: ${(e as Error)?.message}` },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
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
    if (t.cell.kind === 'text' || holds(t.cell, t.exact)) continue;
    edits.push(replaceCell(t.cell, exactText(t.exact)));
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

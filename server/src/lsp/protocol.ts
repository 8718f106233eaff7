// Names and conversions shared by the server's features: the contract with the client (from
// server/src/contract.ts, which the client imports too) and core → LSP mappings.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity, NotificationType, RequestType0,
  type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation,
} from 'vscode-languageserver/node';
import { msg, TOTALS_RULES, type Diagnostic, type Lang, type Severity } from '../core';

import {
  DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SERVER_CONVERT_LAYOUT, SERVER_FILL_BLANK_CELLS, SERVER_FIX_ALL, STATUS_NOTIFICATION, type ReportStatus,
} from '../contract';

export { FIX_ALL_KIND, SERVER_CONVERT_LAYOUT, SERVER_FILL_BLANK_CELLS, SERVER_FIX_ALL, type ReportStatus };
export const SOURCE = DIAGNOSTIC_SOURCE;
export const StatusNotification = new NotificationType<ReportStatus>(STATUS_NOTIFICATION);

/** Debug request: how often the cache parsed and checked (tests use it to prove "parse once"), and memory. */
export interface ServerStats {
  parses: number;
  checks: number;
  entries: number;
  memory: NodeJS.MemoryUsage;
  /** Physical size of each V8 heap space (MB). */
  spaces: Record<string, number>;
}
export const CacheStatsRequest = new RequestType0<ServerStats, void>('zwgk-report/cacheStats');

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(s: Severity): DiagnosticSeverity {
  return SEVERITY[s] ?? DiagnosticSeverity.Warning;
}

/** `docs/rules/<id>.md` next to the bundle (dist/server.js → ../docs/rules). */
/** The code of the one diagnostic that stands for those not published (see `capDiagnostics`). */
export const TOO_MANY = 'too-many-problems';

export function ruleDocUri(id: string): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(id) || id === 'internal-error' || id === TOO_MANY) return undefined;
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules', `${id}.md`)).toString();
}

/** What a published diagnostic carries so code actions can find it again. */
export interface DiagnosticData {
  expected?: number;
  actual?: number;
  /** Number of fixes the core offers. */
  fixes: number;
  totals: boolean;
}

export function toLspDiagnostic(d: Diagnostic, uri: string, lang: Lang): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: toSeverity(d.severity),
    code: d.code,
    source: SOURCE,
    message: msg(d.message, lang),
  };
  const href = ruleDocUri(d.code);
  if (href) out.codeDescription = { href };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r): DiagnosticRelatedInformation => ({
      location: { uri: r.uri ?? uri, range: r.range },
      message: msg(r.message, lang),
    }));
  }
  const data: DiagnosticData = { fixes: d.fixes?.length ?? 0, totals: TOTALS_RULES.has(d.code) };
  if (d.expected !== undefined) data.expected = d.expected;
  if (d.actual !== undefined) data.actual = d.actual;
  out.data = data;
  return out;
}

export function sameRange(a: { start: { line: number; character: number }; end: { line: number; character: number } },
  b: { start: { line: number; character: number }; end: { line: number; character: number } }): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

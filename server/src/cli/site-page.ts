// The report pages of the audit site (`audit --out DIR`), rendered on demand in the browser.
//
// A page is not written per report: 100,000 files of 12 KB were half of a national audit's time
// (creating a file costs the kernel 0.3–1 ms here, more with two writers), and rendering them the
// other half. Instead each report's text and its diagnostics go into a shard of SHARD reports,
// DIR/reports/NNN/NNNNN.js (written by the worker that checked them, pool.ts), and one page,
// DIR/report.html#n=K, loads report K's shard and renders it with the preview's renderer
// (DIR/report.js, the bundle of site-viewer.ts). Diagnostics found across files (carry-over),
// known only once every report is in, go into DIR/reports/NNN/NNNNN.carry.js, written by the
// main thread for the shards that have some; a link says when to load one.
//
// This module is shared by the CLI and the browser bundle: no Node module here.

import { parse } from '../core';
import type { Diagnostic, FormatVersion, Lang, Range, Severity } from '../core';
import { renderBody } from '../render/html';
import { STYLE } from '../render/style';

/** The shared style sheet, at the site's root. */
export const REPORT_CSS = 'report.css';
/** The report page and its script, at the site's root. */
export const REPORT_HTML = 'report.html';
export const REPORT_JS = 'report.js';

/** Its content: the renderer's style and the page header's. */
export const REPORT_CSS_TEXT = `${STYLE}
.site-nav { font-family: var(--zw-ui-font); font-size: .9rem; margin: .75rem auto; max-width: 60rem; padding: 0 1rem; color: var(--zw-muted); }
.site-nav a { color: var(--zw-link); }
.site-nav .file { word-break: break-all; }
.site-status { font-family: var(--zw-ui-font); max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
`;

/** Reports per shard (and per batch a worker is given: pool.ts hands out whole shards). */
export const SHARD = 20;
/** Shards per folder (a thousand reports). */
const SHARDS_PER_FOLDER = 50;

/** A diagnostic as a page shows it (the message in the run's language). */
export interface PageDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
}

/** One report in a shard. */
export interface PageEntry {
  /** Its index in the run (0-based; the page is `report.html#n=index+1`). */
  index: number;
  file: string;
  /** The text checked (for a PDF, web page or Word file, the text it was converted to). */
  text: string;
  /** Every diagnostic of the file, of every severity. */
  diagnostics: PageDiagnostic[];
}

/** What a shard file holds: `ZWGK_SHARD(<this as JSON>);`. */
export interface ShardData {
  lang: Lang;
  /** The run's `--report-format`, when one was given (the text is parsed as the check parsed it). */
  format?: 'auto' | FormatVersion;
  reports: PageEntry[];
}

/** What a carry-over file holds: `ZWGK_CARRY(<this as JSON>);`, diagnostics by report index. */
export type CarryData = Record<string, PageDiagnostic[]>;

export function shardOf(index: number): number {
  return Math.floor(index / SHARD);
}

/** A shard's file under DIR/reports: `NNN/NNNNN.js`, fifty shards (a thousand reports) to a folder. */
export function shardName(shard: number): string {
  return `${String(Math.floor(shard / SHARDS_PER_FOLDER)).padStart(3, '0')}/${String(shard).padStart(5, '0')}.js`;
}

/** The shard's carry-over file under DIR/reports. */
export function carryName(shard: number): string {
  return shardName(shard).replace(/\.js$/, '.carry.js');
}

/** The link to report `index`'s page, from the site's root. */
export function pageLink(index: number, carry: boolean): string {
  return `${REPORT_HTML}#n=${index + 1}${carry ? '&carry=1' : ''}`;
}

/** The JavaScript of a shard or carry-over file (JSON is an expression; `<` escaped all the same). */
export function shardScript(kind: 'ZWGK_SHARD' | 'ZWGK_CARRY', data: ShardData | CarryData): string {
  return `${kind}(${JSON.stringify(data).replace(/</g, '\\u003c')});\n`;
}

function asDiagnostic(d: PageDiagnostic): Diagnostic {
  return { code: d.code, severity: d.severity, range: d.range, message: { zh: d.message, en: d.message } };
}

/**
 * A report's page body: its text parsed as the check parsed it, rendered with its diagnostics and
 * those found across files, in position order (the preview's renderer, without source places).
 */
export function renderEntry(entry: PageEntry, carried: PageDiagnostic[] | undefined, shard: Pick<ShardData, 'lang' | 'format'>): string {
  const doc = parse(entry.text, shard.format ? { format: shard.format } : {});
  const diagnostics = [...entry.diagnostics, ...(carried ?? [])].map(asDiagnostic);
  return renderBody(doc, diagnostics, { lang: shard.lang, sourcePlaces: false });
}

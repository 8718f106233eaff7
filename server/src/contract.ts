// The contract between the VS Code client (client/src) and the language server (server/src/lsp):
// names and message shapes both sides use. One definition, imported by both, so they cannot drift.
// Plain data, no imports.

export const LANGUAGE_ID = 'zwgk-report';
/** Configuration section the server pulls and the client writes. */
export const CONFIG_SECTION = 'zwgk-report';
/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'zwgk-report';

/** Server command: arguments `[uri: string]`; the server applies a WorkspaceEdit recomputing every total. */
export const SERVER_FIX_ALL = 'zwgk-report.server.fixAll';
/** Server command: arguments `[uri: string]`; fills the blank cells with 0. */
export const SERVER_FILL_BLANK_CELLS = 'zwgk-report.server.fillBlankCells';
/**
 * Server command: arguments `[uri: string, layout: 'cell-per-line' | 'tab-padded' | 'tab-paste' | 'markdown', position?: {line, character}]`;
 * re-lays the table at `position` (every table when there is none there, or no position) in the
 * layout (docs/layouts.md), figures untouched. Answers `{ applied, edits }`.
 */
export const SERVER_CONVERT_LAYOUT = 'zwgk-report.server.convertLayout';
/** Code action kind of the server's "fix all totals" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.zwgk-report';

/** Server → client notification after each check of a document. */
export const STATUS_NOTIFICATION = 'zwgk-report/status';
export interface ReportStatus {
  uri: string;
  format: '2019' | '2021' | null;
  errors: number;
  warnings: number;
  /** A large report (past `zwgk-report.largeReportSize` MB): checked on open, on save and after a pause (or on save only). */
  large?: { limitMB: number; onSave: boolean };
}

/** Client → server request (no params): check every report of the workspace folders now (even with
 *  `zwgk-report.checkFolder` off) and answer the list below once their diagnostics are published. */
export const CHECK_FOLDER_REQUEST = 'zwgk-report/checkFolder';
/** Client → server request (no params): the folder's reports as last checked (no new check). */
export const FOLDER_REPORTS_REQUEST = 'zwgk-report/folderReports';
export interface FolderReportsResult {
  /** False when the folder check is off and was not asked for. */
  enabled: boolean;
  /** Most errors first, then most warnings; `first` is where the first error (else warning…) is. */
  reports: {
    uri: string; errors: number; warnings: number; information: number;
    first?: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}
/**
 * Client → server request: convert a PDF, web page or Word file into report text (the import
 * layer, server/src/import). The client reads the file (any file system VS Code has) and sends its
 * bytes; the server answers with the text or a bilingual reason.
 */
export const CONVERT_REQUEST = 'zwgk-report/convert';
export interface ConvertParams {
  /** The file's name (its extension chooses the reader). */
  name: string;
  /** The file's bytes, base64. */
  data: string;
}
export type ConvertResult = { text: string } | { error: { zh: string; en: string } };

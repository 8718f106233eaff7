// Names shared with the language server (server/src/lsp): the contract between client and server.

export const LANGUAGE_ID = 'zwgk-report';
export const CONFIG_SECTION = 'zwgk-report';

/** Server command: arguments `[uri: string]`; the server applies a WorkspaceEdit recomputing every total. */
export const SERVER_FIX_ALL = 'zwgk-report.server.fixAll';
/** Code action kind of the server's "fix all totals" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.zwgk-report';

/** Server → client notification after each check of a document. */
export const STATUS_NOTIFICATION = 'zwgk-report/status';
export interface ReportStatus {
  uri: string;
  format: '2019' | '2021' | null;
  errors: number;
  warnings: number;
}

/** Client commands (package.json `contributes.commands`). */
export const Commands = {
  fixAll: 'zwgk-report.fixAll',
  selectFormat: 'zwgk-report.selectFormat',
  showOutput: 'zwgk-report.showOutput',
} as const;

export type FormatSetting = 'auto' | '2019' | '2021';

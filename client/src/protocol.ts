// The client's names: the contract with the language server comes from server/src/contract.ts.

export {
  CONFIG_SECTION, CONVERT_REQUEST, FIX_ALL_KIND, LANGUAGE_ID, SERVER_CONVERT_LAYOUT, SERVER_FIX_ALL, STATUS_NOTIFICATION, type ConvertParams, type ConvertResult, type ReportStatus,
} from '../../server/src/contract';

/** Client commands (package.json `contributes.commands`). */
export const Commands = {
  fixAll: 'zwgk-report.fixAll',
  selectFormat: 'zwgk-report.selectFormat',
  showOutput: 'zwgk-report.showOutput',
  convertLayout: 'zwgk-report.convertLayout',
} as const;

export type FormatSetting = 'auto' | '2019' | '2021';

// Command zwgk-report.newReport 新建政府信息公开年度报告: asks the organ and the year (the year just
// ended by default, then the current year), then opens an untitled `zwgk-report` document holding the template for that year
// (server/src/core/template: the 2021 format from 2021 on, the 2019 format for 2019–2020), with the
// editable grid of its tables (在表格中编辑) beside it.

import * as vscode from 'vscode';
import { NOTICES, formatForYear } from '../../server/src/core/spec';
import { newReport } from '../../server/src/core/template';
import { pick } from './lang';
import { EDIT_TABLES_COMMAND } from './grid';
import { LANGUAGE_ID } from './protocol';

export const NEW_REPORT_COMMAND = 'zwgk-report.newReport';
/** The first year of the current regulation's reports (the 2019 format). */
const FIRST_YEAR = 2019;

/** Chinese or English, by the `zwgk-report.language` setting (or VS Code's display language). */
const t = (zh: string, en: string): string => pick(zh, en);

export interface NewReportArgs {
  organ?: string;
  year?: number;
}

export function registerNewReport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(NEW_REPORT_COMMAND, (args?: NewReportArgs) => newReportCommand(args)));
}

/** The command; `args` skip the questions (tests, other commands). Resolves to the new document, or undefined when cancelled. */
export async function newReportCommand(args: NewReportArgs = {}): Promise<vscode.TextDocument | undefined> {
  const title = t('新建政府信息公开年度报告', 'New Disclosure Annual Report');
  const organ = args.organ ?? await vscode.window.showInputBox({
    title,
    prompt: t('发布报告的行政机关名称', 'Name of the organ publishing the report'),
    placeHolder: t('如：××市人民政府办公室', 'e.g. ××市人民政府办公室'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : t('请输入机关名称', 'Enter the organ name')),
  });
  if (organ === undefined) return undefined;
  const year = args.year ?? await pickYear(title);
  if (year === undefined) return undefined;
  const eol = vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n';
  const content = newReport({ organ: organ.trim(), year, eol });
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  const editor = await vscode.window.showTextDocument(doc);
  // the tables ready to fill in, beside the text (which keeps the focus)
  await vscode.commands.executeCommand(EDIT_TABLES_COMMAND, doc.uri, { preserveFocus: true });
  // (the webview may have taken the focus as it loaded: back to the text, in its own column)
  await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
  return doc;
}

/**
 * The years offered, in order: the year just ended first (a report is written in January about the
 * year before), then the current year (a report drafted ahead), then the earlier years down to 2019.
 */
export function offeredYears(today = new Date()): number[] {
  const current = today.getFullYear();
  const last = current - 1;
  const years = [last, current];
  for (let y = last - 1; y >= FIRST_YEAR; y--) years.push(y);
  return years.filter((y) => y >= FIRST_YEAR);
}

async function pickYear(title: string): Promise<number | undefined> {
  const last = new Date().getFullYear() - 1;
  const items: (vscode.QuickPickItem & { year?: number })[] = [];
  for (const y of offeredYears()) {
    const notice = NOTICES[formatForYear(y)].text;
    items.push({ year: y, label: t(`${y}年度`, `${y}`), description: t(`${formatForYear(y)}年格式（${notice}）`, `${formatForYear(y)} format (${notice})`) });
  }
  items.push({ label: t('其他年度…', 'Another year…') });
  const pick = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: t('报告年度（默认为刚结束的一年）', 'Report year (the year just ended by default)'),
    ignoreFocusOut: true,
  });
  if (!pick) return undefined;
  if (pick.year) return pick.year;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: t('报告年度（四位数字）', 'Report year (four digits)'),
    value: String(last),
    ignoreFocusOut: true,
    validateInput: (v) => (/^\s*(20\d\d)\s*$/.test(v) && Number(v) >= FIRST_YEAR ? undefined : t(`请输入 ${FIRST_YEAR} 年以后的四位年份`, `Enter a year from ${FIRST_YEAR} on`)),
  });
  return typed === undefined ? undefined : Number(typed.trim());
}

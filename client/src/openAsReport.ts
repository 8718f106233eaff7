// Command zwgk-report.openAsReport 打开为报告 / Open as Report (explorer context menu on a .pdf,
// .html, .htm, .shtml or .docx, and the command palette): the file is converted by the language
// server with the same import layer the CLI uses (server/src/import: PDF text layer, web-page
// tables on their grid, Word tables) and the text opens as a new, unsaved report that is checked
// at once, with its preview. The original file is only read. The old command id
// zwgk-report.importDocx (从 Word 导入…) runs the same command.

import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './protocol';
import type { ServerConnection } from './server';

export const OPEN_AS_REPORT_COMMAND = 'zwgk-report.openAsReport';
/** The command's old id, kept as an alias. */
export const IMPORT_DOCX_COMMAND = 'zwgk-report.importDocx';
const EXTENSIONS = ['pdf', 'html', 'htm', 'shtml', 'docx'];
/** The largest file read (the importers' own limit: 50 MB; see docs/limits.md): a larger one is not read into the extension host. */
const MAX_BYTES = 50 * 1024 * 1024;

function zh(): boolean {
  return vscode.env.language.toLowerCase().startsWith('zh');
}

export function registerOpenAsReport(context: vscode.ExtensionContext, server: ServerConnection): void {
  const run = (uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> => openAsReport(server, uri instanceof vscode.Uri ? uri : undefined);
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_AS_REPORT_COMMAND, run),
    vscode.commands.registerCommand(IMPORT_DOCX_COMMAND, run),
  );
}

/** The command; `uri` skips the file dialog (explorer context menu, tests). Resolves to the new document. */
export async function openAsReport(server: ServerConnection, uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const target = uri ?? (await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: zh() ? '打开为报告' : 'Open as Report',
    title: zh() ? '打开 PDF、网页或 Word 文件为政府信息公开年度报告' : 'Open a PDF, web page or Word file as a disclosure annual report',
    filters: { [zh() ? 'PDF、网页、Word 文档' : 'PDF, web pages, Word documents']: EXTENSIONS },
  }))?.[0];
  if (!target) return undefined;
  const fail = (m: string): undefined => {
    void vscode.window.showErrorMessage((zh() ? `无法打开 ${path.basename(target.path)} 为报告：` : `Cannot open ${path.basename(target.path)} as a report: `) + m);
    return undefined;
  };
  let result;
  try {
    const { size, type } = await vscode.workspace.fs.stat(target);
    if (!(type & vscode.FileType.File)) return fail(zh() ? '不是普通文件' : 'not a regular file');
    if (size > MAX_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(1);
      return fail(zh() ? `文件过大（${mb} MB，超过上限 50 MB），未读取` : `the file is too large (${mb} MB, over the 50 MB limit); not read`);
    }
    result = await server.convert(path.basename(target.path), await vscode.workspace.fs.readFile(target));
  } catch (e) {
    return fail(String((e as Error)?.message ?? e));
  }
  if (!result) return fail(zh() ? '语言服务器未能启动' : 'the language server did not start');
  if ('error' in result) return fail(zh() ? result.error.zh : result.error.en);
  const eol = vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n';
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: eol === '\n' ? result.text : result.text.replace(/\r?\n/g, eol) });
  await vscode.window.showTextDocument(doc);
  return doc;
}

// Command zwgk-report.importDocx 从 Word 导入…: pick a .docx, convert it with the same importer the
// CLI uses (server/src/import/docx: tables one cell per line, merged cells placed in their columns),
// in a worker thread, and open the text as a new, unsaved report that is checked at once. The .docx is only read.

import * as path from 'path';
import * as vscode from 'vscode';
import { uiLang } from './lang';
import { importInWorker, type WorkerResult } from './docxWorker';
import { LANGUAGE_ID } from './protocol';

/**
 * The importer (jszip, pako, xmldom: about a third of the client's code) is its own bundle,
 * dist/docx.js, run in a worker thread with a memory limit (docxWorker.ts) when the command runs:
 * activation does not pay for it, and a hostile .docx cannot take the extension host down.
 */
const IMPORTER = path.join(__dirname, 'docx.js');

export const IMPORT_DOCX_COMMAND = 'zwgk-report.importDocx';

function zh(): boolean {
  return uiLang() === 'zh';
}

export function registerImportDocx(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_DOCX_COMMAND, (uri?: vscode.Uri) => importDocxCommand(uri)));
}

/** The command; `uri` skips the file dialog (explorer context menu, tests). Resolves to the new document. */
export async function importDocxCommand(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const target = uri ?? (await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: zh() ? '导入' : 'Import',
    title: zh() ? '从 Word 导入政府信息公开年度报告' : 'Import a disclosure annual report from Word',
    filters: { [zh() ? 'Word 文档' : 'Word documents']: ['docx'] },
  }))?.[0];
  if (!target) return undefined;
  let r: WorkerResult;
  try {
    r = await importInWorker(IMPORTER, await vscode.workspace.fs.readFile(target));
  } catch (e) {
    r = { error: { zh: String((e as Error)?.message ?? e), en: String((e as Error)?.message ?? e) } };
  }
  if ('error' in r) {
    void vscode.window.showErrorMessage((zh() ? '无法导入 Word 文档：' : 'Cannot import the Word document: ') + (zh() ? r.error.zh : r.error.en));
    return undefined;
  }
  const text = r.text;
  const eol = vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n';
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: eol === '\n' ? text : text.replace(/\r?\n/g, eol) });
  await vscode.window.showTextDocument(doc);
  return doc;
}

// The extension's own commands. More (preview, import a .docx, new report) are registered by their
// own modules through `registerCommands`' siblings; keep each command's code in one function here.

import * as vscode from 'vscode';
import { t } from './lang';
import { CONFIG_SECTION, Commands, LANGUAGE_ID, type FormatSetting } from './protocol';
import type { ServerConnection } from './server';

export function registerCommands(context: vscode.ExtensionContext, server: ServerConnection): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.fixAll, (arg?: vscode.Uri | string) => fixAll(server, arg)),
    vscode.commands.registerCommand(Commands.selectFormat, (value?: FormatSetting) => selectFormat(value)),
    vscode.commands.registerCommand(Commands.showOutput, () => server.output.show(true)),
    vscode.commands.registerCommand(Commands.convertLayout, (layout?: string) => convertLayout(server, layout)),
  );
}

/** The layouts the server writes (docs/layouts.md). */
const LAYOUTS = ['cell-per-line', 'tab-padded', 'tab-paste', 'markdown'] as const;

/**
 * 转换表格版式: re-lays the table under the cursor (every table when the cursor is on none) of the
 * active report in `layout`, or in the layout picked from a list.
 */
async function convertLayout(server: ServerConnection, layout?: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const t = vscode.l10n.t;
  if (!editor || editor.document.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage(t('Open a disclosure report to convert its tables.'));
    return false;
  }
  let chosen = layout;
  if (!chosen) {
    const items: (vscode.QuickPickItem & { value: string })[] = [
      { value: 'cell-per-line', label: t('One cell per line'), description: 'cell-per-line', detail: t('Each cell on its own line after a tab, a blank line between rows (Word export).') },
      { value: 'tab-padded', label: t('Tab rows, padded'), description: 'tab-padded', detail: t('One row per line, every row padded to the full width (web page, Excel).') },
      { value: 'tab-paste', label: t('Tab rows, as pasted from Word'), description: 'tab-paste', detail: t('One row per line, a merged cell written once.') },
      { value: 'markdown', label: t('Markdown table'), description: 'markdown', detail: t('A pipe table.') },
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: t('Convert Table Layout'),
      placeHolder: t('The table under the cursor is converted; every table when the cursor is on none.'),
    });
    chosen = pick?.value;
  }
  if (!chosen || !(LAYOUTS as readonly string[]).includes(chosen)) return false;
  if (!(await server.ensureStarted())) return false;
  await server.convertLayout(editor.document.uri, chosen, editor.selection.active);
  return true;
}

/** 修复本文件所有合计: `arg` (uri) or else the active editor's document. */
async function fixAll(server: ServerConnection, arg?: vscode.Uri | string): Promise<boolean> {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!uri || !doc || doc.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage(t('Open a disclosure report to fix its totals.'));
    return false;
  }
  if (!(await server.ensureStarted())) return false;
  await server.fixAll(uri);
  return true;
}

/** Quick pick auto/2019/2021, writing `zwgk-report.format`; with an argument, writes it directly. */
async function selectFormat(value?: FormatSetting): Promise<FormatSetting | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, doc?.uri);
  const current = config.get<FormatSetting>('format', 'auto');
  let chosen = value;
  if (!chosen) {
    const items: (vscode.QuickPickItem & { value: FormatSetting })[] = [
      { value: 'auto', label: t('Detect automatically'), description: 'auto', detail: t('Decide from the report year and the table layout.') },
      { value: '2019', label: t('2019 format'), description: '2019', detail: t('国办公开办函〔2019〕60号: reports on 2019 and 2020.') },
      { value: '2021', label: t('2021 format'), description: '2021', detail: t('国办公开办函〔2021〕30号: reports on 2021 and later.') },
    ];
    for (const i of items) if (i.value === current) i.label = `$(check) ${i.label}`;
    const pick = await vscode.window.showQuickPick(items, {
      title: t('Report format'),
      placeHolder: t('Which annual report format should the checks use?'),
    });
    chosen = pick?.value;
  }
  if (!chosen || !['auto', '2019', '2021'].includes(chosen)) return undefined;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (chosen !== current) await config.update('format', chosen, target);
  return chosen;
}

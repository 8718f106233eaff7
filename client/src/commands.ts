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
  );
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

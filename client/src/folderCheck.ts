// 检查文件夹中的所有报告 / Check All Reports in Folder, and the view "Reports in Folder": the language
// server checks every report of the workspace folders (server/src/lsp/workspaceDiagnostics.ts) and
// publishes their diagnostics, so the Problems panel lists them all; the command asks it to check now
// and opens a tree view of the reports, most errors first, a click opening a report at its first
// error. The server starts at activation when the workspace holds `*.zwgk` files (so their problems
// are listed without opening any), else with the first report opened or with the command.

import * as path from 'path';
import * as vscode from 'vscode';
import { CHECK_FOLDER_REQUEST, FOLDER_REPORTS_REQUEST, type FolderReportsResult } from '../../server/src/contract';
import { affectsLanguage, t } from './lang';
import { CONFIG_SECTION } from './protocol';
import type { ServerConnection } from './server';

export const CHECK_FOLDER_COMMAND = 'zwgk-report.checkFolder';
export const FOLDER_VIEW = 'zwgk-report.folderReports';
const CHECKED_CONTEXT = 'zwgk-report.folderChecked';

type Report = FolderReportsResult['reports'][number];

export class FolderReportsView implements vscode.TreeDataProvider<Report>, vscode.Disposable {
  private reports: Report[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: ServerConnection) {
    this.disposables.push(
      this.changed,
      // diagnostics published (a file changed, a report edited): ask for the list again, a little later
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => (affectsLanguage(e) || e.affectsConfiguration(CONFIG_SECTION)) && this.schedule()),
    );
  }

  /** The list the server gave last (tests read it). */
  get current(): readonly Report[] {
    return this.reports;
  }

  set(result: FolderReportsResult): void {
    this.shown = true;
    this.reports = result.reports.map((r) => this.live(r));
    this.reports.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.uri.localeCompare(b.uri));
    this.changed.fire();
  }

  /** An open report's counts come from the editor's diagnostics (the server's are the file's). */
  private live(r: Report): Report {
    const uri = vscode.Uri.parse(r.uri);
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return r;
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'zwgk-report');
    const count = (s: vscode.DiagnosticSeverity) => diags.filter((d) => d.severity === s).length;
    const first = [...diags].sort((a, b) => a.severity - b.severity || a.range.start.line - b.range.start.line)[0]?.range;
    return {
      uri: r.uri, errors: count(vscode.DiagnosticSeverity.Error), warnings: count(vscode.DiagnosticSeverity.Warning),
      information: count(vscode.DiagnosticSeverity.Information),
      first: first && { start: { line: first.start.line, character: first.start.character }, end: { line: first.end.line, character: first.end.character } },
    };
  }

  private schedule(): void {
    if (!this.shown || !this.server.current) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.server.current?.sendRequest<FolderReportsResult>(FOLDER_REPORTS_REQUEST).then((r) => this.set(r), () => undefined);
    }, 400);
  }

  getTreeItem(r: Report): vscode.TreeItem {
    const uri = vscode.Uri.parse(r.uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const item = new vscode.TreeItem(path.basename(uri.fsPath), vscode.TreeItemCollapsibleState.None);
    item.resourceUri = uri;
    const e = r.errors === 1 ? t('{0} error', r.errors) : t('{0} errors', r.errors);
    const w = r.warnings === 1 ? t('{0} warning', r.warnings) : t('{0} warnings', r.warnings);
    item.description = r.errors || r.warnings ? t('{0}, {1}', e, w) : t('no errors or warnings');
    item.tooltip = `${folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath}\n${item.description}`;
    item.iconPath = new vscode.ThemeIcon(r.errors ? 'error' : r.warnings ? 'warning' : 'pass');
    const selection = r.first ? new vscode.Range(r.first.start.line, r.first.start.character, r.first.end.line, r.first.end.character) : undefined;
    item.command = { command: 'vscode.open', title: t('Open at the first error'), arguments: [uri, { selection, preview: true }] };
    return item;
  }

  getChildren(parent?: Report): Report[] {
    return parent ? [] : this.reports;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The command: check now, show the view. Resolves to the list (undefined when there is nothing to check). */
async function checkFolder(server: ServerConnection, view: FolderReportsView): Promise<FolderReportsResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(t('Open a folder to check the reports in it.'));
    return undefined;
  }
  const client = await server.ensureStarted();
  if (!client) return undefined;
  const result = await vscode.window.withProgress(
    { location: { viewId: FOLDER_VIEW }, title: t('Checking the reports in the folder') },
    () => client.sendRequest<FolderReportsResult>(CHECK_FOLDER_REQUEST),
  );
  view.set(result);
  await vscode.commands.executeCommand('setContext', CHECKED_CONTEXT, true);
  await vscode.commands.executeCommand(`${FOLDER_VIEW}.focus`).then(undefined, () => undefined);
  if (!result.reports.length) void vscode.window.showInformationMessage(t('No reports found in the workspace folders.'));
  return result;
}

export function registerFolderCheck(context: vscode.ExtensionContext, server: ServerConnection): FolderReportsView {
  const view = new FolderReportsView(server);
  context.subscriptions.push(
    view,
    vscode.window.registerTreeDataProvider(FOLDER_VIEW, view),
    vscode.commands.registerCommand(CHECK_FOLDER_COMMAND, () => checkFolder(server, view)),
  );
  // A workspace with *.zwgk files: start the server (it lists their problems without opening them).
  const enabled = vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('checkFolder', true);
  if (enabled && vscode.workspace.workspaceFolders?.length) {
    void vscode.workspace.findFiles('**/*.{zwgk,zwgk.txt}', '**/node_modules/**', 1).then((found) => {
      if (found.length) void server.ensureStarted();
    }, () => undefined);
  }
  return view;
}

// zwgk-report extension entry point (thin): wires the language client, the commands, the status bar
// and the plain-text auto-detection together.
//
// Activation (package.json): `onLanguage:zwgk-report`, `onLanguage:plaintext`,
// `onWebviewPanel:zwgk-report.preview` (a preview to restore after a reload) and, implicitly, the
// contributed commands — nothing at VS Code start-up (no `*` / `onStartupFinished`).
// `onLanguage:plaintext` is needed because sample reports are `.txt` files: VS Code only tells an
// extension about a plaintext document by activating it for that language. (The workbench may also
// fire it for its own plaintext input models, e.g. soon after start-up, so activation must stay
// cheap.) What activation costs is loading this bundle, a few event listeners and reading at most
// ten lines of each plaintext document opened; the language server process is started only once a
// `zwgk-report` document is open or a command needs it.

import * as vscode from 'vscode';
import { AutoDetect } from './autodetect';
import { registerGrid, type GridApi } from './grid';
import { registerCommands } from './commands';
import { t } from './lang';
import { registerAlign } from './align';
import { registerFolderCheck, type FolderReportsView } from './folderCheck';
import { registerOpenAsReport } from './openAsReport';
import { registerNewReport } from './newReport';
import { activePreviewReport, registerPreview } from './preview';
import { LANGUAGE_ID, type ReportStatus } from './protocol';
import { ServerConnection } from './server';
import { StatusBar } from './status';

/** What `activate` returns: used by the extension tests (and by other extensions, if ever). */
export interface ZwgkReportApi {
  /** Resolves once the language server runs (starting it if needed); false when it cannot start. */
  ready(): Promise<boolean>;
  /** Whether the language server process has been started (it is, only once a report is open). */
  serverStarted(): boolean;
  /** Last `zwgk-report/status` received for a document. */
  status(uri: vscode.Uri): ReportStatus | undefined;
  /** What the status-bar item shows. */
  statusBar(): { text: string; tooltip: string; visible: boolean };
  /** The view "Reports in Folder" (what the folder check listed). */
  folderView: FolderReportsView;
  /** What VS Code calls to restore a preview after a reload (the tests call it too). */
  previewSerializer: vscode.WebviewPanelSerializer;
  /** The editable grids (在表格中编辑): the tests read and drive them. */
  grid: GridApi;
}

let connection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): ZwgkReportApi {
  const output = vscode.window.createOutputChannel(t('Disclosure Report'), { log: true });
  const server = new ServerConnection(context, output);
  connection = server;
  const status = new StatusBar();
  context.subscriptions.push(output, server, status, server.onStatus((s) => status.update(s)), new AutoDetect());
  registerCommands(context, server);
  output.info(`activated; open documents: ${vscode.workspace.textDocuments.map((d) => d.languageId).join(', ') || 'none'}`);
  registerNewReport(context);
  registerOpenAsReport(context, server);
  const previewSerializer = registerPreview(context);
  const folderView = registerFolderCheck(context, server);
  registerAlign(context);
  const grid = registerGrid(context, activePreviewReport);

  // Start the server when the first report is open (now, or later).
  const startIfReport = (d: vscode.TextDocument) => {
    if (d.languageId === LANGUAGE_ID) void server.ensureStarted();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startIfReport));
  vscode.workspace.textDocuments.forEach(startIfReport);

  return {
    ready: async () => !!(await server.ensureStarted()),
    serverStarted: () => server.current !== undefined,
    status: (uri) => status.get(uri),
    statusBar: () => status.view(),
    previewSerializer,
    folderView,
    grid,
  };
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}

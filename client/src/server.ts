// The language client: starts the bundled language server `dist/server.js` (Node IPC) on demand, the
// first time a `zwgk-report` document is open or a command needs it.

import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, CONVERT_REQUEST, LANGUAGE_ID, SERVER_CONVERT_LAYOUT, SERVER_FIX_ALL, STATUS_NOTIFICATION, type ConvertResult, type ReportStatus } from './protocol';
import { t } from './lang';

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly statusListeners = new Set<(s: ReportStatus) => void>();
  private missingReported = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {}

  /** The running client, if started. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  onStatus(listener: (s: ReportStatus) => void): vscode.Disposable {
    this.statusListeners.add(listener);
    return new vscode.Disposable(() => this.statusListeners.delete(listener));
  }

  /** Starts the server once; later calls return the same client. Undefined when it cannot start. */
  ensureStarted(): Promise<LanguageClient | undefined> {
    this.starting ??= this.start();
    return this.starting;
  }

  /** Asks the server to recompute every total of `uri` (it answers with a workspace/applyEdit). */
  async fixAll(uri: vscode.Uri): Promise<unknown> {
    const client = await this.ensureStarted();
    if (!client) return undefined;
    // workspace/executeCommand (ExecuteCommandRequest.type; its type comes through an `exports`-only path).
    return client.sendRequest('workspace/executeCommand', { command: SERVER_FIX_ALL, arguments: [uri.toString()] });
  }

  /** Asks the server to re-lay the table at `position` (every table when it is on none) of `uri` in `layout`. */
  async convertLayout(uri: vscode.Uri, layout: string, position?: vscode.Position): Promise<unknown> {
    const client = await this.ensureStarted();
    if (!client) return undefined;
    const at = position && { line: position.line, character: position.character };
    return client.sendRequest('workspace/executeCommand', { command: SERVER_CONVERT_LAYOUT, arguments: [uri.toString(), layout, at] });
  }

  /** Asks the server to convert a PDF, web page or Word file (its name and bytes) into report text. */
  async convert(name: string, data: Uint8Array): Promise<ConvertResult | undefined> {
    const client = await this.ensureStarted();
    if (!client) return undefined;
    return client.sendRequest<ConvertResult>(CONVERT_REQUEST, { name, data: Buffer.from(data).toString('base64') });
  }

  private async start(): Promise<LanguageClient | undefined> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    if (!fs.existsSync(serverModule)) {
      this.output.error(`language server not found: ${serverModule}`);
      if (!this.missingReported) {
        this.missingReported = true;
        void vscode.window.showWarningMessage(t('The report language server is missing ({0}). Run "npm run build".', serverModule));
      }
      this.starting = undefined; // try again next time (e.g. after a build)
      return undefined;
    }
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: LANGUAGE_ID, scheme: 'file' },
        { language: LANGUAGE_ID, scheme: 'untitled' },
      ],
      outputChannel: this.output,
      // The server pulls `zwgk-report` with workspace/configuration; this makes the client send
      // workspace/didChangeConfiguration when it changes so the server re-pulls and re-checks.
      synchronize: { configurationSection: CONFIG_SECTION },
      initializationOptions: { l10nBundle: vscode.l10n.uri?.toString() },
    };
    const client = new LanguageClient(LANGUAGE_ID, t('Disclosure Report Language Server'), serverOptions, clientOptions);
    client.onNotification(STATUS_NOTIFICATION, (s: ReportStatus) => {
      for (const l of this.statusListeners) l(s);
    });
    try {
      await client.start();
    } catch (e) {
      this.output.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      this.starting = undefined;
      return undefined;
    }
    this.client = client;
    return client;
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (c) await c.stop().catch(() => undefined);
  }

  dispose(): void {
    void this.stop();
  }
}

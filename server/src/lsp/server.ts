// The language server: maps the core language service onto the protocol. One module per feature;
// this file wires them to a connection and guards every handler (bad input never kills the server).

import {
  type CancellationToken, LSPErrorCodes, ResponseError,
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentSymbolRequest, TextDocuments, TextDocumentSyncKind,
  type Disposable,
  type Connection, type InitializeParams, type InitializeResult, type TextDocumentIdentifier,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { totalsEdits } from '../core';
import { codeActions, workspaceEdit, type EditOptions } from './codeActions';
import { Validator } from './diagnostics';
import { DocumentCache } from './documentCache';
import { documentSymbols } from './documentSymbols';
import { foldingRanges } from './folding';
import { safeFormatEdits } from './formatting';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { heapSpaces } from './memory';
import { convertLayoutEdits, isWritableLayout } from './convertLayout';
import { convertInWorker } from '../import/convertWorker';
import { CacheStatsRequest, FIX_ALL_KIND, SERVER_CONVERT_LAYOUT, SERVER_FILL_BLANK_CELLS, SERVER_FIX_ALL } from './protocol';
import { CONVERT_REQUEST, type ConvertParams, type ConvertResult } from '../contract';
import { LEGEND, semanticTokens } from './semanticTokens';
import { checkOptions, SettingsStore, type Settings } from './settings';
import { validatedConnection } from './validate';
import { WorkspaceReports } from './workspaceReports';
import { WorkspaceDiagnostics, type FileResult } from './workspaceDiagnostics';
import { CHECK_FOLDER_REQUEST, FOLDER_REPORTS_REQUEST } from '../contract';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache();
  const settings = new SettingsStore(connection);
  const log = (m: string) => connection.console.error(m);
  // a workspace scan that finds new or changed reports re-checks the open documents (carry-over)
  // and publishes the diagnostics of the reports not open (the folder check)
  const workspace = new WorkspaceReports<FileResult>((changed, removed) => { v.all(); folder.changed(changed, removed); }, log);
  const v = new Validator(connection, documents, cache, settings, workspace);
  let folderUris: string[] = [];
  const folder = new WorkspaceDiagnostics(connection, documents, settings, workspace, () => folderUris[0]);
  v.folder = folder;
  let canShowProgress = false;
  const editOptions: EditOptions = { documentChanges: false };
  let canRegisterConfig = false;
  let canWatchFiles = false;
  let inlayRefresh = false;
  let tokensRefresh = false;
  /** Document symbols registered dynamically: registered anew when the settings change, so that the
   *  outline (which LSP cannot refresh) is asked again, e.g. in the new message language. */
  let dynamicSymbols = false;
  let symbolsRegistration: Promise<Disposable | undefined> | undefined;
  const registerSymbols = (): void => {
    const previous = symbolsRegistration;
    symbolsRegistration = (async () => {
      (await previous)?.dispose();
      return connection.client.register(DocumentSymbolRequest.type, { documentSelector: [{ language: 'zwgk-report' }], label: '政府信息公开年报' })
        .catch(() => undefined);
    })();
  };

  /** Run a handler; on error log it and answer `fallback`. */
  function guard<P, R>(name: string, fallback: R, fn: (p: P, token?: CancellationToken) => R | Promise<R>): (p: P, token?: CancellationToken) => Promise<R> {
    return async (p: P, token?: CancellationToken) => {
      // a request the client has cancelled is not worked on (the protocol's answer is a cancel error)
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
      try {
        return await fn(p, token);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        log(`${name} failed: ${(e as Error)?.stack ?? e}`);
        return fallback;
      }
    };
  }

  /** The open document and its settings, or undefined. */
  async function open(id: TextDocumentIdentifier, token?: CancellationToken): Promise<{ document: TextDocument; settings: Settings } | undefined> {
    if (!documents.get(id.uri)) return undefined;
    const s = await settings.get(id.uri);
    // cancelled while the settings were fetched: the work that follows is synchronous, skip it
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    const document = documents.get(id.uri);
    return document ? { document, settings: s } : undefined;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    settings.pull = !!caps.workspace?.configuration;
    settings.locale = params.locale ?? '';
    canRegisterConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    editOptions.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    inlayRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    tokensRefresh = !!caps.workspace?.semanticTokens?.refreshSupport;
    dynamicSymbols = !!caps.textDocument?.documentSymbol?.dynamicRegistration;
    canShowProgress = !!caps.window?.workDoneProgress;
    folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folderUris);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SERVER_FIX_ALL, SERVER_FILL_BLANK_CELLS, SERVER_CONVERT_LAYOUT] },
        hoverProvider: true,
        inlayHintProvider: true,
        documentSymbolProvider: dynamicSymbols ? undefined : { label: '政府信息公开年报' },
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true, range: true },
        documentFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'zwgk-report-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canShowProgress) workspace.progress = folderProgress();
    void folder.refresh().catch((e) => log(`folder check: ${(e as Error)?.stack ?? e}`));
    if (dynamicSymbols) registerSymbols();
    if (canRegisterConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'zwgk-report' }).catch(() => undefined);
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.zwgk' }, { globPattern: '**/*.zwgk.txt' }, { globPattern: '**/*.txt' }],
      }).catch(() => undefined);
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        void connection.workspace.getWorkspaceFolders().then((f) => {
          folderUris = (f ?? []).map((x) => x.uri);
          workspace.setFolders(folderUris);
          void folder.refresh();
        }, () => undefined);
        void e;
      });
    } catch { /* client without workspace folders */ }
  });

  connection.onDidChangeConfiguration(guard('didChangeConfiguration', undefined, (p) => {
    settings.changed(p.settings);
    v.all();
    void folder.settingsChanged();
    if (inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (tokensRefresh) void connection.languages.semanticTokens.refresh();
    if (dynamicSymbols) registerSymbols();
  }));
  connection.onDidChangeWatchedFiles(guard('didChangeWatchedFiles', undefined, () => {
    workspace.invalidate();
    void workspace.kick();
  }));

  // TextDocuments fires onDidOpen then onDidChangeContent for the same open: check it once
  let justOpened: string | undefined;
  documents.onDidOpen((e) => { justOpened = e.document.uri; v.schedule(e.document.uri, 0); });
  documents.onDidChangeContent((e) => {
    if (justOpened === e.document.uri) { justOpened = undefined; return; }
    void v.changed(e.document.uri).catch((x) => log(String(x)));
  });
  documents.onDidSave((e) => { v.schedule(e.document.uri, 0); });
  documents.onDidClose((e) => {
    v.closed(e.document.uri);
    cache.delete(e.document.uri);
    settings.forget(e.document.uri);
  });

  connection.onCodeAction(guard('codeAction', [], async (p) => {
    const o = await open(p.textDocument);
    if (!o) return [];
    const { doc, diagnostics } = cache.analysis(o.document, o.settings);
    return codeActions(p, o.document, doc, [...diagnostics, ...v.cross(o.document.uri)], settings.lang(o.settings), editOptions);
  }));

  connection.onExecuteCommand(guard('executeCommand', null, async (p) => {
    const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : (p.arguments?.[0] as { uri?: string } | undefined)?.uri;
    if (!uri) return null;
    const o = await open({ uri });
    if (!o) return null;
    const doc = cache.doc(o.document, o.settings);
    let edits;
    let label: string;
    if (p.command === SERVER_FIX_ALL) {
      edits = totalsEdits(doc);
      label = settings.lang(o.settings) === 'zh' ? '修复本文件所有合计' : 'Fix all totals in this file';
    } else if (p.command === SERVER_FILL_BLANK_CELLS) {
      edits = safeFormatEdits(doc, { fillBlankCells: true, onlyBlank: true }, checkOptions(o.settings), log);
      label = settings.lang(o.settings) === 'zh' ? '空白单元格填 0' : 'Fill blank cells with 0';
    } else if (p.command === SERVER_CONVERT_LAYOUT) {
      const layout = p.arguments?.[1];
      if (!isWritableLayout(layout)) return null;
      edits = convertLayoutEdits(doc, layout, p.arguments?.[2]);
      label = settings.lang(o.settings) === 'zh' ? '转换表格版式' : 'Convert Table Layout';
    } else return null;
    if (!edits.length) return { applied: true, edits: 0 };
    const r = await connection.workspace.applyEdit({ label, edit: workspaceEdit(o.document, edits, editOptions) });
    return { applied: r.applied, edits: edits.length };
  }));

  connection.onHover(guard('hover', null, async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return null;
    return hover(cache.doc(o.document, o.settings), p.position, settings.lang(o.settings));
  }));

  connection.languages.inlayHint.on(guard('inlayHint', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o || !o.settings.inlayHints.enabled) return [];
    return inlayHints(cache.doc(o.document, o.settings), p.range);
  }));

  connection.onDocumentSymbol(guard('documentSymbol', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return [];
    return documentSymbols(cache.doc(o.document, o.settings), settings.lang(o.settings));
  }));

  connection.onFoldingRanges(guard('foldingRange', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return [];
    return foldingRanges(cache.doc(o.document, o.settings));
  }));

  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return { data: [] };
    const { doc, diagnostics } = cache.analysis(o.document, o.settings);
    return semanticTokens(doc, diagnostics);
  }));
  connection.languages.semanticTokens.onRange(guard('semanticTokens/range', { data: [] }, async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return { data: [] };
    const { doc, diagnostics } = cache.analysis(o.document, o.settings);
    return semanticTokens(doc, diagnostics, p.range);
  }));

  connection.onDocumentFormatting(guard('formatting', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return [];
    const doc = cache.doc(o.document, o.settings);
    return safeFormatEdits(doc, { fillBlankCells: o.settings.formatter.fillBlankCells }, checkOptions(o.settings), log);
  }));

  connection.onRequest(CHECK_FOLDER_REQUEST, guard('checkFolder', { enabled: false, reports: [] }, () => folder.checkNow()));
  connection.onRequest(FOLDER_REPORTS_REQUEST, guard('folderReports', { enabled: false, reports: [] }, () => folder.list()));

  /** A progress notification while the folder check reads many files. */
  function folderProgress(): import('./workspaceReports').ScanProgress {
    let reporter: Promise<import('vscode-languageserver/node').WorkDoneProgressServerReporter | undefined> | undefined;
    const title = () => (folder.lang() === 'zh' ? '正在检查文件夹中的报告' : 'Checking the reports in the folder');
    return {
      begin(total) {
        reporter = connection.window.createWorkDoneProgress().then((r) => { r.begin(title(), 0, `0/${total}`, false); return r; }, () => undefined);
      },
      step(done, total) {
        void reporter?.then((r) => r?.report(Math.round((done / total) * 100), `${done}/${total}`));
      },
      end() {
        void reporter?.then((r) => r?.done());
        reporter = undefined;
      },
    };
  }

  connection.onRequest(CacheStatsRequest, () => ({ ...cache.getStats(), memory: process.memoryUsage(), spaces: heapSpaces() }));
  // 打开为报告 / Open as Report: a PDF, web page or Word file → report text (server/src/import).
  connection.onRequest(CONVERT_REQUEST, async (p: ConvertParams): Promise<ConvertResult> => {
    // in a worker thread with a heap limit and a time budget (import/convertWorker.ts): a hostile
    // file ends that worker, never the server
    const { importKindOf, sniffKind } = await import('../import');
    const kind = importKindOf(p.name) ?? sniffKind(Buffer.from(p.data.slice(0, 1400), 'base64'));
    const out = await convertInWorker(p.data, kind);
    return 'text' in out ? { text: out.text } : { error: { zh: out.error.zh, en: out.error.en } };
  });

  documents.listen(validatedConnection(connection, log));
  connection.listen();
}

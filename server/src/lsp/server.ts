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
import { DocumentCache, type Earlier } from './documentCache';
import { LinesDocuments } from './linesDocument';
import { backLine, backRange, forwardLine, forwardRange, lineEditsOf, type LineEdit } from './largeReports';
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
import { encodeTokens, LEGEND, semanticTokens, tokenList } from './semanticTokens';
import { checkOptions, SettingsStore, type Settings } from './settings';
import { validatedConnection } from './validate';
import { WorkspaceReports } from './workspaceReports';
import { WorkspaceDiagnostics, type FileResult } from './workspaceDiagnostics';
import { CHECK_FOLDER_REQUEST, FOLDER_REPORTS_REQUEST } from '../contract';

export function startServer(connection: Connection): void {
  // (documents kept as lines: a change costs the lines it touches, not a copy of the whole text)
  const documents: TextDocuments<TextDocument> = new TextDocuments(LinesDocuments);
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
  /** The client shows at most this many folding ranges (its capability; VS Code: 5,000). */
  let foldingLimit: number | undefined;
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

  /**
   * A large report whose last check is older than its text: the model of that check and the edits
   * since (features answer from it, carrying lines; see largeReports.ts), or 'none' when its
   * positions cannot be carried (answer nothing until the next check). Undefined: not a large
   * report, or checked at this version (answer from this version's model as usual).
   */
  function earlier(document: TextDocument, s: Settings): Earlier | 'none' | undefined {
    if (!v.isLarge(document.uri)) return undefined;
    const e = cache.earlier(document.uri, s);
    if (!e) return 'none';
    return e.version === document.version ? undefined : e;
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
    const rl = caps.textDocument?.foldingRange?.rangeLimit;
    foldingLimit = typeof rl === 'number' && rl > 0 ? rl : undefined;
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
  documents.onDidOpen((e) => {
    justOpened = e.document.uri;
    void v.opened(e.document.uri).catch((x) => log(String(x)));
    v.schedule(e.document.uri, 0);
  });
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
    // a large report typed into since its last check: quick fixes come back with the next check
    if (earlier(o.document, o.settings) !== undefined) return [];
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
    const e = earlier(o.document, o.settings);
    if (e === 'none') return null;
    if (e) {
      // the line as it was at the last check, when no edit since touched it
      const line = backLine(e.edits, p.position.line);
      if (forwardLine(e.edits, line) !== p.position.line) return null;
      const h = hover(e.doc, { line, character: p.position.character }, settings.lang(o.settings));
      if (!h?.range) return h;
      const range = forwardRange(e.edits, h.range);
      return range ? { ...h, range } : { contents: h.contents };
    }
    return hover(cache.doc(o.document, o.settings), p.position, settings.lang(o.settings));
  }));

  connection.languages.inlayHint.on(guard('inlayHint', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o || !o.settings.inlayHints.enabled) return [];
    const e = earlier(o.document, o.settings);
    if (e === 'none') return [];
    if (e) {
      const out = [];
      for (const h of inlayHints(e.doc, backRange(e.edits, p.range))) {
        const line = forwardLine(e.edits, h.position.line);
        if (line !== undefined && line >= p.range.start.line && line <= p.range.end.line) out.push({ ...h, position: { line, character: h.position.character } });
      }
      return out;
    }
    return inlayHints(cache.doc(o.document, o.settings), p.range);
  }));

  connection.onDocumentSymbol(guard('documentSymbol', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return [];
    const e = earlier(o.document, o.settings);
    if (e === 'none') return [];
    if (e) return carrySymbols(documentSymbols(e.doc, settings.lang(o.settings)), e.edits);
    return documentSymbols(cache.doc(o.document, o.settings), settings.lang(o.settings));
  }));

  connection.onFoldingRanges(guard('foldingRange', [], async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return [];
    const e = earlier(o.document, o.settings);
    if (e === 'none') return [];
    let ranges = foldingRanges(e ? e.doc : cache.doc(o.document, o.settings));
    if (e) {
      const out = [];
      for (const r of ranges) {
        const startLine = forwardLine(e.edits, r.startLine);
        const endLine = forwardLine(e.edits, r.endLine);
        if (startLine !== undefined && endLine !== undefined && endLine > startLine) out.push({ ...r, startLine, endLine });
      }
      ranges = out;
    }
    // no more than the client shows (a large report has tens of thousands)
    return foldingLimit !== undefined && ranges.length > foldingLimit ? ranges.slice(0, foldingLimit) : ranges;
  }));

  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return { data: [] };
    // a large report: the visible range only (the client asks for it when the whole is refused)
    if (v.isLarge(o.document.uri)) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'large report: semantic tokens by range only');
    const { doc, diagnostics } = cache.analysis(o.document, o.settings);
    return semanticTokens(doc, diagnostics);
  }));
  connection.languages.semanticTokens.onRange(guard('semanticTokens/range', { data: [] }, async (p, token) => {
    const o = await open(p.textDocument, token);
    if (!o) return { data: [] };
    const e = earlier(o.document, o.settings);
    if (e === 'none') return { data: [] };
    if (e) {
      const toks = [];
      for (const t of tokenList(e.doc, e.diagnostics ?? [], backRange(e.edits, p.range))) {
        const line = forwardLine(e.edits, t.line);
        if (line !== undefined && line >= p.range.start.line && line <= p.range.end.line) toks.push({ ...t, line });
      }
      return encodeTokens(toks);
    }
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

  // the line edits of each change, for large reports (their features carry lines through them)
  documents.listen(validatedConnection(connection, log, (method, p) => {
    if (method !== 'didChange') return;
    const c = p as { textDocument: { uri: string }; contentChanges: { range?: import('vscode-languageserver/node').Range; text: string }[] };
    cache.changed(c.textDocument.uri, lineEditsOf(c.contentChanges));
  }));
  connection.listen();
}

/** Document symbols of an earlier model carried to their lines now; a symbol an edit touched is left out. */
function carrySymbols<S extends { range: import('vscode-languageserver/node').Range; selectionRange: import('vscode-languageserver/node').Range; children?: S[] }>(symbols: S[], edits: readonly LineEdit[]): S[] {
  const out: S[] = [];
  for (const sym of symbols) {
    const range = forwardRange(edits, sym.range);
    const selectionRange = forwardRange(edits, sym.selectionRange);
    if (!range || !selectionRange) continue;
    out.push({ ...sym, range, selectionRange, ...(sym.children ? { children: carrySymbols(sym.children, edits) } : {}) });
  }
  return out;
}

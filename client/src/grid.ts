// 在表格中编辑 / Edit Tables: a webview per report showing its statistics tables as an editable grid
// with the official headers (server/src/render/grid.ts over the preview's renderer). The text
// document is the one source of truth:
// - a figure typed in the grid becomes text edits on exactly that cell's characters
//   (server/src/core/gridEdit.ts), applied as one WorkspaceEdit (one undo in the text editor undoes
//   the figure and the totals recomputed with it);
// - an edit made in the text shows in the grid at once (debounced), as does the grid's own edit.
// Messages from the webview are validated: an unknown cell id, a value that is not a figure, or a
// document version that is not the current one is ignored (and the user told so).

import * as vscode from 'vscode';
import { editorColumn, nonce, openDocument, webviewOptions, wirePanel } from './webviews';
import { analyze, msg, type CheckOptions, type Lang, type Severity } from '../../server/src/core';
import { gridEdits, gridLayout, pasteChanges, type GridChange, type GridSettings } from '../../server/src/core/gridEdit';
import { GRID_STRINGS, renderGridPage, renderGridTables } from '../../server/src/render/grid';
import { CONFIG_SECTION } from './protocol';

export const EDIT_TABLES_COMMAND = 'zwgk-report.editTables';
const VIEW_TYPE = 'zwgk-report.grid';
const DEBOUNCE_MS = 50;
/** Longest paste accepted from the webview (a whole table 3 is about 2 KB). */
const MAX_PASTE = 200_000;

/** The one language setting `zwgk-report.language` (auto: Chinese when VS Code's display language is). */
export function gridLang(uri?: vscode.Uri): Lang {
  const s = vscode.workspace.getConfiguration(CONFIG_SECTION, uri).get<string>('language', 'auto');
  if (s === 'zh' || s === 'en') return s;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function gridSettings(uri: vscode.Uri): GridSettings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
  return {
    autoTotals: c.get<boolean>('grid.autoTotals', true) !== false,
    deleteValue: c.get<string>('grid.deleteValue', '0') === 'blank' ? 'blank' : 'zero',
  };
}

function checkOptions(uri: vscode.Uri): CheckOptions {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
  const format = config.get<string>('format', 'auto');
  const rules = config.get<Record<string, Severity | 'off'>>('rules', {});
  return { format: format === '2019' || format === '2021' ? format : 'auto', rules: rules && typeof rules === 'object' ? rules : {} };
}

/** What the tests (and the bench) can read of a grid: the tables' HTML as last sent, and its version. */
export interface GridView {
  readonly uri: vscode.Uri;
  readonly html: string;
  readonly version: number;
  /** Handle a message as if the webview had sent it (the tests drive the grid this way). */
  receive(message: unknown): Promise<void>;
}

class ReportGrid implements vscode.Disposable, GridView {
  private timer: ReturnType<typeof setTimeout> | undefined;
  html = '';
  version = -1;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private stale = false;
  /** Messages handled one after the other (an edit waits for the one before it). */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly uri: vscode.Uri, readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri) {
    wirePanel(this.panel, this.disposables, {
      dispose: () => this.dispose(),
      receive: (m) => void this.receive(m),
      shown: () => { if (this.stale) this.setPage(); },
    });
    this.render();
    this.setPage();
  }

  document(): vscode.TextDocument | undefined {
    return openDocument(this.uri);
  }

  private render(): boolean {
    const doc = this.document();
    if (!doc) return false;
    const lang = gridLang(this.uri);
    const { doc: model, diagnostics } = analyze(doc.getText(), checkOptions(this.uri));
    this.html = renderGridTables(model, diagnostics, gridLayout(model), gridSettings(this.uri), lang);
    this.version = doc.version;
    const name = this.uri.path.split('/').pop() ?? '';
    this.panel.title = GRID_STRINGS[lang].title(name);
    return true;
  }

  private setPage(): void {
    const webview = this.panel.webview;
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', f)).toString();
    webview.html = renderGridPage({
      tables: this.html, settings: gridSettings(this.uri), version: this.version, cspSource: webview.cspSource,
      nonce: nonce(), scriptUri: media('grid.js'), styleUri: media('grid.css'), lang: gridLang(this.uri),
    });
    this.stale = false;
  }

  /** Re-render now and send the tables to the webview. */
  refresh(note?: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.render()) return;
    if (this.panel.visible) {
      void this.panel.webview.postMessage({ type: 'update', version: this.version, html: this.html, autoTotals: gridSettings(this.uri).autoTotals, note });
    } else {
      this.stale = true;
    }
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  reveal(column: vscode.ViewColumn, preserveFocus: boolean): void {
    this.panel.reveal(column, preserveFocus);
  }

  receive(m: unknown): Promise<void> {
    const next = this.queue.then(() => this.onMessage(m)).catch(() => undefined);
    this.queue = next;
    return next;
  }

  private refuse(messages: string[]): void {
    void this.panel.webview.postMessage({ type: 'refused', messages });
    this.refresh(); // the cells show the text again (not what was refused)
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!m || typeof m !== 'object') return;
    const message = m as Record<string, unknown>;
    const lang = gridLang(this.uri);
    const ui = GRID_STRINGS[lang];
    if (message.type === 'ready') {
      this.refresh();
      void this.panel.webview.postMessage({ type: 'state', uri: this.uri.toString() });
      return;
    }
    if (message.type === 'autoTotals' && typeof message.on === 'boolean') {
      const config = vscode.workspace.getConfiguration(CONFIG_SECTION, this.uri);
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update('grid.autoTotals', message.on, target);
      this.refresh();
      return;
    }
    if (message.type === 'undo' || message.type === 'redo') {
      await this.undoInText(message.type);
      return;
    }
    if (message.type !== 'edit' && message.type !== 'delete' && message.type !== 'paste') return;
    const doc = this.document();
    if (!doc) return;
    // A stale version (the text changed since the webview's tables were drawn): ignored.
    if (message.version !== doc.version) {
      this.refuse([ui.stale]);
      return;
    }
    const { doc: model } = analyze(doc.getText(), checkOptions(this.uri));
    const layout = gridLayout(model);
    const settings = gridSettings(this.uri);
    let changes: GridChange[];
    let dropped = 0;
    if (message.type === 'paste') {
      if (typeof message.anchor !== 'string' || typeof message.text !== 'string' || message.text.length > MAX_PASTE) return;
      const p = pasteChanges(layout, message.anchor, message.text, settings);
      if (!p) return; // unknown cell: ignored
      changes = p.changes;
      dropped = p.dropped;
    } else {
      if (typeof message.id !== 'string' || !layout.cells.has(message.id)) return; // unknown cell: ignored
      if (message.type === 'edit' && typeof message.value !== 'string') return;
      changes = [{ id: message.id, value: message.type === 'edit' ? (message.value as string) : null }];
    }
    const result = gridEdits(model, changes, settings, checkOptions(this.uri), layout);
    const notes = result.refused.map((r) => msg(r.message, lang));
    if (dropped) notes.push(ui.dropped(dropped));
    if (result.edits.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) {
        edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      }
      await vscode.workspace.applyEdit(edit);
    }
    const totals = result.written.filter((w) => w.total).length;
    const note = result.written.length ? ui.wrote(result.written.length - totals, totals) : undefined;
    if (notes.length) this.refuse(notes);
    else this.refresh(note);
  }

  /**
   * Ctrl+Z / Ctrl+Y in the grid: the text editor's undo / redo (the grid's edits are the text's),
   * run in an editor showing the report, then the focus back to the grid.
   */
  private async undoInText(command: 'undo' | 'redo'): Promise<void> {
    const doc = this.document();
    if (!doc) return;
    const key = this.uri.toString();
    const column = editorColumn(this.panel, this.uri);
    await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    // the command acts on the focused editor: wait until the report's editor has the focus
    for (let i = 0; i < 50 && vscode.window.activeTextEditor?.document.uri.toString() !== key; i++) await new Promise((r) => setTimeout(r, 20));
    if (vscode.window.activeTextEditor?.document.uri.toString() !== key) return;
    await vscode.commands.executeCommand(command);
    this.panel.reveal(this.panel.viewColumn, false);
    this.refresh();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export interface GridApi {
  /** The grid open for a report, if any. */
  gridFor(uri: vscode.Uri): GridView | undefined;
}

/**
 * Registers 在表格中编辑 / Edit Tables. `reportOfActivePreview` gives the report of the preview
 * that has the focus, for the command in the preview's toolbar.
 */
export function registerGrid(context: vscode.ExtensionContext, reportOfActivePreview: () => vscode.Uri | undefined = () => undefined): GridApi {
  const grids = new Map<string, ReportGrid>();

  const open = async (arg: unknown, opts?: unknown): Promise<void> => {
    const preserveFocus = !!(opts && typeof opts === 'object' && (opts as { preserveFocus?: unknown }).preserveFocus === true);
    const uri = arg instanceof vscode.Uri ? arg
      : typeof arg === 'string' ? vscode.Uri.parse(arg)
      : vscode.window.activeTextEditor?.document.uri ?? reportOfActivePreview();
    if (!uri) {
      void vscode.window.showInformationMessage(GRID_STRINGS[gridLang()].open);
      return;
    }
    const key = uri.toString();
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) await vscode.workspace.openTextDocument(uri);
    const existing = grids.get(key);
    if (existing) {
      existing.reveal(vscode.ViewColumn.Beside, preserveFocus);
      existing.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Tables', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, webviewOptions(context.extensionUri));
    const grid = new ReportGrid(uri, panel, context.extensionUri);
    grids.set(key, grid);
    grid.onDidDispose(() => {
      if (grids.get(key) === grid) grids.delete(key);
    });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(EDIT_TABLES_COMMAND, (arg?: unknown, opts?: unknown) => open(arg, opts)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // an untitled report closed without saving is gone: so is its grid
      if (d.uri.scheme === 'untitled') grids.get(d.uri.toString())?.panel.dispose();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) grids.get(e.document.uri.toString())?.schedule();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      for (const g of grids.values()) if (e.affectsConfiguration(CONFIG_SECTION, g.uri)) g.schedule();
    }),
    { dispose: () => { for (const g of [...grids.values()]) g.panel.dispose(); } },
  );
  return { gridFor: (uri) => grids.get(uri.toString()) };
}

// 打开预览 / Open Preview: a webview per report showing it as printed — the statistics tables in
// their official layout, cells with errors/warnings marked — rendered in the extension host by the
// same language service as the server (server/src/core) and the same renderer as the CLI
// (server/src/render/html). Follows edits (debounced) and the colour theme (CSS variables);
// clicking an element reveals it in the editor. A preview open when the window reloads comes back.
//
// Security: strict CSP (nothing but our nonce'd <style> and media/preview.js), no remote loads,
// every piece of report text escaped by the renderer; messages from the webview are validated.

import * as vscode from 'vscode';
import { editorColumn, nonce, openDocument, webviewOptions, wirePanel } from './webviews';
import { analyze, type CheckOptions, type Severity } from '../../server/src/core';
import { renderBody, renderWebviewPage } from '../../server/src/render/html';
import { uiLang as settingLang } from './lang';
import { CONFIG_SECTION, LANGUAGE_ID } from './protocol';

export const PreviewCommands = {
  open: 'zwgk-report.openPreview',
  openToSide: 'zwgk-report.openPreviewToSide',
} as const;

const VIEW_TYPE = 'zwgk-report.preview';
const DEBOUNCE_MS = 150;

/** The preview speaks the language of the rest of the extension (setting `zwgk-report.language`). */
function uiLang(uri?: vscode.Uri): 'zh' | 'en' {
  return settingLang(uri);
}

function checkOptions(uri: vscode.Uri): CheckOptions {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
  const format = config.get<string>('format', 'auto');
  const rules = config.get<Record<string, Severity | 'off'>>('rules', {});
  return { format: format === '2019' || format === '2021' ? format : 'auto', rules: rules && typeof rules === 'object' ? rules : {} };
}

class ReportPreview implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private body = '';
  private stale = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(public uri: vscode.Uri, readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri) {
    wirePanel(this.panel, this.disposables, {
      dispose: () => this.dispose(),
      receive: (m) => void this.onMessage(m),
      // (a hidden webview is torn down: give it the current report when it shows again)
      shown: () => { if (this.stale) this.setPage(); },
    });
    this.render();
    this.setPage();
  }

  private document(): vscode.TextDocument | undefined {
    return openDocument(this.uri);
  }

  private render(): boolean {
    const doc = this.document();
    if (!doc) return false;
    const { doc: model, diagnostics } = analyze(doc.getText(), checkOptions(this.uri));
    this.body = renderBody(model, diagnostics, { lang: uiLang(this.uri) });
    const name = this.uri.path.split('/').pop() ?? '';
    this.panel.title = uiLang(this.uri) === 'zh' ? `预览 ${name}` : `Preview ${name}`;
    return true;
  }

  private setPage(): void {
    const webview = this.panel.webview;
    const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview.js'));
    webview.html = renderWebviewPage({ body: this.body, cspSource: webview.cspSource, nonce: nonce(), scriptUri: scriptUri.toString(), lang: uiLang(this.uri) });
    this.stale = false;
  }

  /** Re-render now and send the new report to the webview. */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.render()) return;
    if (this.panel.visible) void this.panel.webview.postMessage({ type: 'update', html: this.body });
    else this.stale = true;
  }

  /** Show another report in this panel (the preview follows the active editor, as Markdown's does). */
  retarget(uri: vscode.Uri): void {
    if (uri.toString() === this.uri.toString()) return;
    this.uri = uri;
    if (!this.render()) return;
    if (this.panel.visible) {
      void this.panel.webview.postMessage({ type: 'update', html: this.body });
      void this.panel.webview.postMessage({ type: 'state', uri: this.uri.toString() });
      const top = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.visibleRanges[0]?.start.line;
      void this.panel.webview.postMessage({ type: 'scrollTo', line: top ?? 0 });
    } else this.stale = true;
  }

  /** Re-render after the document stops changing for a moment. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  private quietUntil = 0;

  /** The editor scrolled to `line`: scroll the preview along (not right after a click in the preview). */
  scrollTo(line: number): void {
    if (Date.now() < this.quietUntil || !this.panel.visible) return;
    void this.panel.webview.postMessage({ type: 'scrollTo', line });
  }

  reveal(column: vscode.ViewColumn, preserveFocus: boolean): void {
    this.panel.reveal(column, preserveFocus);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!m || typeof m !== 'object') return;
    const msg = m as { type?: unknown; line?: unknown; character?: unknown };
    if (msg.type === 'ready') {
      // The script is running: make sure it shows the latest rendering (edits may have come meanwhile),
      // and let it keep which report it shows, so that VS Code can restore the preview after a reload.
      void this.panel.webview.postMessage({ type: 'update', html: this.body });
      void this.panel.webview.postMessage({ type: 'state', uri: this.uri.toString() });
      const key = this.uri.toString();
      const top = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.visibleRanges[0]?.start.line;
      if (top) void this.panel.webview.postMessage({ type: 'scrollTo', line: top });
      return;
    }
    if (msg.type !== 'reveal') return;
    const line = Number(msg.line);
    const character = Number(msg.character);
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) return;
    this.quietUntil = Date.now() + 800; // the editor scrolls to the clicked place: keep the preview where the user clicked
    await this.revealInEditor(line, character);
  }

  /** Reveal and select the cell/line at a position in an editor showing the report. */
  private async revealInEditor(line: number, character: number): Promise<void> {
    const doc = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    const l = Math.min(line, doc.lineCount - 1);
    const text = doc.lineAt(l).text;
    const start = Math.min(character, text.length);
    // Select the cell's (or the line's) text: up to the next tab, trailing spaces left out.
    let end = text.indexOf('\t', start);
    if (end < 0) end = text.length;
    while (end > start && /\s/.test(text[end - 1])) end--;
    const range = new vscode.Range(l, start, l, end);
    const column = editorColumn(this.panel, this.uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The previews open (set by registerPreview). */
let openPreviews: Map<string, ReportPreview> | undefined;

/** The report of the preview that has the focus (for commands run from the preview's toolbar). */
export function activePreviewReport(): vscode.Uri | undefined {
  for (const p of openPreviews?.values() ?? []) if (p.panel.active) return p.uri;
  return undefined;
}

/** Registers the preview commands and listeners; returns what restores a preview after a reload. */
export function registerPreview(context: vscode.ExtensionContext): vscode.WebviewPanelSerializer {
  const previews = new Map<string, ReportPreview>();
  openPreviews = previews;

  const track = (uri: vscode.Uri, panel: vscode.WebviewPanel): void => {
    const preview = new ReportPreview(uri, panel, context.extensionUri);
    previews.set(uri.toString(), preview);
    preview.onDidDispose(() => {
      const key = preview.uri.toString();
      if (previews.get(key) === preview) previews.delete(key);
    });
  };

  /** Move a preview to another report (one preview follows the reports, as Markdown's does). */
  const retarget = (preview: ReportPreview, uri: vscode.Uri): void => {
    const old = preview.uri.toString();
    if (previews.get(old) === preview) previews.delete(old);
    preview.retarget(uri);
    previews.set(uri.toString(), preview);
  };

  /**
   * A preview left open when the window closed or reloaded: VS Code gives back its panel and the
   * state its script kept (the report's URI). Without a readable report (no state, a file since
   * deleted) the panel is closed rather than left blank.
   */
  const serializer: vscode.WebviewPanelSerializer = {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      const raw = state && typeof state === 'object' ? (state as { uri?: unknown }).uri : undefined;
      let uri: vscode.Uri | undefined;
      try {
        uri = typeof raw === 'string' ? vscode.Uri.parse(raw, true) : undefined;
        if (uri) await vscode.workspace.openTextDocument(uri);
      } catch {
        uri = undefined;
      }
      if (!uri || previews.has(uri.toString())) {
        panel.dispose();
        return;
      }
      panel.webview.options = webviewOptions(context.extensionUri);
      track(uri, panel);
    },
  };

  const open = async (arg: unknown, toSide: boolean): Promise<void> => {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(uiLang() === 'zh' ? '请先打开一份政府信息公开年报。' : 'Open a disclosure report to preview it.');
      return;
    }
    const key = uri.toString();
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) await vscode.workspace.openTextDocument(uri);
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    const existing = previews.get(key);
    if (existing) {
      existing.reveal(column, toSide);
      existing.refresh();
      return;
    }
    // a preview of another report: show this one in it rather than opening a tab per report
    const other = [...previews.values()][0];
    if (other) {
      retarget(other, uri);
      other.reveal(other.panel.viewColumn ?? column, toSide);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, webviewOptions(context.extensionUri));
    track(uri, panel);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(PreviewCommands.open, (arg?: unknown) => open(arg, false)),
    vscode.commands.registerCommand(PreviewCommands.openToSide, (arg?: unknown) => open(arg, true)),
    vscode.workspace.onDidChangeTextDocument((e) => previews.get(e.document.uri.toString())?.schedule()),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      // follow the active editor: another report brought to the front is shown in the open preview
      const doc = editor?.document;
      if (!doc || doc.languageId !== LANGUAGE_ID || previews.has(doc.uri.toString())) return;
      const preview = [...previews.values()][0];
      if (preview) retarget(preview, doc.uri);
    }),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const first = e.visibleRanges[0];
      if (first) previews.get(e.textEditor.document.uri.toString())?.scrollTo(first.start.line);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      // Reopened (or its language changed): render from the new document.
      if (d.languageId === LANGUAGE_ID) previews.get(d.uri.toString())?.schedule();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      for (const p of previews.values()) if (e.affectsConfiguration(CONFIG_SECTION, p.uri)) p.schedule();
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, serializer),
    { dispose: () => { for (const p of [...previews.values()]) p.panel.dispose(); } },
  );
  return serializer;
}

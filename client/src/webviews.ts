// What the report's webviews (the preview and the grid) share: their options, and where to show the
// report's text editor from one of them.

import * as vscode from 'vscode';

/** The webview options: our script only, resources from `media/` only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The column to show the report `uri` in from `panel`: where an editor already shows it, else the other column than the panel's. */
export function editorColumn(panel: vscode.WebviewPanel, uri: vscode.Uri): vscode.ViewColumn {
  const key = uri.toString();
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  return visible?.viewColumn ?? (panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
}

/** A fresh nonce for a webview page's Content-Security-Policy. */
export function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

/** The open text document of `uri`, if any. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/**
 * Wire a report's webview panel: `dispose` when it closes, its messages to `receive`, and `shown`
 * when it becomes visible again (a hidden webview is torn down: no retainContextWhenHidden).
 */
export function wirePanel(
  panel: vscode.WebviewPanel, disposables: vscode.Disposable[],
  on: { dispose(): void; receive(m: unknown): void; shown(): void },
): void {
  panel.onDidDispose(() => on.dispose(), undefined, disposables);
  panel.webview.onDidReceiveMessage((m: unknown) => on.receive(m), undefined, disposables);
  panel.onDidChangeViewState((e) => {
    if (e.webviewPanel.visible) on.shown();
  }, undefined, disposables);
}

// Lines up the columns of tab-separated table rows in the editor without changing the text (setting
// `zwgk-report.alignColumns`): each cell gets a padding drawn before it (a decoration of no-break
// spaces), computed by alignCore.ts from the text, CJK characters counted two columns wide and the
// editor's tab size. Only the visible part of a report (and the blocks of rows it cuts) is computed;
// recomputed as the text, the visible range or the settings change (debounced).

import * as vscode from 'vscode';
import { alignmentPaddings } from './alignCore';
import { CONFIG_SECTION, LANGUAGE_ID } from './protocol';

const DELAY = 60;
/** Lines around the visible range also aligned (scrolling shows them at once). */
const MARGIN = 100;

export function registerAlign(context: vscode.ExtensionContext): vscode.TextEditorDecorationType {
  const type = vscode.window.createTextEditorDecorationType({ rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed });
  const timers = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();

  const enabled = (doc: vscode.TextDocument) =>
    doc.languageId === LANGUAGE_ID && vscode.workspace.getConfiguration(CONFIG_SECTION, doc.uri).get<boolean>('alignColumns', true);

  const update = (editor: vscode.TextEditor): void => {
    const doc = editor.document;
    if (!enabled(doc)) { editor.setDecorations(type, []); return; }
    const tabSize = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 4;
    const lines: string[] = [];
    for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
    const from = Math.max(0, Math.min(...editor.visibleRanges.map((r) => r.start.line), doc.lineCount) - MARGIN);
    const to = Math.min(doc.lineCount, Math.max(0, ...editor.visibleRanges.map((r) => r.end.line)) + MARGIN + 1);
    const decorations = alignmentPaddings(lines, tabSize, from, to).map((p): vscode.DecorationOptions => ({
      range: new vscode.Range(p.line, p.character, p.line, p.character),
      renderOptions: { before: { contentText: '\u00a0'.repeat(p.columns) } },
    }));
    editor.setDecorations(type, decorations);
  };

  const schedule = (editor: vscode.TextEditor): void => {
    const t = timers.get(editor);
    if (t) clearTimeout(t);
    timers.set(editor, setTimeout(() => { timers.delete(editor); update(editor); }, DELAY));
  };

  context.subscriptions.push(
    type,
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach(schedule)),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => schedule(e.textEditor)),
    vscode.window.onDidChangeTextEditorOptions((e) => schedule(e.textEditor)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      for (const ed of vscode.window.visibleTextEditors) if (ed.document === e.document) schedule(ed);
    }),
    vscode.workspace.onDidOpenTextDocument(() => vscode.window.visibleTextEditors.forEach(schedule)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.alignColumns`)) vscode.window.visibleTextEditors.forEach(schedule);
    }),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); } },
  );
  vscode.window.visibleTextEditors.forEach(schedule);
  return type;
}

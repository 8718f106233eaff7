// Switches plain-text documents that are 政府信息公开工作年度报告 to the `zwgk-report` language.
//
// Cost: this runs only once the extension is active, i.e. once a `plaintext` (or `zwgk-report`)
// document has been opened — never at VS Code start-up. Per opened plaintext document it reads at
// most DETECT_LINES lines; other languages are ignored after one string comparison.

import * as vscode from 'vscode';
import { DETECT_LINES, looksLikeReport } from './detect';
import { CONFIG_SECTION, LANGUAGE_ID } from './protocol';

/** What AutoDetect listens to and does (VS Code's by default; the tests give their own events). */
export interface AutoDetectHost {
  onDidOpenTextDocument: vscode.Event<vscode.TextDocument>;
  onDidChangeTextDocument: vscode.Event<vscode.TextDocumentChangeEvent>;
  onDidCloseTextDocument: vscode.Event<vscode.TextDocument>;
  textDocuments(): readonly vscode.TextDocument[];
  setLanguage(doc: vscode.TextDocument, languageId: string): Thenable<unknown>;
}

const VSCODE_HOST: AutoDetectHost = {
  onDidOpenTextDocument: vscode.workspace.onDidOpenTextDocument,
  onDidChangeTextDocument: vscode.workspace.onDidChangeTextDocument,
  onDidCloseTextDocument: vscode.workspace.onDidCloseTextDocument,
  textDocuments: () => vscode.workspace.textDocuments,
  setLanguage: (doc, id) => vscode.languages.setTextDocumentLanguage(doc, id),
};

export class AutoDetect implements vscode.Disposable {
  /** Open documents already examined (or switched): a user who switches one back to plain text keeps it so. */
  private readonly seen = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: AutoDetectHost = VSCODE_HOST) {
    this.disposables.push(
      host.onDidOpenTextDocument((d) => void this.consider(d)),
      // An untitled document is empty when opened: look again as text is pasted or typed, until it
      // has DETECT_LINES lines.
      host.onDidChangeTextDocument((e) => {
        const d = e.document;
        if (d.isUntitled && d.languageId === 'plaintext' && !this.seen.has(d.uri.toString())) void this.consider(d);
      }),
      host.onDidCloseTextDocument((d) => {
        // Forget a document once it is really gone, so that a report closed and opened again (e.g. a
        // preview tab replaced, then the file clicked again) is looked at anew; untitled names
        // (Untitled-1…) are reused too. A language change (the user switching a report back to plain
        // text) closes and reopens the document in the same event: it is still open a moment later,
        // and stays remembered.
        const key = d.uri.toString();
        setTimeout(() => {
          if (!host.textDocuments().some((o) => o.uri.toString() === key)) this.seen.delete(key);
        }, 0);
      }),
    );
    for (const d of host.textDocuments()) void this.consider(d);
  }

  private async consider(doc: vscode.TextDocument): Promise<void> {
    if (doc.languageId !== 'plaintext') return;
    const key = doc.uri.toString();
    if (this.seen.has(key)) return;
    if (!vscode.workspace.getConfiguration(CONFIG_SECTION, doc.uri).get<boolean>('autoDetect', true)) return;
    const n = Math.min(doc.lineCount, DETECT_LINES);
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(doc.lineAt(i).text);
    const isReport = looksLikeReport(lines);
    // Decided once the document is long enough (or is a file); untitled documents stay open to a later look.
    if (isReport || !doc.isUntitled || doc.lineCount >= DETECT_LINES) this.seen.add(key);
    if (!isReport) return;
    try {
      await this.host.setLanguage(doc, LANGUAGE_ID);
    } catch {
      // the document was closed meanwhile
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

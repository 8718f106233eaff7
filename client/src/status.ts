// Status-bar item shown only while a `zwgk-report` editor is active: the detected format (2019/2021)
// and the error/warning counts from the server's `zwgk-report/status` notification. Clicking it runs
// "Select the report format". A large report (past zwgk-report.largeReportSize) is marked: it is
// checked on save and after a pause, not per keystroke (the tooltip says so).

import * as vscode from 'vscode';
import { affectsLanguage, t } from './lang';
import { CONFIG_SECTION, Commands, LANGUAGE_ID, type ReportStatus } from './protocol';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, ReportStatus>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('zwgk-report.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = t('Disclosure Report');
    this.item.command = Commands.selectFormat;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration(`${CONFIG_SECTION}.format`) || affectsLanguage(e)) && this.refresh()),
    );
    this.refresh();
  }

  update(s: ReportStatus): void {
    this.byUri.set(normalise(s.uri), s);
    this.refresh();
  }

  /** The last status received for a document (tests use it through the extension's API). */
  get(uri: vscode.Uri): ReportStatus | undefined {
    return this.byUri.get(normalise(uri.toString()));
  }

  /** What the item shows now (the tests read it through the extension's API). */
  view(): { text: string; tooltip: string; visible: boolean } {
    const tip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tip === 'string' ? tip : tip?.value ?? '', visible: this.visible };
  }

  private visible = false;

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== LANGUAGE_ID) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const setting = vscode.workspace.getConfiguration(CONFIG_SECTION, doc.uri).get<string>('format', 'auto');
    const s = this.byUri.get(normalise(doc.uri.toString()));
    if (!s) {
      this.item.text = `$(sync~spin) ${t('Report')}`;
      this.item.tooltip = t('Checking the report…');
      this.item.backgroundColor = undefined;
    } else {
      const fmt = s.format ?? t('unknown');
      const counts =
        s.errors === 0 && s.warnings === 0
          ? '$(check)'
          : [s.errors ? `$(error) ${s.errors}` : '', s.warnings ? `$(warning) ${s.warnings}` : ''].filter(Boolean).join(' ');
      this.item.text = `${t('Report {0}', fmt)} ${counts}${s.large ? ` $(clock) ${t('large')}` : ''}`;
      const how = setting === 'auto' ? t('detected') : t('set in settings');
      const large = !s.large ? ''
        : `  \n${s.large.onSave ? t('Large report (over {0} MB): checked when saved.', s.large.limitMB) : t('Large report (over {0} MB): checked when saved and after a pause in typing.', s.large.limitMB)}`;
      this.item.tooltip = new vscode.MarkdownString(
        `${t('Format: {0} ({1})', fmt, how)}  \n${counted(s.errors, s.warnings)}${large}  \n${t('Click to choose the report format.')}`,
      );
      this.item.backgroundColor = s.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    }
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** "1 error, 2 warnings" (singular and plural in English; 个 in Chinese). */
export function counted(errors: number, warnings: number): string {
  const e = errors === 1 ? t('{0} error', errors) : t('{0} errors', errors);
  const w = warnings === 1 ? t('{0} warning', warnings) : t('{0} warnings', warnings);
  return t('{0}, {1}', e, w);
}

/** The server sends the uri it got from the client; compare through vscode.Uri's canonical form. */
function normalise(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}

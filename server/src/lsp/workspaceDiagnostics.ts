// The folder check: every report in the workspace folders (`*.zwgk`, `*.zwgk.txt`, and `.txt` files
// whose first lines hold a report title) is checked without being opened, and its diagnostics are
// published like an open report's, so that the Problems panel lists the whole folder. The files are
// read in the background by WorkspaceReports (one file at a time, yielding in between: typing in an
// open report is never held up), re-read when they change on disk (file watcher) or when the
// settings change. An open report is left to the Validator (its diagnostics follow the editor);
// when it is closed, the diagnostics of the file on disk come back. carry-over is checked across the
// folder (the same organ's report for the year before). Setting `zwgk-report.checkFolder` turns the
// automatic check off; the command 检查文件夹中的所有报告 runs it once anyway.

import type { Connection, Diagnostic as LspDiagnostic, Range, TextDocuments } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { check, parse, type Diagnostic, type Lang, type ReportDocument } from '../core';
import { checkAcross } from '../core/cross';
import { toLspDiagnostic } from './protocol';
import { checkOptions, DEFAULTS, type Settings, type SettingsStore } from './settings';
import { readReport, type WorkspaceReports } from './workspaceReports';

/**
 * What the folder check keeps of a file: its counts and where its first problem is (for the list),
 * and what its carry-over said (to notice when another file changes it). Not its diagnostics: they
 * are published as the file is read, and made again (the file read again) when they must be
 * published again, so that a folder of 1,000 reports costs little memory.
 */
export interface FileResult {
  errors: number;
  warnings: number;
  information: number;
  first?: Range;
  crossKey: string;
}

/** One report of the folder, for the client's list (tree view) of reports by error count. */
export interface FolderReport {
  uri: string;
  errors: number;
  warnings: number;
  information: number;
  /** Where its first error (else warning, else anything) is. */
  first?: Range;
}

export interface FolderReports {
  /** False when the folder check is off (setting) and was not asked for. */
  enabled: boolean;
  reports: FolderReport[];
}

export class WorkspaceDiagnostics {
  /** Settings of the (first) workspace folder, pulled before each scan: the checker is synchronous. */
  private settings: Settings = DEFAULTS;
  private enabled = false;
  /** The command asked for a check: done even with the setting off, until the settings change. */
  private forced = false;
  /** Files whose diagnostics are published by the folder check, with their cross-report part. */
  private published = new Set<string>();
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly store: SettingsStore,
    private readonly workspace: WorkspaceReports<FileResult>,
    private readonly folderUri: () => string | undefined,
  ) {}

  /** Settings (re)read: turn the check on or off, re-check every file with the new settings. */
  async refresh(): Promise<void> {
    const folder = this.folderUri();
    this.settings = folder ? await this.store.get(folder) : DEFAULTS;
    // a report past the large-report size is checked when opened, not read in the background
    this.workspace.maxBytes = Math.round(this.settings.largeReportSize * 1024 * 1024);
    const on = this.settings.checkFolder || this.forced;
    if (on) {
      this.enabled = true;
      this.workspace.setChecker((uri, doc, extra) => this.checkFile(uri, doc, extra));
    } else {
      this.enabled = false;
      this.workspace.setChecker(undefined);
      this.clear();
    }
    void this.workspace.kick();
  }

  /** The command: check the folder now (even with the setting off) and list its reports. */
  async checkNow(): Promise<FolderReports> {
    if (!this.enabled) {
      this.forced = true;
      await this.refresh();
    }
    await this.workspace.scanNow();
    await this.publishing;
    return this.list();
  }

  /** Settings changed: the command's one-off check ends; re-read with the new settings. */
  settingsChanged(): Promise<void> {
    this.forced = false;
    return this.refresh();
  }

  /** A scan ended: carry-over may have changed for files read before the report they compare with. */
  changed(_changed: string[], removed: string[]): void {
    this.publishing = this.publishing.then(() => this.afterScan(removed)).catch((e) => {
      this.connection.console.error(`folder check failed: ${(e as Error)?.stack ?? e}`);
    });
  }

  /** A report was closed in the editor: publish its diagnostics from the file. False when it is not one of the folder's. */
  closed(uri: string): boolean {
    if (!this.enabled || !this.workspace.get(uri)?.result) return false;
    void this.recheck(uri);
    return true;
  }

  /** The message language of the folder's settings. */
  lang(): Lang {
    return this.store.lang(this.settings);
  }

  list(): FolderReports {
    const reports: FolderReport[] = [];
    if (this.enabled) {
      for (const f of this.workspace.reports()) {
        const r = f.result;
        if (r) reports.push({ uri: f.uri, errors: r.errors, warnings: r.warnings, information: r.information, first: r.first });
      }
    }
    reports.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.uri.localeCompare(b.uri));
    return { enabled: this.enabled, reports };
  }

  /** Check a file as it is read: publish its diagnostics (unless it is open) and keep its counts. */
  private checkFile(uri: string, doc: ReportDocument, extra: Diagnostic[]): FileResult {
    const lang = this.store.lang(this.settings);
    const cross = this.crossOf(uri, doc);
    const all = [...extra, ...check(doc, checkOptions(this.settings)), ...cross].map((d) => toLspDiagnostic(d, uri, lang));
    if (!this.documents.get(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: all });
      this.published.add(uri);
    }
    const count = (s: DiagnosticSeverity) => all.filter((d) => d.severity === s).length;
    let first: LspDiagnostic | undefined;
    for (const d of all) {
      const better = !first || (d.severity ?? 4) < (first.severity ?? 4)
        || (d.severity === first.severity && d.range.start.line < first.range.start.line);
      if (better) first = d;
    }
    return {
      errors: count(DiagnosticSeverity.Error), warnings: count(DiagnosticSeverity.Warning), information: count(DiagnosticSeverity.Information),
      first: first?.range, crossKey: JSON.stringify(cross),
    };
  }

  /** carry-over of a report against the same organ's report for the year before, in the folder. */
  private crossOf(uri: string, doc: ReportDocument): Diagnostic[] {
    if (!doc.year) return [];
    const others = this.workspace.find(doc, doc.year - 1).filter((o) => o.uri !== uri);
    return others.length ? checkAcross({ uri, doc }, others, checkOptions(this.settings)) : [];
  }

  /** Read a file again and publish its diagnostics (its carry-over changed, or it was closed in the editor). */
  private async recheck(uri: string): Promise<void> {
    const f = this.workspace.get(uri);
    if (!f) return;
    try {
      const read = await readReport(fileURLToPath(uri), this.workspace.maxBytes);
      if (!read) return; // too large or not text now: the next scan forgets it
      if (this.documents.get(uri) || this.workspace.get(uri) !== f) return; // opened again, or re-read meanwhile
      f.result = this.checkFile(uri, parse(read.text), read.extra);
    } catch {
      /* gone: the next scan forgets it */
    }
  }

  private async afterScan(removed: string[]): Promise<void> {
    if (!this.enabled) return;
    let n = 0;
    for (const f of this.workspace.reports()) {
      if (!f.result || this.documents.get(f.uri)) continue;
      if (JSON.stringify(this.crossOf(f.uri, f.doc)) === f.result.crossKey) continue;
      await this.recheck(f.uri);
      if (++n % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const uri of removed) {
      if (!this.published.delete(uri) || this.documents.get(uri)) continue;
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** The check was turned off: clear what it published (open reports keep theirs). */
  private clear(): void {
    for (const uri of this.published.keys()) {
      if (!this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.published.clear();
  }
}

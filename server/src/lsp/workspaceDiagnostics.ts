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
import { check, type Lang, type ReportDocument } from '../core';
import { checkAcross } from '../core/cross';
import { toLspDiagnostic } from './protocol';
import { checkOptions, DEFAULTS, type Settings, type SettingsStore } from './settings';
import type { WorkspaceFile, WorkspaceReports } from './workspaceReports';

/** What the folder check keeps of a file: its own diagnostics (as published), carry-over aside. */
export interface FileResult {
  diagnostics: LspDiagnostic[];
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
  private published = new Map<string, string>();
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
    const on = this.settings.checkFolder || this.forced;
    if (on) {
      this.enabled = true;
      this.workspace.setChecker((uri, doc) => this.checkFile(uri, doc));
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

  /** A scan found new, changed or removed files: publish what changed (cross-report results too). */
  changed(changed: string[], removed: string[]): void {
    this.publishing = this.publishing.then(() => this.publish(new Set(changed), removed)).catch((e) => {
      this.connection.console.error(`folder check failed: ${(e as Error)?.stack ?? e}`);
    });
  }

  /** A report was closed in the editor: publish its diagnostics from the file. False when it is not one of the folder's. */
  closed(uri: string): boolean {
    if (!this.enabled) return false;
    const f = this.workspace.get(uri);
    if (!f?.result) return false;
    this.send(f, this.cross(f));
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
        if (!f.result) continue;
        const all = [...f.result.diagnostics, ...this.cross(f)];
        const count = (s: DiagnosticSeverity) => all.filter((d) => d.severity === s).length;
        const first = [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint]
          .map((s) => all.filter((d) => d.severity === s).sort((a, b) => a.range.start.line - b.range.start.line)[0])
          .find(Boolean);
        reports.push({ uri: f.uri, errors: count(DiagnosticSeverity.Error), warnings: count(DiagnosticSeverity.Warning), information: count(DiagnosticSeverity.Information), first: first?.range });
      }
    }
    reports.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || a.uri.localeCompare(b.uri));
    return { enabled: this.enabled, reports };
  }

  private checkFile(uri: string, doc: ReportDocument): FileResult {
    const lang = this.store.lang(this.settings);
    return { diagnostics: check(doc, checkOptions(this.settings)).map((d) => toLspDiagnostic(d, uri, lang)) };
  }

  /** carry-over of a file against the same organ's report for the year before, in the folder. */
  private cross(f: WorkspaceFile<FileResult>): LspDiagnostic[] {
    if (!f.doc.year) return [];
    const others = this.workspace.find(f.doc, f.doc.year - 1).filter((o) => o.uri !== f.uri);
    if (!others.length) return [];
    const lang = this.store.lang(this.settings);
    return checkAcross(f, others, checkOptions(this.settings)).map((d) => toLspDiagnostic(d, f.uri, lang));
  }

  private send(f: WorkspaceFile<FileResult>, cross: LspDiagnostic[]): void {
    if (!f.result) return;
    void this.connection.sendDiagnostics({ uri: f.uri, diagnostics: cross.length ? [...f.result.diagnostics, ...cross] : f.result.diagnostics });
  }

  private async publish(changed: Set<string>, removed: string[]): Promise<void> {
    if (!this.enabled) return;
    let n = 0;
    for (const f of this.workspace.reports()) {
      if (!f.result || this.documents.get(f.uri)) continue; // an open report: the Validator publishes it
      const cross = this.cross(f);
      const key = JSON.stringify(cross);
      if (!changed.has(f.uri) && this.published.get(f.uri) === key) continue;
      this.published.set(f.uri, key);
      this.send(f, cross);
      // publishing is cheap, but not free for 1,000 files: let typing through now and then
      if (++n % 50 === 0) await new Promise((r) => setImmediate(r));
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

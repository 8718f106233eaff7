// Diagnostics: check on every change without blocking typing. Changes are coalesced: one check is
// scheduled per document on a short timer; when it runs it checks the latest version only (all
// versions that arrived meanwhile are skipped). Diagnostics are published for open documents only
// and cleared on close; a `zwgk-report/status` notification follows each check.
// A large report (past `zwgk-report.largeReportSize`, see largeReports.ts) is checked on open, on
// save and after a pause in typing; each keystroke meanwhile re-publishes the last check's
// diagnostics carried to their new lines, with the new version.

import type { Connection, Diagnostic as LspDiagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core';
import { checkAcross } from '../core/cross';
import type { DocumentCache } from './documentCache';
import { byteSize, forwardDiagnostics, isLarge, LARGE_PAUSE } from './largeReports';
import { collectGarbage } from './memory';
import { StatusNotification, TOO_MANY, toLspDiagnostic } from './protocol';
import { checkOptions, type Settings, type SettingsStore } from './settings';
import type { WorkspaceReports } from './workspaceReports';
import type { WorkspaceDiagnostics } from './workspaceDiagnostics';

/** Delay before a scheduled check runs (ms): long enough to coalesce a burst of edits. */
export const CHECK_DELAY = 4;

/** Delay before the other open documents' cross-report diagnostics are brought up to date (ms). */
export const CROSS_DELAY = 150;

const RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most `max` diagnostics: when there are more, the most severe `max - 1` are kept (hints go
 * first, then information, then warnings; within a severity the first ones in the text stay), in
 * their order, followed by one diagnostic on the first line saying how many are not shown.
 */
export function capDiagnostics(diags: Diagnostic[], max: number): Diagnostic[] {
  if (diags.length <= max) return diags;
  const keep = Math.max(0, max - 1);
  const order = diags.map((d, i) => i).sort((a, b) => RANK[diags[a].severity] - RANK[diags[b].severity] || a - b);
  const kept = new Set(order.slice(0, keep));
  const out = diags.filter((d, i) => kept.has(i));
  const n = diags.length - keep;
  out.push({
    code: TOO_MANY,
    severity: 'information',
    message: {
      zh: `另有 ${n} 个问题未显示（每个文档最多显示 ${max} 个，见设置 zwgk-report.maxDiagnostics）`,
      en: `${n} more problems not shown (at most ${max} per document; see the setting zwgk-report.maxDiagnostics)`,
    },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
  return out;
}

export class Validator {
  private timers = new Map<string, NodeJS.Timeout>();
  private crossTimer: NodeJS.Timeout | undefined;
  /** Cross-report diagnostics of the last check, per document (code actions look here too). */
  private crossDiags = new Map<string, Diagnostic[]>();
  /**
   * The large reports open, as of their last check: the diagnostics last published (carried
   * through the edits since, `applied` of the cache entry's edits so far) and the pause timer.
   */
  private large = new Map<string, { version: number; published: LspDiagnostic[]; applied: number; pause?: NodeJS.Timeout }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsStore,
    private readonly workspace: WorkspaceReports,
  ) {}

  /** Schedule a check of `uri` (coalesced: at most one pending per document). */
  schedule(uri: string, delay = CHECK_DELAY): void {
    if (this.timers.has(uri)) return;
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri);
    }, delay));
  }

  /** A change: check now-ish, unless the document's setting says to wait for the save (or it is a large report). */
  async changed(uri: string): Promise<void> {
    const s = await this.settings.get(uri);
    if (this.large.has(uri)) this.carry(uri, s);
    else if (s.run === 'onType') this.schedule(uri);
  }

  /**
   * A document was opened: a large one is marked at once, so that the requests which come before
   * its first check (semantic tokens, folding …) wait for that check instead of working on the
   * whole text themselves.
   */
  async opened(uri: string): Promise<void> {
    const s = await this.settings.get(uri);
    const document = this.documents.get(uri);
    if (document && !this.large.has(uri) && isLarge(byteSize(document.getText()), s.largeReportSize)) {
      this.large.set(uri, { version: -1, published: [], applied: 0 });
    }
  }

  /** Was the document a large report at its last check (or when opened)? */
  isLarge(uri: string): boolean {
    return this.large.has(uri);
  }

  /**
   * A large report changed: publish the last check's diagnostics at their new places for this
   * version (those on lines just edited are left out until the next check), and check it once the
   * typing pauses (unless the setting says on save only).
   */
  private carry(uri: string, settings: Settings): void {
    const big = this.large.get(uri);
    const document = this.documents.get(uri);
    if (!big || !document) return;
    if (big.pause) clearTimeout(big.pause);
    big.pause = settings.run === 'onType' ? setTimeout(() => { big.pause = undefined; this.schedule(uri, 0); }, LARGE_PAUSE) : undefined;
    const earlier = this.cache.earlier(uri, settings);
    if (!earlier) return; // positions lost (the whole text replaced): the check after the pause answers
    // parsed again meanwhile (a command on this version): what was published cannot be carried; check it
    if (earlier.version !== big.version) { this.schedule(uri, 0); return; }
    big.published = forwardDiagnostics(big.published, earlier.edits, big.applied, (d) => d.code === TOO_MANY);
    big.applied = earlier.edits.length;
    void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: big.published });
  }

  /** Re-check every open document (configuration or workspace reports changed). */
  all(): void {
    for (const d of this.documents.all()) this.schedule(d.uri, 0);
  }

  /** The folder check, which publishes a closed report's diagnostics from the file on disk. */
  folder: WorkspaceDiagnostics | undefined;

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    const big = this.large.get(uri);
    if (big?.pause) clearTimeout(big.pause);
    this.large.delete(uri);
    this.crossDiags.delete(uri);
    // a report of the workspace keeps its diagnostics (from the file on disk); any other is cleared
    if (!this.folder?.closed(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.scheduleCross();
  }

  /**
   * A report changed (or closed): the cross-report diagnostics of the other open reports may change
   * too. Recompute them a little later (cheap: their own checks are cached) and re-publish the
   * documents whose cross-report diagnostics differ.
   */
  scheduleCross(): void {
    if (this.crossTimer) { this.crossTimer.refresh(); return; }
    this.crossTimer = setTimeout(() => {
      this.crossTimer = undefined;
      void this.refreshCross();
    }, CROSS_DELAY);
  }

  private async refreshCross(): Promise<void> {
    for (const d of this.documents.all()) {
      try {
        const settings = await this.settings.get(d.uri);
        const document = this.documents.get(d.uri);
        // a large report's carry-over is brought up to date by its own check (after a pause)
        if (!document || this.timers.has(d.uri) || settings.run === 'onSave' || this.large.has(d.uri)) continue;
        const before = JSON.stringify(this.crossDiags.get(d.uri) ?? []);
        const now = this.crossOf(document, settings);
        if (JSON.stringify(now) !== before) this.schedule(d.uri, 0);
      } catch (e) {
        this.connection.console.error(`cross-report refresh of ${d.uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
  }

  cross(uri: string): Diagnostic[] {
    return this.crossDiags.get(uri) ?? [];
  }

  private async run(uri: string): Promise<void> {
    try {
      if (!this.documents.get(uri)) return;
      const settings = await this.settings.get(uri);
      // the latest version, read after every await: the check below is synchronous
      const document = this.documents.get(uri);
      if (!document) return;
      // a large report: its old model goes (and is collected) before the new one is built
      if (this.staleLargeModel(uri, document.version, settings)) {
        this.cache.delete(uri);
        collectGarbage();
      }
      const diags = this.compute(document, settings);
      const lang = this.settings.lang(settings);
      const published = capDiagnostics(diags, settings.maxDiagnostics).map((d) => toLspDiagnostic(d, uri, lang));
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: published });
      const large = isLarge(byteSize(document.getText()), settings.largeReportSize);
      const pause = this.large.get(uri)?.pause;
      if (large) this.large.set(uri, { version: document.version, published, applied: 0, pause });
      else {
        if (pause) clearTimeout(pause);
        this.large.delete(uri);
      }
      const { doc } = this.cache.analysis(document, settings);
      void this.connection.sendNotification(StatusNotification, {
        uri,
        format: doc.format.version,
        errors: diags.filter((d) => d.severity === 'error').length,
        warnings: diags.filter((d) => d.severity === 'warning').length,
        ...(large ? { large: { limitMB: settings.largeReportSize, onSave: settings.run === 'onSave' } } : {}),
      });
      // the other open reports' carry-over may depend on this one: the refresh is cheap and
      // re-publishes only documents whose cross-report diagnostics changed
      if (this.documents.all().length > 1) this.scheduleCross();
    } catch (e) {
      this.connection.console.error(`check of ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  /** A large report whose model in the cache is of an older version (a method: no reference to it stays here). */
  private staleLargeModel(uri: string, version: number, settings: Settings): boolean {
    if (!this.large.has(uri)) return false;
    const v = this.cache.earlier(uri, settings)?.version;
    return v !== undefined && v !== version;
  }

  /** Core diagnostics plus cross-report diagnostics for this version of the document. */
  compute(document: TextDocument, settings: Settings): Diagnostic[] {
    const { diagnostics } = this.cache.analysis(document, settings);
    const cross = this.crossOf(document, settings);
    this.crossDiags.set(document.uri, cross);
    return cross.length ? [...diagnostics, ...cross] : diagnostics;
  }

  /** Cross-report diagnostics of this version against the other open documents and workspace reports. */
  private crossOf(document: TextDocument, settings: Settings): Diagnostic[] {
    const doc = this.cache.doc(document, settings);
    let cross: Diagnostic[] = [];
    try {
      const others = [];
      // (another large report: the model of its last check, not a parse of what was typed since)
      for (const o of this.documents.all()) {
        if (o.uri !== document.uri) others.push({ uri: o.uri, doc: (this.large.has(o.uri) && this.cache.earlier(o.uri, settings)?.doc) || this.cache.doc(o, settings) });
      }
      const open = new Set(others.map((o) => o.uri));
      open.add(document.uri);
      // the workspace's reports of the same organ for the year before (what carry-over compares with)
      if (doc.year) for (const r of this.workspace.find(doc, doc.year - 1)) if (!open.has(r.uri)) others.push(r);
      const opts = checkOptions(settings);
      // (the core applies the severity settings: off, or the level chosen)
      cross = checkAcross({ uri: document.uri, doc }, others, opts);
    } catch (e) {
      this.connection.console.error(`cross-report check of ${document.uri} failed: ${(e as Error)?.stack ?? e}`);
    }
    return cross;
  }
}

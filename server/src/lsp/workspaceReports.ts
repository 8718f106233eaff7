// Report files in the workspace folders, for cross-report checks (carry-over between years).
// Scanned lazily in the background (never on the check's path), bounded in depth, entries, files
// and size; each file is parsed once per mtime. Checks use whatever the last scan found and are
// re-run when a scan finds something new.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, type ReportDocument } from '../core';

export const LIMITS = {
  maxDepth: 6,
  maxEntries: 5000,
  maxReports: 200,
  maxBytes: 2 * 1024 * 1024,
  /** Minimum time between two scans (ms), unless a file watcher tells us something changed. */
  rescanAfter: 30_000,
};

const SKIP_DIRS = new Set(['node_modules', 'out', '.git', '.vscode-test', '.svn', '.hg']);

interface FileEntry {
  uri: string;
  mtimeMs: number;
  size: number;
  doc: ReportDocument;
}

/** Is this file name (and its first lines) a report? */
export function isReportName(name: string): 'yes' | 'maybe' | 'no' {
  const n = name.toLowerCase();
  if (n.endsWith('.zwgk') || n.endsWith('.zwgk.txt')) return 'yes';
  if (n.endsWith('.txt')) return 'maybe';
  return 'no';
}

export function looksLikeReport(head: string): boolean {
  return head.split(/\r?\n/, 8).some((l) => l.includes('年度报告'));
}

export class WorkspaceReports {
  private folders: string[] = [];
  private files = new Map<string, FileEntry>();
  private scanning: Promise<void> | undefined;
  private lastScan = 0;
  private dirty = true;

  constructor(private readonly onChanged: () => void, private readonly log: (m: string) => void) {}

  setFolders(uris: string[]): void {
    this.folders = [];
    for (const u of uris) {
      try {
        if (u.startsWith('file:')) this.folders.push(fileURLToPath(u));
      } catch { /* not a file URI */ }
    }
    this.dirty = true;
  }

  /** Something changed on disk (file watcher). */
  invalidate(): void {
    this.dirty = true;
  }

  /** The reports found so far; starts a background scan when due. Never waits. */
  reports(): { uri: string; doc: ReportDocument }[] {
    this.kick();
    return [...this.files.values()].map((f) => ({ uri: f.uri, doc: f.doc }));
  }

  /** Start a scan when due; resolves when it ends (tests and callers may ignore it). */
  kick(): Promise<void> {
    if (this.scanning) return this.scanning;
    if (!this.folders.length) return Promise.resolve();
    if (!this.dirty && Date.now() - this.lastScan < LIMITS.rescanAfter) return Promise.resolve();
    this.dirty = false;
    this.scanning = this.scan()
      .then((changed) => { if (changed) this.onChanged(); })
      .catch((e) => this.log(`workspace scan failed: ${(e as Error)?.message ?? e}`))
      .finally(() => { this.lastScan = Date.now(); this.scanning = undefined; });
    return this.scanning;
  }

  private async scan(): Promise<boolean> {
    const found: string[] = [];
    let entries = 0;
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > LIMITS.maxDepth || found.length >= LIMITS.maxReports || entries >= LIMITS.maxEntries) return;
      let list: import('node:fs').Dirent[];
      try {
        list = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of list) {
        if (++entries > LIMITS.maxEntries || found.length >= LIMITS.maxReports) return;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await walk(p, depth + 1);
        } else if (e.isFile() && isReportName(e.name) !== 'no') found.push(p);
      }
    };
    for (const f of this.folders) await walk(f, 0);

    let changed = false;
    const seen = new Set<string>();
    for (const p of found) {
      const uri = pathToFileURL(p).toString();
      try {
        const st = await fsp.stat(p);
        if (st.size > LIMITS.maxBytes) continue;
        const old = this.files.get(uri);
        if (old && old.mtimeMs === st.mtimeMs && old.size === st.size) { seen.add(uri); continue; }
        const text = await fsp.readFile(p, 'utf8');
        if (isReportName(p) === 'maybe' && !looksLikeReport(text.slice(0, 2000))) continue;
        this.files.set(uri, { uri, mtimeMs: st.mtimeMs, size: st.size, doc: parse(text) });
        seen.add(uri);
        changed = true;
        // let the server answer requests between files
        await new Promise((r) => setImmediate(r));
      } catch {
        /* unreadable: skip */
      }
    }
    for (const uri of [...this.files.keys()]) if (!seen.has(uri)) { this.files.delete(uri); changed = true; }
    return changed;
  }
}

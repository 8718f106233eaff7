// A minimal LSP client for the tests and the benchmark: spawns `node dist/server.js --stdio` and
// talks JSON-RPC to it with vscode-jsonrpc, like any editor would.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import { applyEdits } from '../../server/src/core';

export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
export const SERVER = path.join(ROOT, 'dist/server.js');

export function samplePath(prefix: string): string {
  const f = readdirSync(SAMPLES).find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no sample ${prefix}`);
  return path.join(SAMPLES, f);
}
export function sample(prefix: string): string {
  return readFileSync(samplePath(prefix), 'utf8');
}

export interface Pos { line: number; character: number }
export interface Rng { start: Pos; end: Pos }
export interface LspDiag {
  range: Rng; severity?: number; code?: string; source?: string; message: string;
  relatedInformation?: { location: { uri: string; range: Rng }; message: string }[];
  codeDescription?: { href: string }; data?: unknown;
}
export interface LspEdit { range: Rng; newText: string }
export interface WorkspaceEdit {
  changes?: Record<string, LspEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: LspEdit[] }[];
}

export function editsFor(edit: WorkspaceEdit, uri: string): LspEdit[] {
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).filter((d) => d.textDocument.uri === uri).flatMap((d) => d.edits);
}

interface Published { uri: string; version?: number; diagnostics: LspDiag[] }

export interface StartOptions {
  locale?: string;
  settings?: Record<string, unknown>;
  /** Workspace folders (file paths). */
  folders?: string[];
  documentChanges?: boolean;
  configuration?: boolean;
  /** The client registers document symbols dynamically (VS Code does). */
  dynamicSymbols?: boolean;
  /** Node flags for the server process (e.g. `--max-semi-space-size=2`). */
  execArgv?: string[];
}

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  settings: Record<string, unknown>;
  readonly published = new Map<string, Published>();
  readonly statuses: { uri: string; format: string | null; errors: number; warnings: number }[] = [];
  readonly logs: string[] = [];
  readonly texts = new Map<string, string>();
  readonly versions = new Map<string, number>();
  /** client/registerCapability and client/unregisterCapability received. */
  readonly registrations: { id: string; method: string }[] = [];
  readonly unregistrations: { id: string; method: string }[] = [];
  /** Edits the server asked us to apply (workspace/applyEdit). */
  readonly applied: WorkspaceEdit[] = [];
  private waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  stderr = '';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  initResult: any;
  exited: number | null | undefined;

  constructor(readonly options: StartOptions = {}) {
    this.settings = options.settings ?? {};
    this.proc = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.proc.on('exit', (code) => { this.exited = code; });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('zwgk-report/status', (s) => { this.statuses.push(s); });
    this.conn.onNotification('window/logMessage', (m: { message: string }) => { this.logs.push(m.message); });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', (p: { registrations: { id: string; method: string }[] }) => { this.registrations.push(...p.registrations); return null; });
    this.conn.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string; method: string }[] }) => { this.unregistrations.push(...p.unregisterations); return null; });
    this.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.applied.push(p.edit);
      for (const [uri, text] of this.texts) {
        const edits = editsFor(p.edit, uri);
        if (edits.length) this.texts.set(uri, applyEdits(text, edits));
      }
      return { applied: true };
    });
    this.conn.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const c = new TestClient(options);
    c.initResult = await c.conn.sendRequest('initialize', {
      processId: process.pid,
      locale: options.locale ?? 'zh-cn',
      rootUri: null,
      workspaceFolders: (options.folders ?? []).map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) })),
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          workspaceEdit: { documentChanges: options.documentChanges ?? false },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          ...(options.dynamicSymbols ? { documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true } } : {}),
        },
      },
    });
    await c.conn.sendNotification('initialized', {});
    return c;
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  /** Wait for diagnostics of `uri` (at `version`, when given). */
  diagnostics(uri: string, version?: number, timeout = 10000): Promise<LspDiag[]> {
    const test = (p: Published) => p.uri === uri && (version === undefined || p.version === version);
    const have = this.published.get(uri);
    if (have && test(have)) return Promise.resolve(have.diagnostics);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} in ${timeout} ms`)), timeout);
      this.waiters.push({ test, resolve: (p) => { clearTimeout(t); resolve(p.diagnostics); } });
    });
  }

  /** Wait for diagnostics of `uri` at `version` or a later one. */
  nextDiagnosticsFrom(uri: string, version: number, timeout = 600_000): Promise<LspDiag[]> {
    const test = (p: Published) => p.uri === uri && (p.version ?? -1) >= version;
    const have = this.published.get(uri);
    if (have && test(have)) return Promise.resolve(have.diagnostics);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} from v${version} in ${timeout} ms`)), timeout);
      this.waiters.push({ test, resolve: (p) => { clearTimeout(t); resolve(p.diagnostics); } });
    });
  }

  /** The last `zwgk-report/status` for `uri` (waits for one to arrive). */
  async status(uri: string, timeout = 5000): Promise<{ uri: string; format: string | null; errors: number; warnings: number }> {
    const t0 = Date.now();
    for (;;) {
      const s = this.statuses.filter((x) => x.uri === uri).pop();
      if (s) return s;
      if (Date.now() - t0 > timeout) throw new Error(`no status for ${uri}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Wait for the next publication for `uri` satisfying `pred`. */
  nextDiagnostics(uri: string, pred: (d: LspDiag[]) => boolean, timeout = 10000): Promise<LspDiag[]> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} in ${timeout} ms`)), timeout);
      this.waiters.push({ test: (p) => p.uri === uri && pred(p.diagnostics), resolve: (p) => { clearTimeout(t); resolve(p.diagnostics); } });
    });
  }

  async open(uri: string, text: string, languageId = 'zwgk-report'): Promise<void> {
    this.texts.set(uri, text);
    this.versions.set(uri, 1);
    this.published.delete(uri);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Open and wait for the first diagnostics. */
  async openAndCheck(uri: string, text: string): Promise<LspDiag[]> {
    await this.open(uri, text);
    return this.diagnostics(uri, 1);
  }

  /** Send an incremental change; returns the new version. */
  async change(uri: string, edits: LspEdit[]): Promise<number> {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, applyEditsInOrder(this.texts.get(uri) ?? '', edits));
    await this.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return v;
  }

  /** Send the whole text as the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.texts.set(uri, text);
    await this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      await this.notify('exit', null);
    } catch { /* already gone */ }
    this.conn.dispose();
    await new Promise<void>((r) => {
      if (this.exited !== undefined) return r();
      const t = setTimeout(() => { this.proc.kill(); r(); }, 2000);
      this.proc.once('exit', () => { clearTimeout(t); r(); });
    });
  }

  alive(): boolean {
    return this.exited === undefined && this.proc.exitCode === null;
  }
}

/** didChange semantics: each change applies to the text left by the previous one. */
export function applyEditsInOrder(text: string, edits: LspEdit[]): string {
  let t = text;
  for (const e of edits) t = applyEdits(t, [e]);
  return t;
}

export function uriOf(name: string): string {
  return pathToFileURL(path.join(ROOT, 'test-virtual', name)).toString();
}

/** Decode semantic tokens data into absolute tokens. */
export function decodeTokens(data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }):
  { line: number; char: number; length: number; type: string; modifiers: string[] }[] {
  const out = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, k) => data[i + 4] & (1 << k));
    out.push({ line, char, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], modifiers: mods });
  }
  return out;
}

/** Replace line `n` (0-based) of `text`, keeping its line ending. */
export function setLine(text: string, n: number, line: string): string {
  const lines = text.split('\n');
  const cr = lines[n].endsWith('\r') ? '\r' : '';
  lines[n] = line + cr;
  return lines.join('\n');
}

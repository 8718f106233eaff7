// Helpers shared by the extension tests.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'zwgk-report.zwgk-report';
export const LANGUAGE_ID = 'zwgk-report';

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the workspace made by test/vscode/runTest.ts');
  return folder.uri.fsPath;
}

/** Path of a sample copied into the workspace, by its number prefix (e.g. '002'). */
export function sample(prefix: string): string {
  const dir = path.join(workspaceDir(), 'samples');
  const f = fs.readdirSync(dir).find((n) => n.startsWith(prefix + '_'));
  assert.ok(f, `sample ${prefix} not found in ${dir}`);
  return path.join(dir, f);
}

/** Writes a file into the workspace (a copy, never a fixture) and returns its path. */
export function writeFile(name: string, text: string): string {
  const p = path.join(workspaceDir(), name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `f` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, f: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The open document for a uri (language switches replace the TextDocument object). */
export function openDoc(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

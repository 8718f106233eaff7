// The real client talking to the real language server (dist/server.js): a broken total is reported
// at the right line, the quick fix is offered, and "Fix all totals in this file" recomputes it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, openDoc, sample, waitFor, writeFile } from './util';

const TOTALS = new Set(['sum-row', 'sum-column']);
const root = path.resolve(__dirname, '../../../..');

interface Api {
  ready(): Promise<boolean>;
  status(uri: vscode.Uri): { format: string | null; errors: number; warnings: number } | undefined;
}

/** Sample 002 with the （七）总计 row's 总计 cell changed from 2 to 5 (0-based line 353). */
function brokenCopy(name: string): { path: string; line: number } {
  const lines = fs.readFileSync(sample('002'), 'utf8').split('\n');
  const line = lines.findIndex((l, i) => l.trim() === '（七）总计' && i > 300) + 7;
  assert.strictEqual(lines[line], '\t2', 'sample 002 changed: the （七）总计 × 总计 cell is not where the test expects');
  lines[line] = '\t5';
  return { path: writeFile(name, lines.join('\n')), line };
}

const totalsAt = (uri: vscode.Uri, line?: number) =>
  vscode.languages.getDiagnostics(uri).filter((d) => TOTALS.has(codeOf(d) ?? '') && (line === undefined || d.range.start.line === line));

describe('diagnostics and fixes from the language server', () => {
  let uri: vscode.Uri;
  let line: number;
  let diag: vscode.Diagnostic;

  before(() => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'server.js')), 'dist/server.js is missing: build the language server first');
  });

  it('reports the broken total at the right line', async () => {
    const b = brokenCopy('broken-002.zwgk');
    line = b.line;
    const doc = await vscode.workspace.openTextDocument(b.path);
    uri = doc.uri;
    await vscode.window.showTextDocument(doc);
    const api = vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
    assert.strictEqual(await api.ready(), true, 'the language server did not start');
    diag = (await waitFor('a sum-row/sum-column diagnostic', () => totalsAt(uri, line)[0], 90_000))!;
    assert.strictEqual(diag.source, 'zwgk-report');
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diag.message, /2/);
  });

  it('sends zwgk-report/status (format and error count for the status bar)', async () => {
    const api = vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
    const s = await waitFor('a zwgk-report/status notification', () => api.status(uri), 30_000);
    assert.strictEqual(s.format, '2019');
    assert.ok(s.errors >= 1, `errors: ${s.errors}`);
  });

  it('offers the preferred quick fix that recomputes the total', async () => {
    const actions = await waitFor('code actions', async () => {
      const a = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range);
      return a?.length ? a : undefined;
    }, 30_000);
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.isPreferred && a.edit);
    assert.ok(fix, `no preferred quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(fix.title, /2/);
  });

  it('zwgk-report.fixAll recomputes every total and the totals diagnostics go away', async () => {
    assert.strictEqual(openDoc(uri)!.lineAt(line).text, '\t5');
    await vscode.commands.executeCommand('zwgk-report.fixAll', uri);
    await waitFor('the recomputed figure', () => openDoc(uri)!.lineAt(line).text === '\t2', 30_000);
    await waitFor('the totals diagnostics to go', () => totalsAt(uri).length === 0, 30_000);
    const api = vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;
    await waitFor('a status with no error', () => api.status(uri)?.errors === 0, 30_000);
  });

  it('zwgk-report.fixAll without argument fixes the active editor', async () => {
    const b = brokenCopy('broken-002-b.zwgk');
    const doc = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(b.path));
    await waitFor('a totals diagnostic', () => totalsAt(doc.document.uri, b.line)[0], 90_000);
    await vscode.commands.executeCommand('zwgk-report.fixAll');
    await waitFor('the recomputed figure', () => openDoc(doc.document.uri)!.lineAt(b.line).text === '\t2', 30_000);
  });

  it(`offers source.fixAll.zwgk-report (for editor.codeActionsOnSave)`, async () => {
    const b = brokenCopy('broken-002-c.zwgk');
    const doc = await vscode.workspace.openTextDocument(b.path);
    await vscode.window.showTextDocument(doc);
    await waitFor('a totals diagnostic', () => totalsAt(doc.uri, b.line)[0], 90_000);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.zwgk-report');
    const a = actions?.find((x) => x.kind?.value === 'source.fixAll.zwgk-report');
    assert.ok(a, `no source.fixAll.zwgk-report action among: ${(actions ?? []).map((x) => `${x.kind?.value}: ${x.title}`).join(' | ')}`);
  });
});

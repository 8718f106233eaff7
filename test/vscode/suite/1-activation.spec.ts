// Activation and the client's own commands, in a real VS Code extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, sample, waitFor, writeFile } from './util';

describe('activation', () => {
  it('does no work at start-up: no language server before a report is opened', () => {
    const ext = vscode.extensions.getExtension<{ serverStarted(): boolean }>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    // Not active at all, or active through onLanguage:plaintext (the workbench fires it for its own
    // plaintext models too) but without having started the server.
    const docs = vscode.workspace.textDocuments.map((d) => `${d.languageId} ${d.uri.toString()}`).join(', ');
    assert.ok(!ext.isActive || !ext.exports.serverStarted(), `language server started at start-up; open documents: ${docs || 'none'}`);
    console.log(`      (extension ${ext.isActive ? 'already active (no document open: an activation event from the workbench itself), server not started' : 'not active'} at start-up)`);
  });

  it('activates when a .zwgk file is opened, with the zwgk-report language', async () => {
    const p = writeFile('report.zwgk', fs.readFileSync(sample('004'), 'utf8'));
    const doc = await vscode.workspace.openTextDocument(p);
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('the extension to activate', () => ext.isActive, 30_000);
    assert.strictEqual(typeof (ext.exports as { ready?: unknown }).ready, 'function');
  });

  it('contributes its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['zwgk-report.fixAll', 'zwgk-report.selectFormat', 'zwgk-report.showOutput']) assert.ok(all.has(c), `${c} missing`);
  });

  it('selectFormat writes zwgk-report.format (argument form, no UI)', async () => {
    const cfg = () => vscode.workspace.getConfiguration('zwgk-report');
    assert.strictEqual(cfg().get('format'), 'auto');
    await vscode.commands.executeCommand('zwgk-report.selectFormat', '2021');
    assert.strictEqual(cfg().inspect('format')?.workspaceValue, '2021');
    await cfg().update('format', undefined, vscode.ConfigurationTarget.Workspace);
    assert.strictEqual(cfg().get('format'), 'auto');
  });

  it('showOutput runs', async () => {
    await vscode.commands.executeCommand('zwgk-report.showOutput');
  });
});

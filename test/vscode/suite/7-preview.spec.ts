// 打开预览 / Open Preview: the commands are contributed and registered, open one webview per report
// (beside the editor or in its place), and a second call reveals the same panel; a preview comes
// back after a reload from the state its script kept.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, sample, sleep, waitFor } from './util';

const VIEW_TYPE = 'zwgk-report.preview';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

describe('preview', () => {
  after(async () => {
    // a panel disposed in a test can still be listed as a tab for a moment, and closing that tab
    // then fails ("Invalid tab not found"): close what is open, one by one, looking again each time
    for (let tries = 0; tries < 20 && previewTabs().length; tries++) {
      try {
        await vscode.window.tabGroups.close(previewTabs()[0]);
      } catch {
        await sleep(100); // (already going: look again)
      }
    }
  });

  it('contributes and registers the preview commands', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('zwgk-report.openPreview'));
    assert.ok(all.includes('zwgk-report.openPreviewToSide'));
  });

  it('opens a preview beside the report, and reveals the same one again', async () => {
    const doc = await vscode.workspace.openTextDocument(sample('004'));
    await vscode.languages.setTextDocumentLanguage(doc, 'zwgk-report');
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('zwgk-report.openPreviewToSide', editor.document.uri);
    const tab = await waitFor('a preview tab', () => previewTabs()[0], 30_000);
    assert.match(tab.label, /004_/);
    assert.notStrictEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');

    // Editing re-renders (no error); a second call does not open a second panel.
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
    await sleep(400);
    await vscode.commands.executeCommand('zwgk-report.openPreview', editor.document.uri);
    await sleep(300);
    assert.strictEqual(previewTabs().length, 1);
    await vscode.commands.executeCommand('undo');
  });

  it('follows the active editor: one preview, showing the report brought to the front (issue 14.10)', async () => {
    const d4 = await vscode.workspace.openTextDocument(sample('004'));
    await vscode.languages.setTextDocumentLanguage(d4, 'zwgk-report');
    await vscode.window.showTextDocument(d4, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('zwgk-report.openPreviewToSide', d4.uri);
    await waitFor('a preview of 004', () => /004_/.test(previewTabs()[0]?.label ?? ''), 30_000);
    const d3 = await vscode.workspace.openTextDocument(sample('003'));
    await vscode.languages.setTextDocumentLanguage(d3, 'zwgk-report');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sample('003')), vscode.ViewColumn.One);
    await waitFor('the preview to show 003', () => /003_/.test(previewTabs()[0]?.label ?? ''), 20_000);
    assert.strictEqual(previewTabs().length, 1, 'the same preview, not a second one');
    // the command on another report reuses it too
    const d2 = await vscode.workspace.openTextDocument(sample('002'));
    await vscode.languages.setTextDocumentLanguage(d2, 'zwgk-report');
    await vscode.commands.executeCommand('zwgk-report.openPreview', d2.uri);
    await waitFor('the preview to show 002', () => /002_/.test(previewTabs()[0]?.label ?? ''), 20_000);
    assert.strictEqual(previewTabs().length, 1);
  });

  it('restores a preview after a reload from the state its script kept, and closes one it cannot restore', async () => {
    const ext = vscode.extensions.getExtension<{ previewSerializer: vscode.WebviewPanelSerializer }>(EXTENSION_ID)!;
    const serializer = (ext.isActive ? ext.exports : await ext.activate()).previewSerializer;
    // what VS Code does on a reload: a bare panel of our view type, and the state the webview kept
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'restoring', vscode.ViewColumn.One, {});
    await serializer.deserializeWebviewPanel(panel, { uri: vscode.Uri.file(sample('003')).toString() });
    assert.strictEqual(panel.webview.options.enableScripts, true, 'the preview script may run again');
    assert.match(panel.title, /003_/);
    assert.match(panel.webview.html, /zw-root/);
    assert.match(panel.webview.html, /附件|统计/, 'the report is rendered');
    panel.dispose();

    // no state (a preview from before this version), a bad one, a report since deleted: closed, not left blank
    for (const state of [undefined, { uri: 42 }, { uri: vscode.Uri.file(`${sample('003')}.deleted`).toString() }]) {
      const p = vscode.window.createWebviewPanel(VIEW_TYPE, 'restoring', vscode.ViewColumn.One, {});
      let closed = false;
      p.onDidDispose(() => { closed = true; });
      await serializer.deserializeWebviewPanel(p, state);
      assert.ok(closed, `closed for ${JSON.stringify(state)}`);
    }
  });
});

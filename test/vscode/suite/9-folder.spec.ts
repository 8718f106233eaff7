// 检查文件夹中的所有报告 / Check All Reports in Folder (issue 14): the Problems panel lists the
// reports of the workspace that were never opened; the view lists them by error count; a click opens
// a report at its first error.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, sample, waitFor, writeFile } from './util';

interface Report { uri: string; errors: number; warnings: number; first?: { start: { line: number } } }
interface Api { folderView: vscode.TreeDataProvider<Report> & { current: readonly Report[] } }

describe('the folder check', () => {
  it('lists unopened reports in Problems and in the view; a click opens a report at its first error', async () => {
    const a = vscode.Uri.file(writeFile('folder-check/甲.zwgk', fs.readFileSync(sample('004'), 'utf8')));
    const b = vscode.Uri.file(writeFile('folder-check/nested/乙.txt', fs.readFileSync(sample('003'), 'utf8')));
    const notes = vscode.Uri.file(writeFile('folder-check/notes.txt', '会议纪要\n今天讨论了政府信息公开工作。\n'));
    const isOpen = (u: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === u.toString());
    assert.ok(!isOpen(a) && !isOpen(b), 'the reports are not opened by the test');

    const result = await vscode.commands.executeCommand<{ reports: Report[] }>('zwgk-report.checkFolder');
    assert.ok(result, 'the command resolved undefined');
    const uris = result.reports.map((r) => vscode.Uri.parse(r.uri).toString());
    for (const u of [a, b]) assert.ok(uris.includes(u.toString()), `${u.fsPath} missing from ${uris.join(', ')}`);
    assert.ok(!uris.includes(notes.toString()), 'a .txt that is not a report is not listed');

    // Problems: the diagnostics of the unopened reports, as published by the server
    for (const u of [a, b]) {
      await waitFor(`diagnostics of ${u.fsPath}`, () => vscode.languages.getDiagnostics(u).some((d) => d.source === 'zwgk-report'), 20_000);
    }
    assert.ok(vscode.languages.getDiagnostics(b).some((d) => d.code !== undefined && String(typeof d.code === 'object' ? d.code.value : d.code) === 'sum-parent'));
    assert.ok(!isOpen(a) && !isOpen(b), 'still not opened');

    // the view: most errors first; its item opens the report at the first error
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID)!;
    const view = ext.exports.folderView;
    const items = (await view.getChildren()) as Report[];
    assert.ok(items.length >= 2);
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].errors >= items[i].errors, 'sorted by error count');
    const itemB = items.find((r) => vscode.Uri.parse(r.uri).toString() === b.toString())!;
    assert.ok(itemB.errors > 0 && itemB.first, JSON.stringify(itemB));
    const tree = await view.getTreeItem(itemB);
    assert.match(String(tree.description), /\d+ errors?, \d+ warnings?/);
    assert.ok(tree.command, 'the item opens the report');
    await vscode.commands.executeCommand(tree.command.command, ...(tree.command.arguments ?? []));
    const editor = await waitFor('the report in an editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === b.toString() && e;
    }, 20_000);
    assert.strictEqual(editor.selection.start.line, itemB.first!.start.line, 'at its first error');
  });
});

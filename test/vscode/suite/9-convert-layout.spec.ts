// 转换表格版式 / Convert Table Layout in the real extension host: zwgk-report.convertLayout with a
// layout argument (no quick pick) re-lays the table under the cursor of the active report through
// the language server, and only that table.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { LANGUAGE_ID, sample, waitFor, writeFile } from './util';

describe('command: convert table layout', () => {
  it('re-lays the table under the cursor as a Markdown table, the rest untouched', async () => {
    const text = fs.readFileSync(sample('004'), 'utf8');
    const file = writeFile('convert-layout/004.zwgk', text);
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    // the cursor in table 1 (第二十条第（一）项 … on lines 21–60 of 004)
    const line = doc.getText().split('\n').findIndex((l) => l === '\t规章');
    editor.selection = new vscode.Selection(line, 1, line, 1);
    const ok = await vscode.commands.executeCommand<boolean>('zwgk-report.convertLayout', 'markdown');
    assert.strictEqual(ok, true);
    const out = await waitFor('the table converted', () => (doc.getText().includes('| 规章 | 0 | 0 | 0 |') ? doc.getText() : undefined), 30_000);
    assert.ok(out.includes('|---|---|---|---|'));
    assert.ok(out.split('\n').includes('\t一、本年新收政府信息公开申请数量'), 'table 3 stays one cell per line');
    assert.strictEqual(await vscode.commands.executeCommand('zwgk-report.convertLayout', 'no-such-layout'), false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

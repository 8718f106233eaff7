// 在表格中编辑 / Edit Tables in real VS Code: the command opens the grid beside the report; a figure
// sent from the grid changes the text at exactly that cell and the language server's diagnostics
// follow; one undo in the text editor restores it (totals included); a 3×7 block pastes; an edit in
// the text shows in the grid; stale or unknown messages are ignored.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, sample, sleep, waitFor } from './util';

interface GridView {
  readonly html: string;
  readonly version: number;
  receive(message: unknown): Promise<void>;
}
interface Api {
  ready(): Promise<boolean>;
  grid: { gridFor(uri: vscode.Uri): GridView | undefined };
}

const VIEW_TYPE = 'zwgk-report.grid';

function gridTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

/** The figure shown in the grid's cell `id` (its <td>'s text). */
function shown(html: string, id: string): string | undefined {
  const m = new RegExp(`<td[^>]*data-cell="${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[^>]*>([^<]*)</td>`).exec(html);
  return m?.[1];
}

describe('edit tables (grid)', () => {
  let api: Api;
  let doc: vscode.TextDocument;
  let grid: GridView;
  const config = () => vscode.workspace.getConfiguration('zwgk-report');

  before(async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID)!;
    api = ext.isActive ? ext.exports : await ext.activate();
  });

  after(async () => {
    await config().update('grid.autoTotals', undefined, vscode.ConfigurationTarget.Workspace);
    for (let tries = 0; tries < 20 && gridTabs().length; tries++) {
      try {
        await vscode.window.tabGroups.close(gridTabs()[0]);
      } catch {
        await sleep(100);
      }
    }
    if (doc) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('contributes the command (palette, editor title, preview toolbar)', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('zwgk-report.editTables'));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const title = pkg.contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'zwgk-report.editTables');
    assert.match(title.when, /editorLangId == zwgk-report/);
    assert.match(title.when, /activeWebviewPanelId == 'zwgk-report.preview'/);
  });

  it('a new report opens with its grid beside it (the text keeps the focus)', async () => {
    const created = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.newReport', { organ: '某市某局', year: 2024 });
    assert.ok(created);
    const g = await waitFor('the new report\'s grid', () => api.grid.gridFor(created.uri), 10_000);
    assert.match(g.html, /data-cell="requests0\/-\/new\/natural"/);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), created.uri.toString());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the grid closed with its untitled report', () => !api.grid.gridFor(created.uri), 10_000);
  });

  it('opens the grid beside the report with the tables', async () => {
    doc = await vscode.workspace.openTextDocument(sample('004'));
    doc = await vscode.languages.setTextDocumentLanguage(doc, 'zwgk-report');
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('zwgk-report.editTables', doc.uri);
    const tab = await waitFor('a grid tab', () => gridTabs()[0], 30_000);
    assert.notStrictEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    grid = api.grid.gridFor(doc.uri)!;
    assert.ok(grid);
    assert.strictEqual(shown(grid.html, 'requests0/-/r1/natural'), '2');
    assert.match(grid.html, /申请人情况/);
    assert.strictEqual(await api.ready(), true);
  });

  it('a figure from the grid changes the text at that cell, and the diagnostics follow; undo restores it', async () => {
    await config().update('grid.autoTotals', false, vscode.ConfigurationTarget.Workspace);
    const before = doc.getText();
    const line = findCellLine(doc, 'requests0/-/r1/natural');
    const totalLine = findCellLine(doc, 'requests0/-/r1/total');
    const sumRowAt = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'sum-row' && d.range.start.line === totalLine);
    await waitFor('diagnostics of the report', () => vscode.languages.getDiagnostics(doc.uri).length > 0, 60_000);
    assert.deepEqual(sumRowAt(), [], 'r1 adds up to begin with');

    await grid.receive({ type: 'edit', version: doc.version, id: 'requests0/-/r1/natural', value: '７' });
    assert.strictEqual(doc.lineAt(line).text, '\t7', 'the full-width 7 written as 7, in that cell');
    const changed = doc.getText().split('\n').map((l, i) => (l === before.split('\n')[i] ? null : i)).filter((i) => i !== null);
    assert.deepEqual(changed, [line], 'no other line changed');
    await waitFor('a sum-row diagnostic on the row total', () => sumRowAt().length > 0, 30_000);
    await waitFor('the grid shows the new figure', () => shown(grid.html, 'requests0/-/r1/natural') === '7', 5_000);

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before, 'one undo restores the text');
    await waitFor('the diagnostic gone', () => sumRowAt().length === 0, 30_000);
  });

  it('with 合计自动计算 the totals go in the same edit: one undo undoes figure and totals', async () => {
    await config().update('grid.autoTotals', true, vscode.ConfigurationTarget.Workspace);
    const before = doc.getText();
    await grid.receive({ type: 'edit', version: doc.version, id: 'requests0/-/r1/natural', value: '7' });
    assert.strictEqual(doc.lineAt(findCellLine(doc, 'requests0/-/r1/natural')).text, '\t7');
    // 2 → 7: the row total and the grand totals each go up by 5
    const totalLine = findCellLine(doc, 'requests0/-/r1/total');
    assert.notStrictEqual(doc.lineAt(totalLine).text, before.split('\n')[totalLine].replace(/\r$/, ''), 'the row total rewritten');
    // read-only total: refused, text unchanged
    const mid = doc.getText();
    await grid.receive({ type: 'edit', version: doc.version, id: 'requests0/-/r1/total', value: '1' });
    assert.strictEqual(doc.getText(), mid);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before, 'one undo undoes the figure and its totals');
  });

  it('Ctrl+Z / Ctrl+Y in the grid undo and redo in the text', async () => {
    const before = doc.getText();
    await grid.receive({ type: 'edit', version: doc.version, id: 'requests0/-/r1/natural', value: '8' });
    const after = doc.getText();
    assert.notStrictEqual(after, before);
    // (at a person's pace: the focus goes back to the grid after each, which takes a moment)
    await grid.receive({ type: 'undo' });
    assert.strictEqual(doc.getText(), before, 'undone');
    await sleep(500);
    await grid.receive({ type: 'redo' });
    assert.strictEqual(doc.getText(), after, 'redone');
    await sleep(500);
    await grid.receive({ type: 'undo' });
    assert.strictEqual(doc.getText(), before);
    await waitFor('the grid shows the text again', () => shown(grid.html, 'requests0/-/r1/natural') === '2', 5_000);
  });

  it('pastes a 3×7 block from the cursor', async () => {
    const before = doc.getText();
    const block = '1\t2\t3\t4\t5\t6\t0\n7\t8\t9\t10\t11\t12\t0\n1\t1\t1\t1\t1\t1\t0\n';
    await grid.receive({ type: 'paste', version: doc.version, anchor: 'requests0/-/r3.1/natural', text: block });
    const rows = ['r3.1', 'r3.2', 'r3.3'];
    const cols = ['natural', 'commercial', 'research', 'social', 'legal', 'otherOrg', 'total'];
    const got = rows.map((r) => cols.map((c) => doc.lineAt(findCellLine(doc, `requests0/-/${r}/${c}`)).text.trim()));
    assert.deepEqual(got, [['1', '2', '3', '4', '5', '6', '21'], ['7', '8', '9', '10', '11', '12', '57'], ['1', '1', '1', '1', '1', '1', '6']]);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
  });

  it('an edit in the text shows in the grid; stale, unknown and non-numeric messages are ignored', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const line = findCellLine(doc, 'review0/-/review/review.correct');
    const start = doc.lineAt(line).text.length - doc.lineAt(line).text.trimStart().length;
    await editor.edit((e) => e.replace(new vscode.Range(line, start, line, doc.lineAt(line).text.length), '13'));
    await waitFor('the grid shows 13', () => shown(grid.html, 'review0/-/review/review.correct') === '13', 5_000);

    const text = doc.getText();
    const version = doc.version;
    await grid.receive({ type: 'edit', version: version - 1, id: 'requests0/-/r1/natural', value: '9' });
    await grid.receive({ type: 'edit', version, id: 'requests0/-/nope/natural', value: '9' });
    await grid.receive({ type: 'edit', version, id: 'requests0/-/r1/natural', value: '9件<b>' });
    await grid.receive({ type: 'edit', version, id: 'requests0/-/r1/natural', value: 9 });
    await grid.receive({ type: 'paste', version, anchor: 42, text: '1' });
    await grid.receive(null);
    assert.strictEqual(doc.getText(), text, 'nothing written');
    await vscode.commands.executeCommand('undo');
  });
});

/** The line of a cell of sample 004 (one cell per line): found through the grid ids of the current text. */
function findCellLine(doc: vscode.TextDocument, id: string): number {
  // the core is bundled into the extension, not exposed: find the cell from the grid's data-line
  const grid = (vscode.extensions.getExtension(EXTENSION_ID)!.exports as Api).grid.gridFor(doc.uri)!;
  const m = new RegExp(`<td[^>]*data-line="(\\d+)"[^>]*data-cell="${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`).exec(grid.html);
  assert.ok(m, `cell ${id} in the grid`);
  return Number(m[1]);
}

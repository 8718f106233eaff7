// Settings changed in settings.json on disk take effect without touching the Settings UI (issue 14.5):
// inlay hints turned on, the message language changed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID, sample, workspaceDir, waitFor, writeFile } from './util';

describe('settings changed on disk', () => {
  const file = () => path.join(workspaceDir(), '.vscode', 'settings.json');
  let saved = '';
  before(() => { saved = fs.readFileSync(file(), 'utf8'); });
  after(async () => {
    fs.writeFileSync(file(), saved);
    await waitFor('settings restored', () => vscode.workspace.getConfiguration('zwgk-report').get('inlayHints.enabled') === false, 20_000);
  });

  it('inlay hints and the message language follow an edit of .vscode/settings.json', async () => {
    const p = writeFile('on-disk.zwgk', fs.readFileSync(sample('002'), 'utf8'));
    const doc = await vscode.workspace.openTextDocument(p);
    assert.strictEqual(doc.languageId, LANGUAGE_ID);
    await vscode.window.showTextDocument(doc);
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = async () => (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, all)) ?? [];
    await waitFor('the server to run', async () => (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri))?.length, 30_000);
    assert.strictEqual((await hints()).length, 0, 'off by default');

    const settings = JSON.parse(saved);
    fs.writeFileSync(file(), JSON.stringify({ ...settings, 'zwgk-report.inlayHints.enabled': true, 'zwgk-report.language': 'zh' }, null, 2));
    await waitFor('VS Code to read settings.json', () => vscode.workspace.getConfiguration('zwgk-report').get('inlayHints.enabled') === true, 20_000);
    const shown = await waitFor('inlay hints after the edit on disk', async () => { const h = await hints(); return h.length > 0 && h; }, 20_000);
    assert.ok(shown.some((h) => /自然人|商业企业|总计/.test(typeof h.label === 'string' ? h.label : h.label.map((l) => l.value).join(''))), JSON.stringify(shown.slice(0, 5).map((h) => h.label)));
    const hover = async () => ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(251, 1))) ?? [])
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    await waitFor('a Chinese hover', async () => /数值/.test(await hover()), 20_000);
  });
});

describe('no box highlighting of invisible characters in reports (issue 14.8)', () => {
  it('configurationDefaults turn off unicodeHighlight.invisibleCharacters and nonBasicASCII for zwgk-report', () => {
    const c = vscode.workspace.getConfiguration('editor', { languageId: LANGUAGE_ID });
    assert.strictEqual(c.get('unicodeHighlight.invisibleCharacters'), false);
    assert.strictEqual(c.get('unicodeHighlight.nonBasicASCII'), false);
    assert.strictEqual(c.get('unicodeHighlight.ambiguousCharacters'), false);
  });
});

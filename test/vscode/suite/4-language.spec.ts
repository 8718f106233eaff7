// One language throughout (issue 14.3): with `zwgk-report.language` set, the status bar, the preview
// (tab title, banner, cell tooltips) and the outline speak it too, whatever VS Code's display
// language (English in the tests).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, LANGUAGE_ID, sample, sleep, waitFor } from './util';

interface Api {
  ready(): Promise<boolean>;
  status(uri: vscode.Uri): { errors: number } | undefined;
  statusBar(): { text: string; tooltip: string; visible: boolean };
}

const VIEW_TYPE = 'zwgk-report.preview';
const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
  .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));

async function closePreviews(): Promise<void> {
  for (let tries = 0; tries < 20 && previewTabs().length; tries++) {
    try { await vscode.window.tabGroups.close(previewTabs()[0]); } catch { await sleep(100); }
  }
}

async function symbolNames(uri: vscode.Uri): Promise<string[]> {
  const syms = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
  const out: string[] = [];
  const walk = (s: vscode.DocumentSymbol) => { out.push(s.name); s.children?.forEach(walk); };
  syms.forEach(walk);
  return out;
}

describe('one language throughout (zwgk-report.language)', () => {
  const cfg = () => vscode.workspace.getConfiguration('zwgk-report');
  after(async () => {
    await cfg().update('language', undefined, vscode.ConfigurationTarget.Workspace);
    await closePreviews();
  });

  it('zh: the status bar, the preview and the outline are Chinese; en: English, with "1 error" in the singular', async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID)!;
    const api = ext.isActive ? ext.exports : await ext.activate();
    await cfg().update('language', 'zh', vscode.ConfigurationTarget.Workspace);
    const doc = await vscode.workspace.openTextDocument(sample('003'));
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor('the status of 003', () => api.status(editor.document.uri), 30_000);

    const zhBar = await waitFor('the status bar in Chinese', () => { const v = api.statusBar(); return v.visible && /^年报/.test(v.text) && v; }, 10_000);
    assert.match(zhBar.tooltip, /个错误/, zhBar.tooltip);
    assert.doesNotMatch(zhBar.tooltip, /errors?\b/, zhBar.tooltip);

    await vscode.commands.executeCommand('zwgk-report.openPreviewToSide', editor.document.uri);
    const tab = await waitFor('a preview tab', () => previewTabs()[0], 30_000);
    await waitFor('a Chinese tab title', () => /^预览 /.test(previewTabs()[0]?.label ?? ''), 10_000);
    void tab;
    const zhNames = await waitFor('Chinese outline', async () => { const n = await symbolNames(editor.document.uri); return n.includes('收到和处理政府信息公开申请情况表') && n; }, 20_000);
    assert.ok(!zhNames.some((n) => /table/i.test(n)), zhNames.join(' | '));

    await cfg().update('language', 'en', vscode.ConfigurationTarget.Workspace);
    const enBar = await waitFor('the status bar in English', () => { const v = api.statusBar(); return /^Report/.test(v.text) && v; }, 10_000);
    assert.match(enBar.tooltip, /\d+ errors?, \d+ warnings?/, enBar.tooltip);
    assert.doesNotMatch(enBar.tooltip, /\b1 errors\b|\b1 warnings\b/, enBar.tooltip);
    await waitFor('an English tab title', () => /^Preview /.test(previewTabs()[0]?.label ?? ''), 10_000);
    await waitFor('English outline', async () => (await symbolNames(editor.document.uri)).includes('Requests received and handled table'), 20_000);
  });
});

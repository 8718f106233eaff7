// Plain-text reports (.txt) are switched to the zwgk-report language; other text is left alone.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { looksLikeReport } from '../../../client/src/detect';
import { LANGUAGE_ID, openDoc, sample, sleep, waitFor, writeFile } from './util';

async function open(p: string): Promise<vscode.Uri> {
  const doc = await vscode.workspace.openTextDocument(p);
  await vscode.window.showTextDocument(doc);
  return doc.uri;
}

describe('auto-detection of plain-text reports', () => {
  it('looksLikeReport: titles on one line, split over two lines, and non-titles', () => {
    assert.ok(looksLikeReport(['济宁市人民政府办公室', '2020年政府信息公开工作年度报告']));
    assert.ok(looksLikeReport(['济宁市城市管理局2020年政府信息公开', '', '工作年度报告']));
    assert.ok(looksLikeReport(['', '', '安丘市人民政府办公室', '', '2020 年政府信息公开工作年度报告']));
    assert.ok(!looksLikeReport(['会议纪要', '今天讨论了政府信息公开工作。']));
    const body = '根据《中华人民共和国政府信息公开条例》的要求，现发布本单位2020年政府信息公开工作年度报告，请各单位认真阅读并抓好落实工作。';
    assert.ok(!looksLikeReport(['通知', body]));
  });

  for (const n of ['000', '002', '003']) {
    it(`switches sample ${n} (.txt) to ${LANGUAGE_ID}`, async () => {
      const p = sample(n);
      const uri = await open(p);
      await waitFor(`${n} to switch language`, () => openDoc(uri)?.languageId === LANGUAGE_ID, 20_000);
    });
  }

  it('leaves other plain text alone', async () => {
    const uri = await open(writeFile('notes.txt', '会议纪要\n今天讨论了政府信息公开工作。\n'));
    await sleep(1500);
    assert.strictEqual(openDoc(uri)?.languageId, 'plaintext');
  });

  it('respects a switch back to plain text', async () => {
    const uri = await open(writeFile('back.txt', fs.readFileSync(sample('001'), 'utf8')));
    await waitFor('back.txt to switch language', () => openDoc(uri)?.languageId === LANGUAGE_ID, 20_000);
    await vscode.languages.setTextDocumentLanguage(openDoc(uri)!, 'plaintext');
    await sleep(1500);
    assert.strictEqual(openDoc(uri)?.languageId, 'plaintext');
  });

  it('does nothing when zwgk-report.autoDetect is false', async () => {
    const cfg = vscode.workspace.getConfiguration('zwgk-report');
    await cfg.update('autoDetect', false, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await open(writeFile('no-detect.txt', fs.readFileSync(sample('004'), 'utf8')));
      await sleep(1500);
      assert.strictEqual(openDoc(uri)?.languageId, 'plaintext');
    } finally {
      await cfg.update('autoDetect', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('auto-detection when a report is opened again', () => {
  it('a .txt report closed and opened again is a report again (issue 14.1)', async () => {
    const uri = await open(writeFile('reopened.txt', fs.readFileSync(sample('002'), 'utf8')));
    await waitFor('reopened.txt to switch language', () => openDoc(uri)?.languageId === LANGUAGE_ID, 20_000);
    // close it and let VS Code drop the document, as when a preview tab is replaced by another file
    const gone = new Promise<void>((resolve) => {
      const l = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === uri.toString() && !openDoc(uri)) { l.dispose(); resolve(); }
      });
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await Promise.race([gone, sleep(60_000)]);
    await waitFor('reopened.txt to be closed', () => !openDoc(uri), 5_000);
    await open(uri.fsPath);
    await waitFor('reopened.txt to switch language again', () => openDoc(uri)?.languageId === LANGUAGE_ID, 20_000);
  });
});

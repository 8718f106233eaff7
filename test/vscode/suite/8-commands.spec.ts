// 新建报告 / 从 Word 导入 in the real extension host: zwgk-report.newReport (argument form, no
// questions) opens the year's template as an untitled report the language server finds clean, and
// zwgk-report.importDocx (uri argument, no dialog) converts a REAL .docx — written here with the
// `docx` package, resolved from the repository's node_modules — into an untitled report; a corrupt
// file opens nothing.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { offeredYears } from '../../../client/src/newReport';
import { EXTENSION_ID, LANGUAGE_ID, waitFor, workspaceDir } from './util';

interface Api {
  ready(): Promise<boolean>;
  status(uri: vscode.Uri): { format: string | null; errors: number; warnings: number } | undefined;
}

const root = path.resolve(__dirname, '../../../..');
const api = () => vscode.extensions.getExtension<Api>(EXTENSION_ID)!.exports;

const untitledDocs = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled').map((d) => d.uri.toString());

/** Closes the active (unsaved) editor without the save prompt. */
async function closeActiveWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** A small 2021-format report written by the `docx` package: title, a section heading, a 2-row table. */
async function smallReportDocx(file: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = require('docx') as typeof import('docx');
  const cell = (t: string) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(t)] })] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: IMPORT_TITLE, bold: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('一、总体情况')] }),
          new Paragraph('本机关认真贯彻落实《中华人民共和国政府信息公开条例》。'),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('二、主动公开政府信息情况')] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ children: [cell('信息内容'), cell('本年处理决定数量')] }),
              new TableRow({ children: [cell('行政许可'), cell('1234')] }),
            ],
          }),
        ],
      },
    ],
  });
  fs.writeFileSync(file, await Packer.toBuffer(doc));
}

const IMPORT_TITLE = '示例市示例局2021年政府信息公开工作年度报告';

describe('commands: new report and import from Word', () => {
  it('newReport offers the year just ended first, then the current year, then earlier years (issue 14.9)', () => {
    assert.deepEqual(offeredYears(new Date(2027, 0, 10)), [2026, 2027, 2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    assert.deepEqual(offeredYears(new Date(2020, 5, 1)), [2019, 2020]);
  });

  afterEach(async () => {
    // Leave no unsaved untitled report behind (revert, so no save prompt).
    for (let i = 0; i < 5 && vscode.window.activeTextEditor?.document.uri.scheme === 'untitled'; i++) await closeActiveWithoutSaving();
  });

  it('contributes and registers newReport and importDocx', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['zwgk-report.newReport', 'zwgk-report.importDocx', 'zwgk-report.openAsReport']) assert.ok(all.has(c), `${c} missing`);
  });

  for (const [year, notice, format] of [
    [2024, '国办公开办函〔2021〕30号', '2021'],
    [2020, '国办公开办函〔2019〕60号', '2019'],
  ] as const) {
    it(`newReport { organ, year: ${year} } opens the ${format}-format template, with no error or warning`, async () => {
      const returned = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.newReport', { organ: '某市某局', year });
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'no active editor after zwgk-report.newReport');
      const doc = editor.document;
      assert.ok(returned, 'the command resolved undefined');
      assert.strictEqual(returned.uri.toString(), doc.uri.toString(), 'the returned document is not the active one');
      assert.strictEqual(doc.uri.scheme, 'untitled');
      assert.strictEqual(doc.languageId, LANGUAGE_ID);
      const text = doc.getText();
      assert.strictEqual(doc.lineAt(0).text, `某市某局${year}年政府信息公开工作年度报告`);
      assert.ok(text.includes(notice), `the template does not cite ${notice}`);

      // Checked by the language server: a status for this document, clean, and no error/warning diagnostics.
      assert.strictEqual(await api().ready(), true, 'the language server did not start');
      const s = await waitFor(`a zwgk-report/status for ${doc.uri.toString()}`, () => api().status(doc.uri), 30_000);
      assert.strictEqual(s.format, format);
      assert.deepStrictEqual({ errors: s.errors, warnings: s.warnings }, { errors: 0, warnings: 0 });
      // Diagnostics reach the client with (or before) the status; give late ones a moment anyway.
      const end = Date.now() + 1_500;
      do {
        const bad = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
        assert.deepStrictEqual(bad.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
        await new Promise((r) => setTimeout(r, 250));
      } while (Date.now() < end);
    });
  }

  describe('importDocx', () => {
    let docxPath: string;
    // the bundles loaded into the extension host: dist/extension.js only (the readers are in dist/server.js)
    const hostBundles = (): string[] => Object.keys(require.cache).filter((k) => path.dirname(k) === path.join(root, 'dist')).map((k) => path.basename(k));

    before(async () => {
      docxPath = path.join(workspaceDir(), 'import', '示例报告.docx');
      fs.mkdirSync(path.dirname(docxPath), { recursive: true });
      await smallReportDocx(docxPath);
    });

    it('converts a real .docx (uri argument) into an untitled zwgk-report document', async () => {
      const before = fs.readFileSync(docxPath);
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.importDocx', vscode.Uri.file(docxPath));
      assert.ok(doc, 'the command resolved undefined');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the imported document is not shown');
      assert.strictEqual(doc.uri.scheme, 'untitled');
      assert.strictEqual(doc.languageId, LANGUAGE_ID);
      const lines = doc.getText().split(/\r?\n/);
      assert.strictEqual(lines[0], IMPORT_TITLE);
      assert.ok(lines.includes('一、总体情况'), 'section heading missing');
      assert.ok(lines.includes('二、主动公开政府信息情况'), 'section heading missing');
      // The table: one cell per line with a leading tab, a blank line after each row.
      const t = lines.indexOf('\t信息内容');
      assert.ok(t > 0, `table not found in:\n${doc.getText()}`);
      assert.deepStrictEqual(lines.slice(t, t + 6), ['\t信息内容', '\t本年处理决定数量', '', '\t行政许可', '\t1234', '']);
      // The .docx is only read.
      assert.ok(fs.readFileSync(docxPath).equals(before), 'the .docx was modified');
      // The conversion runs in the language server (zwgk-report/convert), not in the extension host.
      assert.deepStrictEqual(hostBundles().filter((b) => b !== 'extension.js'), [], 'a reader was loaded into the extension host');
      // And the server checks it at once.
      await waitFor('a zwgk-report/status for the imported report', () => api().status(doc.uri), 30_000);
    });

    it('a corrupt .docx: resolves undefined and opens nothing', async () => {
      const bad = path.join(path.dirname(docxPath), '损坏.docx');
      fs.writeFileSync(bad, crypto.randomBytes(4096));
      const untitledBefore = untitledDocs();
      const activeBefore = vscode.window.activeTextEditor?.document.uri.toString();
      const r = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.importDocx', vscode.Uri.file(bad));
      assert.strictEqual(r, undefined);
      await new Promise((res) => setTimeout(res, 300));
      assert.deepStrictEqual(untitledDocs(), untitledBefore, 'a new untitled document was opened');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), activeBefore, 'the active editor changed');
    });

    it('a zip that is not a Word document (a .docx holding a text file): resolves undefined and opens nothing', async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const JSZip = require('jszip') as typeof import('jszip');
      const zip = new JSZip();
      zip.file('readme.txt', '这不是 Word 文档');
      const bad = path.join(path.dirname(docxPath), '不是Word.docx');
      fs.writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
      const untitledBefore = untitledDocs();
      const r = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.importDocx', vscode.Uri.file(bad));
      assert.strictEqual(r, undefined);
      await new Promise((res) => setTimeout(res, 300));
      assert.deepStrictEqual(untitledDocs(), untitledBefore, 'a new untitled document was opened');
    });
  });

  describe('openAsReport', () => {
    it('opens a real PDF report (test/fixtures/corpus) as an untitled report, converted by the server', async () => {
      const pdf = path.join(root, 'test/fixtures/corpus/huaian-city-2024.pdf');
      const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.openAsReport', vscode.Uri.file(pdf));
      assert.ok(doc, 'the command resolved undefined');
      assert.strictEqual(doc.uri.scheme, 'untitled');
      assert.strictEqual(doc.languageId, LANGUAGE_ID);
      const lines = doc.getText().split(/\r?\n/);
      assert.ok(lines.includes('行政处罚\t3985758\t\t'), 'table 1 row missing');
      assert.ok(lines.includes('一、本年新收政府信息公开申请数量\t\t\t3001\t53\t0\t0\t61\t4\t3119'), 'table 3 row missing');
      await waitFor('a zwgk-report/status for the opened PDF', () => api().status(doc.uri), 30_000);
    });

    it('a PDF without a text layer: resolves undefined and opens nothing', async () => {
      const bad = path.join(workspaceDir(), 'scan.pdf');
      fs.writeFileSync(bad, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
      const r = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.openAsReport', vscode.Uri.file(bad));
      assert.strictEqual(r, undefined);
    });

    it('a file over 50 MB is not read into the extension host: resolves undefined and opens nothing', async () => {
      const big = path.join(workspaceDir(), 'huge.pdf');
      fs.writeFileSync(big, '%PDF-1.4\n');
      fs.truncateSync(big, 60 * 1024 * 1024); // (sparse: no 60 MB written)
      const before = vscode.workspace.textDocuments.length;
      try {
        const r = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('zwgk-report.openAsReport', vscode.Uri.file(big));
        assert.strictEqual(r, undefined);
        assert.strictEqual(vscode.workspace.textDocuments.length, before, 'a document was opened');
      } finally {
        fs.rmSync(big, { force: true });
      }
    });
  });
});

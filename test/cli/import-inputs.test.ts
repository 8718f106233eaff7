// The CLI on the files evaluators download: a folder of PDFs and web pages given to check, audit
// and render as a folder of .txt would be (the bundled dist/cli.js, in a child process, so pdf.js
// runs from the bundle with no worker file and no network); diagnostics name the place in the
// original; --fix never writes into a PDF or a web page; import writes the text.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { buildReportDocx } from '../import/report-docx';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const CORPUS = path.join(ROOT, 'test/fixtures/corpus');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI: PDF and web pages as input', () => {
  let dir: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: build first (node scripts/build.mjs)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-inputs-'));
    fs.mkdirSync(path.join(dir, '下载的年报'));
    fs.copyFileSync(path.join(CORPUS, 'huaian-hongze-2024.pdf'), path.join(dir, '下载的年报', '洪泽区2024.pdf'));
    fs.copyFileSync(path.join(CORPUS, 'huaian-city-2024.pdf'), path.join(dir, '下载的年报', '淮安市2024.pdf'));
    fs.copyFileSync(path.join(CORPUS, 'pingtan-2024.article.html'), path.join(dir, '下载的年报', '平潭2024.html'));
    fs.writeFileSync(path.join(dir, '下载的年报', '扫描件.pdf'), '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('check over a folder: every file read, no totals error, places in the original, the scan named', () => {
    const r = cli(['check', path.join(dir, '下载的年报')]);
    assert.equal(r.code, 2, r.stderr); // the scanned PDF cannot be read
    assert.match(r.stderr, /扫描件\.pdf: 无法读取：此 PDF 没有文字层（可能是扫描件），无法读取表格/);
    assert.match(r.stdout, /检查了 3 个文件/);
    assert.doesNotMatch(r.stdout, /sum-row|sum-column|sum-parent|balance|review-total/);
    // the misspelt label of 洪泽区 2024, with its page and place
    assert.match(r.stdout, /洪泽区2024\.pdf:\d+:\d+ warning table-label .*2\.其他法律行政止公开.*（洪泽区2024\.pdf 第3页 表三 （三）2\.）/);
    assert.ok(!r.stdout.includes('Warning:'), 'pdf.js wrote on standard output');
  });

  test('json, jsonl and SARIF carry the place in the original (PDF page and position, web-page and Word table cell), streamed like .txt', async () => {
    // a copy of the web page with one total changed: a sum-row error in a table cell of the page
    const bad = path.join(dir, '改过的网页');
    fs.mkdirSync(bad, { recursive: true });
    const page = fs.readFileSync(path.join(CORPUS, 'pingtan-2024.article.html'), 'utf8');
    assert.ok(page.includes('">218</p>'));
    fs.writeFileSync(path.join(bad, '平潭2024.html'), page.replace('">218</p>', '">219</p>'));
    fs.copyFileSync(path.join(CORPUS, 'huaian-hongze-2024.pdf'), path.join(bad, '洪泽区2024.pdf'));
    fs.writeFileSync(path.join(bad, '示例区2021.docx'), await buildReportDocx({ brokenTotal: true }));
    type Json = { file: string; diagnostics: { code: string; source?: Record<string, unknown> }[] };
    const hzLabel = (files: Json[]) => files.find((f) => f.file.endsWith('洪泽区2024.pdf'))!.diagnostics.find((d) => d.code === 'table-label')!;
    const ptSum = (files: Json[]) => files.find((f) => f.file.endsWith('平潭2024.html'))!.diagnostics.find((d) => d.code === 'sum-row')!;
    for (const jobs of ['1', '2']) {
      const json = cli(['check', bad, '--format', 'json', '--jobs', jobs]);
      assert.equal(json.code, 1, json.stderr);
      const files = JSON.parse(json.stdout) as Json[];
      assert.deepEqual(hzLabel(files).source, { where: '第3页 表三 （三）2.', kind: 'pdf', page: 3, x: hzLabel(files).source!.x, y: hzLabel(files).source!.y });
      assert.ok(typeof hzLabel(files).source!.x === 'number' && typeof hzLabel(files).source!.y === 'number');
      const sum = ptSum(files).source!;
      assert.equal(sum.kind, 'html');
      assert.match(String(sum.where), /^第\d+个表格 第\d+行 第\d+列 表三 一、 总计$/);
      assert.ok(Number(sum.table) >= 1 && Number(sum.row) >= 1 && Number(sum.column) >= 1);
      const word = files.find((f) => f.file.endsWith('示例区2021.docx'))!.diagnostics.find((d) => d.code === 'sum-column')!;
      assert.deepEqual(word.source, { where: `第2个表格 第${word.source!.row}行 第9格 表三 （七） 总计`, kind: 'docx', table: 2, row: word.source!.row, cell: 9 });
      const jsonl = cli(['check', bad, '--format', 'jsonl', '--jobs', jobs]);
      const lines = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as Json);
      assert.deepEqual(hzLabel(lines).source, hzLabel(files).source);
      assert.deepEqual(ptSum(lines).source, sum);
    }
    const sarifText = cli(['check', bad, '--format', 'sarif']).stdout;
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(JSON.parse(sarifText)), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    const sarif = JSON.parse(sarifText) as { runs: { results: { ruleId: string; locations: { message?: { text: string } }[]; properties?: { source?: { page?: number } } }[] }[] };
    const label = sarif.runs[0].results.find((r) => r.ruleId === 'table-label')!;
    assert.equal(label.locations[0].message?.text, '洪泽区2024.pdf 第3页 表三 （三）2.');
    assert.equal(label.properties?.source?.page, 3);
    const text = cli(['check', bad, '--lang', 'en', '--jobs', '2']);
    assert.match(text.stdout, /平潭2024\.html:\d+:\d+ error sum-row .* \(平潭2024\.html table 2, row 4, column 10, table 3, 一、 总计\)$/m);
  });

  test('audit over the folder', () => {
    const r = cli(['audit', path.join(dir, '下载的年报'), '--format', 'json']);
    const out = JSON.parse(r.stdout);
    const rows = out.reports as { file: string; organ: string | null; year: number | null; encoding: string | null; unreadable?: string }[];
    assert.equal(rows.length, 4);
    const hz = rows.find((x) => x.file.endsWith('洪泽区2024.pdf'))!;
    assert.equal(hz.year, 2024);
    assert.equal(hz.encoding, 'pdf');
    assert.ok(rows.find((x) => x.file.endsWith('扫描件.pdf'))!.unreadable);
  });

  test('--fix never writes into a PDF or a web page; import writes the text, which --fix can then fix', () => {
    const pdf = path.join(dir, '下载的年报', '淮安市2024.pdf');
    const before = fs.readFileSync(pdf);
    const r = cli(['check', '--fix', pdf]);
    assert.match(r.stderr, /--fix 不写入 PDF、网页或 Word 文件/);
    assert.ok(fs.readFileSync(pdf).equals(before));
    const out = path.join(dir, '淮安市2024.txt');
    const i = cli(['import', pdf, '-o', out]);
    assert.equal(i.code, 0, i.stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /^行政处罚\t3985758\t\t$/m);
    const html = cli(['import', path.join(dir, '下载的年报', '平潭2024.html')]);
    assert.equal(html.code, 0);
    assert.match(html.stdout, /^（七）总计|\t（七）总计\t\t217\t1\t0\t0\t0\t0\t218$/m);
  });

  test('render takes a PDF', () => {
    const out = path.join(dir, 'hz.html');
    const r = cli(['render', path.join(dir, '下载的年报', '洪泽区2024.pdf'), '--html', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(fs.readFileSync(out, 'utf8'), /3985758|2776/);
  });
});

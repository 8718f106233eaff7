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

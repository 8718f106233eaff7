// Benchmark of the import layer (server/src/import): a 6-page text PDF (淮安市人民政府 2024, the
// corpus) read by the PDF reader, and a 300 KB web page (the 平潭 2024 article inside site chrome
// and long prose) read by the web-page reader. Targets: PDF under 300 ms, page under 30 ms.
// The first PDF also loads pdf.js (reported apart). Then a folder of 100 mixed files, made here
// in a temporary folder (nothing committed): 25 PDFs (the two corpus PDFs), 25 web pages (the five
// samples rendered by the project's HTML renderer, and the 平潭 article), 25 .docx (built with the
// `docx` package, test/import/report-docx.ts) and 25 .txt (the five samples), audited by the
// bundled CLI (`audit DIR --format json`, a child process: start-up included): time and files/s.
// Prints the figures; asserts nothing.
// Run: npm run compile && node out/test/bench/import.js

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { analyze } from '../../server/src/core';
import { htmlToText } from '../../server/src/import/html';
import { pdfToText } from '../../server/src/import/pdf';
import { renderStandalone } from '../../server/src/render/html';
import { buildReportDocx } from '../import/report-docx';

const ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.join(ROOT, 'test/fixtures/corpus');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');

/** 100 files, 25 of each kind, in a new temporary folder. */
async function mixedFolder(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bench-mixed-'));
  const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  const pdfs = ['huaian-hongze-2024.pdf', 'huaian-city-2024.pdf'].map((f) => fs.readFileSync(path.join(CORPUS, f)));
  const pages = [...samples.map((t) => { const a = analyze(t); return renderStandalone(a.doc, a.diagnostics, { lang: 'zh' }); }), fs.readFileSync(path.join(CORPUS, 'pingtan-2024.article.html'), 'utf8')];
  const docx = [await buildReportDocx(), await buildReportDocx({ format: '2019' })];
  for (let i = 0; i < 25; i++) {
    const n = String(i).padStart(2, '0');
    fs.writeFileSync(path.join(dir, `report-${n}.pdf`), pdfs[i % pdfs.length]);
    fs.writeFileSync(path.join(dir, `report-${n}.html`), pages[i % pages.length]);
    fs.writeFileSync(path.join(dir, `report-${n}.docx`), docx[i % docx.length]);
    fs.writeFileSync(path.join(dir, `report-${n}.txt`), samples[i % samples.length]);
  }
  return dir;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const pdf = new Uint8Array(fs.readFileSync(path.join(CORPUS, 'huaian-city-2024.pdf')));
  let t = performance.now();
  await pdfToText(pdf);
  const first = performance.now() - t;
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) {
    t = performance.now();
    await pdfToText(pdf);
    runs.push(performance.now() - t);
  }
  console.log(`6-page PDF (${(pdf.byteLength / 1024).toFixed(0)} KB): ${median(runs).toFixed(0)} ms median of 7 (first, with loading pdf.js: ${first.toFixed(0)} ms) — target < 300 ms: ${median(runs) < 300 ? 'met' : 'NOT met'}`);

  const article = fs.readFileSync(path.join(CORPUS, 'pingtan-2024.article.html'), 'utf8');
  const menu = `<ul class="nav">${Array.from({ length: 40 }, (_, i) => `<li><a href="/col/${i}">栏目${i}</a></li>`).join('')}</ul>`;
  let prose = '';
  while (Buffer.byteLength(menu + article + prose) < 300 * 1024) prose += `<p style="text-indent:2em"><span style="font-family:仿宋">${'各级各部门认真贯彻落实政务公开工作要求，持续推进决策、执行、管理、服务、结果公开。'.repeat(4)}</span></p>\n`;
  const page = Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>年报</title></head><body><div class="top">${menu}</div><div class="article"><h1>平潭综合实验区2024年政府信息公开工作年度报告</h1>${prose}${article}</div><div class="footer">版权所有</div></body></html>`);
  const pageRuns: number[] = [];
  for (let i = 0; i < 15; i++) {
    t = performance.now();
    htmlToText(page);
    pageRuns.push(performance.now() - t);
  }
  console.log(`web page (${(page.byteLength / 1024).toFixed(0)} KB): ${median(pageRuns.slice(3)).toFixed(1)} ms median (first ${pageRuns[0].toFixed(1)} ms) — target < 30 ms: ${median(pageRuns.slice(3)) < 30 ? 'met' : 'NOT met'}`);

  const cli = path.join(ROOT, 'dist/cli.js');
  if (!fs.existsSync(cli)) {
    console.log('mixed folder: dist/cli.js is missing (npm run build)');
    return;
  }
  const dir = await mixedFolder();
  try {
    for (const jobs of ['1', String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length))]) {
      t = performance.now();
      const r = spawnSync(process.execPath, [cli, 'audit', dir, '--format', 'json', '--jobs', jobs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const ms = performance.now() - t;
      const reports = (JSON.parse(r.stdout || '{"reports":[]}') as { reports: { unreadable?: string }[] }).reports;
      const unreadable = reports.filter((x) => x.unreadable !== undefined).length;
      console.log(`audit of 100 mixed files (25 PDF, 25 web pages, 25 .docx, 25 .txt; --jobs ${jobs}, process start included): ${(ms / 1000).toFixed(2)} s, ${(reports.length / (ms / 1000)).toFixed(1)} files/s (${reports.length} reports, ${unreadable} unreadable)`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();

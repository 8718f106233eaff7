// Benchmark of the import layer (server/src/import): a 6-page text PDF (淮安市人民政府 2024, the
// corpus) read by the PDF reader, and a 300 KB web page (the 平潭 2024 article inside site chrome
// and long prose) read by the web-page reader. Targets: PDF under 300 ms, page under 30 ms.
// The first PDF also loads pdf.js (reported apart). Prints the figures; asserts nothing.
// Run: npx tsc -p . && node out/test/bench/import.js

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { htmlToText } from '../../server/src/import/html';
import { pdfToText } from '../../server/src/import/pdf';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/corpus');

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
}

void main();

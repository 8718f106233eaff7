// Bench of 在表格中编辑: one grid edit as the extension handles it — parse and check the text, find
// the cell, make the text edits (figure + totals, the edited text parsed back to verify it), apply
// them, parse and check the new text and render the grid's tables again — and, in Chromium when it
// is there, the webview's redraw of those tables (the update message handled, layout done).
// Target: under 50 ms per edit. Measures and prints; asserts nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, applyEdits } from '../../server/src/core';
import { gridEdits, gridLayout, type GridSettings } from '../../server/src/core/gridEdit';
import { renderGridPage, renderGridTables } from '../../server/src/render/grid';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const AUTO: GridSettings = { autoTotals: true, deleteValue: 'zero' };

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One edit from the grid, as client/src/grid.ts does it; returns the new text and the tables' HTML. */
function gridEdit(text: string, id: string, value: string): { text: string; html: string } {
  const { doc } = analyze(text);
  const layout = gridLayout(doc);
  const r = gridEdits(doc, [{ id, value }], AUTO, {}, layout);
  const next = applyEdits(text, r.edits);
  const after = analyze(next);
  return { text: next, html: renderGridTables(after.doc, after.diagnostics, gridLayout(after.doc), AUTO, 'zh') };
}

const ID = 'requests0/-/r1/natural';

async function main(): Promise<void> {
  console.log('one grid edit: parse + check, edits (figure and totals, verified), apply, parse + check, render the tables (target < 50 ms)\n');
  const results: { name: string; ms: number; html: string; text: string }[] = [];
  for (const f of readdirSync(SAMPLES).filter((x) => x.endsWith('.txt')).sort()) {
    const text = readFileSync(path.join(SAMPLES, f), 'utf8');
    if (!gridLayout(analyze(text).doc).cells.has(ID)) continue;
    // warm up, then 30 edits alternating two figures
    for (let i = 0; i < 20; i++) gridEdit(text, ID, String(i));
    const times: number[] = [];
    let last = { text, html: '' };
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      last = gridEdit(text, ID, String(10 + (i % 2)));
      times.push(performance.now() - t);
    }
    const ms = median(times);
    results.push({ name: f.slice(0, 3), ms, html: last.html, text: last.text });
    console.log(`${f.slice(0, 3)}  ${ms.toFixed(2)} ms median, ${Math.max(...times).toFixed(2)} ms max (${(last.html.length / 1024).toFixed(0)} KB of tables)`);
  }

  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log('\nwebview redraw: not measured (no Chromium)');
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium: pw } = require('playwright-core') as typeof import('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    console.log('\nwebview redraw of the tables (media/grid.js handling the update, layout included), in Chromium:\n');
    const script = readFileSync(path.join(ROOT, 'media/grid.js'), 'utf8');
    for (const r of results) {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        (globalThis as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage: () => undefined, setState: () => undefined });
      });
      const html = renderGridPage({ tables: r.html, settings: AUTO, version: 1, cspSource: 'https://zw.test', nonce: 'bench', scriptUri: 'https://zw.test/grid.js', styleUri: 'https://zw.test/grid.css', lang: 'zh' });
      await page.route('https://zw.test/**', (route) => route.fulfill(route.request().url().endsWith('.js')
        ? { status: 200, contentType: 'application/javascript', body: script }
        : route.request().url().endsWith('.css') ? { status: 200, contentType: 'text/css', body: readFileSync(path.join(ROOT, 'media/grid.css'), 'utf8') }
        : { status: 200, contentType: 'text/html; charset=utf-8', body: html }));
      await page.goto('https://zw.test/index.html', { waitUntil: 'load' });
      const times = await page.evaluate((tables: string) => {
        const g = globalThis as unknown as { document: { body: { offsetHeight: number } }; dispatchEvent: (e: unknown) => void; MessageEvent: new (t: string, i: unknown) => unknown; performance: { now(): number } };
        const out: number[] = [];
        for (let i = 0; i < 30; i++) {
          const t = g.performance.now();
          g.dispatchEvent(new g.MessageEvent('message', { data: { type: 'update', version: 2 + i, html: tables, autoTotals: true } }));
          void g.document.body.offsetHeight; // layout
          out.push(g.performance.now() - t);
        }
        return out;
      }, r.html);
      console.log(`${r.name}  ${median(times.slice(5)).toFixed(2)} ms median, ${Math.max(...times.slice(5)).toFixed(2)} ms max`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Language server benchmark, over the real protocol (stdio): latency from a one-character didChange
// to the published diagnostics, latency of the other requests, and the server's memory with the five
// samples open. It measures; it does not assert.
//   npx tsc -p . && node scripts/build.mjs && node out/test/bench/lsp.js [edits] [-- node flags for the server]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sample, TestClient, uriOf } from '../server/lspClient';
import { rssMB, stats } from './measure';

const EDITS = Number(process.argv[2]) || 100;


const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const f = (n: number) => n.toFixed(1);

async function run(execArgv: string[]): Promise<void> {
  const c = await TestClient.start({ locale: 'zh-cn', settings: { inlayHints: { enabled: true } }, execArgv });
  const rows: [string, string, string, string][] = [];
  try {
    const rssIdle = rssMB(c.proc.pid!);
    const names = ['000', '001', '002', '003', '004'];
    const openTimes: number[] = [];
    for (const n of names) {
      const t0 = process.hrtime.bigint();
      await c.openAndCheck(uriOf(`${n}.zwgk`), sample(n));
      openTimes.push(ms(t0));
    }
    const rssOpen = rssMB(c.proc.pid!);
    const o = stats(openTimes);
    rows.push(['didOpen → diagnostics (5 samples)', f(o.median), f(o.p95), f(o.max)]);

    // one-character edits in a figure of 表二 of the largest sample (003), typed then erased
    const uri = uriOf('003.zwgk');
    const line = 106 + 1; // a figure of 表二
    const lat: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const edit = i % 2 === 0
        ? { range: { start: { line, character: 2 }, end: { line, character: 2 } }, newText: String(i % 10) }
        : { range: { start: { line, character: 2 }, end: { line, character: 3 } }, newText: '' };
      const t0 = process.hrtime.bigint();
      const v = await c.change(uri, [edit]);
      await c.diagnostics(uri, v);
      lat.push(ms(t0));
    }
    const e = stats(lat);
    rows.push([`didChange → diagnostics (${EDITS} edits, 003)`, f(e.median), f(e.p95), f(e.max)]);

    const time = async (label: string, method: string, params: unknown) => {
      const xs: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t0 = process.hrtime.bigint();
        await c.request(method, params);
        xs.push(ms(t0));
      }
      const s = stats(xs);
      rows.push([label, f(s.median), f(s.p95), f(s.max)]);
    };
    const td = { textDocument: { uri } };
    await time('hover', 'textDocument/hover', { ...td, position: { line: 464, character: 1 } });
    await time('semanticTokens/full', 'textDocument/semanticTokens/full', td);
    await time('documentSymbol', 'textDocument/documentSymbol', td);
    await time('inlayHint (whole file)', 'textDocument/inlayHint', { ...td, range: { start: { line: 0, character: 0 }, end: { line: 700, character: 0 } } });
    await time('formatting', 'textDocument/formatting', { ...td, options: { tabSize: 4, insertSpaces: false } });

    const rss = rssMB(c.proc.pid!);
    const st = await c.request<{ memory: { heapUsed: number; heapTotal: number; external: number }; spaces: Record<string, number> }>('zwgk-report/cacheStats', null);
    const w = [44, 10, 10, 10];
    const pad = (cells: string[]) => cells.map((x, i) => (i ? x.padStart(w[i]) : x.padEnd(w[i]))).join(' ');
    console.log(`\n${['node', ...execArgv, 'dist/server.js', '--stdio'].join(' ')}`);
    console.log(pad(['zwgk-report language server', 'median ms', 'p95 ms', 'max ms']));
    console.log('-'.repeat(w.reduce((a, b) => a + b + 1, 0)));
    for (const r of rows) console.log(pad(r));
    console.log('');
    console.log(`target: didChange → diagnostics median < 30 ms: ${e.median < 30 ? 'met' : 'NOT met'} (${f(e.median)} ms)`);
    console.log(`server RSS (MB): ${f(rssIdle)} after initialize, ${f(rssOpen)} with the five samples open, ${f(rss)} after the runs above (V8 heap used ${f(st.memory.heapUsed / 1048576)})`);
    console.log(`V8 heap total ${f(st.memory.heapTotal / 1048576)} MB: ${Object.entries(st.spaces).filter(([, v]) => v >= 0.1).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`target RSS < 60 MB with the five samples open: ${rssOpen < 60 ? 'met' : 'NOT met'}; after the runs: ${rss < 60 ? 'met' : 'NOT met'}`);
  } finally {
    await c.stop();
  }
}

/**
 * The folder check: a workspace folder of 1,000 reports (the five samples under 200 organ names, as
 * .txt, .zwgk and .zwgk.txt), from initialize until every one has its diagnostics published (target
 * < 5 s), while one-character edits are typed into an open report (target: median < 30 ms meanwhile).
 */
async function folder(execArgv: string[], count = 1000): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zwgk-bench-folder-'));
  try {
    const names = ['000', '001', '002', '003', '004'];
    const texts = names.map(sample);
    const uris = new Set<string>();
    for (let i = 0; i < count; i++) {
      const ext = ['.txt', '.zwgk', '.zwgk.txt'][i % 3];
      const file = path.join(dir, `r${String(i).padStart(4, '0')}${ext}`);
      // another organ for every five reports (the title's organ is what carry-over matches)
      writeFileSync(file, texts[i % 5].replace(/^(\s*)(\S)/, `$1第${Math.floor(i / 5)}号$2`));
      uris.add(pathToFileURL(file).toString());
    }
    const t0 = process.hrtime.bigint();
    const c = await TestClient.start({ locale: 'zh-cn', folders: [dir], execArgv });
    try {
      const open = uriOf('typing.zwgk');
      await c.openAndCheck(open, sample('003'));
      const line = 107;
      const lat: number[] = [];
      let listed = NaN;
      const done = () => [...uris].every((u) => c.published.has(u));
      for (let i = 0; ms(t0) < 30_000; i++) {
        const edit = i % 2 === 0
          ? { range: { start: { line, character: 2 }, end: { line, character: 2 } }, newText: String(i % 10) }
          : { range: { start: { line, character: 2 }, end: { line, character: 3 } }, newText: '' };
        const t1 = process.hrtime.bigint();
        const v = await c.change(open, [edit]);
        await c.diagnostics(open, v);
        lat.push(ms(t1));
        if (done()) { listed = ms(t0); break; }
        await new Promise((r) => setTimeout(r, 20)); // a fast typist: one key every 20 ms or so
      }
      const e = stats(lat);
      const rss = rssMB(c.proc.pid!);
      const st = await c.request<{ memory: { heapUsed: number } }>('zwgk-report/cacheStats', null);
      console.log(`\nfolder check: ${count} reports in the workspace folder`);
      console.log(`  all listed (diagnostics published) ${Number.isNaN(listed) ? 'NOT within 30 s' : `${f(listed / 1000)} s`} after start-up; target < 5 s: ${listed < 5000 ? 'met' : 'NOT met'}`);
      console.log(`  typing meanwhile (${lat.length} edits): didChange → diagnostics median ${f(e.median)} ms, p95 ${f(e.p95)} ms, max ${f(e.max)} ms; target median < 30 ms: ${e.median < 30 ? 'met' : 'NOT met'}`);
      console.log(`  server RSS ${f(rss)} MB (V8 heap used ${f(st.memory.heapUsed / 1048576)} MB)`);
    } finally {
      await c.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // node flags for the server after `--`, e.g. `node out/test/bench/lsp.js 100 -- --max-semi-space-size=1`
  const dd = process.argv.indexOf('--');
  const flags = dd >= 0 ? process.argv.slice(dd + 1) : [];
  if (process.env.ZWGK_BENCH_ONLY !== 'folder') await run(flags);
  await folder(flags);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(0); });

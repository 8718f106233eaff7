// Language server benchmark, over the real protocol (stdio): latency from a one-character didChange
// to the published diagnostics, latency of the other requests, and the server's memory with the five
// samples open. It measures; it does not assert.
//   npx tsc -p . && node scripts/build.mjs && node out/test/bench/lsp.js [edits] [-- node flags for the server]
import { readFileSync } from 'node:fs';
import { sample, TestClient, uriOf } from '../server/lspClient';

const EDITS = Number(process.argv[2]) || 100;

function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

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

async function main(): Promise<void> {
  // node flags for the server after `--`, e.g. `node out/test/bench/lsp.js 100 -- --max-semi-space-size=1`
  const dd = process.argv.indexOf('--');
  await run(dd >= 0 ? process.argv.slice(dd + 1) : []);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(0); });

// `npm run bench`: parse + check time per report against the floor of merely splitting the same
// text into lines, for the five samples and for a 1 MB file; then the protocol, audit and bundle
// figures when their benches are built. Measures and prints; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, parse } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The clock: wall time by default (CPU time also counts V8's background GC and compiler threads,
 * which made the figures swing); `BENCH_CLOCK=cpu` measures process CPU time instead, which leaves
 * out time spent waiting for a core on a busy machine. Run the bench on an idle machine.
 */
const cpu: () => number = process.env.BENCH_CLOCK === 'cpu' ? cpuTime : () => performance.now();

function cpuTime(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median CPU time of `fn` in ms, after warming up, over batches sized to take ≥ 10 ms each. */
function time(fn: () => unknown, rounds = 21): number {
  // warm up by time, so V8 has optimised the code before we measure (50 calls were not enough)
  const warm = cpu();
  do fn(); while (cpu() - warm < 300);
  let n = 1;
  for (;;) {
    const t = cpu();
    for (let i = 0; i < n; i++) fn();
    if (cpu() - t >= 10) break;
    n *= 2;
  }
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = cpu();
    for (let i = 0; i < n; i++) fn();
    out.push((cpu() - t) / n);
  }
  return median(out);
}

let sink = 0;
const split = (text: string) => () => { sink += text.split(/\r?\n/).length; };
const check = (text: string) => () => { sink += analyze(text).diagnostics.length; };

const rows: string[][] = [['report', 'size', 'lines', 'split (µs)', 'parse (µs)', 'parse+check (µs)', 'ratio', 'target']];
const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
for (const f of files) {
  const text = readFileSync(path.join(SAMPLES, f), 'utf8');
  const a = time(split(text)) * 1000;
  const p = time(() => { sink += parse(text).lines.length; }) * 1000;
  const b = time(check(text)) * 1000;
  rows.push([f.slice(0, 3), `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`, String(text.split('\n').length),
    a.toFixed(1), p.toFixed(0), b.toFixed(0), `${(b / a).toFixed(1)}×`, b < 1000 ? 'ok (< 1 ms)' : 'SLOW (≥ 1 ms)']);
}
// 1 MB: the samples repeated (many tables, many sections)
const all = files.map((f) => readFileSync(path.join(SAMPLES, f), 'utf8')).join('\n');
let big = '';
while (Buffer.byteLength(big) < 1024 * 1024) big += all + '\n';
const a = time(split(big), 9) * 1000;
const b = time(check(big), 9) * 1000;
rows.push(['1 MB', `${(Buffer.byteLength(big) / 1024).toFixed(0)} KB`, String(big.split('\n').length), a.toFixed(0), '', b.toFixed(0), `${(b / a).toFixed(1)}×`, '—']);

const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
console.log(`\n## parse + check (core, warm, median ${process.env.BENCH_CLOCK === 'cpu' ? 'CPU' : 'wall'} time)\n`);
for (const r of rows) console.log(r.map((c, k) => c.padEnd(widths[k])).join('  '));
console.log('\ntargets: a 15 KB report checked in under 1 ms warm; full check no more than 10× the line-split floor');
void sink;

// pathological single lines: the time for n and 4n characters; a growth near 4 is linear
console.log('\n## pathological lines (growth for 4× the text; ~4 = linear)\n');
for (const unit of ['[image: ', '\t0第二十条第（一）项', '行政复议\t0', 'a\t', '统计期限自2021年1月1日', '共收到政府信息公开申请1件，']) {
  const t = (n: number) => { const line = unit.repeat(Math.ceil(n / unit.length)); return time(() => { sink += analyze(line).diagnostics.length; }, 5); };
  const a1 = t(50000);
  const a4 = t(200000);
  console.log(`${JSON.stringify(unit).padEnd(28)} 50k: ${a1.toFixed(1)} ms  200k: ${a4.toFixed(1)} ms  growth ${(a4 / a1).toFixed(1)}×`);
}

// bundle sizes
console.log('\n## bundles\n');
for (const f of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/zwgk-report.vsix']) {
  const p = path.join(ROOT, f);
  if (existsSync(p)) console.log(`${f.padEnd(24)} ${(statSync(p).size / 1024).toFixed(0)} KB${f.endsWith('extension.js') ? ' (target: extension under 1 MB)' : ''}`);
}

// the other benches, when built
for (const [name, file] of [['language server over the protocol', 'out/test/bench/lsp.js'], ['audit of 1,000 reports', 'out/test/bench/audit.js'], ['extension activation', 'out/test/bench/activation.js']]) {
  const p = path.join(ROOT, file);
  if (!existsSync(p)) { console.log(`\n## ${name}: not built (${file})`); continue; }
  console.log(`\n## ${name}\n`);
  const r = spawnSync(process.execPath, [p], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.log(`(${file} exited with ${r.status})`);
}

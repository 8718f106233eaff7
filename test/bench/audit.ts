// Benchmark of `zwgk-report audit` at the scale of a province and a nation: N generated report
// files in a temporary folder (the five real samples — one-cell-per-line and tab-row tables, 2019
// and 2021 formats — under other organs' names and with other figures, plus template reports of
// every year; some with defects (a changed figure, a carry-over slip); organs of every level; some
// saved as GB18030), then the bundled CLI (dist/cli.js) in a child process, as a user runs it:
// `audit --format jsonl` and `audit --out DIR`. Prints, for each N, the time, reports per second
// and the child's peak RSS (its own and its worker threads'), its CPU time (all threads: what the
// run costs whatever else loads the machine), the load average, and the size of the summary page.
//
// Targets (2-core machine): 100,000 reports, jsonl under 60 s and 400 MB peak RSS; --out under
// 120 s and 600 MB, the summary page under 2 MB; 10,000 reports within 10 % of the RSS of 1,000.
// Prints the figures and whether each target is met; asserts nothing. The jsonl run is made three
// times up to 10,000 reports and its medians printed (peak RSS varies by a few MB from run to run).
//
// Run: npm run compile && node out/test/bench/audit.js [--n 1000,10000] [--jobs N] [--only jsonl|out]
// (`npm run bench` runs 1,000 and 10,000; `--n 100000` for the nation, about 3 minutes here.)

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { report } from '../core/reports';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const CLI = path.join(ROOT, 'dist/cli.js');

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k > 0 ? process.argv[k + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

const COUNTS = (arg('--n') ?? process.argv[2]?.match(/^\d[\d,]*$/)?.[0] ?? '1000,10000').split(',').map(Number).filter((n) => n > 0);
const JOBS = arg('--jobs');
/** `--only jsonl` or `--only out`: one of the two runs. */
const ONLY = arg('--only');

/** Organs of every level, so the summary's levels are all there. */
const ORGAN_KINDS = ['省人民政府', '市人民政府', '县人民政府', '区人民政府', '镇人民政府', '街道办事处', '市教育局', '县财政局', '市人民政府办公室'];

/** Write `count` report files under `dir`; returns their total size in bytes. */
export function generate(dir: string, count: number): number {
  const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const sub = path.join(dir, `batch-${String(Math.floor(k / 1000)).padStart(3, '0')}`);
    if (k % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    let text: string;
    const kind = ORGAN_KINDS[Math.floor(k / 10) % ORGAN_KINDS.length];
    if (k % 2 === 0) {
      // a real report under another organ's name, one figure of its prose changed now and then
      const s = samples[(k / 2) % samples.length];
      text = s.replace(/^(\ufeff?)(.*?)(\d{4}年)/, `$1第${k}号${kind}$3`);
      if (k % 10 === 0) text = text.replace(/(受理依申请公开|收到政府信息公开申请)(\d+)件/, (_m, a, n) => `${a}${Number(n) + 1}件`);
    } else {
      // template reports: one organ over five consecutive years (in file order), some with a carry-over slip
      const organ = `测试${Math.floor(k / 10)}${kind}`;
      const year = 2019 + (Math.floor(k / 2) % 5);
      const received = (k * 7) % 23;
      const handled = Math.max(0, received - (k % 3));
      text = report(organ, year, received, (k % 4 === 1) ? 1 : 0, handled);
    }
    const file = path.join(sub, `r${String(k).padStart(6, '0')}.${k % 7 === 0 ? 'zwgk' : 'txt'}`);
    const buf = k % 5 === 3 ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    bytes += buf.length;
    fs.writeFileSync(file, buf);
  }
  return bytes;
}

interface Measure {
  seconds: number;
  /** CPU time of the child, all its threads (user + system): what the run costs whatever the machine's load. */
  cpuSeconds: number;
  rssMB: number;
  code: number | null;
  stdoutMB: number;
}

/** Run the CLI in a child; its peak RSS comes from a preload that writes `process.resourceUsage().maxRSS` at exit. */
function measure(args: string[], tmp: string): Measure {
  const rssFile = path.join(tmp, 'rss.txt');
  const preload = path.join(tmp, 'rss-preload.js');
  fs.writeFileSync(preload, `const { isMainThread } = require('worker_threads');
if (isMainThread) process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(rssFile)}, JSON.stringify([u.maxRSS, u.userCPUTime + u.systemCPUTime])); });\n`);
  const stdout = path.join(tmp, 'stdout');
  const fd = fs.openSync(stdout, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', preload, CLI, 'audit', ...args, ...(JOBS ? ['--jobs', JOBS] : [])], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  if (r.status !== 0 && r.status !== 1) console.log(`  (exit ${r.status}: ${r.stderr.slice(0, 500)})`);
  const [maxRSS, cpuMicros] = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as [number, number];
  const m = { seconds, cpuSeconds: cpuMicros / 1e6, rssMB: maxRSS / 1024, code: r.status, stdoutMB: fs.statSync(stdout).size / 1048576 };
  fs.rmSync(stdout, { force: true });
  return m;
}

const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/**
 * The jsonl run up to 10,000 reports, three times: each field the median of the three. The RSS
 * target compares two runs whose peak RSS varies by a few MB from run to run (V8's collections
 * fall at different moments), as much as a tenth of what is compared.
 */
const REPEATS = 3;
function median(ms: Measure[]): Measure {
  const mid = <K extends keyof Measure>(k: K): Measure[K] => [...ms].sort((a, b) => Number(a[k]) - Number(b[k]))[Math.floor(ms.length / 2)][k];
  return { seconds: mid('seconds'), cpuSeconds: mid('cpuSeconds'), rssMB: mid('rssMB'), code: ms[0].code, stdoutMB: mid('stdoutMB') };
}

function main(): void {
  if (!fs.existsSync(CLI)) {
    console.log(`${CLI} is missing: run npm run compile first`);
    process.exit(2);
  }
  console.log(`${os.cpus().length} CPUs, node ${process.version}; counts ${COUNTS.join(', ')}${JOBS ? `, --jobs ${JOBS}` : ''}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('reports   generated           audit --format jsonl                  audit --out DIR');
  const rss: Record<number, number> = {};
  for (const n of COUNTS) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-audit-bench-'));
    try {
      const dir = path.join(tmp, 'reports');
      const t0 = Date.now();
      const bytes = generate(dir, n);
      const gen = `${(bytes / 1048576).toFixed(0)} MiB ${((Date.now() - t0) / 1000).toFixed(0)} s`;
      const line = (m: Measure) => `${m.seconds.toFixed(1).padStart(6)} s ${String(Math.round(n / m.seconds)).padStart(6)}/s (CPU ${m.cpuSeconds.toFixed(0)} s) ${m.rssMB.toFixed(0).padStart(5)} MB RSS`;
      let text = `${String(n).padStart(7)}   ${gen.padEnd(18)}`;
      const targets: string[] = [];
      if (ONLY !== 'out') {
        const runs = n <= 10000 ? REPEATS : 1;
        const j = median(Array.from({ length: runs }, () => measure([dir, '--format', 'jsonl'], tmp)));
        rss[n] = j.rssMB;
        text += `  ${line(j)} (${j.stdoutMB.toFixed(0)} MiB out${runs > 1 ? `; median of ${runs}` : ''})`;
        targets.push(`jsonl < 60 s ${verdict(j.seconds < 60)}, < 400 MB ${verdict(j.rssMB < 400)}`);
      }
      if (ONLY !== 'jsonl') {
        const site = path.join(tmp, 'site');
        const o = measure([dir, '--format', 'json', '--out', site], tmp);
        const summaryKB = fs.statSync(path.join(site, 'index.html')).size / 1024;
        const dataMB = fs.statSync(path.join(site, 'reports.js')).size / 1048576;
        const shards = fs.readdirSync(path.join(site, 'reports'), { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
        const shardMB = shards.reduce((sum, f) => sum + fs.statSync(path.join(site, 'reports', f)).size, 0) / 1048576;
        text += `   ${line(o)}; summary ${summaryKB.toFixed(0)} KB, table data ${dataMB.toFixed(1)} MiB, ${shards.length} shard files ${shardMB.toFixed(0)} MiB`;
        targets.push(`--out < 120 s ${verdict(o.seconds < 120)}, < 600 MB ${verdict(o.rssMB < 600)}; summary < 2 MB ${verdict(summaryKB < 2048)}`);
      }
      console.log(`${text}  (load ${os.loadavg()[0].toFixed(1)})`);
      if (n >= 100000) console.log(`  targets at ${n}: ${targets.join('; ')}`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (rss[1000] && rss[10000]) {
    const growth = (rss[10000] / rss[1000] - 1) * 100;
    console.log(`RSS 10,000 vs 1,000 (jsonl, medians of ${REPEATS} runs): ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % (target within 10 %: ${verdict(Math.abs(growth) <= 10)})`);
  }
}

if (require.main === module) main();

// Benchmark of `zwgk-report audit`, end to end and in-process: 1,000 report files (the five real
// samples under other organ names and with other figures, and template reports of every year,
// some saved as GB18030) in a temporary folder; times the JSON audit and the audit with --html.
// Target: under 5 s for the JSON audit on a 2-core machine. Prints the figures; asserts nothing.
// Run: npx tsc -p . && node out/test/bench/audit.js [count]

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { run } from '../../server/src/cli/audit';
import { report } from '../core/reports';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const COUNT = Number(process.argv[2] ?? 1000);

function generate(dir: string): number {
  const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
  let bytes = 0;
  for (let k = 0; k < COUNT; k++) {
    const sub = path.join(dir, `batch-${String(Math.floor(k / 100)).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    let text: string;
    if (k % 2 === 0) {
      // a real report under another organ's name, one figure of its prose changed now and then
      const s = samples[(k / 2) % samples.length];
      const organ = `第${k}号测试机关`;
      text = s.replace(/^(\ufeff?)(.*?)(\d{4}年)/, `$1${organ}$3`);
      if (k % 10 === 0) text = text.replace(/(受理依申请公开|收到政府信息公开申请)(\d+)件/, (_m, a, n) => `${a}${Number(n) + 1}件`);
    } else {
      // template reports: one organ per five consecutive years, some with a carry-over slip
      const organ = `测试${Math.floor(k / 10)}县人民政府办公室`;
      const year = 2019 + (Math.floor(k / 2) % 5);
      const received = (k * 7) % 23;
      const handled = Math.max(0, received - (k % 3));
      text = report(organ, year, received, (k % 4 === 1) ? 1 : 0, handled);
    }
    const file = path.join(sub, `r${String(k).padStart(4, '0')}.${k % 7 === 0 ? 'zwgk' : 'txt'}`);
    const buf = k % 5 === 3 ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    bytes += buf.length;
    fs.writeFileSync(file, buf);
  }
  return bytes;
}

async function time(label: string, argv: string[]): Promise<void> {
  let out = 0;
  const t0 = process.hrtime.bigint();
  const code = await run(argv, { stdout: (s) => { out += s.length; }, stderr: () => {}, lang: 'zh', isTTY: false, progress: false });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(28)} ${(ms / 1000).toFixed(2)} s  (${(ms / COUNT).toFixed(2)} ms/file, exit ${code}, ${(out / 1024).toFixed(0)} KiB on stdout)`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-audit-bench-'));
  try {
    const t0 = Date.now();
    const bytes = generate(dir);
    console.log(`generated ${COUNT} reports (${(bytes / 1048576).toFixed(1)} MiB) in ${((Date.now() - t0) / 1000).toFixed(2)} s; ${os.cpus().length} CPUs, node ${process.version}`);
    await time('audit --format json', [dir, '--format', 'json']);
    await time('audit (text)', [dir]);
    const html = path.join(dir, 'audit.html');
    await time('audit --format json --html', [dir, '--format', 'json', '--html', html]);
    console.log(`audit.html: ${(fs.statSync(html).size / 1048576).toFixed(1)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();

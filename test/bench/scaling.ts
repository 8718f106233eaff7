// Benchmark: do the whole-document operations grow linearly with the report's size? (issue 17:
// formatting, --fix and render were quadratic; target: "render and check linear up to 50 MB".)
// For reports of 1, 2, 4, 10, 25 and 50 MB (the five samples repeated, one broken total in each
// copy), times check (parse + check), the HTML render of the checked report, and up to 10 MB
// fixAll (applyEdits) and formatting (its edits and their verification), all in this process;
// then the CLI's `check --fix` end to end (a process each: read, fix, atomic write) at 4, 10 and
// 50 MB, and formatting a 10 MB report over the protocol (the language server, stdio). Prints the
// time per MB at each size and, for check and render, the largest size's time per MB against the
// 1–4 MB median (linear: about 1; the issue's bound: 1.5). The first size is measured after a
// warm-up of every operation. Prints the figures; asserts nothing.
// Run: npx tsc -p . && node scripts/build.mjs && node out/test/bench/scaling.js [maxMB]

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { check, fixAll, parse, totalsOf } from '../../server/src/core';
import { safeFormatEdits } from '../../server/src/lsp/formatting';
import { renderStandalone } from '../../server/src/render/html';
import { TestClient, uriOf } from '../server/lspClient';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const MAX_MB = Number(process.argv[2] ?? 50);
const SIZES = [1, 2, 4, 10, 25, 50].filter((x) => x <= MAX_MB);
/** The CLI's check --fix at these sizes (a process each). */
const CLI_MB = [4, 10, 50].filter((x) => x <= MAX_MB);
const CLI = path.join(ROOT, 'dist/cli.js');
/** fixAll and formatting only up to this size (they parse again: the run would take minutes). */
const EDIT_MB = 10;

/** The samples, each with its first total off by one, repeated to about `mb` MB. */
function report(mb: number): string {
  const parts = fs.readdirSync(SAMPLES).sort().map((f) => {
    const text = fs.readFileSync(path.join(SAMPLES, f), 'utf8');
    const t = totalsOf(parse(text)).find((x) => x.cell.kind === 'number');
    if (!t) return text;
    const lines = text.split('\n');
    const { start, end } = t.cell.valueRange;
    lines[start.line] = lines[start.line].slice(0, start.character) + String(t.expected + 1) + lines[start.line].slice(end.character);
    return lines.join('\n');
  });
  const one = parts.join('\n');
  return `${one}\n`.repeat(Math.max(1, Math.round((mb * 1024 * 1024) / Buffer.byteLength(one))));
}

function ms(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const rows: { mb: number; check: number; render: number; fix?: number; format?: number }[] = [];
// warm every operation up first (else the first size looks slower per MB)
{
  const warm = report(1);
  const doc = parse(warm);
  renderStandalone(doc, check(doc), { lang: 'zh' });
  fixAll(warm, { scope: 'totals' });
  safeFormatEdits(doc, { fillBlankCells: true }, {});
}
for (const mb of SIZES) {
  let text = report(mb);
  const t0 = performance.now();
  const doc = parse(text);
  const diagnostics = check(doc);
  const checkMs = performance.now() - t0;
  const render = ms(() => renderStandalone(doc, diagnostics, { lang: 'zh' }));
  const row: (typeof rows)[number] = { mb, check: checkMs, render };
  if (mb <= EDIT_MB) {
    row.fix = ms(() => fixAll(text, { scope: 'totals' }));
    row.format = ms(() => safeFormatEdits(doc, { fillBlankCells: true }, {}));
  }
  rows.push(row);
  console.log(`${mb} MB: check ${checkMs.toFixed(0)} ms, render ${render.toFixed(0)} ms${row.fix !== undefined ? `, fixAll ${row.fix.toFixed(0)} ms, formatting ${row.format!.toFixed(0)} ms` : ''}; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  text = '';
  void text;
}
const perMB = (v: number | undefined, mb: number): string => (v === undefined ? '—' : `${(v / mb).toFixed(0)} ms/MB`);
console.log('\n| size | check (parse + check) | render (HTML) | fixAll | formatting |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.mb} MB | ${perMB(r.check, r.mb)} | ${perMB(r.render, r.mb)} | ${perMB(r.fix, r.mb)} | ${perMB(r.format, r.mb)} |`);
const small = rows.filter((r) => r.mb <= 4);
const last = rows[rows.length - 1];
const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
if (small.length && last.mb > 4) {
  const growth = (k: 'check' | 'render') => (last[k] / last.mb / median(small.map((r) => r[k] / r.mb))).toFixed(2);
  console.log(`(linear: the same time per MB at every size; ${last.mb} MB per MB against the 1–4 MB median: check ×${growth('check')}, render ×${growth('render')}; bound ×1.5)`);
}

async function cliAndProtocol(): Promise<void> {
  if (!fs.existsSync(CLI)) {
    console.log('(dist/cli.js not built: node scripts/build.mjs; the CLI and protocol rows are skipped)');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-scaling-'));
  try {
    console.log('\nCLI check --fix, end to end (a process: read, check, fix, atomic write):');
    for (const mb of CLI_MB) {
      const file = path.join(tmp, `r${mb}.txt`);
      fs.writeFileSync(file, report(mb));
      const t = performance.now();
      const r = spawnSync(process.execPath, [CLI, '--max-file-size', String(MAX_MB * 2), 'check', '--fix', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const took = performance.now() - t;
      const fixed = /已修复 (\d+) 处/.exec(r.stdout)?.[1] ?? `none (exit ${r.status}: ${r.stderr.slice(0, 200)})`;
      console.log(`  ${mb} MB: ${(took / 1000).toFixed(1)} s, ${(took / mb).toFixed(0)} ms/MB; fixed: ${fixed}`);
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const mb = Math.min(10, MAX_MB);
  const c = await TestClient.start({ locale: 'zh-cn' });
  try {
    const u = uriOf(`scaling-${mb}mb.zwgk`);
    await c.open(u, report(mb));
    await c.diagnostics(u, 1, 600_000);
    const t = performance.now();
    const edits = await c.request<unknown[] | null>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: false } });
    console.log(`\nFormatting ${mb} MB over the protocol (request → edits): ${(performance.now() - t).toFixed(0)} ms, ${edits?.length ?? 0} edits`);
  } finally {
    await c.stop();
  }
}
void cliAndProtocol();

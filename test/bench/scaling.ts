// Benchmark: do the whole-document operations grow linearly with the report's size? (issue 17:
// formatting, --fix and render were quadratic.) For reports of 1, 5, 10, 25 and 50 MB (the five
// samples repeated, one broken total in each copy), times check (parse + check), the HTML render
// of the checked report, and up to 10 MB fixAll (applyEdits) and formatting (its edits and their
// verification); prints the time per MB at each size (linear: about the same at every size).
// Prints the figures; asserts nothing. Run: npx tsc -p . && node out/test/bench/scaling.js [maxMB]

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { check, fixAll, parse, totalsOf } from '../../server/src/core';
import { safeFormatEdits } from '../../server/src/lsp/formatting';
import { renderStandalone } from '../../server/src/render/html';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const MAX_MB = Number(process.argv[2] ?? 50);
const SIZES = [1, 5, 10, 25, 50].filter((x) => x <= MAX_MB);
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
// warm the code up first (else the first size looks slower per MB)
check(parse(report(1)));
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
const first = rows[0];
const last = rows[rows.length - 1];
if (rows.length > 1) {
  const growth = (a: number, b: number) => (b / last.mb / (a / first.mb)).toFixed(2);
  console.log(`(linear: the same time per MB at every size; ${last.mb} MB against ${first.mb} MB per MB: check ×${growth(first.check, last.check)}, render ×${growth(first.render, last.render)})`);
}

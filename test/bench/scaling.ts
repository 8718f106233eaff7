// Benchmark: do the whole-document operations grow linearly with the report's size? (issue 17:
// formatting, --fix and render were quadratic.) For reports of 1, 2, 4 … MB (the five samples
// repeated, one broken total in each copy), times fixAll (applyEdits), formatting (its edits and
// their verification) and the HTML render, and prints the growth per doubling (linear ≈ 2×).
// Prints the figures; asserts nothing. Run: npx tsc -p . && node out/test/bench/scaling.js [maxMB]

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, fixAll, parse, totalsOf } from '../../server/src/core';
import { safeFormatEdits } from '../../server/src/lsp/formatting';
import { renderStandalone } from '../../server/src/render/html';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const MAX_MB = Number(process.argv[2] ?? 4);

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

const rows: { mb: number; fix: number; format: number; render: number }[] = [];
for (let mb = 1; mb <= MAX_MB; mb *= 2) {
  const text = report(mb);
  const fix = ms(() => fixAll(text, { scope: 'totals' }));
  const doc = parse(text);
  const format = ms(() => safeFormatEdits(doc, { fillBlankCells: true }, {}));
  const render = ms(() => {
    const { doc: d, diagnostics } = analyze(text);
    renderStandalone(d, diagnostics, { lang: 'zh' });
  });
  rows.push({ mb, fix, format, render });
}
console.log('| size | fixAll | formatting | render (analyze + HTML) |');
console.log('| --- | --- | --- | --- |');
rows.forEach((r, i) => {
  const g = (k: 'fix' | 'format' | 'render'): string => (i ? ` (×${(r[k] / rows[i - 1][k]).toFixed(1)})` : '');
  console.log(`| ${r.mb} MB | ${r.fix.toFixed(0)} ms${g('fix')} | ${r.format.toFixed(0)} ms${g('format')} | ${r.render.toFixed(0)} ms${g('render')} |`);
});
console.log('(linear: about ×2 per doubling)');

// The random report generator itself: its figures agree wherever the format says they must, the
// same seed gives the same report, and the diagnostics it expects for a clean report in the
// layouts today's parser reads are the ones the checker gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core';
import { REQUEST_COLUMNS, REQUEST_ROWS } from '../../server/src/core/spec';
import { diagnosticKeys } from './keys';
import { generateReport, type GeneratedReport } from './report';

function figures(g: GeneratedReport, table: string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const c of g.written) if (c.table === table) m.set(c.row, [...(m.get(c.row) ?? []), Number(c.raw)]);
  return m;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test('generated figures agree: row totals, （七）总计, 一 + 二 = 三（七）+ 四, review totals (100 seeds, both formats)', () => {
  for (let seed = 1; seed <= 100; seed++) {
    const g = generateReport(seed);
    const rows = figures(g, 'requests');
    const parts = REQUEST_COLUMNS.length - 1;
    for (const [id, v] of rows) assert.equal(v[parts], sum(v.slice(0, parts)), `seed ${seed}: ${id} 总计`);
    const leaves = REQUEST_ROWS[g.version].filter((s) => s.leaf).map((s) => rows.get(s.id)!);
    for (let k = 0; k <= parts; k++) {
      assert.equal(rows.get('r7')![k], sum(leaves.map((l) => l[k])), `seed ${seed}: （七）总计 column ${k}`);
      assert.equal(rows.get('new')![k] + rows.get('carried')![k], rows.get('r7')![k] + rows.get('next')![k], `seed ${seed}: balance column ${k}`);
      assert.ok(rows.get('new')![k] >= 0 && rows.get('next')![k] >= 0, `seed ${seed}: no negative figure`);
    }
    const review = figures(g, 'review').get('review')!;
    for (let at = 0; at < 15; at += 5) assert.equal(review[at + 4], sum(review.slice(at, at + 4)), `seed ${seed}: review group ${at / 5}`);
    assert.deepEqual(g.expected, [], `seed ${seed}: a clean report expects nothing`);
  }
});

test('the same seed gives the same report', () => {
  for (const seed of [1, 99, 123456]) {
    const o = { layout: 'mixed' as const, defects: ['figure', 'misspelled', 'text'] as const };
    assert.equal(generateReport(seed, { ...o, defects: [...o.defects] }).text, generateReport(seed, { ...o, defects: [...o.defects] }).text);
  }
});

test('defects are recorded where they are written', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const clean = generateReport(seed, { layout: 'tab-padded' });
    const g = generateReport(seed, { layout: 'tab-padded', defects: ['missing'] });
    const d = g.defects[0];
    assert.equal(g.cells, clean.cells - 1, `seed ${seed}: one cell fewer`);
    assert.ok(!g.written.some((c) => c.table === d.table && c.row === d.row && c.column === d.column), `seed ${seed}: the missing cell is not written`);
    const m = generateReport(seed, { layout: 'tab-padded', defects: ['misspelled'] });
    assert.ok(m.text.includes(m.defects[0].written) && m.defects[0].written !== m.defects[0].official, `seed ${seed}: misspelled label written`);
    const t = generateReport(seed, { layout: 'tab-padded', defects: ['text'] });
    assert.ok(t.written.some((c) => c.raw === t.defects[0].written), `seed ${seed}: text written in a number cell`);
  }
});

test('a clean generated report in cell-per-line or tab-padded gives no diagnostic (the layouts today\'s parser reads)', () => {
  for (let seed = 1; seed <= 30; seed++) {
    for (const layout of ['cell-per-line', 'tab-padded'] as const) {
      const g = generateReport(seed, { layout });
      const a = analyze(g.text);
      assert.deepEqual(diagnosticKeys(a.doc, a.diagnostics), [], `seed ${seed}, ${layout}`);
      assert.equal(a.doc.format.version, g.version, `seed ${seed}, ${layout}: format`);
    }
  }
});

// Word import + the core language service: an imported report must parse into the official tables
// and pass (or fail) the totals checks exactly as the numbers in Word say.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { docxToText } from '../../server/src/import/docx';
import { buildReportDocx } from './report-docx';

/** Rules whose errors would mean the import put a number in the wrong line or column. */
const LAYOUT_CODES = ['sum-row', 'sum-column', 'balance', 'table-shape', 'table-label', 'table-missing', 'cell-number'];

describe('imported reports through the core analyzer', () => {
  test('a consistent report: the three tables are found, no totals/shape errors', async () => {
    for (const [format, autoNumbering] of [['2021', false], ['2021', true], ['2019', false]] as const) {
      const text = await docxToText(await buildReportDocx({ autoNumbering, format }));
      const { doc, diagnostics } = analyze(text);
      assert.deepEqual(doc.tables.map((t) => t.kind), ['active', 'requests', 'review']);
      assert.equal(doc.format.version, format);
      assert.equal(doc.format.shape, format);
      assert.equal(doc.year, format === '2019' ? 2020 : 2021);
      assert.equal(doc.sections.length, 6, 'six report sections');
      const bad = diagnostics.filter((d) => d.severity === 'error' && LAYOUT_CODES.includes(d.code));
      assert.deepEqual(bad.map((d) => `${d.code} @${d.range.start.line}: ${d.message.zh}`), []);
    }
  });

  test('table 3 values land in their columns (自然人, 法律服务机构, 总计)', async () => {
    const { doc } = analyze(await docxToText(await buildReportDocx()));
    const requests = doc.tables.find((t) => t.kind === 'requests');
    assert.ok(requests);
    const row = requests.rows.find((r) => r.labelPath.some((l) => l.includes('本机关不掌握')));
    assert.ok(row, 'row （四）1.本机关不掌握相关政府信息');
    assert.deepEqual(row.cells.map((c) => c.value), [8, 1, 0, 0, 1, 0, 10]);
    const first = requests.rows.find((r) => r.labelPath.some((l) => l.startsWith('一、本年新收')));
    assert.deepEqual(first?.cells.map((c) => c.value), [40, 5, 1, 0, 2, 1, 49]);
  });

  for (const format of ['2021', '2019'] as const) test(`one broken total in Word → a sum-row or sum-column error on that line (${format})`, async () => {
    const text = await docxToText(await buildReportDocx({ brokenTotal: true, format }));
    const { diagnostics } = analyze(text);
    const errs = diagnostics.filter((d) => d.severity === 'error' && (d.code === 'sum-row' || d.code === 'sum-column'));
    assert.ok(errs.length >= 1, 'a totals error');
    const lines = text.split('\n');
    assert.ok(errs.some((d) => lines[d.range.start.line] === '\t49'), 'reported on the wrong total (49)');
    assert.ok(errs.some((d) => d.expected === 48 && d.actual === 49));
  });
});

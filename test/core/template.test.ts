// The new-report template: the right format for the year, and a clean report to the analyzer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, spec } from '../../server/src/core';
import { newReport, snippets } from '../../server/src/core/template';

const ROOT = path.resolve(__dirname, '../../..');

for (const [year, format] of [[2019, '2019'], [2020, '2019'], [2021, '2021'], [2024, '2021']] as const) {
  test(`a new report on ${year}: ${format} format, no diagnostic at all`, () => {
    const text = newReport({ organ: '测试市人民政府办公室', year });
    const { doc, diagnostics } = analyze(text);
    assert.equal(doc.format.version, format);
    assert.equal(doc.format.shape, format); // the tables themselves show the format
    assert.equal(doc.year, year);
    assert.equal(doc.title?.organ, '测试市人民政府办公室');
    assert.deepEqual(doc.period && [doc.period.startYear, doc.period.endYear], [year, year]);
    assert.deepEqual(doc.notices.map((n) => n.year), [Number(format)]);
    assert.ok(text.includes(`本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止`));
    assert.deepEqual(doc.sections.map((s) => s.index), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(doc.tables.map((t) => t.kind), ['active', 'requests', 'review']);
    for (const t of doc.tables) {
      assert.deepEqual(t.missingRows, []);
      for (const r of t.rows) for (const c of r.cells) assert.equal(c.value, 0);
    }
    const blocks = spec.ACTIVE_BLOCKS[format];
    assert.equal(doc.tables[0].rows.length, blocks.reduce((n, b) => n + b.rows.length, 0));
    assert.equal(doc.tables[1].rows.length, spec.REQUEST_ROWS[format].filter((r) => !r.group).length);
    // Not even information or hints: every cell holds 0 (no blank-cell), section 六 mentions 信息处理费
    // for 2021 (no fee-statement), no publication date is written (deadline and year-mismatch have nothing to check).
    assert.deepEqual(diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`), []);
    assert.equal(text.includes('信息处理费'), format === '2021');
  });
}

test('CRLF line endings and a blank organ', () => {
  const text = newReport({ organ: '', year: 2022, eol: '\r\n' });
  assert.ok(!/[^\r]\n/.test(text));
  const { doc, diagnostics } = analyze(text);
  assert.equal(doc.eol, '\r\n');
  assert.equal(doc.title?.organ, '（机关名称）');
  assert.deepEqual(diagnostics, []);
});

test('snippets/zwgk-report.json is what the template produces (node scripts/gen-snippets.mjs)', () => {
  const file = JSON.parse(readFileSync(path.join(ROOT, 'snippets/zwgk-report.json'), 'utf8'));
  assert.deepEqual(file, snippets());
  // a snippet table pasted into a report parses as that table
  const s = snippets();
  const body = (k: string) => s[k].body.slice(0, -1).join('\n');
  const t = newReport({ organ: '测试局', year: 2021 });
  assert.ok(t.includes(body('table-requests-2021')));
  assert.ok(t.includes(body('table-review')));
  assert.ok(newReport({ organ: '测试局', year: 2020 }).includes(body('table-active-2019')));
});

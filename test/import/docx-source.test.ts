// A Word document's table cells have their place in the original too (table, row, cell), as PDF
// and web-page cells do: a diagnostic on a figure of a .docx names it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core';
import { convert, sourceOf } from '../../server/src/import';
import { buildReportDocx } from './report-docx';

test('a wrong total in a Word table: its place is the table, row and cell of the document', async () => {
  const { text, map } = await convert({ bytes: new Uint8Array(await buildReportDocx({ brokenTotal: true })), kind: 'docx' });
  assert.ok(map.length > 50, `${map.length} cells mapped`);
  // every mapped cell is the text of its line after the tab
  const lines = text.split('\n');
  for (const e of map) assert.equal(e.start, 1);
  for (const e of map) assert.ok(lines[e.line].startsWith('\t') && lines[e.line].length === e.end, lines[e.line]);
  const { doc, diagnostics } = analyze(text);
  const d = diagnostics.find((x) => x.code === 'sum-column' || x.code === 'sum-row' || x.code === 'balance');
  assert.ok(d, diagnostics.map((x) => x.code).join(' '));
  const zh = sourceOf(doc, map, d.range.start.line, d.range.start.character, 'zh');
  const en = sourceOf(doc, map, d.range.start.line, d.range.start.character, 'en');
  assert.ok(zh && zh.kind === 'docx' && en?.kind === 'docx');
  assert.match(zh.where, /^第\d+个表格 第\d+行 第\d+格 表三 （七） 总计$/);
  assert.match(en.where, /^table \d+, row \d+, cell \d+, table 3, （七） 总计$/);
  // the document's second table (the first is table 2's blocks), the cell after the row's two
  // label cells and seven figures: its 总计
  assert.deepEqual({ table: zh.table, cell: zh.cell }, { table: 2, cell: 9 });
  assert.equal(zh.where, `第2个表格 第${zh.row}行 第9格 表三 （七） 总计`);
});

// 在表格中编辑 in every layout the layout writers (server/src/core/layout/write.ts) produce, and in the
// spaced layout of pdftotext: each cell's figure changes only that cell's characters; totals recomputed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits, offsetAt, parse, type ReportDocument, type TextEdit } from '../../server/src/core';
import { gridEdits, gridLayout, pasteChanges, type GridSettings } from '../../server/src/core/gridEdit';
import { relayReport, WRITABLE_LAYOUTS } from '../../server/src/core/layout/write';
import { ROOT, sample } from './helpers';

const AUTO: GridSettings = { autoTotals: true, deleteValue: 'zero' };
const MANUAL: GridSettings = { autoTotals: false, deleteValue: 'zero' };

function onlyCells(doc: ReportDocument, edits: TextEdit[], after: string): void {
  const spans = edits.map((e) => ({ a: offsetAt(doc, e.range.start), b: offsetAt(doc, e.range.end), t: e.newText })).sort((x, y) => x.a - y.a);
  let want = '';
  let at = 0;
  for (const s of spans) { want += doc.text.slice(at, s.a) + s.t; at = s.b; }
  assert.equal(after, want + doc.text.slice(at));
}

function checkEveryCell(name: string, text: string): number {
  const doc = parse(text);
  const layout = gridLayout(doc);
  let n = 0;
  for (const g of layout.cells.values()) {
    if (g.total) continue;
    const want = g.cell.value === 37 ? '38' : '37';
    const r = gridEdits(doc, [{ id: g.id, value: want }], MANUAL);
    assert.deepEqual(r.refused, [], `${name} ${g.id}`);
    const after = applyEdits(text, r.edits);
    onlyCells(doc, r.edits, after);
    const h = gridLayout(parse(after)).cells.get(g.id)!;
    assert.equal(h.cell.raw.trim(), want, `${name} ${g.id}`);
    n++;
  }
  return n;
}

for (const l of WRITABLE_LAYOUTS) {
  test(`${l} (written by layout/write.ts from sample 004): a figure changes only its cell; totals and a paste`, () => {
    const text = relayReport(parse(sample('004')), l);
    const n = checkEveryCell(l, text);
    assert.ok(n > 100, `${n} cells`);
    const doc = parse(text);
    const p = pasteChanges(gridLayout(doc), 'requests0/-/r3.1/natural', '1\t2\t3\t4\t5\t6\n7\t8\t9\t10\t11\t12\n', AUTO)!;
    const r = gridEdits(doc, p.changes, AUTO);
    assert.deepEqual(r.refused, []);
    const after = applyEdits(text, r.edits);
    onlyCells(doc, r.edits, after);
    const a = gridLayout(parse(after)).cells;
    assert.equal(a.get('requests0/-/r3.1/total')!.cell.raw.trim(), '21');
    assert.equal(a.get('requests0/-/r3.2/total')!.cell.raw.trim(), '57');
  });
}

test('spaced layout (pdftotext -layout): a figure changes only its cell', () => {
  for (const f of ['huaian-city-2024.pdftotext.txt', 'huaian-hongze-2024.pdftotext.txt']) {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/layouts', f), 'utf8');
    const n = checkEveryCell(f, text);
    assert.ok(n > 50, `${f}: ${n} cells`);
  }
});

// 在表格中编辑: a grid edit (cell id → figure) becomes text edits on exactly that cell's characters,
// in each layout the parser reads; totals recomputed with 合计自动计算; bad input refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, offsetAt, parse, type ReportDocument, type TextEdit } from '../../server/src/core';
import { gridEdits, gridLayout, normalizeFigure, pasteChanges, type GridSettings } from '../../server/src/core/gridEdit';
import { sample } from './helpers';

const AUTO: GridSettings = { autoTotals: true, deleteValue: 'zero' };
const MANUAL: GridSettings = { autoTotals: false, deleteValue: 'zero' };

/** Text of a cell by id in a parsed text (trimmed figure; '' for a blank cell). */
function cellText(text: string, id: string): string {
  const doc = parse(text);
  const g = gridLayout(doc).cells.get(id);
  assert.ok(g, `cell ${id} exists after the edit`);
  return g.cell.kind === 'blank' ? '' : g.cell.raw.trim();
}

/** The edits change only the characters of their ranges: the text between them is byte-identical. */
function assertOnlyCellsChanged(doc: ReportDocument, edits: TextEdit[], after: string): void {
  const spans = edits.map((e) => ({ a: offsetAt(doc, e.range.start), b: offsetAt(doc, e.range.end), t: e.newText })).sort((x, y) => x.a - y.a);
  let expected = '';
  let at = 0;
  for (const s of spans) {
    assert.ok(s.a >= at, 'edits do not overlap');
    expected += doc.text.slice(at, s.a) + s.t;
    at = s.b;
  }
  expected += doc.text.slice(at);
  assert.equal(after, expected);
  // and each edited range is within one cell of the model
  const cells = [...gridLayout(doc).cells.values()].map((g) => g.cell);
  for (const s of spans) {
    assert.ok(cells.some((c) => offsetAt(doc, c.range.start) <= s.a && s.b <= offsetAt(doc, c.range.end)), `edit at ${s.a}-${s.b} lies inside a cell`);
    assert.ok(!/[\t\r\n]/.test(s.t), 'no tab or line break written');
  }
}

test('ids: every value cell of the three tables (and the 附件 stats table) has one, stable across a re-parse', () => {
  for (const p of ['000', '001', '002', '003', '004']) {
    const text = sample(p);
    const a = gridLayout(parse(text));
    const b = gridLayout(parse(text));
    assert.deepEqual([...a.cells.keys()], [...b.cells.keys()]);
    const doc = parse(text);
    const valueCells = doc.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => t.kind !== 'stats' || c.kind !== 'unit' || c.column === 'value')));
    assert.equal(a.cells.size, valueCells.length, `${p}: one id per cell`);
  }
  const ids = [...gridLayout(parse(sample('004'))).cells.keys()];
  assert.ok(ids.includes('requests0/-/r3.1/natural'));
  assert.ok(ids.includes('review0/-/review/review.total'));
  assert.ok(ids.includes('active0/20.1/regulation/issued'));
  assert.ok([...gridLayout(parse(sample('003'))).cells.keys()].some((id) => id.startsWith('stats0/-/#')), 'the 附件 stats table');
});

for (const [name, p] of [['one cell per line (sample 004)', '004'], ['padded tab rows (sample 001)', '001'], ['one cell per line with blank cells (sample 000)', '000']] as const) {
  test(`${name}: a figure changes only that cell's characters`, () => {
    const text = sample(p);
    const doc = parse(text);
    const layout = gridLayout(doc);
    // every editable cell of table 3 and 4, one at a time
    let n = 0;
    for (const g of layout.cells.values()) {
      if (g.total || (g.table.kind !== 'requests' && g.table.kind !== 'review')) continue;
      const want = g.cell.kind === 'number' && g.cell.value === 37 ? '38' : '37';
      const r = gridEdits(doc, [{ id: g.id, value: want }], MANUAL);
      assert.deepEqual(r.refused, []);
      assert.equal(r.edits.length, 1, g.id);
      const after = applyEdits(text, r.edits);
      assertOnlyCellsChanged(doc, r.edits, after);
      assert.equal(cellText(after, g.id), want, g.id);
      // the document's shape is unchanged: the same cells, the same ids
      assert.deepEqual([...gridLayout(parse(after)).cells.keys()], [...layout.cells.keys()]);
      n++;
    }
    assert.ok(n > 40, `${n} cells tried`);
  });

  test(`${name}: with 合计自动计算, the row, column and grand totals are rewritten in the same edits`, () => {
    const text = sample(p);
    const doc = parse(text);
    const id = 'requests0/-/r1/commercial';
    const before = gridLayout(doc).cells.get(id)!;
    const old = before.cell.value ?? 0;
    const r = gridEdits(doc, [{ id, value: String(old + 5) }], AUTO);
    assert.deepEqual(r.refused, []);
    const after = applyEdits(text, r.edits);
    assertOnlyCellsChanged(doc, r.edits, after);
    const ids = r.written.map((w) => w.id);
    assert.equal(ids[0], id);
    for (const t of ['requests0/-/r1/total', 'requests0/-/r7/commercial', 'requests0/-/r7/total']) {
      // a total is written when it was right before (it is wrong by 5 now)
      const g = gridLayout(doc).cells.get(t);
      if (!g) continue; // (001's table 3 is cut short before （七）总计)
      const was = analyze(text).diagnostics.some((d) => d.range.start.line === g.cell.range.start.line && d.range.start.character === g.cell.range.start.character && /sum-/.test(d.code));
      if (!was) assert.ok(ids.includes(t), `${t} rewritten (${ids.join(', ')})`);
    }
    const r1Total = gridLayout(parse(after)).cells.get('requests0/-/r1/total')!.cell;
    const r1 = gridLayout(parse(after)).cells.get('requests0/-/r1/total')!.row;
    assert.equal(r1Total.value, r1.cells.slice(0, 6).reduce((s, c) => s + (c.value ?? 0), 0), 'the row total adds up');
    // the totals the edit touched are right: no sum-row diagnostic on r1
    const diags = analyze(after).diagnostics.filter((d) => d.code === 'sum-row' && d.range.start.line === r1Total.range.start.line && d.range.start.character === r1Total.range.start.character);
    assert.deepEqual(diags, []);
  });
}

test('totals: without 合计自动计算 only the figure changes; a total is then editable', () => {
  const text = sample('004');
  const doc = parse(text);
  const r = gridEdits(doc, [{ id: 'requests0/-/r1/natural', value: '99' }], MANUAL);
  assert.equal(r.edits.length, 1);
  const t = gridEdits(doc, [{ id: 'requests0/-/r1/total', value: '99' }], MANUAL);
  assert.equal(t.edits.length, 1);
  const refused = gridEdits(doc, [{ id: 'requests0/-/r1/total', value: '99' }], AUTO);
  assert.equal(refused.edits.length, 0);
  assert.match(refused.refused[0].message.zh, /合计/);
});

test('totals: review totals and 附件 parent rows are recomputed', () => {
  const text = sample('002');
  const doc = parse(text);
  const r = gridEdits(doc, [{ id: 'review0/-/review/review.correct', value: '4' }], AUTO);
  const after = applyEdits(text, r.edits);
  assertOnlyCellsChanged(doc, r.edits, after);
  const row = gridLayout(parse(after)).cells.get('review0/-/review/review.total')!.row;
  assert.equal(row.cells[4].value, [0, 1, 2, 3].reduce((s, k) => s + (row.cells[k].value ?? 0), 0));
  assert.ok(r.written.some((w) => w.id === 'review0/-/review/review.total' && w.total));

  const s3 = sample('003');
  const d3 = parse(s3);
  const layout = gridLayout(d3);
  const parentTotals = [...layout.cells.values()].filter((g) => g.table.kind === 'stats' && g.total);
  assert.ok(parentTotals.length > 0, 'the stats table has parent rows');
  // a child of a parent row that adds up now
  const child = [...layout.cells.values()].find((g) => g.table.kind === 'stats' && !g.total && g.cell.kind === 'number'
    && parentTotals.some((p) => (p.row as { parent?: number | null }) && (g.row as unknown as { parent: number | null }).parent === d3.tables[g.tableIndex].rows.indexOf(p.row)))!;
  assert.ok(child, 'a child row');
  const r3 = gridEdits(d3, [{ id: child.id, value: String((child.cell.value ?? 0) + 2) }], AUTO);
  const a3 = applyEdits(s3, r3.edits);
  assertOnlyCellsChanged(d3, r3.edits, a3);
  assert.ok(r3.written.some((w) => w.total), 'the parent row is rewritten');
});

test('input: full-width digits and signs converted; anything else refused with a message in both languages, never written', () => {
  assert.deepEqual(normalizeFigure('１２'), { ok: true, text: '12' });
  assert.deepEqual(normalizeFigure('－３'), { ok: true, text: '-3' });
  assert.deepEqual(normalizeFigure(' 1,234 '), { ok: true, text: '1234' });
  assert.deepEqual(normalizeFigure('１．５０'), { ok: true, text: '1.5' });
  assert.deepEqual(normalizeFigure('007'), { ok: true, text: '7' });
  assert.deepEqual(normalizeFigure('-0'), { ok: true, text: '0' });
  assert.deepEqual(normalizeFigure(''), { ok: true, text: '' });
  for (const bad of ['abc', '12件', '1 2', '=1+2', '1.2.3', '--1', '<script>', '\t1\n2', '1e5', 'NaN', '一', '12,34']) {
    const r = normalizeFigure(bad);
    assert.equal(r.ok, false, bad);
    if (!r.ok) {
      assert.match(r.message.zh, /不是数字/);
      assert.match(r.message.en, /not a figure/);
    }
  }
  const text = sample('004');
  const doc = parse(text);
  const r = gridEdits(doc, [{ id: 'requests0/-/r1/natural', value: '十二' }, { id: 'no/such/cell', value: '1' }], AUTO);
  assert.deepEqual(r.edits, []);
  assert.equal(r.refused.length, 2);
  assert.match(r.refused[1].message.en, /No such cell/);
});

test('Delete writes 0 or blanks the cell, per setting; the cell keeps its place', () => {
  for (const p of ['000', '004']) {
    const text = sample(p);
    const doc = parse(text);
    const id = 'requests0/-/new/natural';
    const zero = applyEdits(text, gridEdits(doc, [{ id, value: null }], MANUAL).edits);
    assert.equal(cellText(zero, id), '0');
    const r = gridEdits(doc, [{ id, value: null }], { autoTotals: false, deleteValue: 'blank' });
    const blank = applyEdits(text, r.edits);
    assertOnlyCellsChanged(doc, r.edits, blank);
    assert.equal(cellText(blank, id), '');
    assert.deepEqual([...gridLayout(parse(blank)).cells.keys()], [...gridLayout(doc).cells.keys()], `${p}: same cells after blanking`);
    // and a figure into the blank cell again
    const d2 = parse(blank);
    const back = applyEdits(blank, gridEdits(d2, [{ id, value: '6' }], MANUAL).edits);
    assert.equal(cellText(back, id), '6');
  }
});

test('Delete to blank in padded tab rows is refused (the parser would read the next figure into the cell), never written', () => {
  const text = sample('001');
  const doc = parse(text);
  const r = gridEdits(doc, [{ id: 'requests0/-/new/natural', value: null }, { id: 'requests0/-/new/commercial', value: '3' }], { autoTotals: true, deleteValue: 'blank' });
  assert.equal(r.refused.length, 1);
  assert.match(r.refused[0].message.zh, /请填 0/);
  assert.deepEqual(r.written.map((w) => w.id), ['requests0/-/new/commercial', 'requests0/-/new/total'], 'the other change and its total still go in');
  const after = applyEdits(text, r.edits);
  assertOnlyCellsChanged(doc, r.edits, after);
  assert.equal(cellText(after, 'requests0/-/new/natural'), gridLayout(doc).cells.get('requests0/-/new/natural')!.cell.raw.trim());
});

test('paste: a 3×7 block from a spreadsheet fills the cells from the cursor; totals skipped and recomputed', () => {
  for (const p of ['004', '001']) {
    const text = sample(p);
    const doc = parse(text);
    const layout = gridLayout(doc);
    const block = '1\t2\t3\t4\t5\t6\t99\r\n7\t8\t9\t10\t11\t12\t99\r\n０\t１\t\t0\t0\t0\t99\r\n';
    const pasted = pasteChanges(layout, 'requests0/-/r1/natural', block, AUTO)!;
    assert.equal(pasted.changes.length, 18, 'the 总计 column is left to the totals');
    assert.equal(pasted.dropped, 0);
    const r = gridEdits(doc, pasted.changes, AUTO);
    assert.deepEqual(r.refused, []);
    const after = applyEdits(text, r.edits);
    assertOnlyCellsChanged(doc, r.edits, after);
    const rows = layout.tables.get(layout.cells.get('requests0/-/r1/natural')!.tableIndex)!;
    const r0 = layout.cells.get('requests0/-/r1/natural')!.r;
    const got = [0, 1, 2].map((i) => rows[r0 + i].map((id) => cellText(after, id!)));
    assert.deepEqual(got[0], ['1', '2', '3', '4', '5', '6', '21']);
    assert.deepEqual(got[1].slice(0, 6), ['7', '8', '9', '10', '11', '12']);
    assert.equal(got[1][6], '57');
    assert.deepEqual(got[2].slice(0, 6), ['0', '1', '0', '0', '0', '0'], 'full-width converted; an empty pasted cell reads as Delete (0)');
    // without 合计自动计算 the 总计 column is pasted too
    const manual = pasteChanges(layout, 'requests0/-/r1/natural', block, MANUAL)!;
    assert.equal(manual.changes.length, 21);
  }
  // off the edge of the table: dropped and counted
  const doc = parse(sample('004'));
  const edge = pasteChanges(gridLayout(doc), 'review0/-/review/after.pending', '1\t2\t3\n4\t5\t6', MANUAL)!;
  assert.equal(edge.changes.length, 2);
  assert.equal(edge.dropped, 4);
  assert.equal(pasteChanges(gridLayout(doc), 'nope', '1'), undefined);
});

// The test-only layout writers: what each variation looks like, so the tests that use them are
// known to exercise it (leading tabs varied, wrapped labels, rotated group labels, footers…).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../server/src/core';
import { tableGrid, writeGrid } from '../../server/src/core/layout/write';
import { newReport } from '../../server/src/core/template';
import { displayWidth, mixedLayouts, writeSpaced, writeTabPaste } from './layouts';
import { Rng } from './random';

const doc = parse(newReport({ organ: '某机关', year: 2024 }));
const grid = (kind: string) => tableGrid(doc.tables.find((t) => t.kind === kind)!, '2021')!;
const seeds = Array.from({ length: 40 }, (_, k) => k + 1);

test('tab-paste (varied): titles alone, no padding, rows under a merged label start with none, one or two tabs, long labels wrapped', () => {
  const plain = writeGrid(grid('requests'), 'tab-paste');
  const leads = new Set<number>();
  let wrapped = 0;
  for (const seed of seeds) {
    const lines = writeTabPaste(grid('requests'), new Rng(seed));
    for (const l of lines) leads.add(/^\t*/.exec(l)![0].length);
    // a wrapped label: a line without figures followed by the rest of the label and the figures
    wrapped += lines.length - plain.length - (lines.includes('申请人情况') ? 1 : 0);
    const active = writeTabPaste(grid('active'), new Rng(seed));
    assert.ok(active.some((l) => l.trim() === '第二十条第（一）项'));
  }
  assert.deepEqual([...leads].sort(), [0, 1, 2]);
  assert.ok(wrapped > 0, 'some labels wrapped');
});

test('spaced: no tabs, columns two or more spaces apart, figures in place, and the variations pdftotext shows', () => {
  let rotated = 0;
  let footers = 0;
  let fullWidth = 0;
  for (const seed of seeds) {
    const lines = writeSpaced(grid('requests'), new Rng(seed));
    assert.ok(!lines.some((l) => l.includes('\t')));
    const zeros = lines.join('\n').match(/(?<![\d.])0(?![\d.])/g)?.length ?? 0;
    assert.equal(zeros, 25 * 7, `seed ${seed}: every figure printed once`);
    if (lines.some((l) => /^\s*[-—]\s*\d+\s*[-—]\s*$/.test(l))) footers++;
    if (lines.some((l) => l.includes('\u3000'))) fullWidth++;
    if (!lines.some((l) => l.includes('三、本年度办理结果'))) rotated++;
    // each figure stands two spaces (or a full-width space) from what is before it
    for (const l of lines) assert.ok(!/(?<!^|  |\u3000|^ *)(?<![\d.])0(?![\d.])/.test(l), `seed ${seed}: ${JSON.stringify(l)}`);
  }
  assert.ok(rotated > 0 && footers > 0 && fullWidth > 0, `rotated ${rotated}, footers ${footers}, full-width ${fullWidth}`);
  assert.equal(displayWidth('三、a'), 5);
});

test('mixed: each table in another layout than the one before', () => {
  const ls = mixedLayouts(5, new Rng(3));
  assert.equal(new Set(ls).size, 5);
});

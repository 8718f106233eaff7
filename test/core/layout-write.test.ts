// The layout writers (server/src/core/layout/write.ts): the shape of each layout's output, labels
// from the format, the model's rows and cells kept as they are (defects included), and re-laying a
// whole report with its prose untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, type ReportDocument, type Table } from '../../server/src/core';
import { relayReport, tableGrid, WRITABLE_LAYOUTS, writeGrid, writeTable } from '../../server/src/core/layout/write';
import { ACTIVE_BLOCKS, REQUEST_ROWS } from '../../server/src/core/spec';
import { activeTable, newReport, requestsTable, reviewTable } from '../../server/src/core/template';
import { sample } from './helpers';

const doc004 = parse(sample('004'));
const doc001 = parse(sample('001'));
const table = (doc: ReportDocument, kind: Table['kind']) => doc.tables.find((t) => t.kind === kind)!;

/** Row id → [column, raw trimmed] of every value cell of a parsed table. */
function cellsOf(t: Table): string[] {
  return t.rows.map((r) => `${r.block ?? ''}/${r.id}: ${r.cells.map((c) => `${c.column}=${c.raw.trim()}`).join(' ')}`);
}

test('cell-per-line: one cell per line after a tab, one blank line between rows, the template\'s tables for an empty table', () => {
  const t = table(doc004, 'requests');
  const lines = writeTable(t, '2021', 'cell-per-line')!;
  for (const l of lines) assert.ok(l === '' || /^\t[^\t]*$/.test(l), `one cell per line: ${JSON.stringify(l)}`);
  assert.ok(!lines.some((l, k) => l === '' && lines[k + 1] === ''), 'one blank line between rows');
  const g = tableGrid(t, '2021')!;
  assert.equal(lines.filter((l) => l !== '').length, g.rows.reduce((n, r) => n + r.cells.length, 0));
  // an empty report's tables, parsed and written again, are the template's own (template.ts could use this writer)
  for (const year of [2020, 2024]) {
    const d = parse(newReport({ organ: '某机关', year }));
    const v = year < 2021 ? '2019' : '2021';
    assert.deepEqual(writeTable(table(d, 'active'), v, 'cell-per-line'), activeTable(v));
    assert.deepEqual(writeTable(table(d, 'requests'), v, 'cell-per-line'), requestsTable(v));
    assert.deepEqual(writeTable(table(d, 'review'), v, 'cell-per-line'), reviewTable());
  }
});

test('tab-padded: every row padded to the grid\'s width, except a row missing a cell', () => {
  for (const kind of ['active', 'requests', 'review'] as const) {
    const g = tableGrid(table(doc004, kind), '2021')!;
    const lines = writeGrid(g, 'tab-padded');
    assert.equal(lines.length, g.rows.length);
    lines.forEach((l, k) => {
      const n = l.split('\t').length;
      if (g.rows[k].short) assert.ok(n < g.width, `${kind} row ${k} is short: ${n}`);
      else assert.equal(n, g.width, `${kind} row ${k}: ${JSON.stringify(l)}`);
    });
  }
  // 004's 行政规范性文件 has two figures of three: written with two, no padding that would read as a blank third
  const active = writeTable(table(doc004, 'active'), '2021', 'tab-padded')!;
  assert.ok(active.includes('行政规范性文件\t0\t0'));
});

test('tab-paste: merged title rows alone on their line, no padding, a vertically merged label on the first row of its group only', () => {
  const active = writeTable(table(doc004, 'active'), '2021', 'tab-paste')!;
  for (const b of ACTIVE_BLOCKS['2021']) assert.ok(active.includes(b.title), `${b.title} alone on its line`);
  assert.ok(active.includes('行政许可\t0'));
  const requests = writeTable(table(doc004, 'requests'), '2021', 'tab-paste')!;
  assert.equal(requests.filter((l) => l.includes('三、本年度办理结果')).length, 1);
  assert.ok(requests.includes('三、本年度办理结果\t（一）予以公开\t2\t0\t0\t0\t0\t0\t2'));
  assert.ok(requests.includes('\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0'));
  assert.ok(requests.includes('一、本年新收政府信息公开申请数量\t10\t0\t0\t0\t0\t0\t10'));
  const review = writeTable(table(doc004, 'review'), '2021', 'tab-paste')!;
  assert.equal(review[0], '行政复议\t行政诉讼');
  for (const l of [...active, ...requests, ...review]) assert.ok(!l.endsWith('\t'), `no trailing tab: ${JSON.stringify(l)}`);
});

test('tab-paste keeps a blank last cell (a blank cell is a cell, not padding)', () => {
  const d = parse(newReport({ organ: '某机关', year: 2024 }).replace('\t行政许可\n\t0', '\t行政许可\n\t'));
  assert.ok(writeTable(table(d, 'active'), '2021', 'tab-paste')!.includes('行政许可\t'));
});

test('markdown: pipe rows of the grid\'s width, a delimiter row after the first row, pipes escaped', () => {
  for (const kind of ['active', 'requests', 'review'] as const) {
    const g = tableGrid(table(doc004, kind), '2021')!;
    const lines = writeGrid(g, 'markdown');
    assert.equal(lines.length, g.rows.length + 1);
    assert.match(lines[1], /^\|(---\|)+$/);
    assert.equal(lines[1].split('|').length - 2, g.width);
    for (const l of lines) assert.ok(l.startsWith('|') && l.endsWith('|'), l);
  }
  const d = parse(newReport({ organ: '某机关', year: 2024 }).replace('\t规章\n\t0', '\t规章\n\t1|2'));
  assert.ok(writeTable(table(d, 'active'), '2021', 'markdown')!.includes('| 规章 | 1\\|2 | 0 | 0 |'));
});

test('labels come from the format; an unknown or misspelled label is written as found, at its place', () => {
  // 001: "三、 本年 度办 理结 果", "(一) 予以公开", "本年新 公开数量" are the official labels written loosely
  const lines = WRITABLE_LAYOUTS.map((l) => writeTable(table(doc001, 'requests'), '2019', l)!.join('\n'));
  for (const text of lines) {
    assert.ok(text.includes('三、本年度办理结果') && text.includes('（一）予以公开') && text.includes('1.属于国家秘密'), text.slice(0, 300));
    assert.ok(!text.includes('本年 度办'));
  }
  const active = writeTable(table(doc001, 'active'), '2019', 'tab-paste')!;
  // "(四) 第二十条第(一)项" and "(四) 信息内容" are not labels of the format: kept, in block 20.1's title and header
  assert.equal(active[0], '(四) 第二十条第(一)项');
  assert.equal(active[1], '(四) 信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量');
  assert.equal(active[4], '第二十条第（五）项');
  // a variant spelling (the 2019 label 规范性文件) is written as found
  assert.ok(active.includes('规范性文件\t0\t0\t0'));
  // a misspelled row label stays misspelled
  const d = parse(newReport({ organ: '某机关', year: 2024 }).replace('\t2.其他法律行政法规禁止公开', '\t2.其他法律行政止公开'));
  const req = writeTable(table(d, 'requests'), '2021', 'tab-paste')!.join('\n');
  assert.ok(req.includes('2.其他法律行政止公开'), req);
});

test('the rows and cells of the model, no more: a table cut short stays cut short, a missing cell stays missing', () => {
  const t = table(doc001, 'requests');
  for (const layout of WRITABLE_LAYOUTS) {
    const text = writeTable(t, '2019', layout)!.join('\n');
    assert.ok(text.includes('7.属于行政执法案卷'), layout);
    for (const s of REQUEST_ROWS['2019'].filter((r) => t.missingRows.includes(r.id))) assert.ok(!text.includes(s.label), `${layout}: ${s.label} not written`);
  }
  // written, then read again: the same cells in the layouts today's parser reads (004's missing cell included)
  for (const name of ['000', '001', '002', '003', '004']) {
    const d = parse(sample(name));
    for (const layout of ['cell-per-line', 'tab-padded'] as const) {
      const again = parse(relayReport(d, layout));
      d.tables.forEach((t, k) => assert.deepEqual(cellsOf(again.tables[k]), cellsOf(t), `${name} ${layout} table ${t.kind}`));
    }
  }
});

test('relayReport: prose untouched, line endings and BOM kept, statistics tables left as written', () => {
  const text = sample('003');
  const d = parse(text);
  const out = relayReport(d, 'markdown');
  const outside = (s: string, doc: ReportDocument) => s.split('\n').filter((_, i) => !doc.tables.some((t) => t.kind !== 'stats' && i >= t.startLine && i <= t.endLine));
  const again = parse(out);
  const before = outside(text, d);
  const after = out.split('\n').filter((l) => !l.startsWith('|'));
  // every line outside the re-laid tables is there, in order (blank lines aside)
  assert.deepEqual(after.filter((l) => l.trim() !== ''), before.filter((l) => l.trim() !== ''));
  assert.ok(again.lines.some((l) => l.includes('统计数')), 'the statistics table is kept');
  const crlf = `\uFEFF${sample('004').replace(/\n/g, '\r\n')}`;
  const r = relayReport(parse(crlf), 'tab-padded');
  assert.ok(r.startsWith('\uFEFF'));
  assert.ok(!/[^\r]\n/.test(r), 'CRLF throughout');
  const none = '某机关2024年政府信息公开工作年度报告\n\n一、总体情况\n正文。\n';
  assert.equal(relayReport(parse(none), 'markdown'), none);
});

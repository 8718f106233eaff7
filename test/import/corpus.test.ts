// The three real reports of test/fixtures/corpus (two text PDFs, one web-page article: see its
// README), imported and read by the core: every figure of their statistics tables in the right
// cell (the figures the corpus README gives as checked by hand, and the rest of each table by its
// totals: a figure in the wrong column breaks a row or column total), no totals diagnostic, and
// each diagnostic's place in the original.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, type ReportDocument, type Table } from '../../server/src/core';
import { convert, describeSource } from '../../server/src/import';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/corpus');
const TOTALS_RULES = ['sum-row', 'sum-column', 'sum-parent', 'balance', 'review-total'];

function table(doc: ReportDocument, kind: Table['kind']): Table {
  const t = doc.tables.find((x) => x.kind === kind);
  assert.ok(t, `no ${kind} table`);
  return t;
}

/** The figures of a row, by column id, in column order. */
function row(doc: ReportDocument, kind: Table['kind'], id: string): number[] {
  const r = table(doc, kind).rows.find((x) => x.id === id);
  assert.ok(r, `no row ${id} in the ${kind} table`);
  return r.cells.map((c) => c.value ?? NaN);
}

function column(doc: ReportDocument, kind: Table['kind'], id: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of table(doc, kind).rows) {
    const c = r.cells.find((x) => x.column === id);
    if (c && r.id) out[r.id] = c.value ?? NaN;
  }
  return out;
}

function groupSum(byRow: Record<string, number>, prefix: string): number {
  return Object.entries(byRow).filter(([id]) => id.startsWith(prefix)).reduce((s, [, v]) => s + v, 0);
}

async function read(file: string) {
  const converted = await convert({ path: path.join(CORPUS, file) });
  return { ...converted, ...analyze(converted.text) };
}

describe('corpus: 淮安市洪泽区人民政府 2024 (text PDF from WPS, 5 pages)', () => {
  test('every figure in its cell; no totals diagnostic; the misspelt label reported', async () => {
    const { doc, diagnostics, text, map } = await read('huaian-hongze-2024.pdf');
    assert.ok(text.startsWith('淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告\n'), text.slice(0, 80));
    // table 3, by hand
    assert.deepEqual(row(doc, 'requests', 'new'), [95, 0, 0, 0, 0, 0, 95]);
    assert.deepEqual(row(doc, 'requests', 'carried'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(row(doc, 'requests', 'r7'), [95, 0, 0, 0, 0, 0, 95]);
    assert.deepEqual(row(doc, 'requests', 'next'), [0, 0, 0, 0, 0, 0, 0]);
    const natural = column(doc, 'requests', 'natural');
    assert.equal(natural.r1, 50);
    assert.equal(natural.r2, 9);
    // （三）2. is misspelt in the report (其他法律行政止公开): the core reads it as 2.其他法律行政法规禁止公开 (its 0 counts)
    assert.equal(groupSum(natural, 'r3.'), 3);
    assert.equal(groupSum(natural, 'r4.'), 32);
    assert.equal(groupSum(natural, 'r5.'), 1);
    assert.equal(natural.r6, 0); // （六）其他处理 is one row in this report (the 2019 layout)
    // table 4, by hand
    assert.deepEqual(row(doc, 'review', 'review'), [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]);
    // table 1 (as pdftotext reads it)
    assert.deepEqual(row(doc, 'active', 'normative'), [3, 0, 8]);
    assert.deepEqual(row(doc, 'active', 'license'), [9487]);
    assert.deepEqual(row(doc, 'active', 'penalty'), [2776]);
    assert.deepEqual(row(doc, 'active', 'coercion'), [84]);
    assert.deepEqual(row(doc, 'active', 'fee'), [7545]);

    assert.deepEqual(diagnostics.filter((d) => TOTALS_RULES.includes(d.code)), []);
    const labels = diagnostics.filter((d) => d.code === 'table-label');
    assert.equal(labels.length, 1, labels.map((d) => d.message.zh).join('\n'));
    assert.match(labels[0].message.zh, /2\.其他法律行政止公开/);
    // the rotated group label (pdf.js reads only 三、本 of it) and （二）'s wrapped label
    const lines = text.split('\n');
    assert.ok(lines.some((l) => l.startsWith('三、本年度办理结果\t（一）予以公开\t\t50\t')));
    assert.ok(lines.some((l) => l.startsWith('\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t9\t')));
    // page footers (- 3 -) are not in the text
    assert.ok(!/^\s*-\s*\d+\s*-\s*$/m.test(text));
    // where a figure is in the original
    const r41 = table(doc, 'requests').rows.find((r) => r.id === 'r4.1')!;
    const total = r41.cells.find((c) => c.column === 'total')!;
    assert.equal(describeSource(doc, map, total.range.start.line, total.range.start.character, 'zh'), '第3页 表三 （四）1. 总计');
    assert.equal(describeSource(doc, map, total.range.start.line, total.range.start.character, 'en'), 'page 3, table 3, （四）1. 总计');
  });
});

describe('corpus: 淮安市人民政府 2024 (text PDF, 6 pages)', () => {
  test('every figure in its cell across page breaks; no totals diagnostic', async () => {
    const { doc, diagnostics, map } = await read('huaian-city-2024.pdf');
    assert.deepEqual(row(doc, 'requests', 'new'), [3001, 53, 0, 0, 61, 4, 3119]);
    assert.deepEqual(row(doc, 'requests', 'carried'), [34, 0, 0, 0, 0, 0, 34]);
    assert.deepEqual(row(doc, 'requests', 'r7'), [2932, 53, 0, 0, 61, 4, 3050]);
    assert.deepEqual(row(doc, 'requests', 'next'), [103, 0, 0, 0, 0, 0, 103]);
    assert.deepEqual(row(doc, 'review', 'review'), [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
    // table 1 is cut by a page break after 第二十条第（五）项; large figures
    assert.deepEqual(row(doc, 'active', 'regulation'), [1, 0, 11]);
    assert.deepEqual(row(doc, 'active', 'normative'), [8, 26, 66]);
    assert.deepEqual(row(doc, 'active', 'license'), [447228]);
    assert.deepEqual(row(doc, 'active', 'penalty'), [3985758]);
    assert.deepEqual(row(doc, 'active', 'coercion'), [88283]);
    assert.deepEqual(row(doc, 'active', 'fee'), [96171.6]);
    // （四）无法提供 is printed （四）无 at the foot of page 4 and 法提供 at the top of page 5
    const r4 = table(doc, 'requests').rows.filter((r) => r.id.startsWith('r4.'));
    assert.deepEqual(r4.map((r) => r.labelPath[1]), ['（四）无法提供', '（四）无法提供', '（四）无法提供']);
    assert.deepEqual(r4.map((r) => r.cells.map((c) => c.value)), [[746, 12, 0, 0, 10, 1, 769], [11, 0, 0, 0, 0, 0, 11], [1, 0, 0, 0, 0, 0, 1]]);
    const penalty = table(doc, 'active').rows.find((r) => r.id === 'penalty')!.cells[0];
    assert.match(describeSource(doc, map, penalty.range.start.line, penalty.range.start.character, 'zh'), /^第4页 表二/);
    assert.deepEqual(diagnostics.filter((d) => TOTALS_RULES.includes(d.code)), []);
  });
});

describe('corpus: 平潭综合实验区 2024 (web-page article)', () => {
  test('rowspan/colspan tables: every figure in its cell; no totals diagnostic', async () => {
    const { doc, diagnostics, map } = await read('pingtan-2024.article.html');
    assert.deepEqual(row(doc, 'requests', 'new'), [217, 1, 0, 0, 0, 0, 218]);
    assert.deepEqual(row(doc, 'requests', 'r7'), [217, 1, 0, 0, 0, 0, 218]);
    assert.deepEqual(row(doc, 'requests', 'next'), [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(row(doc, 'review', 'review'), [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]);
    assert.equal(table(doc, 'requests').rows.length, 25);
    assert.deepEqual(row(doc, 'active', 'normative'), [62, 33, 440]);
    assert.deepEqual(row(doc, 'active', 'fee'), [18651.06]);
    assert.deepEqual(diagnostics.filter((d) => TOTALS_RULES.includes(d.code)), []);
    // the article has no title (the page's title is outside the cut): that is the only finding
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code), ['title-missing']);
    const cell = table(doc, 'requests').rows.find((r) => r.id === 'r3.5')!.cells[0];
    assert.match(describeSource(doc, map, cell.range.start.line, cell.range.start.character, 'zh'), /^第2个表格 第\d+行 第\d+列 表三 （三）5\. 自然人$/);
  });
});

// Every figure of the three statistics tables of each file, row by row, as the original prints it
// (checked against `pdftotext -layout` beside each PDF, and against the page's own <td> cells):
// `kind block/row` → the row's figures in column order. The imported text must give exactly these
// rows with exactly these figures, no more and no fewer.
const R7 = (...v: number[]): number[] => v;
const zeros = R7(0, 0, 0, 0, 0, 0, 0);
const EVERY_FIGURE: Record<string, Record<string, number[]>> = {
  'huaian-hongze-2024.pdf': {
    'active 20.1/regulation': [0, 0, 0], 'active 20.1/normative': [3, 0, 8], 'active 20.5/license': [9487],
    'active 20.6/penalty': [2776], 'active 20.6/coercion': [84], 'active 20.8/fee': [7545],
    'requests /new': R7(95, 0, 0, 0, 0, 0, 95), 'requests /carried': zeros, 'requests /r1': R7(50, 0, 0, 0, 0, 0, 50),
    'requests /r2': R7(9, 0, 0, 0, 0, 0, 9), 'requests /r3.1': zeros, 'requests /r3.2': zeros, 'requests /r3.3': R7(1, 0, 0, 0, 0, 0, 1),
    'requests /r3.4': zeros, 'requests /r3.5': zeros, 'requests /r3.6': R7(1, 0, 0, 0, 0, 0, 1), 'requests /r3.7': R7(1, 0, 0, 0, 0, 0, 1),
    'requests /r3.8': zeros, 'requests /r4.1': R7(31, 0, 0, 0, 0, 0, 31), 'requests /r4.2': R7(1, 0, 0, 0, 0, 0, 1), 'requests /r4.3': zeros,
    'requests /r5.1': R7(1, 0, 0, 0, 0, 0, 1), 'requests /r5.2': zeros, 'requests /r5.3': zeros, 'requests /r5.4': zeros, 'requests /r5.5': zeros,
    'requests /r6': zeros, 'requests /r7': R7(95, 0, 0, 0, 0, 0, 95), 'requests /next': zeros,
    'review /review': [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
  },
  'huaian-city-2024.pdf': {
    'active 20.1/regulation': [1, 0, 11], 'active 20.1/normative': [8, 26, 66], 'active 20.5/license': [447228],
    'active 20.6/penalty': [3985758], 'active 20.6/coercion': [88283], 'active 20.8/fee': [96171.6],
    'requests /new': R7(3001, 53, 0, 0, 61, 4, 3119), 'requests /carried': R7(34, 0, 0, 0, 0, 0, 34),
    'requests /r1': R7(1288, 21, 0, 0, 50, 3, 1362), 'requests /r2': R7(447, 7, 0, 0, 0, 0, 454),
    'requests /r3.1': R7(2, 0, 0, 0, 0, 0, 2), 'requests /r3.2': R7(30, 1, 0, 0, 0, 0, 31), 'requests /r3.3': R7(5, 0, 0, 0, 0, 0, 5),
    'requests /r3.4': R7(6, 0, 0, 0, 0, 0, 6), 'requests /r3.5': R7(7, 1, 0, 0, 0, 0, 8), 'requests /r3.6': R7(12, 0, 0, 0, 0, 0, 12),
    'requests /r3.7': R7(9, 0, 0, 0, 0, 0, 9), 'requests /r3.8': R7(105, 0, 0, 0, 0, 0, 105),
    'requests /r4.1': R7(746, 12, 0, 0, 10, 1, 769), 'requests /r4.2': R7(11, 0, 0, 0, 0, 0, 11), 'requests /r4.3': R7(1, 0, 0, 0, 0, 0, 1),
    'requests /r5.1': R7(56, 6, 0, 0, 0, 0, 62), 'requests /r5.2': R7(25, 0, 0, 0, 0, 0, 25), 'requests /r5.3': zeros, 'requests /r5.4': zeros,
    'requests /r5.5': R7(1, 0, 0, 0, 0, 0, 1), 'requests /r6.1': R7(67, 3, 0, 0, 1, 0, 71), 'requests /r6.2': R7(6, 0, 0, 0, 0, 0, 6),
    'requests /r6.3': R7(108, 2, 0, 0, 0, 0, 110), 'requests /r7': R7(2932, 53, 0, 0, 61, 4, 3050), 'requests /next': R7(103, 0, 0, 0, 0, 0, 103),
    'review /review': [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
  },
  'pingtan-2024.article.html': {
    'active 20.1/regulation': [0, 0, 0], 'active 20.1/normative': [62, 33, 440], 'active 20.5/license': [4529],
    'active 20.6/penalty': [1100], 'active 20.6/coercion': [65], 'active 20.8/fee': [18651.06],
    'requests /new': R7(217, 1, 0, 0, 0, 0, 218), 'requests /carried': zeros, 'requests /r1': R7(71, 0, 0, 0, 0, 0, 71),
    'requests /r2': R7(29, 0, 0, 0, 0, 0, 29), 'requests /r3.1': R7(4, 0, 0, 0, 0, 0, 4), 'requests /r3.2': zeros, 'requests /r3.3': zeros,
    'requests /r3.4': R7(3, 0, 0, 0, 0, 0, 3), 'requests /r3.5': R7(32, 0, 0, 0, 0, 0, 32), 'requests /r3.6': zeros, 'requests /r3.7': zeros,
    'requests /r3.8': zeros, 'requests /r4.1': R7(75, 0, 0, 0, 0, 0, 75), 'requests /r4.2': zeros, 'requests /r4.3': zeros,
    'requests /r5.1': zeros, 'requests /r5.2': R7(1, 0, 0, 0, 0, 0, 1), 'requests /r5.3': zeros, 'requests /r5.4': zeros, 'requests /r5.5': zeros,
    'requests /r6.1': R7(1, 0, 0, 0, 0, 0, 1), 'requests /r6.2': zeros, 'requests /r6.3': R7(1, 1, 0, 0, 0, 0, 2),
    'requests /r7': R7(217, 1, 0, 0, 0, 0, 218), 'requests /next': zeros,
    'review /review': [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19],
  },
};

describe('corpus: every figure of the three tables', () => {
  for (const [file, expected] of Object.entries(EVERY_FIGURE)) {
    test(`${file}: each row of tables 2, 3 and 4 with exactly its figures`, async () => {
      const { doc } = await read(file);
      const got: Record<string, (number | null)[]> = {};
      for (const t of doc.tables.filter((x) => x.kind === 'active' || x.kind === 'requests' || x.kind === 'review')) {
        for (const r of t.rows) if (r.id && r.cells.length) got[`${t.kind} ${r.block ?? ''}/${r.id}`] = r.cells.map((c) => c.value);
      }
      assert.deepEqual(got, expected);
    });
  }
});

test('corpus files are the ones the README describes', () => {
  for (const f of ['huaian-hongze-2024.pdf', 'huaian-city-2024.pdf', 'pingtan-2024.article.html']) {
    assert.ok(fs.statSync(path.join(CORPUS, f)).size > 10_000, f);
  }
});

// The parser on every layout real reports use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, parse } from '../../server/src/core';
import { REQUEST_ROWS, SECTIONS } from '../../server/src/core/spec';
import { looseKey } from '../../server/src/core/text';
import { lineOf, sample, summary } from './helpers';

const T3 = (text: string) => parse(text).tables.find((t) => t.kind === 'requests')!;

test('one cell per line, rows split by blank lines, blank cells (sample 000)', () => {
  const t = T3(sample('000'));
  const r1 = t.rows.find((r) => r.id === 'r1')!;
  assert.deepEqual(r1.labelPath, ['三、本年度办理结果', '（一）予以公开']);
  assert.deepEqual(r1.cells.map((c) => c.kind), ['number', 'number', 'blank', 'blank', 'blank', 'blank', 'number']);
  assert.deepEqual(r1.cells.map((c) => c.value), [10, 1, 0, 0, 0, 0, 11]);
  assert.deepEqual(r1.cells[1].columnPath, ['申请人情况', '法人或其他组织', '商业企业']);
  // a blank cell's range is the empty place after its tab
  const blank = r1.cells[2];
  assert.deepEqual(blank.valueRange.start, blank.valueRange.end);
  assert.equal(blank.valueRange.start.character, 1);
});

test('tab-separated rows with leading empty cells; a row label 三、 is not a section (sample 001)', () => {
  const text = sample('001');
  const doc = parse(text);
  const t = doc.tables.find((x) => x.kind === 'requests')!;
  const r34 = t.rows.find((r) => r.id === 'r3.4')!;
  assert.deepEqual(r34.cells.map((c) => c.value), [0, 1, 0, 0, 0, 0, 1]);
  const r36 = t.rows.find((r) => r.id === 'r3.6')!; // "6. 属于四类过程性信息\t\t0…": label in the first cell
  assert.equal(r36.cells.length, 7);
  const resultsLine = lineOf(text, '三、 本年 度办 理结 果');
  assert.ok(!doc.sections.some((s) => s.line === resultsLine));
  assert.deepEqual(doc.sections.map((s) => s.index), [1, 2, 3, 5, 6]);
  // truncated table still parses as far as it goes
  assert.ok(t.missingRows.includes('r7'));
  assert.equal(t.rows.at(-1)?.id, 'r3.7');
});

test('cells wrapped onto the next line without a tab (samples 002, 003)', () => {
  const doc = parse(sample('002'));
  const active = doc.tables.find((t) => t.kind === 'active')!;
  assert.deepEqual(active.headers[1].map((h) => h.raw.replace(/\s/g, '')), ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']);
  const t3 = T3(sample('003'));
  assert.ok(t3.headers.flat().some((h) => h.raw === '商业企业'));
  const review = parse(sample('003')).tables.find((t) => t.kind === 'review')!;
  assert.equal(review.rows[0].cells.length, 15);
});

test('a wrapped cell: its raw text, its extent over both lines, its figure\'s extent', () => {
  const text = [
    '某某局2021年政府信息公开工作年度报告', '',
    '\t申请人情况', '\t  商业', '企业  ', '\t自然人', '',
    '\t一、本年新收政府信息公开申请数量', '\t1', '\t0', '\t0', '\t0', '\t0', '\t0', '\t 1', '2', '',
  ].join('\n');
  const t = parse(text).tables.find((x) => x.kind === 'requests')!;
  const label = t.headers.flat().find((h) => h.raw === '商业企业')!;
  assert.deepEqual(label.range, { start: { line: 3, character: 3 }, end: { line: 4, character: 2 } });
  const total = t.rows.find((r) => r.id === 'new')!.cells[6];
  assert.equal(total.raw, ' 1\n2');
  assert.equal(total.value, 12);
  assert.deepEqual(total.range, { start: { line: 14, character: 1 }, end: { line: 15, character: 1 } });
  assert.deepEqual(total.valueRange, { start: { line: 14, character: 2 }, end: { line: 15, character: 1 } });
});

test('rows: lines and ranges (table 3 spans its lines; table 4 from its first to its last figure, lines as written)', () => {
  const text = sample('004');
  const doc = parse(text);
  const lines = text.split('\n');
  const r1 = doc.tables.find((t) => t.kind === 'requests')!.rows.find((r) => r.id === 'r1')!;
  // (its row starts with its group's label 三、本年度办理结果, on the line before its own)
  assert.equal(r1.line, lineOf(text, '\t（一）予以公开') - 1);
  assert.equal(lines[r1.line], '\t三、本年度办理结果');
  assert.deepEqual(r1.range, { start: { line: r1.line, character: 0 }, end: { line: r1.endLine, character: lines[r1.endLine].length } });
  // table 4 with a surplus blank cell after its 15 figures: dropped from the row's cells, kept in its lines
  const review = doc.tables.find((t) => t.kind === 'review')!.rows[0];
  const u = lines.slice();
  u.splice(review.endLine + 1, 0, '\t');
  const row = parse(u.join('\n')).tables.find((t) => t.kind === 'review')!.rows[0];
  assert.equal(row.cells.length, 15);
  assert.equal(row.line, review.line);
  assert.equal(row.endLine, review.endLine + 1);
  const first = row.cells[0];
  const last = row.cells[14];
  assert.deepEqual(row.range, { start: first.range.start, end: last.range.end });
  assert.equal(row.range.end.line, review.endLine);
});

test('full-width minus, units, stray spaces (samples 002, 004)', () => {
  const doc = parse(sample('002'));
  const rows = doc.tables[0].rows;
  assert.equal(rows.find((r) => r.id === 'penalty')!.cells[1].value, -2);
  const buy = rows.find((r) => r.id === 'procurement')!.cells[1];
  assert.equal(buy.kind, 'unit');
  assert.equal(buy.value, 66.36);
  assert.equal(buy.unit, '万元');
  const t4 = T3(sample('004'));
  const carried = t4.rows.find((r) => r.id === 'carried')!;
  assert.deepEqual(carried.cells.map((c) => c.value), [0, 0, 0, 0, 0, 0, 0]);
  // the value range excludes the stray space, so a fix rewrites only the figure
  const c0 = carried.cells[0];
  assert.equal(c0.valueRange.end.character - c0.valueRange.start.character, 1);
});

test('full-width digits', () => {
  const text = sample('004').replace('\t10\n\t0\n\t0\n\t0\n\t0\n\t0\n\t10', '\t１０\n\t0\n\t0\n\t0\n\t0\n\t0\n\t１０');
  assert.notEqual(text, sample('004'));
  const r = T3(text).rows.find((x) => x.id === 'new')!;
  assert.equal(r.cells[0].value, 10);
});

test('CRLF and a UTF-8 BOM give the same diagnostics', () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    const lf = summary(analyze(sample(s)).diagnostics, true);
    const crlf = summary(analyze(sample(s).replace(/\n/g, '\r\n')).diagnostics, true);
    const bom = summary(analyze('\ufeff' + sample(s)).diagnostics, true);
    assert.deepEqual(crlf, lf, `CRLF ${s}`);
    assert.deepEqual(bom, lf, `BOM ${s}`);
  }
  assert.equal(parse('a\r\nb').eol, '\r\n');
});

test('title, year, period, publication date, notices, format detection', () => {
  const d0 = parse(sample('000'));
  assert.equal(d0.title?.organ, '济宁市人民政府办公室');
  assert.deepEqual(d0.title?.lines, [0, 1]);
  assert.deepEqual([d0.publicationDate?.year, d0.publicationDate?.month, d0.publicationDate?.day], [2021, 1, 30]);
  assert.deepEqual(d0.notices.map((n) => [n.year, n.number]), [[2019, 60]]);
  assert.equal(d0.period?.startYear, 2020);
  const d2 = parse(sample('002'));
  assert.equal(d2.title?.organ, '济宁市城市管理局'); // title split over two lines with a blank between
  const d3 = parse(sample('003'));
  assert.equal(d3.format.shape, '2021');
  assert.equal(d3.debris.length, 2);
  // format from the notice, then the year, when no table tells
  assert.equal(parse('某局2022年政府信息公开工作年度报告\n依据国办公开办函〔2019〕60号').format.version, '2019');
  assert.equal(parse('某局2022年政府信息公开工作年度报告\n一、总体情况').format.version, '2021');
  assert.equal(parse('某局2020年政府信息公开工作年度报告\n一、总体情况').format.version, '2019');
});

test('long lines of unclosed debris or half table rows parse (the debris pattern once went quadratic)', () => {
  const d = parse('[image: '.repeat(20000) + '\n[image: x]');
  assert.equal(d.debris.length, 1);
  assert.doesNotThrow(() => analyze('\t0第二十条第（一）项'.repeat(5000)));
});

test('parsing never throws on odd input', () => {
  for (const t of ['', '\n', '\t', '\t\t\t', '\r', '一、', '（七）总计\t1', '\ufeff', 'x'.repeat(100000), '\t第二十条第（一）项\n\t规章\n\t1', '\t行政复议\n\t1\t2']) {
    assert.doesNotThrow(() => analyze(t));
  }
});

test('request rows: each format lists an id once and shares no row spec with the other (the parser marks found rows by spec)', () => {
  for (const v of ['2019', '2021'] as const) {
    const ids = REQUEST_ROWS[v].map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, v);
  }
  assert.ok(!REQUEST_ROWS['2019'].some((r) => REQUEST_ROWS['2021'].includes(r)));
});

test('table 3 shape: （六）其他处理 with figures of its own is 2019, however it is spaced; its 2021 sub-rows are 2021', () => {
  const table = (label: string) => ['\t勾稽关系', `\t${label}\t1\t0\t0\t0\t0\t0\t1`].join('\n');
  for (const label of ['（六）其他处理', '（ 六 ） 其他处理', '(六) 其 他 处 理 ']) assert.equal(T3(table(label)).shape, '2019', label);
  // not followed by seven cells: the row says nothing
  assert.equal(T3(['\t勾稽关系', '\t（六）其他处理\t1\t0\t0\t0\t0\t1'].join('\n')).shape, undefined);
  assert.equal(T3(table('（六）其他处理') + '\n\t3.申请人逾期未按收费通知要求缴纳费用\t0\t0\t0\t0\t0\t0\t0').shape, '2021');
  assert.equal(T3(table('其他')).shape, undefined);
});

test('no section title has a numeral or digit in its loose key (the parser looks up no line with a sub-heading number or a first numeral or digit as an unnumbered section title)', () => {
  for (const sec of SECTIONS) for (const v of [sec.title, ...sec.variants]) assert.ok(!/[一二三四五六七八九十0-9]/.test(looseKey(v)), v);
  // and such lines stay sub-headings or prose
  const doc = parse(['（一）总体情况', '1.总体情况', '一是总体情况', '总体情况'].join('\n\n'));
  assert.deepEqual(doc.sections.map((s) => [s.id, s.line]), [['overview', 6]]);
  assert.deepEqual(doc.headings.map((h) => [h.level, h.line]), [[2, 0], [3, 2], [1, 6]]);
});

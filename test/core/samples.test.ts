// The five real reports in test/fixtures/samples and the exact diagnostics each must give, and why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core';
import { sample, summary } from './helpers';

test('000 济宁市人民政府办公室 2020 (2019 format): six unnumbered section headings, blank cells as hints, tables consistent', () => {
  const { doc, diagnostics } = analyze(sample('000'));
  assert.equal(doc.format.version, '2019');
  assert.equal(doc.title?.organ, '济宁市人民政府办公室');
  assert.equal(doc.year, 2020);
  // Every section title stands alone without its number (总体情况, 主动公开政府信息情况, …).
  // The tables add up: 52 + 1 = 53 new; （七）总计 53 + 四 0 = 一 53 + 二 0; 行政复议 1 = 1; 诉讼 1 = 1.
  // Published 2021年1月30日: on time for an office (1月31日). Narrative 受理 53 = table 53.
  assert.deepEqual(summary(diagnostics), [
    'section-numbering@8', 'section-numbering@41', 'section-numbering@115',
    'section-numbering@378', 'section-numbering@424', 'section-numbering@430',
  ]);
  // blank cells read as 0: one hint per blank cell of tables 3 and 4 (not a defect of the figures)
  const hints = diagnostics.filter((d) => d.severity === 'hint');
  assert.ok(hints.length > 100);
  assert.ok(hints.every((d) => d.code === 'blank-cell'));
});

test('001 安丘市人民政府办公室 2020 (2019 format): table 3 cut short, section 四 missing, stray (四) in table 1', () => {
  const { doc, diagnostics } = analyze(sample('001'));
  assert.equal(doc.format.version, '2019');
  // Tab-separated rows. Line 61/62: "(四) 第二十条第(一)项" and "(四) 信息内容" carry a stray "(四) ".
  // Line 96: the table stops after 7.属于行政执法案卷; 8., （四）…（七） and 四、 are gone.
  // Line 98: 五、 follows 三、 — 四、政府信息公开行政复议、行政诉讼情况 (and its table) is missing.
  // The row "三、 本年 度办 理结 果\t(一) 予以公开…" is a table row, not a section heading.
  assert.deepEqual(summary(diagnostics), ['table-label@61', 'table-label@62', 'table-shape@96', 'section-missing@98']);
  assert.equal(doc.sections.filter((s) => s.id === 'requests').length, 1);
});

test('002 济宁市城市管理局 2020 (2019 format): unit inside a number cell, 四 without its number', () => {
  const { doc, diagnostics } = analyze(sample('002'));
  assert.equal(doc.format.version, '2019');
  // Line 101: 采购总金额 "66.36万元" (counted as 66.36). Line 366: 政府信息公开行政复议、行政诉讼情况 without 四、.
  // －2 and -19 are in 本年增/减, the only column that may be negative; 2019 columns have no arithmetic link.
  assert.deepEqual(summary(diagnostics), ['cell-number@101', 'section-numbering@366']);
  const unit = diagnostics.find((d) => d.code === 'cell-number')!;
  assert.equal(unit.severity, 'warning');
  const penalty = doc.tables[0].rows.find((r) => r.id === 'penalty')!;
  assert.deepEqual(penalty.cells.map((c) => c.value), [134, -2, 132]);
});

test('003 小孟镇人民政府 2021 (2021 format): conversion debris, 附件3 统计表 parents that are not the sum of their sub-rows', () => {
  const { doc, diagnostics } = analyze(sample('003'));
  assert.equal(doc.format.version, '2021');
  // Lines 11, 14: [bookmark: _GoBack], [image: …]. The statistics table says 各子栏目数总数要等于总栏目数量:
  // line 465 （二）通过不同渠道和方式公开政府信息的情况 is 0 but 1.–5. add to 0+17+0+89+0 = 106;
  // line 562 五、查阅点接待人数 is 87 but （一）–（三） add to 0+0+1 = 1.
  assert.deepEqual(summary(diagnostics), ['conversion-debris@11', 'conversion-debris@14', 'sum-parent@465', 'sum-parent@562']);
  const p = diagnostics.filter((d) => d.code === 'sum-parent');
  assert.deepEqual(p.map((d) => [d.expected, d.actual]), [[106, 0], [1, 87]]);
  assert.match(p[1].message.zh, /应为 1，现为 87/);
});

test('004 嘉祥县人民政府办公室 2021 (2021 format): a cell missing in table 1', () => {
  const { doc, diagnostics } = analyze(sample('004'));
  assert.equal(doc.format.version, '2021');
  // Lines 33–36: 行政规范性文件 has two figures, then " \t第二十条第（五）项" follows with no blank line.
  assert.deepEqual(summary(diagnostics), ['table-shape@35']);
  assert.match(diagnostics[0].message.zh, /现行有效件数/);
});

// Each rule: a passing and a failing case, on small edits of real reports.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, check, parse } from '../../server/src/core';
import { codes, lineOf, sample, setLine, summary } from './helpers';

/** Sample 004 with its defects mended (a missing cell; its no-break spaces): a consistent 2021-format report. */
export function clean2021(): string {
  const t = sample('004').replace(/\u00a0/g, ' ');
  const i = lineOf(t, '行政规范性文件');
  const lines = t.split('\n');
  lines.splice(i + 3, 0, '\t0', '');
  return lines.join('\n');
}

/** Sample 002 with its defects mended: a consistent 2019-format report. */
export function clean2019(): string {
  let t = sample('002');
  t = t.replace('66.36万元', '66.36').replace('\n政府信息公开行政复议、行政诉讼情况', '\n四、政府信息公开行政复议、行政诉讼情况');
  return t;
}

test('the mended samples are clean', () => {
  assert.deepEqual(codes(clean2021()), []);
  assert.deepEqual(codes(clean2019()), []);
});

describe('section rules', () => {
  test('section-missing', () => {
    const t = clean2021();
    const i = lineOf(t, '五、存在的主要问题及改进情况');
    const r = analyze(setLine(t, i, '存在问题如下：'));
    assert.deepEqual(summary(r.diagnostics), [`section-missing@${lineOf(t, '六、其他需要报告的事项') + 1}`]);
    assert.match(r.diagnostics[0].message.zh, /缺少第五部分/);
  });
  test('section-order', () => {
    const t = clean2021();
    const a = lineOf(t, '五、存在的主要问题及改进情况');
    const b = lineOf(t, '六、其他需要报告的事项');
    let u = setLine(t, a, '六、其他需要报告的事项');
    u = setLine(u, b, '五、存在的主要问题及改进情况');
    assert.deepEqual(summary(analyze(u).diagnostics).filter((s) => s.startsWith('section-order')), [`section-order@${b + 1}`]);
  });
  test('section-duplicate', () => {
    const t = clean2021() + '\n六、其他需要报告的事项\n无\n';
    assert.deepEqual(codes(t), ['section-duplicate']);
  });
  test('section-numbering: wrong number and no number, with fixes', () => {
    const t = clean2021();
    const i = lineOf(t, '四、政府信息公开行政复议');
    const wrong = analyze(setLine(t, i, '三、政府信息公开行政复议、行政诉讼情况'));
    const d = wrong.diagnostics.find((x) => x.code === 'section-numbering')!;
    assert.equal(d.range.start.line, i);
    assert.equal(d.fixes?.[0].edits[0].newText, '四、');
    const none = analyze(setLine(t, i, '政府信息公开行政复议、行政诉讼情况'));
    assert.deepEqual(summary(none.diagnostics), [`section-numbering@${i + 1}`]);
  });
});

describe('format, year and deadline', () => {
  test('format-version: a report on 2020 in the 2021 layout, citing the 2021 notice', () => {
    const t = clean2021().replace(/2021年/g, '2020年');
    const r = analyze(t);
    assert.ok(r.diagnostics.some((d) => d.code === 'format-version' && d.severity === 'error'));
    assert.ok(r.diagnostics.some((d) => d.code === 'format-version' && d.severity === 'warning' && /〔2021〕/.test(d.message.zh)));
    assert.deepEqual(codes(clean2021()).filter((c) => c === 'format-version'), []);
    // other notices of 2019 may be cited (e.g. 国办公开办函〔2019〕51号): only 60号 is the 2019 format
    assert.deepEqual(codes(clean2021().replace('国办公开办函〔2021〕30号）要求编制。', '国办公开办函〔2021〕30号）和国办公开办函〔2019〕51号要求编制。')), []);
  });
  test('format-version: a report on 2021 in the 2019 layout', () => {
    const t = clean2019().replace('济宁市城市管理局2020年', '济宁市城市管理局2021年');
    assert.deepEqual(codes(t), ['format-version']);
  });
  test('year-mismatch: period and title disagree', () => {
    const t = clean2021().replace('统计期限自2021年1月1日起至2021年12月31日止', '统计期限自2020年1月1日起至2020年12月31日止');
    assert.deepEqual(codes(t), ['year-mismatch']);
  });
  test('deadline: an office publishes by 1月31日, a county government by 3月31日', () => {
    const office = clean2021();
    assert.deepEqual(codes(office + '\n嘉祥县人民政府办公室\n2022年1月20日\n'), []);
    assert.deepEqual(codes(office + '\n嘉祥县人民政府办公室\n2022年2月15日\n'), ['deadline']);
    const county = office.replace(/^嘉祥县人民政府办公室2021年/, '嘉祥县人民政府2021年');
    assert.deepEqual(codes(county + '\n嘉祥县人民政府\n2022年3月1日\n'), []);
    assert.deepEqual(codes(county + '\n嘉祥县人民政府\n2022年4月1日\n'), ['deadline']);
    const town = sample('003');
    assert.ok(!codes(town + '\n2022年1月30日\n').includes('deadline'));
    assert.ok(codes(town + '\n2022年3月1日\n').includes('deadline'), 'a township government publishes by 1月31日');
  });
  test('year-mismatch: published within the report year', () => {
    assert.deepEqual(codes(clean2021() + '\n2021年12月20日\n'), ['year-mismatch']);
  });
  test('title-missing', () => {
    const t = clean2021();
    assert.deepEqual(codes(setLine(t, 0, '')), ['title-missing']);
  });
});

describe('table rules', () => {
  test('table-missing: section 四 without its table', () => {
    const t = clean2021();
    const a = lineOf(t, '\t行政复议');
    const b = lineOf(t, '五、存在的主要问题');
    const lines = t.split('\n');
    lines.splice(a, b - a);
    const d = analyze(lines.join('\n')).diagnostics.filter((x) => x.severity !== 'hint');
    assert.deepEqual(d.map((x) => x.code), ['table-missing']);
    assert.match(d[0].message.en, /^Section 4 \(四、政府信息公开行政复议、行政诉讼情况\)/);
  });
  test('table-shape: an extra cell in table 3', () => {
    const t = clean2021();
    const i = lineOf(t, '一、本年新收政府信息公开申请数量');
    const lines = t.split('\n');
    lines.splice(i + 8, 0, '\t0');
    const r = analyze(lines.join('\n'));
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['table-shape']);
    assert.match(r.diagnostics[0].message.zh, /多出 1 个单元格/);
  });
  /** `text` without the row that holds `label` (its lines from the blank line before to the next). */
  const withoutRow = (text: string, label: string): string => {
    const lines = text.split('\n');
    let a = lineOf(text, label);
    while (a > 0 && lines[a - 1].trim() !== '') a--;
    let b = a;
    while (lines[b].trim() !== '') b++;
    lines.splice(a, b - a + 1);
    return lines.join('\n');
  };
  test('table-shape: a row missing in the middle of table 3 is named, at the next row found', () => {
    const t = withoutRow(clean2021(), '\t（二）部分公开');
    const d = analyze(t).diagnostics.filter((x) => x.code === 'table-shape');
    assert.equal(d.length, 1);
    assert.match(d[0].message.zh, /^表格缺少行「（二）部分公开/);
    assert.match(d[0].message.en, /lacks the row "（二）部分公开/);
    // the next row of the format found is （三）1.属于国家秘密: its row starts with the two empty
    // cells before its group's label （三）不予公开 (sample 004's layout)
    assert.equal(d[0].range.start.line, lineOf(t, '\t（三）不予公开') - 2);
    assert.ok(d[0].range.end.line > lineOf(t, '\t1.属于国家秘密'));
  });
  test('table-shape: a row missing in a block of table 1 is named with its block, at the next row of that block', () => {
    const t = withoutRow(clean2021(), '\t规章');
    const d = analyze(t).diagnostics.filter((x) => x.code === 'table-shape');
    assert.equal(d.length, 1);
    assert.match(d[0].message.zh, /^表格缺少行「第二十条第（一）项 规章」/);
    assert.equal(d[0].range.start.line, lineOf(t, '\t行政规范性文件'));
  });
  test('table-label: an unknown label with the nearest official one', () => {
    const t = clean2021();
    const i = lineOf(t, '\t规章');
    const r = analyze(setLine(t, i, '\t规定章程'));
    const d = r.diagnostics.find((x) => x.code === 'table-label')!;
    assert.ok(d, 'table-label reported');
    assert.match(d.message.zh, /最接近的标准标签是「规章」/);
    // accepted variants: 其它处理, “三安全、一稳定”, labels wrapped over two lines
    assert.deepEqual(codes(sample('000')).filter((c) => c === 'table-label'), []);
    assert.deepEqual(codes(sample('003')).filter((c) => c === 'table-label'), []);
  });
  test('cell-number: text where a number must be', () => {
    const t = clean2021();
    const i = lineOf(t, '二、上年结转政府信息公开申请数量');
    const r = analyze(setLine(t, i + 2, '\t无'));
    const d = r.diagnostics.filter((x) => x.code === 'cell-number');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'error');
    assert.equal(d[0].fixes?.[0].edits[0].newText, '0');
  });
  test('cell-negative: only 本年增/减 may be negative', () => {
    const t = clean2021();
    const i = lineOf(t, '\t规章');
    assert.deepEqual(codes(setLine(t, i + 1, '\t-1')), ['cell-negative']);
    assert.deepEqual(codes(sample('002')).filter((c) => c === 'cell-negative'), []); // －2 and -19 in 本年增/减
  });
});

describe('totals', () => {
  const base = clean2021();
  const r1 = lineOf(base, '（一）予以公开');
  test('sum-row: 总计 ≠ the applicant columns, with the expected value and a fix that keeps the layout', () => {
    const t = setLine(base, r1 + 7, '\t3');
    const r = analyze(t);
    assert.deepEqual(summary(r.diagnostics), [`sum-row@${r1 + 8}`]);
    const d = r.diagnostics[0];
    assert.equal(d.expected, 2);
    assert.equal(d.actual, 3);
    assert.match(d.message.zh, /应为 2，现为 3/);
    assert.equal(d.related?.length, 6);
    assert.equal(d.fixes?.[0].title.zh, '重新计算合计：应为 2');
  });
  test('sum-column: （七）总计 ≠ the sum of the sub-rows', () => {
    const r7 = lineOf(base, '（七）总计');
    const t = setLine(base, r7 + 1, '\t9');
    const r = analyze(t);
    assert.deepEqual(summary(r.diagnostics), [`sum-column@${r7 + 2}`]);
    assert.equal(r.diagnostics[0].expected, 10);
  });
  test('balance: 一 + 二 ≠ 三（七） + 四, reported once per column', () => {
    const next = lineOf(base, '四、结转下年度继续办理');
    let t = setLine(base, next + 1, '\t1');
    t = setLine(t, next + 7, '\t1');
    const r = analyze(t);
    // the text of 004 says 结转下年度继续办理0件: narrative-mismatch rightly joins in
    assert.deepEqual(r.diagnostics.map((d) => d.code).filter((c) => c !== 'narrative-mismatch'), ['balance', 'balance']);
    assert.match(r.diagnostics.find((d) => d.code === 'balance')!.message.zh, /一（10）\+ 二（0）= 10，三（七）总计（10）\+ 四（1）= 11/);
  });
  test('review-total: 行政复议 总计 ≠ its four results', () => {
    const review = parse(base).tables.find((x) => x.kind === 'review')!;
    const data = review.rows[0].cells[0].range.start.line; // 结果维持 (sample 004 writes it "\t\u00a00")
    const t = setLine(base, data, '\t2');
    const r = analyze(t);
    assert.deepEqual(summary(r.diagnostics), [`review-total@${data + 5}`]);
    assert.equal(r.diagnostics[0].expected, 2);
  });
  test('sum-parent: a 其中 row larger than its parent', () => {
    const t = sample('003');
    const i = lineOf(t, '其中：主要负责同志参加新闻发布会次数');
    const r = analyze(setLine(t, i + 2, '\t5'));
    assert.ok(r.diagnostics.some((d) => d.code === 'sum-parent' && d.range.start.line === i + 2 && /大于上级栏目/.test(d.message.zh)));
  });
  test('sum-parent passes when parents add up', () => {
    const t = sample('003').replace('\t0\n\n\t　　　　　1.政府公报', '\t106\n\n\t　　　　　1.政府公报');
    const i = lineOf(t, '五、查阅点接待人数');
    const r = analyze(setLine(t, i + 2, '\t1'));
    assert.deepEqual(r.diagnostics.filter((d) => d.code === 'sum-parent'), []);
  });
});

describe('hints', () => {
  test('blank-cell: hints with a fill for the cell and for the table', () => {
    const r = analyze(sample('000'));
    const h = r.diagnostics.filter((d) => d.code === 'blank-cell');
    assert.ok(h.length > 100);
    assert.equal(h[0].severity, 'hint');
    assert.equal(h[0].fixes?.[0].edits[0].newText, '0');
    assert.ok((h[0].fixes?.[1].edits.length ?? 0) > 1);
    assert.deepEqual(analyze(clean2021()).diagnostics.filter((d) => d.code === 'blank-cell'), []);
  });
  test('blank-cell: fixes built when first read, once; the table fill shares each cell\'s edit; JSON carries them', () => {
    const h = analyze(sample('000')).diagnostics.filter((d) => d.code === 'blank-cell');
    const [a, b] = [h[0].fixes!, h[1].fixes!];
    assert.equal(h[0].fixes, a, 'the same list when read again');
    assert.equal(a[1], b[1], 'one table fill for the table');
    assert.equal(a[0].edits[0], a[1].edits[0]);
    assert.equal(b[0].edits[0], a[1].edits[1]);
    assert.deepEqual(a[0].edits[0].range, h[0].range);
    const json = JSON.parse(JSON.stringify(h[2]));
    assert.equal(json.code, 'blank-cell');
    assert.equal(json.fixes[0].edits[0].newText, '0');
    assert.deepEqual(json.fixes[0].edits[0].range, JSON.parse(JSON.stringify(h[2].range)));
  });
  test('conversion-debris: the fix removes the whole debris line', () => {
    const r = analyze(sample('003'));
    const d = r.diagnostics.filter((x) => x.code === 'conversion-debris');
    assert.equal(d.length, 2);
    assert.equal(d[1].fixes?.[0].edits[0].range.end.line, d[1].range.start.line + 1);
  });
});

test('rule settings: off and severity overrides', () => {
  const doc = parse(sample('002'));
  assert.deepEqual(check(doc, { rules: { 'section-numbering': 'off' } }).map((d) => d.code), ['cell-number']);
  assert.equal(check(doc, { rules: { 'cell-number': 'error' } }).find((d) => d.code === 'cell-number')?.severity, 'error');
});

test('format override', () => {
  const doc = parse(sample('004'), { format: '2019' });
  assert.equal(doc.format.version, '2019');
  assert.equal(doc.format.source, 'override');
});

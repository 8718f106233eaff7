// The web-page reader on pages built here: a report inside site chrome, tables with rowspan and
// colspan variants, Word's HTML export (mso styles, <o:p>, conditional comments), a GBK-encoded
// page declared in <meta http-equiv>, a UTF-8 BOM, empty cells as &nbsp;. The text is read back by
// the core: every figure must land in its cell.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import { analyze, type ReportDocument } from '../../server/src/core';
import { HTML_LIMITS, HtmlImportError, htmlToText } from '../../server/src/import/html';

const TITLE = '某某区人民政府2024年政府信息公开工作年度报告';

/** The applications table as a government CMS writes it: the official merged header. */
function requestsTable(opts: { cell?: (s: string) => string; blank?: string; splitHeader?: boolean } = {}): string {
  const c = opts.cell ?? ((s: string) => s);
  const td = (s: string, attrs = '') => `<td${attrs}>${s === '' ? (opts.blank ?? '&nbsp;') : c(s)}</td>`;
  const head = opts.splitHeader ? '<p>社会</p><p>公益&nbsp;</p><p>组织</p>' : '社会公益组织';
  const rows: string[] = [
    `<tr>${td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${td('申请人情况', ' colspan="7"')}</tr>`,
    `<tr>${td('自然人', ' rowspan="2"')}${td('法人或其他组织', ' colspan="5"')}${td('总计', ' rowspan="2"')}</tr>`,
    `<tr>${td('商业<br/>企业')}${td('科研机构')}<td>${head}</td>${td('法律服务机构')}${td('其他')}</tr>`,
    `<tr>${td('一、本年新收政府信息公开申请数量', ' colspan="3"')}${['5', '1', '0', '0', '0', '0', '6'].map((v) => td(v)).join('')}</tr>`,
    `<tr>${td('二、上年结转政府信息公开申请数量', ' colspan="3"')}${['0', '0', '0', '0', '0', '0', '0'].map((v) => td(v)).join('')}</tr>`,
    `<tr>${td('三、本年度办理结果', ' rowspan="22"')}${td('（一）予以公开', ' colspan="2"')}${['3', '1', '0', '0', '0', '0', '4'].map((v) => td(v)).join('')}</tr>`,
    `<tr>${td('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ' colspan="2"')}${['1', '0', '0', '0', '0', '0', '1'].map((v) => td(v)).join('')}</tr>`,
  ];
  const groups: [string, string[]][] = [
    ['（三）不予公开', ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项']],
    ['（四）无法提供', ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确']],
    ['（五）不予处理', ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息']],
    ['（六）其他处理', ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他']],
  ];
  for (const [g, items] of groups) {
    items.forEach((item, i) => {
      const v = g.startsWith('（四）') && i === 0 ? ['1', '0', '0', '0', '0', '0', '1'] : ['', '', '', '', '', '', ''];
      rows.push(`<tr>${i === 0 ? td(g, ` rowspan="${items.length}"`) : ''}${td(item)}${v.map((x) => td(x)).join('')}</tr>`);
    });
  }
  rows.push(`<tr>${td('（七）总计', ' colspan="2"')}${['5', '1', '0', '0', '0', '0', '6'].map((v) => td(v)).join('')}</tr>`);
  rows.push(`<tr>${td('四、结转下年度继续办理', ' colspan="3"')}${['0', '0', '0', '0', '0', '0', '0'].map((v) => td(v)).join('')}</tr>`);
  return `<table border="1" style="border-collapse:collapse">${rows.join('\n')}</table>`;
}

function reviewTable(): string {
  const h = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return `<table>
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">${h[0]}</td><td rowspan="2">${h[1]}</td><td rowspan="2">${h[2]}</td><td rowspan="2">${h[3]}</td><td rowspan="2">${h[4]}</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr>${[...h, ...h].map((x) => `<td>${x}</td>`).join('')}</tr>
<tr>${[2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1].map((v) => `<td><p><span>${v}</span></p></td>`).join('')}</tr>
</table>`;
}

function report(body: { requests: string; review?: string }): string {
  return `<h1>${TITLE}</h1>
<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>
<p>一、总体情况</p><p>2024年，本区收到政府信息公开申请6件。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td><td>1</td><td>9</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr><tr><td>行政许可</td><td colspan="3">120</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr><tr><td>行政处罚</td><td colspan="3">7</td></tr><tr><td>行政强制</td><td colspan="3">0</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr><tr><td>行政事业性收费</td><td colspan="3">12.5</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>
${body.requests}
<p>四、政府信息公开行政复议、行政诉讼情况</p>
${body.review ?? reviewTable()}
<p>五、存在的主要问题及改进情况</p><p>无。</p>
<p>六、其他需要报告的事项</p><p>无。</p>`;
}

function check(doc: ReportDocument): void {
  const req = doc.tables.find((t) => t.kind === 'requests');
  assert.ok(req, 'no applications table');
  const row = (id: string) => req.rows.find((r) => r.id === id)?.cells.map((c) => c.value);
  assert.deepEqual(row('new'), [5, 1, 0, 0, 0, 0, 6]);
  assert.deepEqual(row('r1'), [3, 1, 0, 0, 0, 0, 4]);
  assert.deepEqual(row('r4.1'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(row('r7'), [5, 1, 0, 0, 0, 0, 6]);
  assert.equal(req.rows.length, 25);
  assert.deepEqual(req.missingRows, []);
  const rev = doc.tables.find((t) => t.kind === 'review');
  assert.deepEqual(rev?.rows[0].cells.map((c) => c.value), [2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
  const active = doc.tables.find((t) => t.kind === 'active');
  assert.deepEqual(active?.rows.map((r) => r.cells.map((c) => c.value)), [[0, 0, 0], [2, 1, 9], [120], [7], [0], [12.5]]);
}

/** The table rows are on the full grid: every figure in its grid column, spanned slots empty. */
function grid(text: string): void {
  const lines = text.split('\n');
  const has = (l: string) => assert.ok(lines.includes(l), `missing line ${JSON.stringify(l)} in:\n${text}`);
  has('一、本年新收政府信息公开申请数量\t\t\t5\t1\t0\t0\t0\t0\t6');
  has('三、本年度办理结果\t（一）予以公开\t\t3\t1\t0\t0\t0\t0\t4');
  has('\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1');
  has('\t\t2.没有现成信息需要另行制作\t\t\t\t\t\t\t');
  has('\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t');
  has('结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t');
  has('行政许可\t120\t\t');
  // every row of the applications table has 10 cells
  const start = lines.findIndex((l) => l.startsWith('（本列数据'));
  const end = lines.findIndex((l) => l.startsWith('四、结转下年度继续办理'));
  for (const l of lines.slice(start, end + 1)) assert.equal(l.split('\t').length, 10, l);
}

function noErrors(text: string): ReportDocument {
  grid(text);
  const { doc, diagnostics } = analyze(text);
  const bad = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  assert.deepEqual(bad.map((d) => `${d.range.start.line + 1} ${d.code} ${d.message.zh}`), []);
  return doc;
}

describe('web-page reader', () => {
  test('a report inside site chrome: menus, breadcrumbs, metadata table and footer dropped; the text starts at the title', () => {
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>${TITLE}_某某区人民政府</title><script>var x = "<table>";</script><style>td{}</style></head>
<body><div class="top"><ul class="menu"><li>首页</li><li>政务公开</li><li>互动交流</li></ul></div>
<div class="crumb">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="main"><table class="meta"><tr><td>索引号：</td><td>11320000/2025-00001</td><td>发布机构：</td><td>区政府办</td></tr></table>
<div class="article"><div class="title">${TITLE}</div><div class="content">${report({ requests: requestsTable() })}</div></div></div>
<div class="footer">主办单位：某某区人民政府办公室 版权所有 网站标识码 3201000001</div></body></html>`;
    const { text, map } = htmlToText(Buffer.from(page));
    assert.ok(text.startsWith(`${TITLE}\n`), text.slice(0, 200));
    for (const chrome of ['首页', '索引号', '主办单位', 'var x']) assert.ok(!text.includes(chrome), chrome);
    check(noErrors(text));
    // the map: the figure 120 of 行政许可 is in the first table, row 7 (0-based 6), column 2 (0-based 1)
    const line = text.split('\n').findIndex((l) => l.startsWith('行政许可\t'));
    const e = map.find((m) => m.line === line && m.start > 0);
    assert.deepEqual(e?.place, { kind: 'html', table: 0, row: 6, column: 1 });
  });

  test('rowspan/colspan variants: header words split over <p> with &nbsp;, <br> in headers, figures in <p><span>, empty cells as &nbsp; or nothing', () => {
    for (const variant of [
      { splitHeader: true, cell: (s: string) => `<p style="text-align:center"><span style="font-size:12px">${s}</span></p>`, blank: '&nbsp;' },
      { splitHeader: true, cell: (s: string) => `<font face="宋体">${s}</font>`, blank: '' },
      { splitHeader: false, blank: '<p>&nbsp;</p>' },
    ]) {
      const { text } = htmlToText(report({ requests: requestsTable(variant) }));
      check(noErrors(text));
      assert.match(text, /\t社会公益组织\t/);
      assert.match(text, /\t商业企业\t/);
    }
  });

  test("Word's HTML export: mso styles, <o:p>, conditional comments, GBK declared in http-equiv", () => {
    const word = (s: string) => `<p class=MsoNormal align=center style='text-align:center;mso-pagination:widow-orphan'><span lang=EN-US style='font-size:10.5pt;mso-bidi-font-family:宋体'>${s}<o:p></o:p></span></p>`;
    const page = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--><style><!-- p.MsoNormal {mso-style-parent:""} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${TITLE}<o:p></o:p></span></b></p>
${report({ requests: requestsTable({ cell: word, blank: word('&nbsp;') }) }).replace(`<h1>${TITLE}</h1>`, '')}
<![if !supportLists]><span style='mso-list:Ignore'>·</span><![endif]>
</div></body></html>`;
    const bytes = iconv.encode(page, 'gbk');
    const { text } = htmlToText(bytes);
    assert.ok(text.startsWith(`${TITLE}\n`), text.slice(0, 100));
    check(noErrors(text));
  });

  test('encodings: GB18030 by <meta charset>, UTF-8 with a BOM, undeclared GBK', () => {
    const page = report({ requests: requestsTable() });
    const gb = htmlToText(iconv.encode(`<meta charset="GB18030">${page}`, 'gb18030')).text;
    const bom = htmlToText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)])).text;
    const bare = htmlToText(iconv.encode(page, 'gbk')).text;
    for (const t of [gb, bom, bare]) {
      assert.ok(t.startsWith(`${TITLE}\n`), t.slice(0, 80));
      check(noErrors(t));
    }
  });
});

describe('web-page reader: limits, checked while reading', () => {
  /** The error `htmlToText` throws for a page (it must throw an HtmlImportError). */
  function refused(page: string): HtmlImportError {
    try {
      htmlToText(page);
    } catch (e) {
      assert.ok(e instanceof HtmlImportError, `not an HtmlImportError: ${(e as Error)?.stack ?? e}`);
      return e;
    }
    assert.fail('no error');
  }
  const lowered = <T>(limits: Partial<typeof HTML_LIMITS>, f: () => T): T => {
    const saved = { ...HTML_LIMITS };
    Object.assign(HTML_LIMITS, limits);
    try {
      return f();
    } finally {
      Object.assign(HTML_LIMITS, saved);
    }
  };

  test('nesting deeper than the limit (1000 levels), a table whose merged cells spread over a million slots', () => {
    const deep = refused(`<body>${'<div>'.repeat(HTML_LIMITS.depth + 1)}深${'</div>'.repeat(HTML_LIMITS.depth + 1)}</body>`);
    assert.equal(deep.code, 'too-deep');
    assert.equal(deep.message, '网页中的元素嵌套过深（超过 1000 层）');
    assert.equal(deep.messageEn, "The web page's elements are nested too deep (over 1000 levels)");
    // the depth is the tree's: as many closed siblings as that are fine
    assert.match(htmlToText(`<body>${'<div>行</div>'.repeat(HTML_LIMITS.depth + 1)}</body>`).text, /^行$/m);
    const wide = refused(`<table><tr>${'<td colspan="1000">1</td>'.repeat(1001)}</tr></table>`);
    assert.equal(wide.code, 'table-too-large');
    assert.equal(wide.message, '网页中的第 1 个表格过大（合并单元格展开后超过 1000000 格）');
    const tall = refused(`<table><tr>${'<td colspan="1000" rowspan="0">1</td>'}</tr>${'<tr></tr>'.repeat(1001)}</table>`);
    assert.equal(tall.code, 'table-too-large');
  });

  test('too many elements, too large, too long (limits lowered to test them)', () => {
    const page = `<body>${'<p>段落</p>'.repeat(10_000)}</body>`;
    const many = lowered({ elements: 5_000 }, () => refused(page));
    assert.equal(many.code, 'too-many-elements');
    assert.equal(many.message, '网页中的元素过多（超过 5000 个）');
    assert.equal(many.messageEn, 'The web page has too many elements (over 5000)');
    const big = lowered({ bytes: 1024 }, () => refused(page));
    assert.equal(big.code, 'too-large');
    assert.equal(big.messageEn, 'The web page is too large (over 0.0009765625 MB)');
    const late = lowered({ ms: -1 }, () => refused(page));
    assert.equal(late.code, 'timeout');
    assert.match(late.message, /^读取网页超时/);
    // within the limits the same page reads
    assert.equal(htmlToText(page).text.split('\n').filter(Boolean).length, 10_000);
  });
});

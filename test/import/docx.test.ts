// Word import tests: REAL .docx files (built with the `docx` package, or hand-written packages)
// are converted and the plain-text layout is checked against the samples' conventions.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { DocxImportError, docxToText, formatNumber } from '../../server/src/import/docx';
import { run } from '../../server/src/cli/import';
import {
  TITLE_2019,
  TABLE4_RESULTS,
  TABLE4_VALUES,
  TITLE,
  W,
  buildReportDocx,
  emptyDocx,
  p,
  rawDocx,
  table1Blocks,
  table3Rows,
  tbl,
  tc,
  tr,
} from './report-docx';
import { maskNumbers, readTables } from './layout';

const root = path.resolve(__dirname, '../../..');
const samplesDir = path.join(root, 'test/fixtures/samples');

/** The lines of table 3 as the samples write it (header rows, merged label cells, 7 numbers). */
function expectedTable3(broken = false, format: '2019' | '2021' = '2021'): string[] {
  const lines = [
    '\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    '\t申请人情况',
    '',
    '\t',
    '\t自然人',
    '\t法人或其他组织',
    '\t总计',
    '',
    '\t',
    '\t',
    '\t商业',
    '企业',
    '\t科研',
    '机构',
    '\t社会公益组织',
    '\t法律服务机构',
    '\t其他',
    '\t',
    '',
  ];
  let seen3 = false;
  let group = '';
  for (const r of table3Rows(broken, format)) {
    if (r.labels.length === 1) {
      lines.push(`\t${r.labels[0]}`);
    } else {
      lines.push(seen3 ? '\t' : `\t${r.labels[0]}`);
      seen3 = true;
      if (r.labels.length === 2) lines.push(`\t${r.labels[1]}`);
      else lines.push(r.labels[1] === group ? '\t' : `\t${r.labels[1]}`, `\t${r.labels[2]}`);
      group = r.labels[1];
    }
    for (const v of r.values) lines.push(`\t${v}`);
    lines.push('');
  }
  lines.push(''); // the table ends with a second blank line
  return lines;
}

function expectedTable1(format: '2019' | '2021' = '2021'): string[] {
  const lines: string[] = [];
  for (const b of table1Blocks(format)) {
    lines.push(`\t${b.title}`, '');
    for (const r of [b.columns, ...b.rows]) lines.push(...r.map((c) => `\t${c}`), '');
  }
  lines.push('');
  return lines;
}

function expectedTable4(): string[] {
  return [
    '\t行政复议',
    '\t行政诉讼',
    '',
    ...TABLE4_RESULTS.map((t) => `\t${t}`),
    '\t未经复议直接起诉',
    '\t复议后起诉',
    '',
    ...Array(5).fill('\t'),
    ...[...TABLE4_RESULTS, ...TABLE4_RESULTS].map((t) => `\t${t}`),
    '',
    ...TABLE4_VALUES.map((v) => `\t${v}`),
    '',
    '',
  ];
}

/** Asserts that `fn` rejects with a DocxImportError of `code` carrying both messages. */
async function assertImportError(promise: Promise<unknown>, code: string): Promise<DocxImportError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DocxImportError, `expected DocxImportError, got ${String(e)}`);
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    assert.match(e.message, /[\u4e00-\u9fff]/, 'message is Chinese');
    assert.match(e.messageEn, /[A-Za-z]{3,} [A-Za-z]{2,}/, 'messageEn is English');
    assert.doesNotMatch(e.messageEn, /[\u4e00-\u9fff]{2}/, 'messageEn has no Chinese sentence');
    return e;
  }
  assert.fail(`expected a DocxImportError (${code})`);
}

// ---------------------------------------------------------------- the official report

describe('docxToText: a 2021-format report made in Word', () => {
  let text = '';
  let lines: string[] = [];
  before(async () => {
    text = await docxToText(await buildReportDocx());
    lines = text.split('\n');
  });

  test('paragraphs: one line each, in body order; tab → space, break → new line; headings as plain text', () => {
    assert.equal(lines[0], TITLE);
    assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'one final newline');
    assert.ok(!text.includes('\r'));
    const order = [
      TITLE,
      '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。',
      '一、总体情况',
      '2021年，示例区 坚持以公开为常态',
      '不公开为例外。',
      '全年主动公开政府信息1234条。',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '一是公开内容不够全面；二是解读形式较为单一。',
      '六、其他需要报告的事项',
      '本年度未收取信息处理费。',
      '示例市示例区人民政府',
      '2022年1月20日',
    ];
    let at = -1;
    for (const want of order) {
      const i = lines.indexOf(want, at + 1);
      assert.ok(i > at, `"${want}" after line ${at}`);
      at = i;
    }
    // No tab inside a paragraph: every line with a tab is a table cell line starting with it.
    for (const l of lines) assert.ok(!l.slice(1).includes('\t'), `tab inside a line: ${JSON.stringify(l)}`);
  });

  test('headers and footers are not imported', () => {
    assert.ok(!text.includes('页眉'));
    assert.ok(!/第 .* 页/.test(text));
  });

  test('revisions: deleted text (w:del) is skipped, inserted text (w:ins) kept; hidden text skipped', () => {
    assert.ok(lines.includes('全年主动公开政府信息1234条。'));
    assert.ok(!text.includes('999'));
    assert.ok(!text.includes('隐藏的批注'));
  });

  test('exactly three tables, each right under its section heading', () => {
    const tables = readTables(text);
    assert.equal(tables.length, 3);
    assert.equal(lines[tables[0].startLine - 1], '二、主动公开政府信息情况');
    assert.equal(lines[tables[1].startLine - 1], '三、收到和处理政府信息公开申请情况');
    assert.equal(lines[tables[2].startLine - 1], '四、政府信息公开行政复议、行政诉讼情况');
  });

  test('table 1: block titles (gridSpan 4) once, spanning number cells once', () => {
    assert.deepEqual(readTables(text)[0].lines, expectedTable1());
  });

  test('table 3: merged header and row labels laid out as the samples write them', () => {
    assert.deepEqual(readTables(text)[1].lines, expectedTable3());
  });

  test('table 3: every data row has 3 label cells (or 1 spanning) and its 7 numbers in their columns', () => {
    const t3 = readTables(text)[1];
    const header = t3.rows.slice(0, 3);
    assert.deepEqual(header.map((r) => r.length), [2, 4, 8]);
    const data = t3.rows.slice(3);
    const want = table3Rows();
    assert.equal(data.length, want.length);
    data.forEach((row, i) => {
      const labels = row.slice(0, row.length - 7);
      assert.equal(labels.length, want[i].labels.length === 1 ? 1 : want[i].labels.length, `row ${i} label cells`);
      assert.deepEqual(row.slice(-7).map(Number), want[i].values, `row ${i} (${want[i].labels.join('/')}) numbers`);
    });
    // Spot checks by column: 自然人 of 一、; 法律服务机构 of （四）1.; 总计 of 四、.
    assert.deepEqual(data[0], ['一、本年新收政府信息公开申请数量', '40', '5', '1', '0', '2', '1', '49']);
    assert.deepEqual(data.find((r) => r.includes('1.本机关不掌握相关政府信息')), ['', '（四）无法提供', '1.本机关不掌握相关政府信息', '8', '1', '0', '0', '1', '0', '10']);
    assert.deepEqual(data.find((r) => r.includes('2.其他法律行政法规禁止公开')), ['', '', '2.其他法律行政法规禁止公开', '0', '0', '0', '0', '0', '0', '0']);
    assert.deepEqual(data.at(-1), ['四、结转下年度继续办理', '4', '1', '0', '0', '0', '0', '5']);
  });

  test('table 3 has the same shape as table 3 of sample 003 (numbers masked)', () => {
    const sample = fs.readFileSync(path.join(samplesDir, '003_f66fc89e634cbc5e.txt'), 'utf8').replace(/\r\n/g, '\n');
    const sampleT3 = readTables(sample).find((t) => t.lines[0].startsWith('\t（本列数据的勾稽关系'));
    assert.ok(sampleT3, 'sample 003 has table 3');
    assert.deepEqual(maskNumbers(readTables(text)[1].lines), maskNumbers(sampleT3.lines));
  });

  test('table 3 header rows look like sample 000 (corner, 自然人/法人或其他组织/总计, continuation cells)', () => {
    const sample = fs.readFileSync(path.join(samplesDir, '000_b9f34f200907864a.txt'), 'utf8').replace(/\r\n/g, '\n');
    const sampleT3 = readTables(sample).find((t) => t.lines[0].startsWith('\t（本列数据的勾稽关系'));
    assert.ok(sampleT3);
    const ours = readTables(text)[1];
    // Sample 000 writes 商业企业 on one line; compare the rows' cell counts and merged cells.
    assert.deepEqual(ours.rows.slice(0, 3).map((r) => r.map((c) => c.replace('\n', ''))), sampleT3.rows.slice(0, 3));
    const r3 = (rows: string[][]): string[] | undefined => rows.find((r) => r[0] === '三、本年度办理结果');
    // Its 三、本年度办理结果 row: the merged label once, then the sub-label, then 7 number cells.
    assert.deepEqual(r3(ours.rows)?.slice(0, -7), r3(sampleT3.rows)?.slice(0, -7));
    assert.equal(r3(ours.rows)?.length, r3(sampleT3.rows)?.length);
    // Its continuation rows start with an empty cell for the merged label.
    const cont = (rows: string[][]): string[][] => rows.filter((r) => r[1]?.startsWith('（三）不予公开') || r[2]?.startsWith('2.其他法律')).map((r) => r.slice(0, -7));
    assert.equal(cont(ours.rows).length, 2);
    assert.deepEqual(cont(ours.rows), cont(sampleT3.rows));
  });

  test('table 4: 行政复议/行政诉讼 header merges; 15 numbers in one row', () => {
    const t4 = readTables(text)[2];
    assert.deepEqual(t4.lines, expectedTable4());
    assert.deepEqual(t4.rows.map((r) => r.length), [2, 7, 15, 15]);
  });

  test('table 4 has the shape of sample 003 (wrapped labels unwrapped, numbers masked)', () => {
    const sample = fs.readFileSync(path.join(samplesDir, '003_f66fc89e634cbc5e.txt'), 'utf8');
    const s4 = readTables(sample).find((t) => t.lines[0] === '\t行政复议');
    assert.ok(s4);
    const unwrap = (rows: string[][]): string[][] => rows.map((r) => r.map((c) => c.replace(/\n/g, '').replace(/^\d+$/, '#')));
    assert.deepEqual(unwrap(readTables(text)[2].rows), unwrap(s4.rows));
  });

  test('Word automatic numbering (chineseCounting “%1、”) gives the same text as typed numbers', async () => {
    assert.equal(await docxToText(await buildReportDocx({ autoNumbering: true })), text);
  });

  test('a broken total is carried over as written', async () => {
    const broken = await docxToText(await buildReportDocx({ brokenTotal: true }));
    assert.deepEqual(readTables(broken)[1].lines, expectedTable3(true));
    assert.notDeepEqual(expectedTable3(true), expectedTable3(false));
  });
});

describe('docxToText: a 2019-format report (report on 2020) made in Word', () => {
  let text = '';
  before(async () => {
    text = await docxToText(await buildReportDocx({ format: '2019' }));
  });

  test('title, tables 1 and 3 laid out as the samples write them', () => {
    assert.equal(text.split('\n')[0], TITLE_2019);
    const tables = readTables(text);
    assert.equal(tables.length, 3);
    assert.deepEqual(tables[0].lines, expectedTable1('2019'));
    assert.deepEqual(tables[1].lines, expectedTable3(false, '2019'));
    assert.deepEqual(tables[2].lines, expectedTable4());
  });

  test('the three tables have the shape of sample 002 (2019 format): same cells per row, same labels', () => {
    const sample = fs.readFileSync(path.join(samplesDir, '002_d781839bf5bfcca4.txt'), 'utf8').replace(/\r\n/g, '\n');
    const theirs = readTables(sample);
    const ours = readTables(text);
    assert.equal(theirs.length, 3);
    const unwrap = (c: string): string => c.replace(/\n/g, '');
    const labels = (rows: string[][], numbers: (r: string[]) => number): string[][] => rows.map((r) => r.slice(0, r.length - numbers(r)).map(unwrap));
    // Table 1: the label is the first cell of a data row; header rows are all labels.
    const t1n = (r: string[]): number => (r.length > 1 && /^[-－]?\d/.test(r[1]) ? r.length - 1 : 0);
    assert.deepEqual(labels(ours[0].rows, t1n), labels(theirs[0].rows, t1n));
    assert.deepEqual(ours[0].rows.map((r) => r.length), theirs[0].rows.map((r) => r.length));
    // Table 3: 7 number cells after the labels of each data row.
    const t3n = (r: string[]): number => (r.length >= 8 && /^\d*$/.test(r[r.length - 1]) && r.some((c) => /[一二三四]、|（[一二三四五六七]）|^\d\./.test(c)) ? 7 : 0);
    assert.deepEqual(labels(ours[1].rows, t3n), labels(theirs[1].rows, t3n));
    assert.deepEqual(ours[1].rows.map((r) => r.length), theirs[1].rows.map((r) => r.length));
    // Table 4: identical header rows, 15 numbers.
    assert.deepEqual(ours[2].rows.slice(0, 3), theirs[2].rows.slice(0, 3));
    assert.deepEqual(ours[2].rows.map((r) => r.length), theirs[2].rows.map((r) => r.length));
  });
});

// ---------------------------------------------------------------- WordprocessingML details

describe('docxToText: WordprocessingML details', () => {
  test('an empty document gives empty output', async () => {
    assert.equal(await docxToText(await emptyDocx()), '');
    assert.equal(await docxToText(await rawDocx('')), '');
    assert.equal(await docxToText(await rawDocx('<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>')), '');
  });

  test('runs are concatenated; w:tab → space; w:br/w:cr → new line; tab characters in w:t → space', async () => {
    const body =
      '<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>总体</w:t></w:r><w:r><w:t>情况</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t xml:space="preserve">丁&#9;戊</w:t></w:r></w:p>';
    assert.equal(await docxToText(await rawDocx(body)), '一、总体情况\n甲 乙\n丙\n丁 戊\n');
  });

  test('tabs used as indentation are dropped; a run of tabs is one space', async () => {
    const body = '<w:p><w:r><w:tab/><w:tab/><w:t>二、主动公开政府信息情况</w:t></w:r></w:p><w:p><w:r><w:t>甲</w:t><w:tab/><w:tab/><w:t>乙</w:t><w:br/><w:tab/><w:t>丙</w:t></w:r></w:p>';
    assert.equal(await docxToText(await rawDocx(body)), '二、主动公开政府信息情况\n甲 乙\n丙\n');
  });

  test('empty paragraphs: at most one blank line, none at the start or end', async () => {
    const body = `<w:p/>${p('a')}<w:p/><w:p/><w:p/>${p('b')}<w:p/>`;
    assert.equal(await docxToText(await rawDocx(body)), 'a\n\nb\n');
  });

  test('namespace-aware: any prefix bound to the WordprocessingML namespace works', async () => {
    const zip = new JSZip();
    zip.file(
      'word/document.xml',
      `<?xml version="1.0"?><x:document xmlns:x="${W}"><x:body><x:p><x:r><x:t>前缀不同</x:t></x:r></x:p></x:body></x:document>`,
    );
    assert.equal(await docxToText(await zip.generateAsync({ type: 'uint8array' })), '前缀不同\n');
  });

  test('namespace-aware: a w: prefix bound to another namespace is not WordprocessingML', async () => {
    await assertImportError(rawDocx(p('x'), { ns: 'urn:not-word' }).then(docxToText), 'not-wordprocessingml');
  });

  test('ISO strict OOXML namespace is read', async () => {
    const data = await rawDocx(p('严格模式') + tbl(tr(tc('', 'a'), tc('', 'b'))), { ns: 'http://purl.oclc.org/ooxml/wordprocessingml/main' });
    assert.equal(await docxToText(data), '严格模式\n\ta\n\tb\n');
  });

  test('the main part is found through _rels/.rels', async () => {
    assert.equal(await docxToText(await rawDocx(p('正文'), { documentPath: 'word/document2.xml' })), '正文\n');
  });

  test('revisions: w:del and w:moveFrom skipped, w:ins and w:moveTo kept, deleted rows skipped', async () => {
    const body =
      '<w:p><w:r><w:t>共</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>5</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a"><w:r><w:t>6</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r>' +
      '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧处</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="a"><w:r><w:t>新处</w:t></w:r></w:moveTo></w:p>' +
      tbl(tr(tc('', 'a'), tc('', '1')), '<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>' + tc('', 'gone') + tc('', '9') + '</w:tr>', tr(tc('', 'b'), tc('', '2')));
    assert.equal(await docxToText(await rawDocx(body)), '共6件新处\n\ta\n\t1\n\n\tb\n\t2\n');
  });

  test('a deleted paragraph mark joins the paragraph with the next one', async () => {
    const body =
      '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>' + p('后半') + p('下一段');
    assert.equal(await docxToText(await rawDocx(body)), '前半后半\n下一段\n');
  });

  test('fields: the instruction is skipped, the result kept; w:fldSimple result kept', async () => {
    const body =
      '<w:p><w:r><w:t>见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>网站</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>';
    assert.equal(await docxToText(await rawDocx(body)), '见网站3\n');
  });

  test('a damaged field (begin without separate/end) hides only its own paragraph\'s instruction', async () => {
    const body = '<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>' + p('乙');
    assert.equal(await docxToText(await rawDocx(body)), '甲\n乙\n');
  });

  test('mc:AlternateContent: the fallback is read, the choice is not', async () => {
    const body =
      '<mc:AlternateContent><mc:Choice Requires="w14">' + p('新版') + '</mc:Choice><mc:Fallback>' + p('兼容') + '</mc:Fallback></mc:AlternateContent>' +
      '<w:p><w:r><w:t>图</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r></w:p>';
    assert.equal(await docxToText(await rawDocx(body)), '兼容\n图\n');
  });

  test('content controls (w:sdt), hyperlinks and smart tags keep their text; drawings and bookmarks are skipped', async () => {
    const body =
      '<w:sdt><w:sdtPr/><w:sdtContent>' + p('控件段落') + '</w:sdtContent></w:sdt>' +
      '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:hyperlink w:anchor="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink>' +
      '<w:sdt><w:sdtContent><w:r><w:t>内联</w:t></w:r></w:sdtContent></w:sdt><w:bookmarkEnd w:id="0"/>' +
      '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>';
    assert.equal(await docxToText(await rawDocx(body)), '控件段落\n链接内联\n');
  });

  test('gridSpan cells are written once; vMerge continuations (with or without w:val) as an empty cell', async () => {
    const body = tbl(
      tr(tc('<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>', '角'), tc('<w:gridSpan w:val="2"/>', '合并')),
      tr(tc('<w:gridSpan w:val="2"/><w:vMerge/>'), tc('', 'x'), tc('', 'y')),
      tr(tc('', '甲'), tc('<w:vMerge w:val="restart"/>', '纵'), tc('', '1'), tc('', '2')),
      tr(tc('', '乙'), tc('<w:vMerge w:val="continue"/>', '残留'), tc('', '3'), tc('', '4')),
    );
    assert.equal(
      await docxToText(await rawDocx(body)),
      ['\t角', '\t合并', '', '\t', '\tx', '\ty', '', '\t甲', '\t纵', '\t1', '\t2', '', '\t乙', '\t', '\t3', '\t4'].join('\n') + '\n',
    );
  });

  test('a row that skips grid columns before its first cell (w:gridBefore) gets an empty cell for each', async () => {
    const skip = (n: string) => `<w:tr><w:trPr><w:gridBefore w:val="${n}"/></w:trPr>${tc('', '乙')}${tc('', '3')}</w:tr>`;
    const body = tbl(tr(tc('', '甲'), tc('', '子'), tc('', '1')), skip('1'), skip('x'));
    assert.equal(
      await docxToText(await rawDocx(body)),
      ['\t甲', '\t子', '\t1', '', '\t', '\t乙', '\t3', '', '\t乙', '\t3'].join('\n') + '\n',
    );
  });

  test('legacy horizontal merge (w:hMerge) cells are written once', async () => {
    const body = tbl(tr(tc('<w:hMerge w:val="restart"/>', '标题'), tc('<w:hMerge/>'), tc('<w:hMerge w:val="continue"/>')), tr(tc('', 'a'), tc('', 'b'), tc('', 'c')));
    assert.equal(await docxToText(await rawDocx(body)), '\t标题\n\n\ta\n\tb\n\tc\n');
  });

  test('cell text: paragraphs joined by a new line without a tab; empty paragraphs and tabs do not break the row', async () => {
    const body = tbl(tr(tc('', '商业', '', '企业'), tc('', '  12  '), tc('', ''), tc('', 'a\tb')));
    const cellWithBreak = tbl(tr('<w:tc><w:p><w:r><w:t>结果</w:t><w:br/><w:br/><w:t>纠正</w:t><w:tab/><w:t>x</w:t></w:r></w:p></w:tc>'));
    assert.equal(await docxToText(await rawDocx(body)), '\t商业\n企业\n\t12\n\t\n\ta b\n');
    assert.equal(await docxToText(await rawDocx(cellWithBreak)), '\t结果\n纠正 x\n');
  });

  test('nested tables are flattened into the outer cell: one line per nested row', async () => {
    const inner = tbl(tr(tc('', '内1'), tc('', '内2')), tr(tc('', '内3'), tc('', '')));
    const body = tbl(tr(`<w:tc>${p('外')}${inner}<w:p/></w:tc>`, tc('', '5')));
    assert.equal(await docxToText(await rawDocx(body)), '\t外\n内1 内2\n内3\n\t5\n');
  });

  test('table rows are separated by a blank line; a second blank line ends the table; adjacent tables stay apart', async () => {
    const t = tbl(tr(tc('', 'a'), tc('', '1')), tr(tc('', 'b'), tc('', '2')));
    const text = await docxToText(await rawDocx(p('前') + t + t + p('后')));
    assert.equal(text, '前\n\ta\n\t1\n\n\tb\n\t2\n\n\n\ta\n\t1\n\n\tb\n\t2\n\n\n后\n');
    assert.equal(readTables(text).length, 2);
  });

  test('automatic numbering: multi-level labels, restarts, start overrides, styles', async () => {
    const lvl = (ilvl: number, fmt: string, text: string, suff = ''): string =>
      `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${suff ? `<w:suff w:val="${suff}"/>` : ''}</w:lvl>`;
    const numbering =
      `<?xml version="1.0"?><w:numbering xmlns:w="${W}">` +
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1', 'space')}${lvl(1, 'decimal', '%1.%2', 'nothing')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2">${lvl(0, 'bullet', '')}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
      `<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
      `<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>` +
      `<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>` +
      `</w:numbering>`;
    const styles =
      `<?xml version="1.0"?><w:styles xmlns:w="${W}">` +
      `<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
      `</w:styles>`;
    const rels =
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
      `<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/word/styles.xml"/></Relationships>`;
    const np = (numId: number, ilvl: number, text: string): string =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const sp = (style: string, text: string): string => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const body =
      sp('H1', '总体情况') + sp('H2', '主动公开') + np(1, 2, '规章') + np(1, 2, '规范性文件') + sp('H2', '依申请公开') + np(1, 2, '重新计数') +
      sp('H1', '主动公开政府信息情况') + np(2, 0, '甲') + np(2, 1, '乙') + np(3, 0, '从七开始') + np(4, 0, '项目符号') +
      `<w:p><w:pPr><w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>`;
    const data = await rawDocx(body, { parts: { 'word/numbering.xml': numbering, 'word/styles.xml': styles, 'word/_rels/document.xml.rels': rels } });
    assert.equal(
      await docxToText(data),
      ['一、总体情况', '（一）主动公开', '1.规章', '2.规范性文件', '（二）依申请公开', '1.重新计数', '二、主动公开政府信息情况', '1 甲', '1.1乙', '7 从七开始', '项目符号', '不编号', ''].join('\n'),
    );
  });

  test('automatic numbering through a numbering style (w:numStyleLink)', async () => {
    const numbering =
      `<?xml version="1.0"?><w:numbering xmlns:w="${W}">` +
      `<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="CnList"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="CnList"/></w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
    const styles = `<?xml version="1.0"?><w:styles xmlns:w="${W}"><w:style w:type="numbering" w:styleId="CnList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
    const np = (text: string): string => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const data = await rawDocx(np('主动公开') + np('依申请公开'), { parts: { 'word/numbering.xml': numbering, 'word/styles.xml': styles } });
    assert.equal(await docxToText(data), '（一）主动公开\n（二）依申请公开\n');
  });

  test('formatNumber: Chinese counting and other formats', () => {
    assert.deepEqual([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110].map((n) => formatNumber(n, 'chineseCounting')), [
      '一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十',
    ]);
    assert.equal(formatNumber(3, 'chineseLegalSimplified'), '叁');
    assert.equal(formatNumber(2, 'ideographTraditional'), '乙');
    assert.equal(formatNumber(3, 'decimalEnclosedCircle'), '③');
    assert.equal(formatNumber(4, 'upperRoman'), 'IV');
    assert.equal(formatNumber(28, 'lowerLetter'), 'bb');
    assert.equal(formatNumber(12, 'decimalFullWidth'), '１２');
  });

  test('a damaged optional part (numbering.xml) does not stop the import', async () => {
    const data = await rawDocx(p('正文'), { parts: { 'word/numbering.xml': '<w:numbering xmlns:w="' + W + '"><w:num' } });
    assert.equal(await docxToText(data), '正文\n');
  });
});

// ---------------------------------------------------------------- errors

describe('docxToText: errors', () => {
  test('corrupt bytes → not-zip', async () => {
    await assertImportError(docxToText(new TextEncoder().encode('这不是 Word 文档，只是一段文字。')), 'not-zip');
    await assertImportError(docxToText(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), 'not-zip');
  });

  test('an empty file → empty-file', async () => {
    await assertImportError(docxToText(new Uint8Array(0)), 'empty-file');
  });

  test('a legacy .doc (OLE compound file) → legacy-doc', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await assertImportError(docxToText(ole), 'legacy-doc');
    assert.match(e.message, /另存为/);
    assert.match(e.messageEn, /\.docx/);
  });

  test('a zip that is not a docx → no-document; an Excel workbook → other-office', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    const e = await assertImportError(zip.generateAsync({ type: 'uint8array' }).then(docxToText), 'no-document');
    assert.match(e.message, /word\/document\.xml/);
    const xlsx = new JSZip();
    xlsx.file('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
    xlsx.file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    );
    const e2 = await assertImportError(xlsx.generateAsync({ type: 'uint8array' }).then(docxToText), 'other-office');
    assert.match(e2.message, /Excel/);
  });

  test('a truncated .docx → a DocxImportError, not a crash', async () => {
    const full = await buildReportDocx();
    for (const len of [10, 100, Math.floor(full.length / 2), full.length - 30]) {
      await assert.rejects(docxToText(full.subarray(0, len)), (e: unknown) => e instanceof DocxImportError && !!e.messageEn, `truncated at ${len}`);
    }
  });

  test('corrupt XML in word/document.xml → bad-xml', async () => {
    for (const xml of [
      `<w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>未闭合</w:r></w:p></w:body></w:document>`,
      `<w:document xmlns:w="${W}"><w:body><w:p>`,
      `<w:document><w:body/></w:document>`.replace('<w:document>', '<w:document xmlns:w="' + W + '"><unbound:x/>'),
      '',
      'not xml at all',
    ]) {
      const zip = new JSZip();
      zip.file('word/document.xml', xml);
      await assertImportError(zip.generateAsync({ type: 'uint8array' }).then(docxToText), 'bad-xml');
    }
  });

  test('a root element that is not w:document → not-wordprocessingml', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', `<?xml version="1.0"?><w:styles xmlns:w="${W}"/>`);
    await assertImportError(zip.generateAsync({ type: 'uint8array' }).then(docxToText), 'not-wordprocessingml');
  });

  test('a corrupted compressed stream (CRC mismatch) → a DocxImportError', async () => {
    const data = Buffer.from(await rawDocx(p('正文'.repeat(200))));
    // Flip bytes in the middle of the compressed document part.
    const at = data.indexOf(Buffer.from('word/document.xml')) + 40;
    for (let i = at; i < at + 16 && i < data.length; i++) data[i] ^= 0x5a;
    await assert.rejects(docxToText(data), (e: unknown) => e instanceof DocxImportError);
  });
});

// ---------------------------------------------------------------- CLI

describe('zwgk-report import (CLI)', () => {
  let dir = '';
  let docxPath = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-import-'));
    docxPath = path.join(dir, '年度报告.docx');
    fs.writeFileSync(docxPath, await buildReportDocx());
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const io = (lang: 'zh' | 'en' = 'zh') => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), lang } };
  };

  test('writes the text to stdout without -o', async () => {
    const { out, io: i } = io();
    assert.equal(await run([docxPath], i), 0);
    assert.equal(out.stdout, await docxToText(fs.readFileSync(docxPath)));
    assert.equal(out.stderr, '');
  });

  test('writes the file with -o / --output=, exit 0', async () => {
    for (const args of [['-o', path.join(dir, 'out1.txt')], [`--output=${path.join(dir, 'out2.txt')}`]]) {
      const { io: i } = io();
      assert.equal(await run([docxPath, ...args], i), 0);
    }
    const expected = await docxToText(fs.readFileSync(docxPath));
    assert.equal(fs.readFileSync(path.join(dir, 'out1.txt'), 'utf8'), expected);
    assert.equal(fs.readFileSync(path.join(dir, 'out2.txt'), 'utf8'), expected);
  });

  test('tolerates the subcommand name as first argument', async () => {
    const { out, io: i } = io();
    assert.equal(await run(['import', docxPath], i), 0);
    assert.ok(out.stdout.startsWith(TITLE));
  });

  test('a missing file, a non-docx, a directory → exit 2 with a clear message (zh and en)', async () => {
    const bad = path.join(dir, 'bad.docx');
    fs.writeFileSync(bad, 'plain text, not a zip');
    const cases: [string[], 'zh' | 'en', RegExp][] = [
      [[path.join(dir, 'nope.docx')], 'zh', /不存在/],
      [[path.join(dir, 'nope.docx')], 'en', /no such file/],
      [[bad], 'zh', /不是有效的 Word 文档/],
      [[bad], 'en', /not a valid Word document/],
      [[dir], 'en', /directory/],
    ];
    for (const [args, lang, re] of cases) {
      const { out, io: i } = io(lang);
      assert.equal(await run(args, i), 2, args.join(' '));
      assert.match(out.stderr, re);
      assert.equal(out.stdout, '');
    }
  });

  test('usage errors → exit 2; --help → exit 0', async () => {
    for (const args of [[], ['-o'], ['--bogus', docxPath], [docxPath, 'extra.docx'], [docxPath, '-o', docxPath]]) {
      const { out, io: i } = io('en');
      assert.equal(await run(args, i), 2, JSON.stringify(args));
      assert.ok(out.stderr.length > 0);
    }
    const { out, io: i } = io('zh');
    assert.equal(await run(['--help'], i), 0);
    assert.match(out.stdout, /用法：zwgk-report import/);
  });

  test('an empty document: exit 0, empty output, a warning', async () => {
    const empty = path.join(dir, 'empty.docx');
    fs.writeFileSync(empty, await emptyDocx());
    const { out, io: i } = io('en');
    assert.equal(await run([empty], i), 0);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /no text/);
  });
});

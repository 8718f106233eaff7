// Builders of REAL .docx files for the Word import tests: a 2021-format annual report made with the
// `docx` package (merged cells as Word writes them), and minimal hand-written packages (jszip) for
// WordprocessingML details the `docx` package does not write (fields, legacy merges, strict OOXML…).

import JSZip from 'jszip';
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  Footer,
  Header,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';

// ---------------------------------------------------------------- the report's data

export const TITLE = '示例市示例区人民政府2021年政府信息公开工作年度报告';
export const TITLE_2019 = '示例市示例区人民政府2020年政府信息公开工作年度报告';

/** Columns of table 3's numbers: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. */
export type Row7 = [number, number, number, number, number, number, number];

export type Format = '2019' | '2021';

export interface Table1Block {
  title: string;
  columns: string[];
  rows: [string, ...string[]][];
}

/** Table 1 (第二十条 blocks): block title, column labels, rows of [label, ...numbers]. */
export function table1Blocks(format: Format = '2021'): Table1Block[] {
  if (format === '2019') {
    const cols = ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'];
    return [
      { title: '第二十条第（一）项', columns: ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'], rows: [['规章', '0', '0', '0'], ['规范性文件', '10', '10', '56']] },
      { title: '第二十条第（五）项', columns: cols, rows: [['行政许可', '120', '5', '125'], ['其他对外管理服务事项', '3', '0', '3']] },
      { title: '第二十条第（六）项', columns: cols, rows: [['行政处罚', '134', '-2', '132'], ['行政强制', '19', '-19', '0']] },
      { title: '第二十条第（八）项', columns: ['信息内容', '上一年项目数量', '本年增/减'], rows: [['行政事业性收费', '2', '0']] },
      { title: '第二十条第（九）项', columns: ['信息内容', '采购项目数量', '采购总金额'], rows: [['政府集中采购', '19', '66.36']] },
    ];
  }
  return [
    { title: '第二十条第（一）项', columns: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], rows: [['规章', '0', '0', '0'], ['行政规范性文件', '12', '3', '56']] },
    { title: '第二十条第（五）项', columns: ['信息内容', '本年处理决定数量'], rows: [['行政许可', '1234']] },
    { title: '第二十条第（六）项', columns: ['信息内容', '本年处理决定数量'], rows: [['行政处罚', '87'], ['行政强制', '5']] },
    { title: '第二十条第（八）项', columns: ['信息内容', '本年收费金额（单位：万元）'], rows: [['行政事业性收费', '12.5']] },
  ];
}

/** Grid columns a table-1 cell spans (4 grid columns): a 2-cell row spans 1+3, a 3-cell row 1+1+2. */
export function table1Span(cells: number, i: number): number {
  if (cells === 2) return i === 0 ? 1 : 3;
  if (cells === 3) return i === 2 ? 2 : 1;
  return 1;
}

function row7(a: number, b: number, c: number, d: number, e: number, f: number): Row7 {
  return [a, b, c, d, e, f, a + b + c + d + e + f];
}

/** Table 3 rows: label path (1–3 labels) and the 7 numbers. Consistent: 一 + 二 = (七)总计 + 四. */
export function table3Rows(broken = false, format: Format = '2021'): { labels: string[]; values: Row7 }[] {
  const zero = row7(0, 0, 0, 0, 0, 0);
  const results: { group: string; items: [string, Row7][] }[] = [
    { group: '（一）予以公开', items: [['', row7(20, 3, 1, 0, 1, 0)]] },
    { group: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', items: [['', row7(5, 1, 0, 0, 0, 0)]] },
    {
      group: '（三）不予公开',
      items: [
        ['1.属于国家秘密', row7(1, 0, 0, 0, 0, 0)],
        ['2.其他法律行政法规禁止公开', zero],
        ['3.危及“三安全一稳定”', zero],
        ['4.保护第三方合法权益', row7(2, 0, 0, 0, 0, 0)],
        ['5.属于三类内部事务信息', zero],
        ['6.属于四类过程性信息', zero],
        ['7.属于行政执法案卷', zero],
        ['8.属于行政查询事项', zero],
      ],
    },
    {
      group: '（四）无法提供',
      items: [
        ['1.本机关不掌握相关政府信息', row7(8, 1, 0, 0, 1, 0)],
        ['2.没有现成信息需要另行制作', zero],
        ['3.补正后申请内容仍不明确', zero],
      ],
    },
    {
      group: '（五）不予处理',
      items: [
        ['1.信访举报投诉类申请', zero],
        ['2.重复申请', row7(2, 0, 0, 0, 0, 1)],
        ['3.要求提供公开出版物', zero],
        ['4.无正当理由大量反复申请', zero],
        ['5.要求行政机关确认或重新出具已获取信息', zero],
      ],
    },
    format === '2019'
      ? { group: '（六）其他处理', items: [['', row7(1, 0, 0, 0, 0, 0)]] }
      : {
          group: '（六）其他处理',
          items: [
            ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', zero],
            ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', zero],
            ['3.其他', row7(1, 0, 0, 0, 0, 0)],
          ],
        },
  ];
  const sum = (rows: Row7[]): Row7 => rows.reduce((a, r) => a.map((v, i) => v + r[i]) as Row7, [0, 0, 0, 0, 0, 0, 0] as Row7);
  const total = sum(results.flatMap((g) => g.items.map((i) => i[1])));
  const received = row7(40, 5, 1, 0, 2, 1);
  const carried = row7(3, 1, 0, 0, 0, 0);
  const forward = received.map((v, i) => v + carried[i] - total[i]) as Row7;
  const rows: { labels: string[]; values: Row7 }[] = [
    { labels: ['一、本年新收政府信息公开申请数量'], values: received },
    { labels: ['二、上年结转政府信息公开申请数量'], values: carried },
  ];
  for (const g of results) {
    for (const [item, values] of g.items) {
      rows.push({ labels: ['三、本年度办理结果', g.group, ...(item ? [item] : [])], values });
    }
  }
  const grand = [...total] as Row7;
  if (broken) grand[6] += 1; // a wrong 总计 of （七）总计
  rows.push({ labels: ['三、本年度办理结果', '（七）总计'], values: grand });
  rows.push({ labels: ['四、结转下年度继续办理'], values: forward });
  return rows;
}

/** Table 4: 行政复议 (5 columns) and 行政诉讼 (未经复议直接起诉 5 + 复议后起诉 5). */
export const TABLE4_VALUES = [1, 1, 0, 1, 3, 1, 0, 0, 1, 2, 0, 1, 0, 0, 1];
export const TABLE4_RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

// ---------------------------------------------------------------- docx building

const cell = (text: string | string[], opts: { columnSpan?: number; rowSpan?: number; verticalMerge?: 'restart' | 'continue' } = {}): TableCell =>
  new TableCell({
    children: (Array.isArray(text) ? text : [text]).map((t) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(t)] })),
    columnSpan: opts.columnSpan,
    rowSpan: opts.rowSpan,
    verticalMerge: opts.verticalMerge === 'restart' ? VerticalMergeType.RESTART : opts.verticalMerge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
  });

const table = (rows: TableRow[]): Table => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });

function table1(format: Format): Table {
  const rows: TableRow[] = [];
  for (const block of table1Blocks(format)) {
    rows.push(new TableRow({ children: [cell(block.title, { columnSpan: 4 })] }));
    for (const r of [block.columns, ...block.rows]) {
      rows.push(new TableRow({ children: r.map((c, i) => cell(c, { columnSpan: table1Span(r.length, i) })) }));
    }
  }
  return table(rows);
}

/**
 * Table 3 as the official template lays it out: 10 grid columns (3 label columns, 7 numbers).
 * The corner cell and 三、本年度办理结果 use `rowSpan` (the `docx` package writes the `w:vMerge`
 * continuation cells); （三）…（六） use explicit `w:vMerge` restart/continue cells, as Word does.
 */
function table3(broken: boolean, format: Format): Table {
  const data = table3Rows(broken, format);
  const resultRows = data.filter((r) => r.labels[0] === '三、本年度办理结果').length;
  const rows: TableRow[] = [
    new TableRow({
      children: [
        cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { columnSpan: 3, rowSpan: 3 }),
        cell('申请人情况', { columnSpan: 7 }),
      ],
    }),
    new TableRow({ children: [cell('自然人', { rowSpan: 2 }), cell('法人或其他组织', { columnSpan: 5 }), cell('总计', { rowSpan: 2 })] }),
    new TableRow({ children: [cell(['商业', '企业']), cell(['科研', '机构']), cell('社会公益组织'), cell('法律服务机构'), cell('其他')] }),
  ];
  let firstResult = true;
  let prevGroup = '';
  for (const r of data) {
    const nums = r.values.map((v) => cell(String(v)));
    const labels: TableCell[] = [];
    if (r.labels.length === 1) {
      labels.push(cell(r.labels[0], { columnSpan: 3 }));
    } else {
      if (firstResult) labels.push(cell(r.labels[0], { rowSpan: resultRows }));
      firstResult = false;
      if (r.labels.length === 2) {
        labels.push(cell(r.labels[1], { columnSpan: 2 }));
      } else {
        const first = r.labels[1] !== prevGroup;
        labels.push(first ? cell(r.labels[1], { verticalMerge: 'restart' }) : cell('', { verticalMerge: 'continue' }));
        labels.push(cell(r.labels[2]));
      }
      prevGroup = r.labels[1];
    }
    rows.push(new TableRow({ children: [...labels, ...nums] }));
  }
  return table(rows);
}

function table4(): Table {
  return table([
    new TableRow({ children: [cell('行政复议', { columnSpan: 5 }), cell('行政诉讼', { columnSpan: 10 })] }),
    new TableRow({
      children: [
        ...TABLE4_RESULTS.map((t) => cell(t, { rowSpan: 2 })),
        cell('未经复议直接起诉', { columnSpan: 5 }),
        cell('复议后起诉', { columnSpan: 5 }),
      ],
    }),
    new TableRow({ children: [...TABLE4_RESULTS, ...TABLE4_RESULTS].map((t) => cell(t)) }),
    new TableRow({ children: TABLE4_VALUES.map((v) => cell(String(v))) }),
  ]);
}

export interface ReportOptions {
  /** Make （七）总计's 总计 one too large. */
  brokenTotal?: boolean;
  /** Number the section headings with Word's automatic numbering (一、…) instead of typed text. */
  autoNumbering?: boolean;
  /** The format of the tables (default 2021, a report on 2021; 2019 gives a report on 2020). */
  format?: Format;
}

const SECTIONS = [
  '总体情况',
  '主动公开政府信息情况',
  '收到和处理政府信息公开申请情况',
  '政府信息公开行政复议、行政诉讼情况',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
];
const CN = ['一', '二', '三', '四', '五', '六'];

export async function buildReportDocx(opts: ReportOptions = {}): Promise<Buffer> {
  const heading = (i: number): Paragraph =>
    opts.autoNumbering
      ? new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: 'sections', level: 0 }, children: [new TextRun(SECTIONS[i])] })
      : new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${CN[i]}、${SECTIONS[i]}`)] });
  const body = (t: string): Paragraph => new Paragraph({ children: [new TextRun(t)] });
  const format = opts.format ?? '2021';
  const year = format === '2019' ? 2020 : 2021;
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'sections',
          levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT }],
        },
      ],
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('页眉：示例区人民政府')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'] })] })] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(format === '2019' ? TITLE_2019 : TITLE)] }),
          body(`本报告由示例市示例区人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔${format === '2019' ? '2019〕60' : '2021〕30'}号）要求编制。`),
          body(`本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`),
          heading(0),
          new Paragraph({
            children: [
              new TextRun(`${year}年，示例区`),
              new TextRun({ children: [new Tab(), '坚持以公开为常态'] }),
              new TextRun({ text: '不公开为例外。', break: 1 }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('全年主动公开政府信息'),
              new DeletedTextRun({ text: '999', id: 1, author: 'a', date: '2022-01-01T00:00:00Z' }),
              new InsertedTextRun({ text: '1234', id: 2, author: 'a', date: '2022-01-01T00:00:00Z' }),
              new TextRun('条。'),
              new TextRun({ text: '（隐藏的批注）', vanish: true }),
            ],
          }),
          heading(1),
          table1(format),
          heading(2),
          table3(!!opts.brokenTotal, format),
          heading(3),
          table4(),
          heading(4),
          body('一是公开内容不够全面；二是解读形式较为单一。'),
          heading(5),
          body('本年度未收取信息处理费。'),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun('示例市示例区人民政府')] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(`${year + 1}年1月20日`)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function emptyDocx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [] }] }));
}

// ---------------------------------------------------------------- hand-written packages

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal .docx whose body is `bodyXml` (w: prefix bound to `ns`), plus optional parts. */
export async function rawDocx(bodyXml: string, opts: { ns?: string; parts?: Record<string, string>; documentPath?: string } = {}): Promise<Uint8Array> {
  const ns = opts.ns ?? W;
  const docPath = opts.documentPath ?? 'word/document.xml';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${docPath}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${docPath}"/></Relationships>`,
  );
  zip.file(
    docPath,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${ns}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`,
  );
  for (const [path, content] of Object.entries(opts.parts ?? {})) zip.file(path, content);
  return zip.generateAsync({ type: 'uint8array' });
}

/** `<w:p>` with one run per text. */
export const p = (...runs: string[]): string => `<w:p>${runs.map((t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`).join('')}</w:p>`;
/** `<w:tc>` with paragraphs, an optional `w:tcPr` body. */
export const tc = (tcPr: string, ...paras: string[]): string => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${paras.length ? paras.map((t) => p(t)).join('') : '<w:p/>'}</w:tc>`;
export const tr = (...cells: string[]): string => `<w:tr>${cells.join('')}</w:tr>`;
export const tbl = (...rows: string[]): string => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;

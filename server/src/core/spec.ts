// The two national formats as data: 国办公开办函〔2019〕60号 (reports on 2019–2020) and
// 国办公开办函〔2021〕30号 (reports on 2021 and later). Labels are copied from the official
// templates (test/fixtures/formats); `variants` are spellings real reports use. The parser and the
// rules read these tables; no label is written anywhere else in the code.

import type { FormatVersion, SectionId } from './types';

export interface SectionSpec {
  id: SectionId;
  index: number;
  numeral: string;
  title: string;
  /** Other titles real reports use (unnumbered lines must match one exactly, after normalising). */
  variants: string[];
  /** A numbered heading whose title contains one of these is taken as this section. */
  keywords: string[];
}

export const SECTIONS: SectionSpec[] = [
  {
    id: 'overview', index: 1, numeral: '一', title: '总体情况',
    variants: ['总体情况', '概述', '总体概述', '基本情况', '工作总体情况'],
    keywords: ['总体情况', '概述', '基本情况'],
  },
  {
    id: 'active', index: 2, numeral: '二', title: '主动公开政府信息情况',
    variants: ['主动公开政府信息情况', '主动公开政府信息的情况', '主动公开情况'],
    keywords: ['主动公开'],
  },
  {
    id: 'requests', index: 3, numeral: '三', title: '收到和处理政府信息公开申请情况',
    variants: ['收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请的情况', '政府信息依申请公开办理情况',
      '依申请公开政府信息情况', '依申请公开办理情况', '政府信息公开申请办理情况'],
    keywords: ['收到和处理', '依申请公开', '公开申请'],
  },
  {
    id: 'review', index: 4, numeral: '四', title: '政府信息公开行政复议、行政诉讼情况',
    variants: ['政府信息公开行政复议、行政诉讼情况', '政府信息公开行政复议和行政诉讼情况', '政府信息公开行政复议、行政诉讼的情况',
      '因政府信息公开申请行政复议、提起行政诉讼情况', '因政府信息公开申请行政复议、提起行政诉讼的情况', '行政复议、行政诉讼情况'],
    keywords: ['行政复议', '行政诉讼'],
  },
  {
    id: 'problems', index: 5, numeral: '五', title: '存在的主要问题及改进情况',
    variants: ['存在的主要问题及改进情况', '存在的主要问题及改进措施', '政府信息公开工作存在的主要问题及改进情况',
      '政府信息公开工作存在的主要问题及改进措施', '主要问题及改进措施', '主要问题及改进情况', '存在的问题及改进措施'],
    keywords: ['存在的主要问题', '主要问题', '改进措施', '改进情况'],
  },
  {
    id: 'other', index: 6, numeral: '六', title: '其他需要报告的事项',
    variants: ['其他需要报告的事项', '其它需要报告的事项', '其他需要说明的事项'],
    keywords: ['其他需要报告', '需要报告的事项', '其他需要说明'],
  },
];

// ------------------------------------------------------------------ table 1 (第二十条)

export interface ColumnSpec {
  id: string;
  label: string;
  variants?: string[];
  /** Only 本年增/减 may be negative. */
  negativeAllowed?: boolean;
  /** A money amount: decimals expected, 万元 is its unit. */
  money?: boolean;
}

export interface RowSpec {
  id: string;
  label: string;
  variants?: string[];
}

export interface BlockSpec {
  /** e.g. `20.1` */
  id: string;
  /** 第二十条第（一）项 */
  title: string;
  columns: ColumnSpec[];
  rows: RowSpec[];
}

const CONTENT: ColumnSpec = { id: 'content', label: '信息内容' };
// columns several 第二十条 blocks share
const PREVIOUS: ColumnSpec = { id: 'previous', label: '上一年项目数量' };
const CHANGE: ColumnSpec = { id: 'change', label: '本年增/减', variants: ['本年增减', '本年增加/减少'], negativeAllowed: true };
const DECISIONS_2019: ColumnSpec = { id: 'decisions', label: '处理决定数量' };
const DECISIONS_2021: ColumnSpec = { id: 'decisions', label: '本年处理决定数量' };

export const ACTIVE_BLOCKS: Record<FormatVersion, BlockSpec[]> = {
  '2019': [
    {
      id: '20.1', title: '第二十条第（一）项',
      columns: [
        { id: 'made', label: '本年新制作数量' },
        { id: 'published', label: '本年新公开数量' },
        { id: 'publicTotal', label: '对外公开总数量' },
      ],
      rows: [{ id: 'regulation', label: '规章' }, { id: 'normative', label: '规范性文件', variants: ['行政规范性文件'] }],
    },
    {
      id: '20.5', title: '第二十条第（五）项',
      columns: [PREVIOUS, CHANGE, DECISIONS_2019],
      rows: [{ id: 'license', label: '行政许可' }, { id: 'otherService', label: '其他对外管理服务事项' }],
    },
    {
      id: '20.6', title: '第二十条第（六）项',
      columns: [PREVIOUS, CHANGE, DECISIONS_2019],
      rows: [{ id: 'penalty', label: '行政处罚' }, { id: 'coercion', label: '行政强制' }],
    },
    {
      id: '20.8', title: '第二十条第（八）项',
      columns: [PREVIOUS, CHANGE],
      rows: [{ id: 'fee', label: '行政事业性收费' }],
    },
    {
      id: '20.9', title: '第二十条第（九）项',
      columns: [
        { id: 'purchaseCount', label: '采购项目数量' },
        { id: 'purchaseAmount', label: '采购总金额', money: true },
      ],
      rows: [{ id: 'procurement', label: '政府集中采购' }],
    },
  ],
  '2021': [
    {
      id: '20.1', title: '第二十条第（一）项',
      columns: [
        { id: 'issued', label: '本年制发件数' },
        { id: 'repealed', label: '本年废止件数' },
        { id: 'effective', label: '现行有效件数' },
      ],
      rows: [{ id: 'regulation', label: '规章' }, { id: 'normative', label: '行政规范性文件', variants: ['规范性文件'] }],
    },
    {
      id: '20.5', title: '第二十条第（五）项',
      columns: [DECISIONS_2021],
      rows: [{ id: 'license', label: '行政许可' }],
    },
    {
      id: '20.6', title: '第二十条第（六）项',
      columns: [DECISIONS_2021],
      rows: [{ id: 'penalty', label: '行政处罚' }, { id: 'coercion', label: '行政强制' }],
    },
    {
      id: '20.8', title: '第二十条第（八）项',
      columns: [{ id: 'feeAmount', label: '本年收费金额（单位：万元）', variants: ['本年收费金额(万元)', '本年收费金额'], money: true }],
      rows: [{ id: 'fee', label: '行政事业性收费' }],
    },
  ],
};

export { CONTENT as ACTIVE_CONTENT_COLUMN };

// ------------------------------------------------------------------ table 3 (申请)

export const REQUEST_COLUMNS: (ColumnSpec & { path: string[] })[] = [
  { id: 'natural', label: '自然人', path: ['申请人情况', '自然人'] },
  { id: 'commercial', label: '商业企业', path: ['申请人情况', '法人或其他组织', '商业企业'] },
  { id: 'research', label: '科研机构', path: ['申请人情况', '法人或其他组织', '科研机构'] },
  { id: 'social', label: '社会公益组织', path: ['申请人情况', '法人或其他组织', '社会公益组织'] },
  { id: 'legal', label: '法律服务机构', path: ['申请人情况', '法人或其他组织', '法律服务机构'] },
  { id: 'otherOrg', label: '其他', path: ['申请人情况', '法人或其他组织', '其他'] },
  { id: 'total', label: '总计', path: ['申请人情况', '总计'] },
];
/** Header labels of table 3 that are not value columns. */
export const REQUEST_HEADER_LABELS = ['申请人情况', '法人或其他组织', '自然人', '商业企业', '科研机构', '社会公益组织',
  '法律服务机构', '其他', '总计', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'];

export interface RequestRowSpec extends RowSpec {
  /** Parent row id (groups: 三、, （三）…（六）). */
  parent?: string;
  /** A group row carries no figures of its own. */
  group?: boolean;
  /** Part of the （七）总计 sum. */
  leaf?: boolean;
}

function rows3(version: FormatVersion): RequestRowSpec[] {
  const r: RequestRowSpec[] = [
    { id: 'new', label: '一、本年新收政府信息公开申请数量' },
    { id: 'carried', label: '二、上年结转政府信息公开申请数量' },
    { id: 'results', label: '三、本年度办理结果', group: true },
    { id: 'r1', label: '（一）予以公开', parent: 'results', leaf: true },
    { id: 'r2', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', variants: ['（二）部分公开'], parent: 'results', leaf: true },
    { id: 'r3', label: '（三）不予公开', parent: 'results', group: true },
    { id: 'r3.1', label: '1.属于国家秘密', parent: 'r3', leaf: true },
    { id: 'r3.2', label: '2.其他法律行政法规禁止公开', parent: 'r3', leaf: true },
    { id: 'r3.3', label: '3.危及“三安全一稳定”', variants: ['3.危及“三安全、一稳定”', '3.危及三安全一稳定'], parent: 'r3', leaf: true },
    { id: 'r3.4', label: '4.保护第三方合法权益', parent: 'r3', leaf: true },
    { id: 'r3.5', label: '5.属于三类内部事务信息', parent: 'r3', leaf: true },
    { id: 'r3.6', label: '6.属于四类过程性信息', parent: 'r3', leaf: true },
    { id: 'r3.7', label: '7.属于行政执法案卷', parent: 'r3', leaf: true },
    { id: 'r3.8', label: '8.属于行政查询事项', parent: 'r3', leaf: true },
    { id: 'r4', label: '（四）无法提供', parent: 'results', group: true },
    { id: 'r4.1', label: '1.本机关不掌握相关政府信息', parent: 'r4', leaf: true },
    { id: 'r4.2', label: '2.没有现成信息需要另行制作', parent: 'r4', leaf: true },
    { id: 'r4.3', label: '3.补正后申请内容仍不明确', parent: 'r4', leaf: true },
    { id: 'r5', label: '（五）不予处理', parent: 'results', group: true },
    { id: 'r5.1', label: '1.信访举报投诉类申请', parent: 'r5', leaf: true },
    { id: 'r5.2', label: '2.重复申请', parent: 'r5', leaf: true },
    { id: 'r5.3', label: '3.要求提供公开出版物', parent: 'r5', leaf: true },
    { id: 'r5.4', label: '4.无正当理由大量反复申请', parent: 'r5', leaf: true },
    { id: 'r5.5', label: '5.要求行政机关确认或重新出具已获取信息', parent: 'r5', leaf: true },
  ];
  if (version === '2019') {
    r.push({ id: 'r6', label: '（六）其他处理', parent: 'results', leaf: true });
  } else {
    r.push(
      { id: 'r6', label: '（六）其他处理', parent: 'results', group: true },
      { id: 'r6.1', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', parent: 'r6', leaf: true },
      { id: 'r6.2', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', parent: 'r6', leaf: true },
      { id: 'r6.3', label: '3.其他', parent: 'r6', leaf: true },
    );
  }
  r.push(
    { id: 'r7', label: '（七）总计', parent: 'results' },
    { id: 'next', label: '四、结转下年度继续办理' },
  );
  return r;
}

export const REQUEST_ROWS: Record<FormatVersion, RequestRowSpec[]> = { '2019': rows3('2019'), '2021': rows3('2021') };

/** Columns whose total is the sum of the others (sum-row). */
export const REQUEST_ROW_PARTS = ['natural', 'commercial', 'research', 'social', 'legal', 'otherOrg'];

// ------------------------------------------------------------------ table 4 (复议、诉讼)

const RESULT_LABELS = [
  ['maintain', '结果维持'], ['correct', '结果纠正'], ['other', '其他结果'], ['pending', '尚未审结'], ['total', '总计'],
] as const;

export const REVIEW_GROUPS = [
  { id: 'review', path: ['行政复议'] },
  { id: 'direct', path: ['行政诉讼', '未经复议直接起诉'] },
  { id: 'after', path: ['行政诉讼', '复议后起诉'] },
] as const;

export const REVIEW_COLUMNS: (ColumnSpec & { path: string[]; group: string; part: string })[] = REVIEW_GROUPS.flatMap((g) =>
  RESULT_LABELS.map(([part, label]) => ({ id: `${g.id}.${part}`, label, path: [...g.path, label], group: g.id, part })),
);

export const REVIEW_HEADER_LABELS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

// ------------------------------------------------------------------ notices and deadlines

export const NOTICES: Record<FormatVersion, { year: number; number: number; text: string }> = {
  '2019': { year: 2019, number: 60, text: '国办公开办函〔2019〕60号' },
  '2021': { year: 2021, number: 30, text: '国办公开办函〔2021〕30号' },
};

/** The format a report on `year` must use. */
export function formatForYear(year: number): FormatVersion {
  return year >= 2021 ? '2021' : '2019';
}

export const SECTION_BY_ID = Object.fromEntries(SECTIONS.map((s) => [s.id, s])) as Record<SectionId, SectionSpec>;

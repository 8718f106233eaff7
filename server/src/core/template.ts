// A new, empty report in the right format for its year: title, the opening paragraph citing the
// format notice, the statistical period, the six sections and the three tables with every label
// and 0 in every cell, laid out one cell per line (leading tab, a blank line between rows) like
// the reports exported from Word. Every label comes from spec.ts. Pure: the VS Code command, the
// snippets and the tests call it.

import {
  ACTIVE_BLOCKS, ACTIVE_CONTENT_COLUMN, NOTICES, REQUEST_COLUMNS, REQUEST_HEADER_LABELS, REQUEST_ROWS, REVIEW_COLUMNS,
  REVIEW_GROUPS, SECTIONS, formatForYear, type RequestRowSpec,
} from './spec';
import type { FormatVersion, SectionId } from './types';
import { TABLE_NAMES } from './tableNames';

export interface NewReportOptions {
  organ: string;
  year: number;
  /** Line ending (default '\n'). */
  eol?: '\n' | '\r\n';
}

/** What the 2021 format requires section 六 to report (国办公开办函〔2021〕30号). */
export const FEE_KEYWORD = '信息处理费';
export const FEE_LINE = '（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：本年度未收取信息处理费。';
const PLACEHOLDER = '（文字描述）';
const ORGAN_PLACEHOLDER = '（机关名称）';

/** Sub-headings of 一、总体情况 the 2021 format lists (主动公开、依申请公开、政府信息管理、平台建设、监督保障). */
const OVERVIEW_PARTS = ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'];
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** One table row: one cell per line after a tab. */
function row(cells: string[]): string[] {
  return cells.map((c) => `\t${c}`);
}

/** Rows separated by blank lines. */
function rows(rs: string[][]): string[] {
  const out: string[] = [];
  rs.forEach((r, k) => {
    if (k) out.push('');
    out.push(...row(r));
  });
  return out;
}

const zeros = (n: number): string[] => new Array<string>(n).fill('0');

/** 二、主动公开政府信息情况: the 第二十条 blocks of the format. */
export function activeTable(version: FormatVersion): string[] {
  const rs: string[][] = [];
  for (const b of ACTIVE_BLOCKS[version]) {
    rs.push([b.title]);
    rs.push([ACTIVE_CONTENT_COLUMN.label, ...b.columns.map((c) => c.label)]);
    for (const r of b.rows) rs.push([r.label, ...zeros(b.columns.length)]);
  }
  return rows(rs);
}

/** 三、收到和处理政府信息公开申请情况. */
export function requestsTable(version: FormatVersion): string[] {
  const specs = REQUEST_ROWS[version];
  const byId = new Map(specs.map((s) => [s.id, s]));
  const balance = REQUEST_HEADER_LABELS.find((l) => l.includes('勾稽'))!;
  const orgCols = REQUEST_COLUMNS.filter((c) => c.path.length === 3);
  const natural = REQUEST_COLUMNS.find((c) => c.path.length === 2 && c.id !== 'total')!;
  const total = REQUEST_COLUMNS.find((c) => c.id === 'total')!;
  const rs: string[][] = [
    [balance, natural.path[0]],
    ['', natural.label, orgCols[0].path[1], total.label],
    ['', '', ...orgCols.map((c) => c.label), ''],
  ];
  const seenFirst = new Set<string>();
  for (const s of specs) {
    if (s.group) continue;
    const chain: RequestRowSpec[] = [];
    for (let p: RequestRowSpec | undefined = s; p; p = p.parent ? byId.get(p.parent) : undefined) chain.unshift(p);
    // an ancestor's label is written on the row of its first child, blank below it
    const labels = chain.map((p, k) => {
      if (k === chain.length - 1) return p.label;
      if (seenFirst.has(p.id)) return '';
      seenFirst.add(p.id);
      return p.label;
    });
    rs.push([...labels, ...zeros(REQUEST_COLUMNS.length)]);
  }
  return rows(rs);
}

/** 四、政府信息公开行政复议、行政诉讼情况. */
export function reviewTable(): string[] {
  const top = [...new Set(REVIEW_GROUPS.map((g) => g.path[0]))];
  const first = REVIEW_GROUPS[0];
  const rest = REVIEW_GROUPS.slice(1);
  const colsOf = (id: string) => REVIEW_COLUMNS.filter((c) => c.group === id).map((c) => c.label);
  const firstCols = colsOf(first.id);
  return rows([
    top,
    [...firstCols, ...rest.map((g) => g.path[g.path.length - 1])],
    [...firstCols.map(() => ''), ...rest.flatMap((g) => colsOf(g.id))],
    zeros(REVIEW_COLUMNS.length),
  ]);
}

export function sectionHeading(id: SectionId): string {
  const s = SECTIONS.find((x) => x.id === id)!;
  return `${s.numeral}、${s.title}`;
}

/** The body of one section (without its heading). */
export function sectionBody(id: SectionId, version: FormatVersion): string[] {
  switch (id) {
    case 'overview':
      return OVERVIEW_PARTS.flatMap((p, k) => [`（${CN[k]}）${p}`, PLACEHOLDER]);
    case 'active':
      return activeTable(version);
    case 'requests':
      return requestsTable(version);
    case 'review':
      return reviewTable();
    case 'problems':
      return [PLACEHOLDER];
    case 'other':
      return version === '2021' ? [FEE_LINE, PLACEHOLDER] : [PLACEHOLDER];
  }
}

/** The complete skeleton of a report on `year` by `organ`. */
export function newReport(opts: NewReportOptions): string {
  const organ = opts.organ.trim() || ORGAN_PLACEHOLDER;
  const year = Math.trunc(opts.year);
  const version = formatForYear(year);
  const notice = NOTICES[version].text;
  const lines: string[] = [
    `${organ}${year}年政府信息公开工作年度报告`,
    '',
    `本报告由${organ}按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（${notice}）要求编制。`,
    `本报告内容包括${SECTIONS.map((s) => s.title).join('、')}等六部分内容。`,
    `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
  ];
  for (const s of SECTIONS) {
    const body = sectionBody(s.id, version);
    const isTable = body[0]?.startsWith('\t');
    lines.push(sectionHeading(s.id));
    lines.push(...body);
    if (isTable) lines.push('', ''); // two blank lines close a table, as in exported reports
  }
  lines.push('');
  return lines.join(opts.eol ?? '\n');
}

// ------------------------------------------------------------------ snippets

export interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}

/** Escape `$`, `}` and `\` for a VS Code snippet body. */
function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** The snippets of snippets/zwgk-report.json, generated from the template (scripts/gen-snippets.mjs). */
export function snippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  const add = (key: string, prefix: string[], description: string, body: string[]) => {
    out[key] = { prefix, description, body: [...body.map(snippetText), '$0'] };
  };
  for (const v of ['2021', '2019'] as const) {
    const n = NOTICES[v].text;
    add(`table-active-${v}`, [`zwgk-table-active-${v}`, `主动公开表${v}`], `${TABLE_NAMES.active.zh}（${n}） / ${TABLE_NAMES.active.en} (${v} format)`, activeTable(v));
    add(`table-requests-${v}`, [`zwgk-table-requests-${v}`, `依申请表${v}`], `${TABLE_NAMES.requests.zh}（${n}） / ${TABLE_NAMES.requests.en} (${v} format)`, requestsTable(v));
  }
  add('table-review', ['zwgk-table-review', '复议诉讼表'], `${TABLE_NAMES.review.zh} / ${TABLE_NAMES.review.en}`, reviewTable());
  add('sections', ['zwgk-sections', '六个部分'], '年度报告的六个部分标题 / The six section headings',
    SECTIONS.flatMap((s, k) => (k ? ['', sectionHeading(s.id)] : [sectionHeading(s.id)])));
  for (const s of SECTIONS) {
    add(`section-${s.id}`, [`zwgk-section${s.index}`, `${s.numeral}、${s.title}`], `${s.numeral}、${s.title} / Section ${s.index} heading`, [sectionHeading(s.id)]);
  }
  return out;
}

// Checks across reports: carry-over between one organ's consecutive years.
// `carry-over`: 二、上年结转 of this year's report equals 四、结转下年度继续办理 of the same organ's
// report for the year before, column by column. The server and the CLI (audit) call `checkAcross`.
import { REQUEST_COLUMNS, REQUEST_ROWS } from './spec';
import { formatNumber, normLabel } from './text';
import type { Cell, CheckOptions, Diagnostic, Msg, ReportDocument, Row, Severity } from './types';

export interface ReportRef {
  /** A file URI or path: diagnostics' related information points into it. */
  uri: string;
  doc: ReportDocument;
}

/** Metadata of a rule that needs several reports (for the docs and the settings). */
export interface CrossRule {
  id: string;
  defaultSeverity: Severity;
  description: Msg;
}

export const carryOverRule: CrossRule = {
  id: 'carry-over',
  defaultSeverity: 'error',
  description: {
    zh: '本年度报告“二、上年结转政府信息公开申请数量”应等于同一机关上一年度报告“四、结转下年度继续办理”（逐列）',
    en: "(II) carried over from last year equals (IV) carried forward in the same organ's report for the year before, column by column",
  },
};

export const crossRules: CrossRule[] = [carryOverRule];

/**
 * The organ a report is by, normalised for matching: the title's organ (or, for titles that put
 * the year first, the words between the year and 政府信息公开), without spaces, 人民政府 → 政府.
 */
export function organKey(doc: ReportDocument): string {
  let organ = doc.title?.organ ?? '';
  if (!organ && doc.title) {
    const m = /\d{4}年度?(.*?)(?:政府信息公开|政务公开|信息公开)/.exec(doc.title.text);
    organ = m?.[1] ?? '';
  }
  return normLabel(organ).replace(/人民政府/g, '政府').replace(/^(?:关于)/, '');
}

function requestRow(doc: ReportDocument, id: string): Row | undefined {
  const t = doc.tables.find((x) => x.kind === 'requests');
  const r = t?.rows.find((x) => x.id === id);
  return r && r.cells.length === REQUEST_COLUMNS.length ? r : undefined;
}

/** What carry-over needs of one cell: kept instead of the whole document when many are checked. */
export type CarryCell = Pick<Cell, 'kind' | 'value' | 'range' | 'valueRange'>;

/**
 * Everything `carry-over` needs of a report: its organ key, its year and the 二 (carried) and 四
 * (next) rows of the applications table. A few hundred bytes, so a batch of 100,000 reports can
 * be matched without keeping their documents. Null when the report has no organ or no year.
 */
export interface CarryFacts {
  key: string;
  year: number;
  carried?: CarryCell[];
  next?: CarryCell[];
}

const carryCells = (r: Row | undefined): CarryCell[] | undefined =>
  r?.cells.map((c) => ({ kind: c.kind, value: c.value, range: c.range, valueRange: c.valueRange }));

export function carryFacts(doc: ReportDocument): CarryFacts | null {
  const key = organKey(doc);
  if (!doc.year || !key) return null;
  const out: CarryFacts = { key, year: doc.year };
  const carried = carryCells(requestRow(doc, 'carried'));
  const next = carryCells(requestRow(doc, 'next'));
  if (carried) out.carried = carried;
  if (next) out.next = next;
  return out;
}

const label = (id: string): string => REQUEST_ROWS['2021'].find((r) => r.id === id)?.label ?? id;

/**
 * Diagnostics of `target` that need other reports (e.g. `carry-over`: 二、上年结转 of this year's
 * report equals 四、结转下年度继续办理 of the same organ's report for the year before).
 * Related information that points into another report carries that report's `uri` (RelatedInfo.uri).
 */
export function checkAcross(target: ReportRef, others: ReportRef[], options: CheckOptions = {}): Diagnostic[] {
  if (options.rules?.[carryOverRule.id] === 'off') return [];
  const facts = carryFacts(target.doc);
  if (!facts?.carried) return [];
  for (const o of others) {
    if (o.uri === target.uri || o.doc.year !== facts.year - 1) continue;
    const f = carryFacts(o.doc);
    if (f?.next && f.key === facts.key) return carryOver(facts, { uri: o.uri, facts: f }, options);
  }
  return [];
}

/**
 * `checkAcross` of every report against all the others: entry k is what `checkAcross(refs[k],
 * the other refs)` gives (the uris distinct). The 四 rows are indexed by organ and year once, so
 * the work grows with the number of reports and not with its square, as calling `checkAcross`
 * for each would (150,000 files given to `check` with standard input did not finish).
 */
export function checkAcrossAll(refs: readonly ReportRef[], options: CheckOptions = {}): Diagnostic[][] {
  if (options.rules?.[carryOverRule.id] === 'off') return refs.map(() => []);
  const facts = refs.map((r) => carryFacts(r.doc));
  const yearKey = (f: CarryFacts, year: number): string => `${f.key}\u0000${year}`;
  /** By organ key and year: the first report (in order) with a 四 row. */
  const firstNext = new Map<string, number>();
  facts.forEach((f, k) => {
    if (f?.next && !firstNext.has(yearKey(f, f.year))) firstNext.set(yearKey(f, f.year), k);
  });
  return facts.map((f) => {
    const prev = f?.carried ? firstNext.get(yearKey(f, f.year - 1)) : undefined;
    return f && prev !== undefined ? carryOver(f, { uri: refs[prev].uri, facts: facts[prev]! }, options) : [];
  });
}

/**
 * `carry-over` between a report's facts and those of the same organ's report for the year
 * before (`prev`, found by the caller: same key, year − 1, with a 四 row).
 */
export function carryOver(target: CarryFacts, prev: { uri: string; facts: CarryFacts }, options: CheckOptions = {}): Diagnostic[] {
  const setting = options.rules?.[carryOverRule.id];
  if (setting === 'off') return [];
  const severity = setting ?? carryOverRule.defaultSeverity;
  const carried = target.carried;
  const next = prev.facts.next;
  if (!carried || !next) return [];
  const out: Diagnostic[] = [];
  for (let k = 0; k < REQUEST_COLUMNS.length; k++) {
    const a = carried[k];
    const b = next[k];
    if (a.kind === 'text' || b.kind === 'text') continue;
    const va = a.value ?? 0;
    const vb = b.value ?? 0;
    if (Math.abs(va - vb) < 1e-9) continue;
    const col = REQUEST_COLUMNS[k].label;
    const py = prev.facts.year;
    out.push({
      code: carryOverRule.id,
      severity,
      range: a.kind === 'blank' ? a.range : a.valueRange,
      message: {
        zh: `上年结转（${col}列）为 ${formatNumber(va)}，但 ${py} 年度报告「${label('next')}」为 ${formatNumber(vb)}`,
        en: `Carried over (${col}) is ${formatNumber(va)}, but the ${py} report carries forward ${formatNumber(vb)}`,
      },
      related: [{
        uri: prev.uri,
        range: b.kind === 'blank' ? b.range : b.valueRange,
        message: { zh: `${py} 年度报告「${label('next')}」（${col}）`, en: `${py} report, (IV) carried forward (${col})` },
      }],
      fixes: [{
        title: { zh: `改为 ${formatNumber(vb)}（与 ${py} 年度报告一致）`, en: `Change to ${formatNumber(vb)} (as in the ${py} report)` },
        edits: [{ range: a.valueRange, newText: formatNumber(vb) }],
      }],
      expected: vb,
      actual: va,
    });
  }
  return out;
}

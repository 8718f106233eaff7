// `zwgk-report audit DIR… [--html audit.html] [--format text|json]`: checks every report under the
// folders (recursively, *.txt and *.zwgk; UTF-8 or GB18030 …, see io.ts), then the checks across
// reports (`carry-over` between one organ's consecutive years, among the audited files), and
// gives one row per report: organ, year, format, errors and warnings by rule.
//
// --format text (default): a table and the totals by rule. --format json: one object
// `{ reports: [...], totals: {...} }` on stdout. --html FILE: a single self-contained page (no
// external load; CSS and the small sorting script allowed by their sha256 in the CSP) with a
// sortable table, a bar chart of defects by rule (inline SVG) and each report rendered below,
// linked from its row. A progress bar goes to stderr when it is a terminal and there are many files.
// Exit codes: 0 no errors; 1 errors found; 2 bad usage or a file that could not be read.

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { RULES, analyze, msg } from '../core';
import type { CheckOptions, Diagnostic, Lang, ReportDocument, Severity } from '../core';
import { checkAcross, crossRules, organKey, type ReportRef } from '../core/cross';
import { esc, renderBody } from '../render/html';
import { STYLE } from '../render/style';
import type { Bilingual, OptionSpec } from './args';
import { type ReportArgs, parseReportArgs } from './check';
import { FileError, collectFiles } from './io';
import { readReportFile } from './read';

export interface AuditIo {
  stdout(s: string): void;
  stderr(s: string): void;
  lang: Lang;
  /** Standard output is a terminal. */
  isTTY?: boolean;
  /** Show the progress bar (default: when the process's stderr is a terminal). */
  progress?: boolean;
}

/** Below this many files the progress bar is not worth drawing. */
const PROGRESS_MIN = 20;

export const USAGE = {
  zh: [
    '用法：zwgk-report audit [选项] <目录>…',
    '',
    '汇总审核多份政府信息公开工作年度报告：逐份检查（目录递归查找 *.txt、*.zwgk，UTF-8 或 GB18030 编码），',
    '并在这些报告之间核对同一机关相邻年度的结转数（carry-over）。每份报告一行：机关、年度、格式、各规则的错误和警告数。',
    '',
    '选项：',
    '  --format text|json            输出格式（默认 text）；json 为一个对象 { reports, totals }',
    '  --html <文件>                 另外生成一个独立的 HTML 审核报告（可排序的表格、按规则统计的条形图、每份报告的排版预览）',
    '  --format-version auto|2019|2021  按哪一版格式检查（默认 auto 自动识别）',
    '  --rule <规则>=<级别>          调整规则级别：error|warning|information|hint|off，可重复',
    '  --lang zh|en                  输出语言（默认 zh，或环境变量 ZWGK_LANG）',
    '  -h, --help                    显示本帮助',
    '',
    '退出码：0 没有错误；1 有错误；2 用法错误或有文件无法读取。',
  ].join('\n'),
  en: [
    'Usage: zwgk-report audit [options] <folder>…',
    '',
    'Audits many government information-disclosure annual reports: checks each (folders are searched recursively',
    'for *.txt and *.zwgk, UTF-8 or GB18030), then checks carry-over between one organ\'s consecutive years among them.',
    'One row per report: organ, year, format, errors and warnings by rule.',
    '',
    'Options:',
    '  --format text|json            output format (default text); json is one object { reports, totals }',
    '  --html <file>                 also write a self-contained HTML audit page (sortable table, chart of defects by rule, each report rendered)',
    '  --format-version auto|2019|2021  which format to check against (default auto: detect)',
    '  --rule <rule>=<severity>      change a rule: error|warning|information|hint|off; repeatable',
    '  --lang zh|en                  output language (default zh, or the ZWGK_LANG environment variable)',
    '  -h, --help                    show this help',
    '',
    'Exit codes: 0 no errors; 1 errors found; 2 bad usage, or a file could not be read.',
  ].join('\n'),
};

export interface AuditArgs extends ReportArgs {
  html: string | null;
}

export function parseArgs(argv: string[]): AuditArgs | { error: Bilingual } {
  const out: AuditArgs = { format: 'text', html: null, formatVersion: 'auto', rules: {}, lang: null, paths: [], help: false };
  const own: OptionSpec[] = [{ names: ['--html'], value: 'value', nonEmpty: true }];
  return parseReportArgs(argv, 'audit', out, own, (t) => {
    out.html = t.value ?? null;
  }, false);
}

// ------------------------------------------------------------------ model

export interface RuleCount {
  errors: number;
  warnings: number;
}

/** One audited file (a JSON row). */
export interface AuditRow {
  /** Path as found (under the folder given). */
  file: string;
  organ: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  encoding: string | null;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Errors and warnings by rule id (rules with at least one). */
  rules: Record<string, RuleCount>;
  /** The errors and warnings themselves (0-based LSP positions). */
  problems: { code: string; severity: Severity; line: number; character: number; message: string; related?: { file: string; line: number; character: number }[] }[];
  /** Set when the file could not be read. */
  unreadable?: string;
}

export interface AuditTotals {
  files: number;
  reports: number;
  unreadable: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Reports with at least one error. */
  reportsWithErrors: number;
  rules: Record<string, RuleCount>;
  byFormat: Record<string, number>;
}

export interface AuditResult {
  reports: AuditRow[];
  totals: AuditTotals;
}

interface Item {
  row: AuditRow;
  doc?: ReportDocument;
  diagnostics: Diagnostic[];
}

// ------------------------------------------------------------------ progress

function progressBar(io: AuditIo, total: number): { tick(done: number): void; end(): void } {
  const on = total >= PROGRESS_MIN && (io.progress ?? !!process.stderr.isTTY);
  if (!on) return { tick() {}, end() {} };
  let last = -1;
  let lastAt = 0;
  const label = io.lang === 'en' ? 'Auditing' : '审核中';
  const draw = (done: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
  };
  return {
    tick(done) {
      const pct = Math.floor((done / total) * 100);
      const now = Date.now();
      if (pct === last && now - lastAt < 200 && done !== total) return;
      last = pct;
      lastAt = now;
      draw(done);
    },
    end() {
      draw(total);
      io.stderr('\n');
    },
  };
}

// ------------------------------------------------------------------ audit

/** Audit the report files under `paths` (no output): rows in file order, totals. */
export async function audit(paths: string[], options: CheckOptions = {}, io?: AuditIo): Promise<{ result: AuditResult; items: Item[] }> {
  const collected = collectFiles(paths);
  const items: Item[] = [];
  const bar = io ? progressBar(io, collected.length) : { tick() {}, end() {} };
  let done = 0;
  for (const c of collected) {
    const row: AuditRow = {
      file: c.file, organ: null, year: null, format: null, encoding: null,
      errors: 0, warnings: 0, information: 0, hints: 0, rules: {}, problems: [],
    };
    if (c.error) {
      row.unreadable = msg(c.error.reason, io?.lang ?? 'zh');
      items.push({ row, diagnostics: [] });
    } else {
      try {
        const f = await readReportFile(c.file);
        const { doc, diagnostics } = analyze(f.text, options);
        row.organ = doc.title?.organ || null;
        row.year = doc.year;
        row.format = doc.format.version;
        row.encoding = f.converted ? f.converted.kind : f.encoding;
        items.push({ row, doc, diagnostics });
      } catch (e) {
        row.unreadable = e instanceof FileError ? msg(e.reason, io?.lang ?? 'zh') : String((e as Error)?.message ?? e);
        items.push({ row, diagnostics: [] });
      }
    }
    bar.tick(++done);
  }
  if (done) bar.end();

  // across reports: candidates by organ and year (no quadratic scan)
  const refs = new Map<Item, ReportRef>();
  const byKey = new Map<string, ReportRef[]>();
  for (const it of items) {
    if (!it.doc) continue;
    const ref: ReportRef = { uri: it.row.file, doc: it.doc };
    refs.set(it, ref);
    const k = organKey(it.doc);
    if (!k || !it.doc.year) continue;
    const key = `${k}\u0000${it.doc.year}`;
    const list = byKey.get(key) ?? [];
    list.push(ref);
    byKey.set(key, list);
  }
  for (const it of items) {
    const ref = refs.get(it);
    if (!ref || !it.doc!.year) continue;
    const k = organKey(it.doc!);
    const prev = k ? byKey.get(`${k}\u0000${it.doc!.year - 1}`) : undefined;
    if (!prev?.length) continue;
    const more = checkAcross(ref, prev, options);
    if (more.length) {
      it.diagnostics = [...it.diagnostics, ...more].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
  }

  // counts
  const lang = io?.lang ?? 'zh';
  const totals: AuditTotals = {
    files: items.length, reports: 0, unreadable: 0, errors: 0, warnings: 0, information: 0, hints: 0,
    reportsWithErrors: 0, rules: {}, byFormat: {},
  };
  for (const it of items) {
    const r = it.row;
    if (r.unreadable) {
      totals.unreadable++;
      continue;
    }
    totals.reports++;
    const fmt = r.format ?? 'unknown';
    totals.byFormat[fmt] = (totals.byFormat[fmt] ?? 0) + 1;
    for (const d of it.diagnostics) {
      if (d.severity === 'information') { r.information++; continue; }
      if (d.severity === 'hint') { r.hints++; continue; }
      const rc = (r.rules[d.code] ??= { errors: 0, warnings: 0 });
      const tc = (totals.rules[d.code] ??= { errors: 0, warnings: 0 });
      if (d.severity === 'error') { r.errors++; rc.errors++; tc.errors++; } else { r.warnings++; rc.warnings++; tc.warnings++; }
      r.problems.push({
        code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: msg(d.message, lang),
        ...(d.related?.some((x) => x.uri) ? { related: d.related.filter((x) => x.uri).map((x) => ({ file: x.uri!, line: x.range.start.line, character: x.range.start.character })) } : {}),
      });
    }
    totals.errors += r.errors;
    totals.warnings += r.warnings;
    totals.information += r.information;
    totals.hints += r.hints;
    if (r.errors) totals.reportsWithErrors++;
  }
  return { result: { reports: items.map((i) => i.row), totals }, items };
}

// ------------------------------------------------------------------ text output

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
      || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd))) ? 2 : 1;
  }
  return w;
}

function pad(s: string, w: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

function clip(s: string, w: number): string {
  if (width(s) <= w) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > w - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const rulesText = (rules: Record<string, RuleCount>): string =>
  Object.entries(rules).sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1))
    .map(([id, c]) => `${id}×${c.errors + c.warnings}`).join(' ');

export function textReport(res: AuditResult, lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh ? ['文件', '机关', '年度', '格式', '错误', '警告', '问题（按规则）'] : ['File', 'Organ', 'Year', 'Format', 'Errors', 'Warnings', 'Problems by rule'];
  const rows = res.reports.map((r) => [
    r.file, r.unreadable ? (zh ? `无法读取：${r.unreadable}` : `unreadable: ${r.unreadable}`) : r.organ ?? '—', r.year ? String(r.year) : '—',
    r.format ?? '—', r.unreadable ? '—' : String(r.errors), r.unreadable ? '—' : String(r.warnings), rulesText(r.rules),
  ]);
  const maxW = [48, 30, 4, 6, 6, 8, 0];
  const w = head.map((h, k) => Math.max(width(h), ...rows.map((r) => Math.min(width(r[k]), maxW[k] || Infinity))));
  const right = [false, false, false, false, true, true, false];
  const line = (cells: string[]) => cells.map((c, k) => (k === cells.length - 1 ? c : pad(clip(c, w[k]), w[k], right[k]))).join('  ').trimEnd();
  const out = [line(head), line(w.map((x, k) => '-'.repeat(k === w.length - 1 ? Math.max(width(head[k]), 8) : x))), ...rows.map(line), ''];
  const t = res.totals;
  out.push(zh
    ? `共 ${t.files} 个文件，${t.reports} 份报告（${Object.entries(t.byFormat).map(([f, n]) => `${f === 'unknown' ? '格式未知' : `${f} 格式`} ${n} 份`).join('，') || '无'}）：${t.errors} 个错误，${t.warnings} 个警告；${t.reportsWithErrors} 份报告有错误${t.unreadable ? `；${t.unreadable} 个文件无法读取` : ''}`
    : `${t.files} files, ${t.reports} reports (${Object.entries(t.byFormat).map(([f, n]) => `${f === 'unknown' ? 'unknown format' : `${f} format`}: ${n}`).join(', ') || 'none'}): ${t.errors} errors, ${t.warnings} warnings; ${t.reportsWithErrors} reports with errors${t.unreadable ? `; ${t.unreadable} files could not be read` : ''}`);
  const byRule = Object.entries(t.rules).sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1));
  if (byRule.length) {
    out.push('', zh ? '按规则统计：' : 'By rule:');
    const rw = Math.max(...byRule.map(([id]) => id.length));
    for (const [id, c] of byRule) {
      out.push(`  ${pad(id, rw)}  ${zh ? `错误 ${c.errors}，警告 ${c.warnings}` : `${c.errors} errors, ${c.warnings} warnings`}  ${ruleDescription(id, lang)}`);
    }
  }
  return out.join('\n') + '\n';
}

function ruleDescription(id: string, lang: Lang): string {
  const r = RULES.find((x) => x.id === id) ?? crossRules.find((x) => x.id === id);
  return r ? msg(r.description, lang) : '';
}

// ------------------------------------------------------------------ HTML

/** Sorting of the table by a click on a column header (numbers by `data-v`). Allowed by its hash. */
const SORT_SCRIPT = `(function(){
var ths=document.querySelectorAll('table.sortable th[data-sort] button');
Array.prototype.forEach.call(ths,function(btn){btn.addEventListener('click',function(){
var th=btn.parentNode,table=th.closest('table'),body=table.tBodies[0];
var i=Array.prototype.indexOf.call(th.parentNode.children,th),num=th.getAttribute('data-sort')==='num';
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(table.querySelectorAll('th[aria-sort]'),function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-v')||'',y=b.cells[i].getAttribute('data-v')||'';
return (num?(Number(x)-Number(y)):(x<y?-1:x>y?1:0))*dir;});
rows.forEach(function(r){body.appendChild(r);});});});
})();`;

const AUDIT_STYLE = `
.audit { max-width: 72rem; margin: 0 auto; padding: 1.5rem; font-family: var(--zw-ui-font); }
.audit h1 { font-size: 1.4rem; }
.audit .summary { margin: .5rem 0 1rem; }
.audit table.sortable { border-collapse: collapse; width: 100%; font-size: .9rem; }
.audit table.sortable th, .audit table.sortable td { border: 1px solid var(--zw-border); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.audit table.sortable td.n { text-align: right; font-variant-numeric: tabular-nums; }
.audit table.sortable th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
.audit table.sortable th[aria-sort=ascending] button::after { content: " ▲"; }
.audit table.sortable th[aria-sort=descending] button::after { content: " ▼"; }
.audit tr.has-errors td.errors { color: var(--zw-error); font-weight: bold; }
.audit tr.unreadable td { color: var(--zw-muted); }
.audit .rules code { margin-right: .4rem; white-space: nowrap; }
.audit .chart svg { max-width: 100%; height: auto; font-family: var(--zw-ui-font); }
.audit .chart .bar-error { fill: var(--zw-error); }
.audit .chart .bar-warning { fill: var(--zw-warning); }
.audit .chart text { fill: var(--zw-fg); font-size: 12px; }
.audit .legend .key-error { color: var(--zw-error); }
.audit .legend .key-warning { color: var(--zw-warning); }
.audit section.audit-report { border-top: 2px solid var(--zw-border); margin-top: 2rem; padding-top: 1rem; }
.audit section.audit-report > header h2 { font-size: 1.1rem; margin: 0; word-break: break-all; }
.audit section.audit-report > header p { margin: .25rem 0; color: var(--zw-muted); }
.audit .across li { margin: .2rem 0; }
.audit a { color: var(--zw-link); }
`;

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

const CHART_COLOURS = { error: 'bar-error', warning: 'bar-warning' };

/** Horizontal bars, one per rule with defects: errors then warnings, stacked. */
export function barChart(rules: Record<string, RuleCount>, lang: Lang): string {
  const entries = Object.entries(rules).filter(([, c]) => c.errors + c.warnings > 0)
    .sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1));
  const title = lang === 'en' ? 'Defects by rule' : '按规则统计的问题数';
  if (!entries.length) {
    return `<figure class="chart"><figcaption>${esc(title)}</figcaption><p>${esc(lang === 'en' ? 'No errors or warnings.' : '没有错误或警告。')}</p></figure>`;
  }
  const max = Math.max(...entries.map(([, c]) => c.errors + c.warnings));
  const labelW = 190;
  const barW = 420;
  const rowH = 22;
  const h = entries.length * rowH + 8;
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="0 0 ${labelW + barW + 70} ${h}" width="${labelW + barW + 70}" height="${h}">`;
  entries.forEach(([id, c], k) => {
    const y = 4 + k * rowH;
    const we = (c.errors / max) * barW;
    const ww = (c.warnings / max) * barW;
    const desc = ruleDescription(id, lang);
    svg += `<g class="bar" data-rule="${esc(id)}"><title>${esc(`${id}: ${desc}`)}</title>`
      + `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(id)}</text>`
      + (c.errors ? `<rect class="${CHART_COLOURS.error}" x="${labelW}" y="${y + 3}" width="${we.toFixed(1)}" height="${rowH - 6}"><title>${esc(`${lang === 'en' ? 'errors' : '错误'}: ${c.errors}`)}</title></rect>` : '')
      + (c.warnings ? `<rect class="${CHART_COLOURS.warning}" x="${(labelW + we).toFixed(1)}" y="${y + 3}" width="${ww.toFixed(1)}" height="${rowH - 6}"><title>${esc(`${lang === 'en' ? 'warnings' : '警告'}: ${c.warnings}`)}</title></rect>` : '')
      + `<text x="${(labelW + we + ww + 6).toFixed(1)}" y="${y + 15}">${c.errors + c.warnings}</text></g>`;
  });
  svg += '</svg>';
  const legend = lang === 'en'
    ? '<p class="legend"><span class="key-error">■</span> errors <span class="key-warning">■</span> warnings</p>'
    : '<p class="legend"><span class="key-error">■</span> 错误 <span class="key-warning">■</span> 警告</p>';
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption>${svg}${legend}</figure>`;
}

/** The audit as one self-contained HTML page. */
export function htmlReport(res: AuditResult, items: Item[], lang: Lang, generated = new Date()): string {
  const zh = lang !== 'en';
  const css = STYLE + AUDIT_STYLE;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(SORT_SCRIPT)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const t = res.totals;
  const title = zh ? '政府信息公开工作年度报告审核' : 'Disclosure annual reports audit';
  const anchor = new Map<string, string>();
  items.forEach((it, k) => anchor.set(it.row.file, `r-${k + 1}`));

  let h = '<!DOCTYPE html>\n'
    + `<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<meta name="referrer" content="no-referrer">\n'
    + `<title>${esc(title)}</title>\n<style>${css}</style>\n</head><body>\n<main class="audit">\n`
    + `<h1>${esc(title)}</h1>\n`
    + `<p class="summary">${esc(zh
      ? `共 ${t.files} 个文件、${t.reports} 份报告：${t.errors} 个错误，${t.warnings} 个警告；${t.reportsWithErrors} 份报告有错误${t.unreadable ? `；${t.unreadable} 个文件无法读取` : ''}。生成于 ${generated.toISOString()}`
      : `${t.files} files, ${t.reports} reports: ${t.errors} errors, ${t.warnings} warnings; ${t.reportsWithErrors} reports with errors${t.unreadable ? `; ${t.unreadable} files could not be read` : ''}. Generated ${generated.toISOString()}`)}</p>\n`;
  h += barChart(t.rules, lang) + '\n';

  const cols: [string, 'text' | 'num'][] = zh
    ? [['文件', 'text'], ['机关', 'text'], ['年度', 'num'], ['格式', 'text'], ['错误', 'num'], ['警告', 'num'], ['问题（按规则）', 'text']]
    : [['File', 'text'], ['Organ', 'text'], ['Year', 'num'], ['Format', 'text'], ['Errors', 'num'], ['Warnings', 'num'], ['Problems by rule', 'text']];
  h += `<table class="sortable" id="audit-table"><caption>${esc(zh ? '点击列标题排序' : 'Click a column header to sort')}</caption><thead><tr>`
    + cols.map(([c, kind]) => `<th scope="col" data-sort="${kind}"><button type="button">${esc(c)}</button></th>`).join('')
    + '</tr></thead><tbody>\n';
  for (const it of items) {
    const r = it.row;
    const cls = r.unreadable ? 'unreadable' : r.errors ? 'has-errors' : r.warnings ? 'has-warnings' : 'clean';
    const rules = Object.entries(r.rules).sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1));
    const fileCell = r.unreadable ? esc(r.file) : `<a href="#${anchor.get(r.file)}">${esc(r.file)}</a>`;
    h += `<tr class="report-row ${cls}" data-file="${esc(r.file)}">`
      + `<td data-v="${esc(r.file)}">${fileCell}</td>`
      + `<td data-v="${esc(r.organ ?? '')}">${esc(r.unreadable ? (zh ? `无法读取：${r.unreadable}` : `unreadable: ${r.unreadable}`) : r.organ ?? '—')}</td>`
      + `<td class="n" data-v="${r.year ?? 0}">${esc(r.year ?? '—')}</td>`
      + `<td data-v="${esc(r.format ?? '')}">${esc(r.format ?? '—')}</td>`
      + `<td class="n errors" data-v="${r.errors}">${r.errors}</td>`
      + `<td class="n warnings" data-v="${r.warnings}">${r.warnings}</td>`
      + `<td class="rules" data-v="${esc(rules.map(([id]) => id).join(' '))}">${rules.map(([id, c]) => `<code title="${esc(ruleDescription(id, lang))}">${esc(id)}×${c.errors + c.warnings}</code>`).join('')}</td>`
      + '</tr>\n';
  }
  h += '</tbody></table>\n';

  for (const it of items) {
    if (!it.doc) continue;
    const r = it.row;
    const id = anchor.get(r.file)!;
    h += `<section class="audit-report" id="${id}"><header><h2>${esc(r.file)}</h2>`
      + `<p>${esc([r.organ ?? '', r.year ? (zh ? `${r.year} 年度` : String(r.year)) : '', r.format ? (zh ? `${r.format} 格式` : `${r.format} format`) : '',
        zh ? `错误 ${r.errors}，警告 ${r.warnings}` : `${r.errors} errors, ${r.warnings} warnings`].filter(Boolean).join(' · '))}</p>`;
    const across = it.diagnostics.filter((d) => d.related?.some((x) => x.uri));
    if (across.length) {
      h += `<ul class="across">`;
      for (const d of across) {
        const links = d.related!.filter((x) => x.uri).map((x) => {
          const other = anchor.get(x.uri!);
          const label = `${x.uri}:${x.range.start.line + 1}`;
          return other ? `<a href="#${other}">${esc(label)}</a>` : esc(label);
        }).join(', ');
        h += `<li class="sev-${d.severity === 'error' ? 'error' : 'warning'}">${esc(zh ? `第 ${d.range.start.line + 1} 行：` : `Line ${d.range.start.line + 1}: `)}${esc(msg(d.message, lang))} → ${links}</li>`;
      }
      h += '</ul>';
    }
    h += `<p><a href="#audit-table">${esc(zh ? '↑ 返回汇总表' : '↑ Back to the table')}</a></p></header>\n`;
    h += renderBody(it.doc, it.diagnostics, { lang });
    h += '\n</section>\n';
  }
  h += `</main>\n<script>${SORT_SCRIPT}</script>\n</body></html>\n`;
  return h;
}

// ------------------------------------------------------------------ run

export async function run(argv: string[], io: AuditIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.stderr(`${msg(parsed.error, io.lang)}\n\n${USAGE[io.lang]}\n`);
    return 2;
  }
  const lang: Lang = parsed.lang ?? io.lang;
  if (parsed.help) {
    io.stdout(`${USAGE[lang]}\n`);
    return 0;
  }
  if (!parsed.paths.length) {
    io.stderr(`${lang === 'zh' ? '请指定要审核的目录' : 'Name a folder to audit'}\n\n${USAGE[lang]}\n`);
    return 2;
  }
  const options: CheckOptions = { rules: parsed.rules, format: parsed.formatVersion };
  const { result, items } = await audit(parsed.paths, options, { ...io, lang });
  if (parsed.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(textReport(result, lang));
  if (parsed.html) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(parsed.html)), { recursive: true });
      fs.writeFileSync(parsed.html, htmlReport(result, items, lang));
      io.stderr(lang === 'zh' ? `已写入 ${parsed.html}\n` : `Wrote ${parsed.html}\n`);
    } catch (e) {
      io.stderr(`${parsed.html}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (result.totals.unreadable) {
    for (const r of result.reports) if (r.unreadable) io.stderr(`${r.file}: ${r.unreadable}\n`);
    return 2;
  }
  return result.totals.errors > 0 ? 1 : 0;
}

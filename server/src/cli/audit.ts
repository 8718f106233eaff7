// `zwgk-report audit DIR… [--format text|json|jsonl|sarif] [--out DIR] [--html FILE] [--jobs N]`:
// checks every report under the folders (recursively, *.txt and *.zwgk; UTF-8 or GB18030 …, see
// io.ts) on every core (pool.ts), then carry-over between one organ's consecutive years among
// them, and gives one row per report: organ, year, format, errors and warnings by rule.
//
// The run streams: each file is read, checked and reduced to its row, then dropped; only what
// carry-over needs is kept (stream.ts), and the rows wait in a temporary file (the spool) for the
// outputs that need the totals first. Memory stays flat in the number of files.
//
// --format text (default): a table and the totals by rule. json: one object `{ reports, totals }`.
// jsonl: one line per file as soon as it and the files before it are checked, carry-over lines
// when both years have been read, a totals line last. sarif: SARIF 2.1.0 (sarif.ts).
// --out DIR: a summary page, a paged table and a report page that renders any report from its shard (site.ts, site-page.ts). --html FILE: one
// self-contained page with every report in it, for small sets. Output files are written under a
// temporary name and renamed when complete; Ctrl-C leaves none half-written.
// Exit codes: 0 no errors; 1 errors found; 2 bad usage or a file that could not be read; 130 interrupted.

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { RULES, analyze, msg } from '../core';
import type { CheckOptions, Diagnostic, Lang } from '../core';
import { crossRules } from '../core/cross';
import { esc, renderBody } from '../render/html';
import { STYLE } from '../render/style';
import type { Bilingual, OptionSpec } from './args';
import { type ReportArgs, parseReportArgs } from './check';
import { readTextFile } from './io';
import { WriteError, identitiesOf, vetOutputs } from './atomic';
import { type FileRecord, type SlimDiagnostic, type WorkerConfig, asDiagnostic, defaultJobs, runPool, writeSiteFile } from './pool';
import { SarifWriter } from './sarif';
import { CHART_STYLE, SITE_FILES, SiteWriter, viewerScript } from './site';
import { type CarryData, carryName, pageLink, shardOf, shardScript } from './site-page';
import {
  type AuditRow, type AuditTotals, CarryTracker, PendingFile, type RuleCount, Spool, Summary, auditRow, problemOf, runInputs,
} from './stream';

export type { AuditRow, AuditTotals, RuleCount } from './stream';

export interface AuditIo {
  stdout(s: string): void;
  stderr(s: string): void;
  lang: Lang;
  /** Standard output is a terminal. */
  isTTY?: boolean;
  /** Show the progress bar (default: when the process's stderr is a terminal). */
  progress?: boolean;
  /** Stop when this signal fires (default: the process's SIGINT, Ctrl-C). */
  signal?: AbortSignal;
}

/** Below this many files the progress bar is not worth drawing. */
const PROGRESS_MIN = 20;

export const USAGE = {
  zh: [
    '用法：zwgk-report audit [选项] <目录>…',
    '',
    '汇总审核多份政府信息公开工作年度报告：逐份检查（目录递归查找 *.txt、*.zwgk，UTF-8 或 GB18030 编码），',
    '并在这些报告之间核对同一机关相邻年度的结转数（carry-over）。每份报告一行：机关、年度、格式、各规则的错误和警告数。',
    '逐个文件流式处理，内存不随文件数增长；多核并行，结果按路径顺序输出。',
    '',
    '选项：',
    '  --format text|json|jsonl|sarif  输出格式（默认 text）；json 为一个对象 { reports, totals }；',
    '                                jsonl 每个文件一行（检查完即输出）；sarif 为 SARIF 2.1.0',
    '  --out <目录>                  生成审核网站：汇总页 index.html、分页的报告表 reports.html、报告页面 report.html（报告在 reports/ 的分片中）',
    '  --html <文件>                 生成一个独立的 HTML 页面（内含每份报告的预览，适合少量报告；大量报告请用 --out）',
    '  --jobs <N>                    并行的线程数（默认为 CPU 核数）',
    '  --format-version auto|2019|2021  按哪一版格式检查（默认 auto 自动识别）',
    '  --rule <规则>=<级别>          调整规则级别：error|warning|information|hint|off，可重复',
    '  --lang zh|en                  输出语言（默认 zh，或环境变量 ZWGK_LANG）',
    '  -h, --help                    显示本帮助',
    '',
    '退出码：0 没有错误；1 有错误；2 用法错误或有文件无法读取；130 被中断（Ctrl-C）。',
  ].join('\n'),
  en: [
    'Usage: zwgk-report audit [options] <folder>…',
    '',
    'Audits many government information-disclosure annual reports: checks each (folders are searched recursively',
    'for *.txt and *.zwgk, UTF-8 or GB18030), then checks carry-over between one organ\'s consecutive years among them.',
    'One row per report: organ, year, format, errors and warnings by rule. Files are streamed (memory does not grow',
    'with their number) and checked on every core; results come in path order.',
    '',
    'Options:',
    '  --format text|json|jsonl|sarif  output format (default text); json is one object { reports, totals };',
    '                                jsonl one line per file as it is checked; sarif is SARIF 2.1.0',
    '  --out <folder>                write an audit site: summary index.html, paged table reports.html, report page report.html (the reports in shards in reports/)',
    '  --html <file>                 write one self-contained HTML page with every report rendered in it (small sets; use --out for many)',
    '  --jobs <N>                    threads to check on (default: the number of CPUs)',
    '  --format-version auto|2019|2021  which format to check against (default auto: detect)',
    '  --rule <rule>=<severity>      change a rule: error|warning|information|hint|off; repeatable',
    '  --lang zh|en                  output language (default zh, or the ZWGK_LANG environment variable)',
    '  -h, --help                    show this help',
    '',
    'Exit codes: 0 no errors; 1 errors found; 2 bad usage, or a file could not be read; 130 interrupted (Ctrl-C).',
  ].join('\n'),
};

export interface AuditArgs extends ReportArgs {
  html: string | null;
  out: string | null;
  jobs: number | null;
}

/** `--jobs N`: a whole number from 1 to 256. */
export function parseJobs(v: string | undefined): number | { error: Bilingual } {
  const n = Number(v);
  if (!/^\d+$/.test(v ?? '') || n < 1 || n > 256) return { error: { zh: `--jobs 应为 1 到 256 的整数：${v ?? ''}`, en: `--jobs takes a whole number from 1 to 256: ${v ?? ''}` } };
  return n;
}

export function parseArgs(argv: string[]): AuditArgs | { error: Bilingual } {
  const out: AuditArgs = { format: 'text', html: null, out: null, jobs: null, formatVersion: 'auto', rules: {}, lang: null, paths: [], help: false };
  const own: OptionSpec[] = [
    { names: ['--html'], value: 'value', nonEmpty: true },
    { names: ['--out'], value: 'value', nonEmpty: true },
    { names: ['--jobs', '-j'], value: 'value' },
  ];
  return parseReportArgs(argv, 'audit', out, own, (t) => {
    if (t.option === '--html') out.html = t.value ?? null;
    else if (t.option === '--out') out.out = t.value ?? null;
    else {
      const j = parseJobs(t.value);
      if (typeof j !== 'number') return j.error;
      out.jobs = j;
    }
  }, false);
}

export interface AuditResult {
  reports: AuditRow[];
  totals: AuditTotals;
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

// ------------------------------------------------------------------ text helpers

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
${CHART_STYLE}.audit section.audit-report { border-top: 2px solid var(--zw-border); margin-top: 2rem; padding-top: 1rem; }
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

// ------------------------------------------------------------------ text output

export function textHeader(lang: Lang): string[] {
  return lang === 'zh' ? ['文件', '机关', '年度', '格式', '错误', '警告', '问题（按规则）'] : ['File', 'Organ', 'Year', 'Format', 'Errors', 'Warnings', 'Problems by rule'];
}

function textCells(r: AuditRow, lang: Lang): string[] {
  const zh = lang === 'zh';
  return [
    r.file, r.unreadable !== undefined ? (zh ? `无法读取：${r.unreadable}` : `unreadable: ${r.unreadable}`) : r.organ ?? '—', r.year ? String(r.year) : '—',
    r.format ?? '—', r.unreadable !== undefined ? '—' : String(r.errors), r.unreadable !== undefined ? '—' : String(r.warnings), rulesText(r.rules),
  ];
}

const MAX_W = [48, 30, 4, 6, 6, 8, 0];
const RIGHT = [false, false, false, false, true, true, false];

/** Column widths of the text table, grown row by row (each capped). */
class TextWidths {
  readonly w: number[];
  constructor(lang: Lang) {
    this.w = textHeader(lang).map((h) => width(h));
  }
  add(cells: string[]): void {
    cells.forEach((c, k) => {
      this.w[k] = Math.max(this.w[k], Math.min(width(c), MAX_W[k] || Infinity));
    });
  }
  line(cells: string[]): string {
    return cells.map((c, k) => (k === cells.length - 1 ? c : pad(clip(c, this.w[k]), this.w[k], RIGHT[k]))).join('  ').trimEnd();
  }
}

function textTotals(t: AuditTotals, lang: Lang): string {
  const zh = lang === 'zh';
  const out = ['', zh
    ? `共 ${t.files} 个文件，${t.reports} 份报告（${Object.entries(t.byFormat).map(([f, n]) => `${f === 'unknown' ? '格式未知' : `${f} 格式`} ${n} 份`).join('，') || '无'}）：${t.errors} 个错误，${t.warnings} 个警告；${t.reportsWithErrors} 份报告有错误${t.unreadable ? `；${t.unreadable} 个文件无法读取` : ''}`
    : `${t.files} files, ${t.reports} reports (${Object.entries(t.byFormat).map(([f, n]) => `${f === 'unknown' ? 'unknown format' : `${f} format`}: ${n}`).join(', ') || 'none'}): ${t.errors} errors, ${t.warnings} warnings; ${t.reportsWithErrors} reports with errors${t.unreadable ? `; ${t.unreadable} files could not be read` : ''}`];
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

/** The whole text report of a finished audit (small sets; `run` streams the same lines). */
export function textReport(res: AuditResult, lang: Lang): string {
  const w = new TextWidths(lang);
  const rows = res.reports.map((r) => textCells(r, lang));
  rows.forEach((c) => w.add(c));
  const head = textHeader(lang);
  return [w.line(head), w.line(w.w.map((x, k) => '-'.repeat(k === w.w.length - 1 ? Math.max(width(head[k]), 8) : x))), ...rows.map((c) => w.line(c)), ''].join('\n') + textTotals(res.totals, lang).slice(1);
}

// ------------------------------------------------------------------ one HTML page (--html)

function htmlHead(t: AuditTotals, lang: Lang, generated: Date): string {
  const zh = lang !== 'en';
  const css = STYLE + AUDIT_STYLE;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; script-src 'sha256-${sha256(SORT_SCRIPT)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const title = zh ? '政府信息公开工作年度报告审核' : 'Disclosure annual reports audit';
  const cols: [string, 'text' | 'num'][] = zh
    ? [['文件', 'text'], ['机关', 'text'], ['年度', 'num'], ['格式', 'text'], ['错误', 'num'], ['警告', 'num'], ['问题（按规则）', 'text']]
    : [['File', 'text'], ['Organ', 'text'], ['Year', 'num'], ['Format', 'text'], ['Errors', 'num'], ['Warnings', 'num'], ['Problems by rule', 'text']];
  return '<!DOCTYPE html>\n'
    + `<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<meta name="referrer" content="no-referrer">\n'
    + `<title>${esc(title)}</title>\n<style>${css}</style>\n</head><body>\n<main class="audit">\n`
    + `<h1>${esc(title)}</h1>\n`
    + `<p class="summary">${esc(zh
      ? `共 ${t.files} 个文件、${t.reports} 份报告：${t.errors} 个错误，${t.warnings} 个警告；${t.reportsWithErrors} 份报告有错误${t.unreadable ? `；${t.unreadable} 个文件无法读取` : ''}。生成于 ${generated.toISOString()}`
      : `${t.files} files, ${t.reports} reports: ${t.errors} errors, ${t.warnings} warnings; ${t.reportsWithErrors} reports with errors${t.unreadable ? `; ${t.unreadable} files could not be read` : ''}. Generated ${generated.toISOString()}`)}</p>\n`
    + barChart(t.rules, lang) + '\n'
    + `<table class="sortable" id="audit-table"><caption>${esc(zh ? '点击列标题排序' : 'Click a column header to sort')}</caption><thead><tr>`
    + cols.map(([c, kind]) => `<th scope="col" data-sort="${kind}"><button type="button">${esc(c)}</button></th>`).join('')
    + '</tr></thead><tbody>\n';
}

function htmlRow(r: AuditRow, index: number, lang: Lang): string {
  const zh = lang !== 'en';
  const cls = r.unreadable !== undefined ? 'unreadable' : r.errors ? 'has-errors' : r.warnings ? 'has-warnings' : 'clean';
  const rules = Object.entries(r.rules).sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1));
  const fileCell = r.unreadable !== undefined ? esc(r.file) : `<a href="#r-${index + 1}">${esc(r.file)}</a>`;
  return `<tr class="report-row ${cls}" data-file="${esc(r.file)}">`
    + `<td data-v="${esc(r.file)}">${fileCell}</td>`
    + `<td data-v="${esc(r.organ ?? '')}">${esc(r.unreadable !== undefined ? (zh ? `无法读取：${r.unreadable}` : `unreadable: ${r.unreadable}`) : r.organ ?? '—')}</td>`
    + `<td class="n" data-v="${r.year ?? 0}">${esc(r.year ?? '—')}</td>`
    + `<td data-v="${esc(r.format ?? '')}">${esc(r.format ?? '—')}</td>`
    + `<td class="n errors" data-v="${r.errors}">${r.errors}</td>`
    + `<td class="n warnings" data-v="${r.warnings}">${r.warnings}</td>`
    + `<td class="rules" data-v="${esc(rules.map(([id]) => id).join(' '))}">${rules.map(([id, c]) => `<code title="${esc(ruleDescription(id, lang))}">${esc(id)}×${c.errors + c.warnings}</code>`).join('')}</td>`
    + '</tr>\n';
}

/** A report's section of the single page: the file read and checked again, carry-over added. */
function htmlSection(r: AuditRow, index: number, extra: SlimDiagnostic[] | undefined, anchors: Map<string, number>, options: CheckOptions, lang: Lang): string {
  const zh = lang !== 'en';
  let doc;
  let diagnostics: Diagnostic[];
  try {
    ({ doc, diagnostics } = analyze(readTextFile(r.file).text, options));
  } catch {
    return ''; // removed since: its row says what was found
  }
  if (extra?.length) diagnostics = [...diagnostics, ...extra.map(asDiagnostic)];
  let h = `<section class="audit-report" id="r-${index + 1}"><header><h2>${esc(r.file)}</h2>`
    + `<p>${esc([r.organ ?? '', r.year ? (zh ? `${r.year} 年度` : String(r.year)) : '', r.format ? (zh ? `${r.format} 格式` : `${r.format} format`) : '',
      zh ? `错误 ${r.errors}，警告 ${r.warnings}` : `${r.errors} errors, ${r.warnings} warnings`].filter(Boolean).join(' · '))}</p>`;
  if (extra?.length) {
    h += '<ul class="across">';
    for (const d of extra) {
      const links = (d.related ?? []).map((x) => {
        const other = anchors.get(x.file);
        const label = `${x.file}:${x.line + 1}`;
        return other !== undefined ? `<a href="#r-${other + 1}">${esc(label)}</a>` : esc(label);
      }).join(', ');
      h += `<li class="sev-${d.severity === 'error' ? 'error' : 'warning'}">${esc(zh ? `第 ${d.range.start.line + 1} 行：` : `Line ${d.range.start.line + 1}: `)}${esc(d.message)} → ${links}</li>`;
    }
    h += '</ul>';
  }
  h += `<p><a href="#audit-table">${esc(zh ? '↑ 返回汇总表' : '↑ Back to the table')}</a></p></header>\n`;
  h += renderBody(doc, diagnostics, { lang });
  return `${h}\n</section>\n`;
}

// ------------------------------------------------------------------ run

/** The line on stderr at the end of a run whose stdout is for machines. */
function stderrSummary(t: AuditTotals, seconds: number, lang: Lang): string {
  const rate = seconds > 0 ? Math.round(t.files / seconds) : t.files;
  return lang === 'zh'
    ? `审核了 ${t.files} 个文件：${t.errors} 个错误，${t.warnings} 个警告；${t.reportsWithErrors} 份报告有错误${t.unreadable ? `；${t.unreadable} 个文件无法读取` : ''}（${seconds.toFixed(1)} 秒，每秒 ${rate} 份）`
    : `Audited ${t.files} files: ${t.errors} errors, ${t.warnings} warnings; ${t.reportsWithErrors} reports with errors${t.unreadable ? `; ${t.unreadable} files could not be read` : ''} (${seconds.toFixed(1)} s, ${rate} reports/s)`;
}

export async function run(argv: string[], io: AuditIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.stderr(`${msg(parsed.error, io.lang)}\n\n${USAGE[io.lang]}\n`);
    return 2;
  }
  const lang: Lang = parsed.lang ?? io.lang;
  const zh = lang === 'zh';
  if (parsed.help) {
    io.stdout(`${USAGE[lang]}\n`);
    return 0;
  }
  if (!parsed.paths.length) {
    io.stderr(`${zh ? '请指定要审核的目录' : 'Name a folder to audit'}\n\n${USAGE[lang]}\n`);
    return 2;
  }
  const started = Date.now();
  const options: CheckOptions = { rules: parsed.rules, format: parsed.formatVersion };
  const format = parsed.format;
  const outDir = parsed.out ? path.resolve(parsed.out) : null;
  const pagesDir = outDir ? path.join(outDir, 'reports') : undefined;
  let viewer = '';
  try {
    if (outDir) viewer = viewerScript();
    if (pagesDir) fs.mkdirSync(pagesDir, { recursive: true });
  } catch (e) {
    io.stderr(`${parsed.out}: ${(e as Error).message}\n`);
    return 2;
  }

  const { files, pre } = runInputs(parsed.paths, lang);
  // the HTML page and the site's files must not land on an input, nor on a folder, a FIFO or a
  // read-only file (checked before any work, as the writes would)
  const readable = parsed.html || outDir ? files.filter((_f, index) => !pre.has(index)) : [];
  const notOver = identitiesOf(readable);
  const refused = vetOutputs([...(parsed.html ? [parsed.html] : []), ...(outDir ? SITE_FILES.map((f) => path.join(outDir, f)) : [])], notOver, pagesDir, readable);
  if (refused) {
    io.stderr(`${refused.file}: ${msg(refused.reason, lang)}\n`);
    return 2;
  }
  const cfg: WorkerConfig = { options, lang, keep: 'problems', ...(pagesDir ? { pagesDir } : {}) };

  // jsonl and sarif alone need neither the spool nor the carry-over problems kept: the totals are counted as they come.
  const streamOnly = (format === 'jsonl' || format === 'sarif') && !outDir && !parsed.html;
  const spool = streamOnly ? null : new Spool();
  const live = streamOnly ? new Summary(true) : null;
  const withErrors = streamOnly ? new Uint8Array(files.length) : null;
  const tracker = new CarryTracker(options, lang, (i) => files[i]);
  const extras = new Map<number, SlimDiagnostic[]>();
  const sarif = format === 'sarif' ? new SarifWriter(io.stdout, lang) : null;
  sarif?.begin();
  const bar = progressBar(io, files.length);
  let done = 0;
  const onRecord = (r: FileRecord): void => {
    spool?.write(r);
    const across = tracker.commit(r);
    if (live) {
      if (r.unreadable !== undefined) io.stderr(`${r.file}: ${r.unreadable}\n`);
      const row = auditRow(r);
      live.add(row, r.index);
      if (row.errors) withErrors![r.index] = 1;
      for (const a of across) {
        live.addAcross(a.diagnostics, withErrors![a.index] === 1);
        if (a.diagnostics.some((d) => d.severity === 'error')) withErrors![a.index] = 1;
      }
    } else for (const a of across) extras.set(a.index, [...(extras.get(a.index) ?? []), ...a.diagnostics]);
    if (format === 'jsonl') {
      let lines = `${JSON.stringify({ type: 'report', ...auditRow(r) })}\n`;
      for (const a of across) lines += `${JSON.stringify({ type: 'carry-over', file: a.file, problems: a.diagnostics.map(problemOf) })}\n`;
      io.stdout(lines);
    } else if (sarif) {
      if (r.unreadable !== undefined) sarif.unreadable(r.file, r.unreadable);
      else for (const d of r.diagnostics) sarif.result(r.file, d);
      for (const a of across) for (const d of a.diagnostics) sarif.result(a.file, d);
    }
    bar.tick(++done);
  };

  // Ctrl-C: stop the workers, remove every file not yet complete.
  let interrupted = false;
  const pool = runPool(files, cfg, parsed.jobs ?? defaultJobs(), onRecord, pre);
  const stop = (): void => {
    interrupted = true;
    pool.abort();
  };
  const signal = io.signal;
  if (signal) signal.addEventListener('abort', stop, { once: true });
  else process.on('SIGINT', stop);
  let site: SiteWriter | null = null;
  let page: PendingFile | null = null;
  const interruptedExit = (): number => {
    site?.discard();
    page?.discard();
    for (const f of [...PendingFile.open]) f.discard();
    spool?.remove();
    io.stderr(zh ? '\n已中断，未写入未完成的文件\n' : '\nInterrupted; no unfinished file was left\n');
    return 130;
  };
  try {
    await pool.done;
    if (interrupted) return interruptedExit();
    if (done) bar.end();

    if (live) {
      const t = live.totals;
      if (format === 'jsonl') io.stdout(`${JSON.stringify({ type: 'totals', ...t })}\n`);
      else sarif!.end();
      io.stderr(`${stderrSummary(t, (Date.now() - started) / 1000, lang)}\n`);
      if (t.unreadable) return 2; // each named on stderr as it came
      return t.errors > 0 ? 1 : 0;
    }
    if (!spool) throw new Error('no spool');

    // Pass 1: the final rows (carry-over added) → the totals, the summary, the text widths.
    const summary = new Summary();
    const widths = format === 'text' ? new TextWidths(lang) : null;
    const anchors = parsed.html ? new Map<string, number>() : null;
    const carried = new Map<number, CarryData>(); // the site's carry-over files, by shard
    for await (const r of spool.read()) {
      const extra = extras.get(r.index);
      const row = auditRow(r, extra);
      summary.add(row, r.index, r.page ? pageLink(r.index, !!extra) : undefined);
      if (r.page && extra) {
        const shard = shardOf(r.index);
        if (!carried.has(shard)) carried.set(shard, {});
        carried.get(shard)![String(r.index)] = extra.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range }));
      }
      widths?.add(textCells(row, lang));
      if (anchors && r.unreadable === undefined) anchors.set(r.file, r.index);
      if (interrupted) return interruptedExit();
    }
    const t = summary.totals;

    // Reports with carry-over problems: those, for their pages, next to their shards.
    if (pagesDir) {
      for (const [shard, data] of carried) {
        writeSiteFile(pagesDir, carryName(shard), shardScript('ZWGK_CARRY', data));
      }
    }

    // Pass 2: the outputs.
    if (outDir) site = new SiteWriter(outDir, lang, viewer);
    if (parsed.html) {
      page = new PendingFile(parsed.html, { notOver });
      page.write(htmlHead(t, lang, new Date()));
    }
    if (format === 'json') io.stdout('{"reports":[');
    if (widths) {
      const head = textHeader(lang);
      io.stdout(`${widths.line(head)}\n${widths.line(widths.w.map((x, k) => '-'.repeat(k === widths.w.length - 1 ? Math.max(width(head[k]), 8) : x)))}\n`);
    }
    let first = true;
    for await (const r of spool.read()) {
      if (interrupted) return interruptedExit();
      const row = auditRow(r, extras.get(r.index));
      if (format === 'json') {
        io.stdout(`${first ? '\n' : ',\n'}${JSON.stringify(row)}`);
        first = false;
      } else if (widths) io.stdout(`${widths.line(textCells(row, lang))}\n`);
      site?.row(row, r.page ? pageLink(r.index, extras.has(r.index)) : undefined);
      page?.write(htmlRow(row, r.index, lang));
    }
    if (format === 'json') io.stdout(`\n],"totals":${JSON.stringify(t)}}\n`);
    else if (widths) io.stdout(textTotals(t, lang));
    else if (format === 'jsonl') io.stdout(`${JSON.stringify({ type: 'totals', ...t })}\n`);
    else if (sarif) sarif.end();

    if (page) {
      page.write('</tbody></table>\n');
      for await (const r of spool.read()) {
        if (interrupted) return interruptedExit();
        if (r.unreadable !== undefined) continue;
        page.write(htmlSection(auditRow(r, extras.get(r.index)), r.index, extras.get(r.index), anchors!, options, lang));
      }
      page.write(`</main>\n<script>${SORT_SCRIPT}</script>\n</body></html>\n`);
      page.commit();
      io.stderr(zh ? `已写入 ${parsed.html}\n` : `Wrote ${parsed.html}\n`);
    }
    if (site) {
      site.commit(summary, barChart(t.rules, lang), new Date());
      io.stderr(zh ? `已写入 ${path.join(parsed.out!, 'index.html')}（汇总）、reports.html（报告表）、report.html（报告页面）和 reports/（报告分片）\n`
        : `Wrote ${path.join(parsed.out!, 'index.html')} (summary), reports.html (table), report.html (report page) and reports/ (report shards)\n`);
    }
    if (format !== 'text') io.stderr(`${stderrSummary(t, (Date.now() - started) / 1000, lang)}\n`);
    if (t.unreadable) {
      for await (const r of spool.read()) if (r.unreadable !== undefined) io.stderr(`${r.file}: ${r.unreadable}\n`);
      return 2;
    }
    return t.errors > 0 ? 1 : 0;
  } catch (e) {
    site?.discard();
    page?.discard();
    if (e instanceof WriteError) {
      io.stderr(`${e.file}: ${msg(e.reason, lang)}\n`);
      return 2;
    }
    if (e instanceof Error && (e as NodeJS.ErrnoException).code && (e as NodeJS.ErrnoException).path) {
      io.stderr(`${(e as NodeJS.ErrnoException).path}: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    if (signal) signal.removeEventListener('abort', stop);
    else process.off('SIGINT', stop);
    pool.abort();
    spool?.remove();
  }
}

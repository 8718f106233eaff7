// `audit --out DIR`: the audit as a small set of files that stays usable at any size.
//
//   DIR/index.html     the summary: totals, defects by rule (bar chart), by organ level, by year,
//                      by format, the worst reports; a few kilobytes whatever the number of reports
//   DIR/reports.html   the table of reports, paged (100 rows a page), sortable by any column and
//                      filtered by organ, year, level and rule; its rows are in DIR/reports.js
//   DIR/reports.js     the rows as data (`window.ZWGK_AUDIT = {…}`), loaded by reports.html
//   DIR/report.html    one report's page, `report.html#n=K`: report K rendered in the browser by
//                      DIR/report.js (the preview's renderer) from its shard (site-page.ts)
//   DIR/reports/NNN/NNNNN.js  the shards: twenty reports' texts and diagnostics each, a thousand
//                      reports to a folder; written by the workers (pool.ts); NNNNN.carry.js
//                      beside one holds its carry-over problems, when it has any
//   DIR/report.css     the report page's style sheet
//
// Nothing is loaded from elsewhere. The pages' CSP is `default-src 'none'`; styles and the table's
// script are allowed by their sha256, reports.js (next to the page) by 'self'; the report page
// allows its style sheet and scripts from 'self' only (report.js and the shards). Every text from
// a report is escaped (HTML) or set as text (the scripts).

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Lang } from '../core';
import { esc } from '../render/html';
import { STYLE } from '../render/style';
import { REPORT_CSS, REPORT_CSS_TEXT, REPORT_HTML, REPORT_JS } from './site-page';
import { type AuditRow, LEVELS, LEVEL_NAMES, PendingFile, type Summary, organLevel } from './stream';

/** The files the site writes at its root (besides reports/): an audit refuses to start when one of them is an input. */
export const SITE_FILES: readonly string[] = ['index.html', 'reports.html', 'reports.js', REPORT_CSS, REPORT_HTML, REPORT_JS];

/**
 * The report page's script: the bundle scripts/build.mjs makes of site-viewer.ts, next to the CLI
 * (dist/cli.js), or in dist/ of the repository when the CLI runs from the compiled sources (out/).
 */
export function viewerScript(): string {
  const places = [path.join(__dirname, 'audit-report.js'), path.join(__dirname, '..', '..', '..', '..', 'dist', 'audit-report.js')];
  for (const p of places) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      // the next place
    }
  }
  throw new Error(`audit-report.js not found next to the CLI (${places[0]}): run \`npm run build\``);
}

/** The report page (the same for every report: the script reads which one from the link). */
function reportHtml(lang: Lang): string {
  const zh = lang !== 'en';
  const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'";
  return '<!DOCTYPE html>\n'
    + `<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${csp}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<meta name="referrer" content="no-referrer">\n'
    + `<title>${zh ? '报告' : 'Report'}</title>\n`
    + `<link rel="stylesheet" href="${REPORT_CSS}">\n`
    + '</head><body>\n'
    + `<nav class="site-nav"><a href="index.html">${zh ? '汇总' : 'Summary'}</a> · <a href="reports.html">${zh ? '全部报告' : 'All reports'}</a> · <span class="file" id="file"></span></nav>\n`
    + '<p class="site-status" id="status" aria-live="polite"></p>\n'
    + `<main id="report" data-lang="${zh ? 'zh' : 'en'}"></main>\n`
    + `<noscript><p class="site-status">${zh ? '报告页需要脚本（本页的 report.js，不从别处载入）。' : 'The report page needs scripts (its own report.js; nothing is loaded from elsewhere).'}</p></noscript>\n`
    + `<script src="${REPORT_JS}"></script>\n`
    + '</body></html>\n';
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

/** The bar chart's style (audit.ts's `barChart`), shared by the summary page and `audit --html`. */
export const CHART_STYLE = `
.audit .chart svg { max-width: 100%; height: auto; font-family: var(--zw-ui-font); }
.audit .chart .bar-error { fill: var(--zw-error); }
.audit .chart .bar-warning { fill: var(--zw-warning); }
.audit .chart text { fill: var(--zw-fg); font-size: 12px; }
.audit .legend .key-error { color: var(--zw-error); }
.audit .legend .key-warning { color: var(--zw-warning); }
`;

export const SITE_STYLE = `
.audit { max-width: 80rem; margin: 0 auto; padding: 1.5rem; font-family: var(--zw-ui-font); }
.audit h1 { font-size: 1.4rem; } .audit h2 { font-size: 1.15rem; margin-top: 1.5rem; }
.audit table.grid { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
.audit table.grid th, .audit table.grid td { border: 1px solid var(--zw-border); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.audit table.grid td.n, .audit table.grid th.n { text-align: right; font-variant-numeric: tabular-nums; }
.audit table.grid th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
.audit table.grid th[aria-sort=ascending] button::after { content: " ▲"; }
.audit table.grid th[aria-sort=descending] button::after { content: " ▼"; }
.audit td.errors.some { color: var(--zw-error); font-weight: bold; }
.audit tr.unreadable td { color: var(--zw-muted); }
.audit .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .5rem 0; }
.audit .filters label { display: flex; flex-direction: column; font-size: .85rem; }
.audit .pager { margin: .5rem 0; display: flex; gap: .75rem; align-items: center; }
${CHART_STYLE}.audit a { color: var(--zw-link); }
.audit code { white-space: nowrap; }
`;

/** The table page's script: reads window.ZWGK_AUDIT, filters, sorts and pages it; only text nodes. */
export const TABLE_SCRIPT = `(function(){
var D=window.ZWGK_AUDIT;if(!D){return;}
var rows=D.rows,view=rows.slice(),page=0,PER=100,sortCol=-1,dir=1;
var $=function(id){return document.getElementById(id);};
var body=$('rows'),info=$('info'),L=D.labels;
function fill(sel,values,names){values.forEach(function(v){var o=document.createElement('option');o.value=String(v);o.textContent=names?names[v]:String(v);sel.appendChild(o);});}
fill($('f-year'),D.years);fill($('f-level'),D.levels,D.levelNames);fill($('f-rule'),D.rules);
function apply(){var o=$('f-organ').value.trim(),y=$('f-year').value,lv=$('f-level').value,r=$('f-rule').value,only=$('f-errors').checked;
view=rows.filter(function(x){return (!o||(x[1]||'').indexOf(o)>=0||x[0].indexOf(o)>=0)&&(!y||String(x[2])===y)&&(!lv||x[4]===lv)&&(!r||(' '+x[7]+' ').indexOf(' '+r+'=')>=0)&&(!only||x[5]>0);});
if(sortCol>=0){var c=sortCol;view.sort(function(a,b){var p=a[c],q=b[c];if(p===q)return a[10]-b[10];if(p===null||p==='')return 1;if(q===null||q==='')return -1;return (typeof p==='number'?p-q:(p<q?-1:1))*dir;});}
page=0;draw();}
function cell(tr,text,cls){var td=document.createElement('td');if(cls)td.className=cls;td.textContent=text;tr.appendChild(td);return td;}
function draw(){body.textContent='';var n=view.length,pages=Math.max(1,Math.ceil(n/PER));if(page>=pages)page=pages-1;
view.slice(page*PER,page*PER+PER).forEach(function(x){var tr=document.createElement('tr');if(x[9])tr.className='unreadable';
var td=cell(tr,'');if(x[8]){var a=document.createElement('a');a.href=x[8];a.textContent=x[0];td.appendChild(a);}else td.textContent=x[0];
cell(tr,x[9]?L.unreadable+x[9]:(x[1]||'—'));cell(tr,x[2]===null?'—':String(x[2]),'n');cell(tr,x[3]||'—');cell(tr,D.levelNames[x[4]]||x[4]);
cell(tr,String(x[5]),'n errors'+(x[5]?' some':''));cell(tr,String(x[6]),'n');cell(tr,x[7].split(' ').filter(Boolean).map(function(s){return s.replace('=','×');}).join(' '));
body.appendChild(tr);});
info.textContent=L.shown.replace('{n}',String(n)).replace('{all}',String(rows.length)).replace('{p}',String(page+1)).replace('{pages}',String(pages));
$('prev').disabled=page===0;$('next').disabled=page>=pages-1;}
['f-organ','f-year','f-level','f-rule','f-errors'].forEach(function(id){$(id).addEventListener(id==='f-organ'?'input':'change',apply);});
$('prev').addEventListener('click',function(){page--;draw();});$('next').addEventListener('click',function(){page++;draw();});
Array.prototype.forEach.call(document.querySelectorAll('th[data-col] button'),function(btn){btn.addEventListener('click',function(){
var th=btn.parentNode,c=Number(th.getAttribute('data-col'));dir=(sortCol===c)?-dir:1;sortCol=c;
Array.prototype.forEach.call(document.querySelectorAll('th[aria-sort]'),function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');apply();});});
apply();})();`;

function page(title: string, lang: Lang, csp: string, css: string, body: string, tail = ''): string {
  return '<!DOCTYPE html>\n'
    + `<html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + '<meta name="referrer" content="no-referrer">\n'
    + `<title>${esc(title)}</title>\n<style>${css}</style>\n</head><body>\n<main class="audit">\n${body}</main>\n${tail}</body></html>\n`;
}

/** Writes DIR/reports.js row by row (the table's data), then the pages; all under temporary names until `commit`. */
export class SiteWriter {
  private readonly data: PendingFile;
  private first = true;
  private readonly years = new Set<number>();
  private readonly rules = new Set<string>();
  private readonly files: PendingFile[] = [];
  private index = 0;

  /** `viewer`: the report page's script (`viewerScript()`). */
  constructor(private readonly dir: string, private readonly lang: Lang, private readonly viewer: string) {
    this.data = new PendingFile(path.join(dir, 'reports.js'));
    this.files.push(this.data);
    this.data.write('window.ZWGK_AUDIT={"rows":[');
  }

  /**
   * One row of the table: [file, organ, year, format, level, errors, warnings, "rule=n …",
   * preview, unreadable, order].
   */
  row(r: AuditRow, preview: string | undefined): void {
    if (r.year) this.years.add(r.year);
    const rules = Object.entries(r.rules).sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1));
    for (const [id] of rules) this.rules.add(id);
    const cells = [r.file, r.organ, r.year, r.format, organLevel(r.organ), r.errors, r.warnings,
      rules.map(([id, c]) => `${id}=${c.errors + c.warnings}`).join(' '), preview ?? null, r.unreadable ?? null, this.index++];
    // JSON in a script: `<` escaped so that no text can close the script element.
    this.data.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(cells).replace(/</g, '\\u003c')}`);
    this.first = false;
  }

  /** Finish the data, write the two pages, then rename everything into place. */
  commit(summary: Summary, chart: string, generated: Date): { summaryBytes: number } {
    const zh = this.lang !== 'en';
    const levelNames = Object.fromEntries(LEVELS.map((l) => [l, LEVEL_NAMES[l][zh ? 'zh' : 'en']]));
    const labels = zh
      ? { unreadable: '无法读取：', shown: '显示 {n} / {all} 份，第 {p} / {pages} 页' }
      : { unreadable: 'unreadable: ', shown: '{n} of {all} reports, page {p} of {pages}' };
    this.data.write(`\n],"years":${JSON.stringify([...this.years].sort())},"levels":${JSON.stringify(LEVELS)},"levelNames":${JSON.stringify(levelNames).replace(/</g, '\\u003c')},`
      + `"rules":${JSON.stringify([...this.rules].sort())},"labels":${JSON.stringify(labels)}};\n`);

    const css = STYLE + SITE_STYLE;
    const title = zh ? '政府信息公开工作年度报告审核' : 'Disclosure annual reports audit';
    const t = summary.totals;
    const baseCsp = `default-src 'none'; style-src 'sha256-${sha256(css)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
    const nav = `<p><a href="index.html">${esc(zh ? '汇总' : 'Summary')}</a> · <a href="reports.html">${esc(zh ? `全部报告（${t.files} 份）` : `All reports (${t.files})`)}</a></p>\n`;

    // the summary page
    const group = (head: string, rows: [string, { reports: number; errors: number; warnings: number; withErrors: number }][]): string =>
      `<table class="grid"><thead><tr><th>${esc(head)}</th><th class="n">${esc(zh ? '报告' : 'Reports')}</th><th class="n">${esc(zh ? '有错误的报告' : 'With errors')}</th><th class="n">${esc(zh ? '错误' : 'Errors')}</th><th class="n">${esc(zh ? '警告' : 'Warnings')}</th></tr></thead><tbody>`
      + rows.map(([k, g]) => `<tr><td>${esc(k)}</td><td class="n">${g.reports}</td><td class="n">${g.withErrors}</td><td class="n">${g.errors}</td><td class="n">${g.warnings}</td></tr>`).join('')
      + '</tbody></table>\n';
    let body = `<h1>${esc(title)}</h1>\n${nav}`
      + `<p class="summary">${esc(zh
        ? `共 ${t.files} 个文件、${t.reports} 份报告：${t.errors} 个错误，${t.warnings} 个警告；${t.reportsWithErrors} 份报告有错误${t.unreadable ? `；${t.unreadable} 个文件无法读取` : ''}。生成于 ${generated.toISOString()}`
        : `${t.files} files, ${t.reports} reports: ${t.errors} errors, ${t.warnings} warnings; ${t.reportsWithErrors} reports with errors${t.unreadable ? `; ${t.unreadable} files could not be read` : ''}. Generated ${generated.toISOString()}`)}</p>\n`
      + chart + '\n';
    body += `<h2>${esc(zh ? '按机关层级' : 'By level of government')}</h2>\n`
      + group(zh ? '层级（由机关名称推断）' : 'Level (guessed from the organ name)', LEVELS.filter((l) => summary.byLevel[l]).map((l) => [levelNames[l], summary.byLevel[l]]));
    body += `<h2>${esc(zh ? '按年度' : 'By year')}</h2>\n`
      + group(zh ? '年度' : 'Year', Object.keys(summary.byYear).sort().map((y) => [y === 'unknown' ? (zh ? '未知' : 'unknown') : y, summary.byYear[y]]));
    body += `<h2>${esc(zh ? '按格式' : 'By format')}</h2>\n<p>${esc(Object.entries(t.byFormat).sort().map(([f, n]) => `${f === 'unknown' ? (zh ? '格式未知' : 'unknown format') : zh ? `${f} 格式` : `${f} format`}: ${n}`).join('; ') || '—')}</p>\n`;
    body += `<h2>${esc(zh ? `问题最多的报告（前 ${summary.worst.length} 份）` : `The reports with the most problems (top ${summary.worst.length})`)}</h2>\n`
      + `<table class="grid"><thead><tr><th>${esc(zh ? '文件' : 'File')}</th><th>${esc(zh ? '机关' : 'Organ')}</th><th class="n">${esc(zh ? '年度' : 'Year')}</th><th class="n">${esc(zh ? '错误' : 'Errors')}</th><th class="n">${esc(zh ? '警告' : 'Warnings')}</th></tr></thead><tbody>`
      + summary.worst.map((w) => `<tr><td>${w.preview ? `<a href="${esc(w.preview)}">${esc(w.file)}</a>` : esc(w.file)}</td><td>${esc(w.organ ?? '—')}</td><td class="n">${esc(w.year ?? '—')}</td><td class="n errors${w.errors ? ' some' : ''}">${w.errors}</td><td class="n">${w.warnings}</td></tr>`).join('')
      + '</tbody></table>\n';
    const index = new PendingFile(path.join(this.dir, 'index.html'));
    this.files.push(index);
    const summaryHtml = page(title, this.lang, baseCsp, css, body);
    index.write(summaryHtml);

    // the table page
    // reports.js by 'self' (a hash with `integrity` would be stricter, but Chromium refuses
    // integrity on file: URLs, which have no CORS; scripts/ui-check-audit.mjs checks the page there)
    const csp = `${baseCsp}; script-src 'self' 'sha256-${sha256(TABLE_SCRIPT)}'`;
    const cols = zh ? ['文件', '机关', '年度', '格式', '层级', '错误', '警告', '问题（按规则）'] : ['File', 'Organ', 'Year', 'Format', 'Level', 'Errors', 'Warnings', 'Problems by rule'];
    const num = new Set([2, 5, 6]);
    const tbody = `<h1>${esc(title)}</h1>\n${nav}`
      + '<div class="filters">'
      + `<label>${esc(zh ? '机关或文件' : 'Organ or file')}<input id="f-organ" type="search"></label>`
      + `<label>${esc(zh ? '年度' : 'Year')}<select id="f-year"><option value="">${esc(zh ? '全部' : 'All')}</option></select></label>`
      + `<label>${esc(zh ? '层级' : 'Level')}<select id="f-level"><option value="">${esc(zh ? '全部' : 'All')}</option></select></label>`
      + `<label>${esc(zh ? '规则' : 'Rule')}<select id="f-rule"><option value="">${esc(zh ? '全部' : 'All')}</option></select></label>`
      + `<label><span><input id="f-errors" type="checkbox"> ${esc(zh ? '只看有错误的' : 'With errors only')}</span></label>`
      + '</div>\n'
      + `<div class="pager"><button type="button" id="prev">${esc(zh ? '上一页' : 'Previous')}</button><span id="info" aria-live="polite"></span><button type="button" id="next">${esc(zh ? '下一页' : 'Next')}</button></div>\n`
      + `<table class="grid" id="audit-table"><caption>${esc(zh ? '点击列标题排序' : 'Click a column header to sort')}</caption><thead><tr>`
      + cols.map((c, k) => `<th scope="col" data-col="${k}"${num.has(k) ? ' class="n"' : ''}><button type="button">${esc(c)}</button></th>`).join('')
      + '</tr></thead><tbody id="rows"></tbody></table>\n'
      + `<noscript>${esc(zh ? '表格需要脚本；汇总见 index.html。' : 'The table needs scripts; see index.html for the summary.')}</noscript>\n`;
    const sheet = new PendingFile(path.join(this.dir, REPORT_CSS));
    this.files.push(sheet);
    sheet.write(REPORT_CSS_TEXT);
    const report = new PendingFile(path.join(this.dir, REPORT_HTML));
    this.files.push(report);
    report.write(reportHtml(this.lang));
    const script = new PendingFile(path.join(this.dir, REPORT_JS));
    this.files.push(script);
    script.write(this.viewer);

    const table = new PendingFile(path.join(this.dir, 'reports.html'));
    this.files.push(table);
    table.write(page(title, this.lang, csp, css, tbody,
      `<script src="reports.js"></script>\n<script>${TABLE_SCRIPT}</script>\n`));

    PendingFile.commitAll(this.files); // none replaced when one is refused
    return { summaryBytes: Buffer.byteLength(summaryHtml) };
  }

  discard(): void {
    for (const f of this.files) f.discard();
  }
}

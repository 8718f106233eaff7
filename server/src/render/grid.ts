// The editable grid's HTML (在表格中编辑 / Edit Tables): the report's statistics tables with the
// preview's official headers (`renderTables` of ./html: the same header and row-label structure),
// each value cell marked with its grid id, place and an aria label made of its row and column
// labels. Pure: no import of `vscode` (the extension, the tests and the bench call it).
//
// Security: as in ./html — every piece of report text is escaped; the page's CSP allows only the
// nonce'd script and style and the extension's own media files.

import { msg, type Diagnostic, type Lang, type ReportDocument, type TableKind } from '../core';
import type { GridLayout, GridSettings } from '../core/gridEdit';
import { esc, renderTables } from './html';
import { STYLE } from './style';

const KIND_TITLES: Record<TableKind, { zh: string; en: string }> = {
  active: { zh: '主动公开政府信息情况', en: 'Proactive disclosure (Article 20)' },
  requests: { zh: '收到和处理政府信息公开申请情况', en: 'Requests received and handled' },
  review: { zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative review and litigation' },
  stats: { zh: '附件 统计表', en: 'Appendix statistics table' },
};

export const GRID_STRINGS = {
  zh: {
    title: (name: string) => `表格 ${name}`,
    autoTotals: '合计自动计算',
    autoTotalsHelp: '开启时，合计单元格随各项自动重新计算（只读）；关闭时可手工编辑合计',
    keys: '方向键移动 · Tab/Shift+Tab 左右 · Enter 下移 · 直接输入替换 · F2 编辑 · Delete 清除 · 可粘贴 Excel/WPS 表格区域',
    readOnly: '合计单元格由“合计自动计算”填写，不能直接编辑（可在上方关闭）',
    noTables: '这份报告中没有可识别的统计表。',
    total: '合计',
    stale: '文档已被修改，这次输入未写入，请重新输入',
    dropped: (n: number) => `粘贴的区域超出表格，${n} 个值未写入`,
    wrote: (n: number, t: number) => (t ? `已写入 ${n} 个单元格，重新计算了 ${t} 个合计` : `已写入 ${n} 个单元格`),
    open: '请先打开一份政府信息公开年报。',
  },
  en: {
    title: (name: string) => `Tables ${name}`,
    autoTotals: 'Compute totals',
    autoTotalsHelp: 'When on, total cells are recomputed from their addends (read-only); when off, totals can be edited by hand',
    keys: 'Arrows move · Tab/Shift+Tab right/left · Enter down · type to replace · F2 edit · Delete clears · paste a block from Excel/WPS',
    readOnly: 'Totals are filled in by "Compute totals" and cannot be edited (turn it off above)',
    noTables: 'No statistics table was recognised in this report.',
    total: 'total',
    stale: 'The document changed meanwhile: this entry was not written, please enter it again',
    dropped: (n: number) => `The pasted block goes past the table: ${n} value${n === 1 ? '' : 's'} not written`,
    wrote: (n: number, t: number) => `${n} cell${n === 1 ? '' : 's'} written${t ? `, ${t} total${t === 1 ? '' : 's'} recomputed` : ''}`,
    open: 'Open a disclosure report to edit its tables.',
  },
};

/** The tables of the grid (the part the webview replaces on each update). */
export function renderGridTables(doc: ReportDocument, diagnostics: Diagnostic[], layout: GridLayout, settings: GridSettings, lang: Lang): string {
  const ui = GRID_STRINGS[lang];
  const tables = renderTables(doc, diagnostics, {
    lang,
    cellAttributes: (cell) => {
      const g = layout.byCell.get(cell);
      if (!g) return undefined;
      const readOnly = g.total && settings.autoTotals;
      const a: Record<string, string> = {
        'data-cell': g.id,
        'data-t': String(g.tableIndex),
        'data-r': String(g.r),
        'data-c': String(g.c),
        tabindex: '-1',
        'aria-label': `${g.rowLabel}，${g.columnLabel}${g.total ? `（${ui.total}）` : ''}`,
      };
      if (g.total) a['data-total'] = '1';
      if (readOnly) a['aria-readonly'] = 'true';
      return a;
    },
  });
  if (!tables.length) return `<p class="zw-empty">${esc(ui.noTables)}</p>`;
  const count = new Map<TableKind, number>();
  return tables.map(({ table, html }) => {
    const n = (count.get(table.kind) ?? 0) + 1;
    count.set(table.kind, n);
    const title = msg(KIND_TITLES[table.kind], lang) + (table.kind === 'stats' && n > 1 ? ` ${n}` : '');
    return `<section class="zw-grid-table" aria-label="${esc(title)}"><h2 data-line="${table.startLine}">${esc(title)}</h2>${html}</section>`;
  }).join('');
}

export interface GridPageOptions {
  tables: string;
  settings: GridSettings;
  version: number;
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  lang: Lang;
}

/** The grid webview page: strict CSP, the preview's CSS and the grid's, one nonce'd script. */
export function renderGridPage(o: GridPageOptions): string {
  const nonce = o.nonce.replace(/[^A-Za-z0-9]/g, '');
  const ui = GRID_STRINGS[o.lang];
  const csp = `default-src 'none'; style-src ${o.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  // strings the script shows, as data (not run; `<` escaped so the text cannot close the element)
  const l10n = JSON.stringify({ readOnly: ui.readOnly, stale: ui.stale }).replace(/</g, '\\u003c');
  return '<!DOCTYPE html>\n'
    + `<html lang="${o.lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">\n`
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">\n`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    + `<style nonce="${nonce}">${STYLE}</style>\n`
    + `<link rel="stylesheet" href="${esc(o.styleUri)}">\n`
    + `</head><body class="interactive zw-grid" data-version="${o.version}">\n`
    + `<div class="zw-grid-bar" role="toolbar" aria-label="${esc(ui.autoTotals)}">`
    + `<label title="${esc(ui.autoTotalsHelp)}"><input type="checkbox" id="zw-auto"${o.settings.autoTotals ? ' checked' : ''}> ${esc(ui.autoTotals)}</label>`
    + `<span class="zw-keys">${esc(ui.keys)}</span></div>\n`
    + '<div id="zw-status" role="status" aria-live="polite"></div>\n'
    + `<div id="zw-root" class="zwgk-report">${o.tables}</div>\n`
    + `<script type="application/json" id="zw-l10n">${l10n}</script>\n`
    + `<script nonce="${nonce}" src="${esc(o.scriptUri)}"></script>\n</body></html>\n`;
}

// The rendered report's structure, parsed by Chromium: tables per sample, the official header
// layouts (merged cells), figures in the right row × column, marked error cells, source mapping.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/core';
import { renderBody, renderStandalone } from '../../server/src/render/html';
import { GRID_FN, type Grid, launch, noBrowser, sample, sampleFiles } from './browser';

const skip = noBrowser();

describe('render: structure of the samples in Chromium', { skip }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launch();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  async function load(prefix: string, lang: 'zh' | 'en' = 'zh'): Promise<void> {
    const { doc, diagnostics } = analyze(sample(prefix));
    await page.setContent(renderStandalone(doc, diagnostics, { lang }), { waitUntil: 'load' });
  }
  async function grid(selector: string): Promise<Grid> {
    const h = await page.$(selector);
    assert.ok(h, `no ${selector}`);
    return page.evaluate(`(${GRID_FN})(document.querySelector(${JSON.stringify(selector)}))`) as Promise<Grid>;
  }
  /** Text of the body cell at (row whose labels include `rowLabel`) × (column under header `colLabel`, n-th match). */
  function at(g: Grid, rowLabel: string, colLabel: string, nth = 0): { text: string; cls: string; title: string } {
    const headIdx = g.cells.map((c, i) => (c.head && c.text === colLabel ? i : -1)).filter((i) => i >= 0)[nth];
    assert.ok(headIdx !== undefined, `no header ${colLabel}`);
    const headRow = g.grid.findIndex((r) => r.includes(headIdx));
    const cols = g.grid[headRow].map((v, c) => (v === headIdx ? c : -1)).filter((c) => c >= 0);
    assert.equal(cols.length, 1, `${colLabel} is a leaf column`);
    const row = g.grid.find((r) => r.some((i) => !g.cells[i].head && g.cells[i].tag === 'th' && g.cells[i].text.includes(rowLabel)));
    assert.ok(row, `no row ${rowLabel}`);
    const cell = g.cells[row[cols[0]]];
    return { text: cell.text, cls: cell.cls, title: cell.title };
  }

  it('renders every sample: one grid per parsed table, every table kind', async () => {
    const expected: Record<string, string[]> = {
      '000': ['active', 'requests', 'review'],
      '001': ['active', 'requests'],
      '002': ['active', 'requests', 'review'],
      '003': ['active', 'requests', 'review', 'stats'],
      '004': ['active', 'requests', 'review'],
    };
    for (const f of sampleFiles()) {
      const prefix = f.slice(0, 3);
      await load(prefix);
      const kinds = await page.$$eval('table.zw-table', (ts) => ts.map((t) => t.className.replace(/.*table-(\w+).*/, '$1')));
      const { doc } = analyze(sample(prefix));
      assert.deepEqual(kinds, doc.tables.map((t) => t.kind), f);
      if (expected[prefix]) assert.deepEqual(kinds, expected[prefix], f);
      // Title, section headings and paragraphs are there too.
      assert.equal(await page.$$eval('h1.report-title', (x) => x.length), 1, f);
      assert.ok((await page.$$eval('article h2', (x) => x.length)) >= 4, f);
      assert.ok((await page.$$eval('article p', (x) => x.length)) >= 3, f);
      // Rows in a grid all have the same width.
      for (const sel of ['table.table-requests', 'table.table-review', 'table.table-active']) {
        if (!(await page.$(sel))) continue;
        const g = await grid(sel);
        const widths = new Set(g.grid.map((r) => r.length));
        assert.equal(widths.size, 1, `${f} ${sel}: ragged grid ${[...widths]}`);
      }
    }
  });

  it('table 3 has the official header: 申请人情况 › 自然人 | 法人或其他组织 › 5 | 总计', async () => {
    for (const prefix of ['000', '003', '004']) {
      await load(prefix);
      const g = await grid('table.table-requests');
      const head = g.cells.filter((c) => c.head);
      const find = (t: string) => head.find((c) => c.text === t);
      assert.equal(find('申请人情况')?.colspan, 7);
      assert.equal(find('法人或其他组织')?.colspan, 5);
      assert.equal(find('自然人')?.rowspan, 2);
      assert.equal(find('总计')?.rowspan, 2);
      for (const t of ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']) assert.equal(find(t)?.colspan, 1, t);
      const corner = head.find((c) => c.text.startsWith('（本列数据'));
      assert.equal(corner?.rowspan, 3);
      assert.equal(corner?.colspan, 3);
      assert.equal(g.grid[0].length, 10, 'three label columns and seven figures');
      // Row labels: 三、本年度办理结果 spans the result rows, （三）不予公开 its eight sub-rows.
      const body = g.cells.filter((c) => !c.head && c.tag === 'th');
      const results = body.find((c) => c.text === '三、本年度办理结果');
      assert.equal(results?.rowspan, prefix === '000' ? 20 : 22);
      assert.equal(body.find((c) => /^（三）不予公开/.test(c.text))?.rowspan, 8);
      assert.equal(body.find((c) => /^（四）无法提供/.test(c.text))?.rowspan, 3);
      assert.equal(body.find((c) => /^（五）不予处理/.test(c.text))?.rowspan, 5);
      assert.equal(body.find((c) => /^（一）予以公开/.test(c.text))?.colspan, 2);
      assert.equal(body.find((c) => /^一、本年新收/.test(c.text))?.colspan, 3);
      assert.equal(body.find((c) => /^1\.属于国家秘密/.test(c.text))?.colspan, 1);
    }
  });

  it('figures land in the right row × column (sample 000)', async () => {
    await load('000');
    const g = await grid('table.table-requests');
    assert.equal(at(g, '（一）予以公开', '自然人').text, '10');
    assert.equal(at(g, '（一）予以公开', '商业企业').text, '1');
    assert.equal(at(g, '（一）予以公开', '总计').text, '11');
    assert.equal(at(g, '一、本年新收', '总计').text, '53');
    assert.equal(at(g, '1.本机关不掌握相关政府信息', '自然人').text, '27');
    assert.equal(at(g, '（七）总计', '总计').text, '53');
    assert.equal(at(g, '（三）不予公开', '科研机构').text, '');

    const r = await grid('table.table-review');
    const head = r.cells.filter((c) => c.head);
    assert.equal(head.find((c) => c.text === '行政复议')?.colspan, 5);
    assert.equal(head.find((c) => c.text === '行政诉讼')?.colspan, 10);
    assert.equal(head.find((c) => c.text === '未经复议直接起诉')?.colspan, 5);
    assert.equal(head.find((c) => c.text === '复议后起诉')?.colspan, 5);
    assert.equal(head.filter((c) => c.text === '结果维持' && c.rowspan === 2).length, 1, '行政复议 results span two header rows');
    assert.equal(r.grid[0].length, 15);
    const body = r.grid[r.grid.length - 1].map((i) => r.cells[i].text);
    assert.deepEqual(body, ['1', '', '', '', '1', '1', '', '', '', '1', '', '', '', '', '']);

    const a = await grid('table.table-active');
    const captions = a.cells.filter((c) => c.colspan === a.grid[0].length && /^第二十条第（.）项$/.test(c.text)).map((c) => c.text);
    assert.deepEqual(captions, ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
    assert.equal(at(a, '规范性文件', '对外公开总数量').text, '56');
    assert.equal(at(a, '政府集中采购', '采购项目数量').text, '30');
    const amount = a.cells.find((c) => c.text === '2220.68');
    assert.equal(amount?.colspan, 2, 'the last column of a two-column block fills the row');
  });

  it('table 1 in the 2021 format: four blocks, one-column blocks span the grid', async () => {
    await load('004');
    const a = await grid('table.table-active');
    const captions = a.cells.filter((c) => /^第二十条第（.）项$/.test(c.text)).map((c) => c.text);
    assert.deepEqual(captions, ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    assert.equal(a.cells.find((c) => c.text === '本年处理决定数量')?.colspan, 3);
    assert.equal(a.cells.find((c) => c.text === '本年收费金额（单位：万元）')?.colspan, 3);
  });

  it('marks error cells with their message (004 short row, 003 stats 87)', async () => {
    await load('004');
    const a = await grid('table.table-active');
    const marked = a.cells.filter((c) => /\bcell-error\b/.test(c.cls));
    assert.ok(marked.length >= 1);
    assert.ok(marked.every((c) => c.title.includes('行政规范性文件') && c.msg === c.title));
    assert.ok(marked.some((c) => /cell-missing/.test(c.cls)), 'the missing cell is shown and marked');
    assert.equal(at(a, '行政规范性文件', '本年废止件数').cls.includes('cell-error'), true);
    assert.equal(at(a, '规章', '本年废止件数').cls.includes('cell-error'), false);
    // The problems box lists it, with its line.
    const problems = await page.$$eval('details.problems li.sev-error', (li) => li.map((x) => [x.getAttribute('data-line'), x.textContent]));
    assert.ok(problems.some(([line, text]) => line === '34' && /行政规范性文件/.test(text ?? '')));

    await load('003');
    const s = await grid('table.table-stats');
    const c87 = s.cells.find((c) => c.text === '87');
    assert.ok(c87 && /\bcell-error\b/.test(c87.cls), '87 marked');
    assert.match(c87.title, /应为 1/);
    assert.equal(s.cells.filter((c) => /\bcell-error\b/.test(c.cls)).length, 2);
    const lvl = await page.$$eval('table.table-stats th.row-label', (ths) => ths.map((t) => t.className.replace(/.*lvl-(\d).*/, '$1')));
    assert.deepEqual([...new Set(lvl)].sort(), ['1', '2', '3', '4']);

    // English messages.
    await load('003', 'en');
    const en = await grid('table.table-stats');
    assert.match(en.cells.find((c) => c.text === '87')?.title ?? '', /[A-Za-z]/);
  });

  it('a table cut short shows the missing rows (001)', async () => {
    await load('001');
    assert.equal(await page.$$eval('table.table-requests tr.row-missing', (x) => x.length), 12);
    const g = await grid('table.table-requests');
    assert.equal(new Set(g.grid.map((r) => r.length)).size, 1);
  });

  it('every element from the source carries data-line/data-character at its text', async () => {
    const text = sample('000');
    const { doc, diagnostics } = analyze(text);
    await page.setContent(renderStandalone(doc, diagnostics, { lang: 'zh' }));
    const mapped = await page.$$eval('[data-line]', (els) => els.map((e) => ({
      tag: e.tagName.toLowerCase(), line: Number(e.getAttribute('data-line')), ch: Number(e.getAttribute('data-character')),
      text: e.tagName === 'TD' || (e.tagName === 'TH' && !e.closest('thead')) || e.tagName === 'P' ? (e.textContent ?? '').trim() : '',
    })));
    assert.ok(mapped.length > 200);
    for (const m of mapped) {
      assert.ok(Number.isInteger(m.line) && m.line >= 0 && m.line < doc.lines.length);
      assert.ok(Number.isInteger(m.ch) && m.ch >= 0 && m.ch <= doc.lines[m.line].length);
      if (m.text && m.tag !== 'p') assert.ok(doc.lines[m.line].slice(m.ch).startsWith(m.text.split('\n')[0].slice(0, 4)), `${m.tag} ${m.text} @${m.line}`);
    }
    const tds = await page.$$eval('table.table-requests td', (x) => x.filter((e) => !e.hasAttribute('data-line')).length);
    assert.equal(tds, 0, 'every figure of table 3 is mapped');
    // The fragment is the standalone body.
    assert.ok(renderStandalone(doc, diagnostics, { lang: 'zh' }).includes(renderBody(doc, diagnostics, { lang: 'zh' })));
  });
});

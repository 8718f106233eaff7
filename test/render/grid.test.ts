// The table grid's page (在表格中编辑) in headless Chromium under its real CSP, with media/grid.js:
// the official headers are the preview's; keyboard (typing, Enter, Tab, arrows, Delete, paste, read-
// only totals) posts the right messages; an update keeps the focused cell; hostile text stays text.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/core';
import { gridLayout, type GridSettings } from '../../server/src/core/gridEdit';
import { renderGridPage, renderGridTables } from '../../server/src/render/grid';
import { renderBody } from '../../server/src/render/html';
import { ROOT, launch, noBrowser, sample } from './browser';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;

const AUTO: GridSettings = { autoTotals: true, deleteValue: 'zero' };
const skip = noBrowser();

function tablesOf(text: string, settings = AUTO, lang: 'zh' | 'en' = 'zh'): string {
  const { doc, diagnostics } = analyze(text);
  return renderGridTables(doc, diagnostics, gridLayout(doc), settings, lang);
}

describe('grid page', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  async function open(text: string, settings = AUTO): Promise<{ page: Page; posted: () => Promise<any[]>; requests: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      window.__posted = [];
      window.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
    });
    const html = renderGridPage({
      tables: tablesOf(text, settings), settings, version: 7, cspSource: 'https://zw.test', nonce: 'n0nce123',
      scriptUri: 'https://zw.test/media/grid.js', styleUri: 'https://zw.test/media/grid.css', lang: 'zh',
    });
    await page.route('https://zw.test/**', (route) => {
      const u = route.request().url();
      if (u.endsWith('.js')) return route.fulfill({ status: 200, contentType: 'application/javascript', body: readFileSync(path.join(ROOT, 'media/grid.js'), 'utf8') });
      if (u.endsWith('.css')) return route.fulfill({ status: 200, contentType: 'text/css', body: readFileSync(path.join(ROOT, 'media/grid.css'), 'utf8') });
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    await page.goto('https://zw.test/index.html', { waitUntil: 'load' });
    await page.waitForFunction(() => window.__posted.some((m: any) => m.type === 'ready'));
    return { page, requests, posted: () => page.evaluate(() => window.__posted.filter((m: any) => m.type !== 'ready')) };
  }

  const focused = (page: Page) => page.evaluate(() => document.activeElement?.closest('td[data-cell]')?.getAttribute('data-cell') ?? null);

  it('shows the preview\'s official headers, with every value cell labelled for screen readers', () => {
    const text = sample('004');
    const { doc, diagnostics } = analyze(text);
    const grid = tablesOf(text);
    const preview = renderBody(doc, diagnostics, { lang: 'zh' });
    const heads = (h: string) => h.match(/<thead>[\s\S]*?<\/thead>/g) ?? [];
    assert.ok(heads(grid).length >= 2);
    assert.deepEqual(heads(grid), heads(preview), 'the same merged header cells as the preview');
    const ids = [...grid.matchAll(/data-cell="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, gridLayout(doc).cells.size);
    assert.match(grid, /data-cell="requests0\/-\/r3\.1\/natural"[^>]*aria-label="1\.属于国家秘密，申请人情况 › 自然人"/);
    assert.match(grid, /data-cell="requests0\/-\/r1\/total"[^>]*data-total="1" aria-readonly="true"/);
    assert.doesNotMatch(tablesOf(text, { autoTotals: false, deleteValue: 'zero' }), /aria-readonly/, 'totals editable with 合计自动计算 off');
  });

  it('keyboard: typing replaces, Enter commits and moves down, Tab right, Delete, paste, read-only totals', async () => {
    const { page, posted, requests } = await open(sample('004'));
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:')).sort(), ['https://zw.test/index.html', 'https://zw.test/media/grid.css', 'https://zw.test/media/grid.js']);
    await page.click('td[data-cell="requests0/-/r1/natural"]');
    assert.equal(await focused(page), 'requests0/-/r1/natural');
    await page.keyboard.type('35');
    assert.equal(await page.locator('input.zw-edit').count(), 1, 'typing opens the cell editor');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted()).at(-1), { type: 'edit', version: 7, id: 'requests0/-/r1/natural', value: '35' });
    assert.equal(await focused(page), 'requests0/-/r2/natural', 'Enter moves down');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'requests0/-/r2/commercial');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(page), 'requests0/-/r3.1/commercial', 'arrows');
    await page.keyboard.press('Delete');
    assert.deepEqual((await posted()).at(-1), { type: 'delete', version: 7, id: 'requests0/-/r3.1/commercial' });
    // Escape cancels: nothing posted
    const n = (await posted()).length;
    await page.keyboard.type('9');
    await page.keyboard.press('Escape');
    assert.equal((await posted()).length, n);
    // a total is read-only: typing says so and sends nothing
    await page.click('td[data-cell="requests0/-/r1/total"]');
    await page.keyboard.type('5');
    assert.equal(await page.locator('input.zw-edit').count(), 0);
    assert.match(await page.locator('#zw-status').textContent() ?? '', /合计/);
    assert.equal((await posted()).length, n);
    // paste a block from the focused cell
    await page.click('td[data-cell="requests0/-/r3.2/natural"]');
    await page.evaluate(() => {
      const dt = new window.DataTransfer();
      dt.setData('text/plain', '1\t2\n3\t4\n');
      document.activeElement.dispatchEvent(new window.ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
    });
    assert.deepEqual((await posted()).at(-1), { type: 'paste', version: 7, anchor: 'requests0/-/r3.2/natural', text: '1\t2\n3\t4\n' });
    // Ctrl+Z / Ctrl+Y: the text editor's undo and redo
    await page.keyboard.press('Control+Z');
    assert.deepEqual((await posted()).at(-1), { type: 'undo' });
    await page.keyboard.press('Control+Y');
    assert.deepEqual((await posted()).at(-1), { type: 'redo' });
    // the toggle
    await page.click('#zw-auto');
    assert.deepEqual((await posted()).at(-1), { type: 'autoTotals', on: false });
    await page.close();
  });

  it('an update from the extension redraws the tables and keeps the focused cell and its new version', async () => {
    const text = sample('004');
    const { page, posted } = await open(text);
    await page.click('td[data-cell="review0/-/review/review.correct"]');
    // the text as the extension would have it after an edit: 42 in that cell
    const { doc } = analyze(text);
    const cell = gridLayout(doc).cells.get('review0/-/review/review.correct')!.cell;
    const lines = text.split('\n');
    lines[cell.range.start.line] = lines[cell.range.start.line].slice(0, cell.valueRange.start.character) + '42' + lines[cell.range.start.line].slice(cell.valueRange.end.character);
    const html = tablesOf(lines.join('\n'));
    await page.evaluate((h: string) => window.postMessage({ type: 'update', version: 8, html: h, autoTotals: true }, '*'), html);
    await page.waitForFunction(() => document.querySelector('td[data-cell="review0/-/review/review.correct"]')?.textContent === '42');
    assert.equal(await focused(page), 'review0/-/review/review.correct');
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    assert.deepEqual((await posted()).at(-1), { type: 'edit', version: 8, id: 'review0/-/review/review.correct', value: '3' });
    // an update while a figure is half typed keeps it in the editor, and sends nothing
    const n = (await posted()).length;
    await page.keyboard.type('77');
    await page.evaluate((h: string) => window.postMessage({ type: 'update', version: 9, html: h, autoTotals: true }, '*'), html);
    await page.waitForFunction(() => document.body.getAttribute('data-version') !== null);
    await page.waitForTimeout(50);
    assert.equal(await page.locator('input.zw-edit').inputValue(), '77');
    assert.equal((await posted()).length, n);
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted()).at(-1), { type: 'edit', version: 9, id: 'review0/-/review/review.other', value: '77' });
    // a message with HTML in it is shown as text
    await page.evaluate(() => window.postMessage({ type: 'refused', messages: ['<img src=x onerror="window.__x=1">'] }, '*'));
    await page.waitForFunction(() => (document.getElementById('zw-status').textContent ?? '').includes('<img'));
    assert.equal(await page.evaluate(() => document.getElementsByTagName('img').length), 0);
    await page.close();
  });

  it('hostile labels stay text in cells, aria labels and headings', async () => {
    const text = sample('004');
    const { doc } = analyze(text);
    const requests = doc.tables.find((t) => t.kind === 'requests')!;
    const lines = text.split('\n');
    const l = requests.rows[0].labelCells[0].range.start.line;
    lines[l] = lines[l].replace(/\r$/, '') + '"><img src=x onerror="window.__x=1">';
    const { page } = await open(lines.join('\n'));
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => document.getElementsByTagName('img').length), 0);
    assert.equal(await page.evaluate(() => window.__x), undefined);
    await page.close();
  });
});

// A hostile report (script tags, event handlers, javascript: URLs, attribute break-outs in the
// title, headings, paragraphs, table cells and labels) renders inert: loaded in Chromium, nothing
// runs, no element of the payload exists, no dialog opens — both as the standalone page (CLI) and
// as the webview page (CSP + nonce'd script), whose own script still works (hover, click → reveal).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/core';
import { esc, renderBody, renderStandalone, renderWebviewPage } from '../../server/src/render/html';
import { ROOT, launch, noBrowser, sample } from './browser';

// Page-side globals (the callbacks passed to page.evaluate run in Chromium); the project compiles without lib "dom".
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
declare const getComputedStyle: any;

const PAYLOADS = [
  '<script>window.__x=1</script>',
  '<img src=x onerror="window.__x=2;alert(2)">',
  '<a href="javascript:window.__x=3">link</a> javascript:window.__x=3',
  '"><svg onload="window.__x=4">',
  "'><svg onload=window.__x=5 x='",
  '</style></title></textarea><script>window.__x=6</script>',
  '<iframe srcdoc="<script>parent.__x=7</script>"></iframe>',
  '<style>body{background:url(https://example.invalid/x)}</style>',
  '&lt;script&gt;window.__x=8&lt;/script&gt;',
];
const ALL = PAYLOADS.join(' ');

/** Sample 004 with the payloads in its title, a heading, a paragraph, figures and row labels. */
function hostileReport(): string {
  const text = sample('004');
  const lines = text.split('\n');
  const { doc } = analyze(text);
  const set = (n: number, s: string) => {
    lines[n] = s + (lines[n].endsWith('\r') ? '\r' : '');
  };
  set(doc.title!.lines[0], `${doc.lines[doc.title!.lines[0]]}${PAYLOADS[0]}`);
  const h = doc.headings.find((x) => x.level === 2)!;
  set(h.line, `${h.text}${PAYLOADS[1]}${PAYLOADS[3]}`);
  const p = doc.lines.findIndex((l, i) => i > h.line && l.trim().length > 20 && !doc.headings.some((x) => x.line === i));
  set(p, `${doc.lines[p]}${ALL}`);
  const requests = doc.tables.find((t) => t.kind === 'requests')!;
  const active = doc.tables.find((t) => t.kind === 'active')!;
  // Figures (→ text cells: their messages quote them, in title/data-msg attributes).
  PAYLOADS.forEach((pl, i) => {
    const cell = requests.rows[1 + i].cells[i % 7];
    set(cell.range.start.line, `\t${pl}`);
  });
  set(active.rows[0].cells[0].range.start.line, `\t${PAYLOADS[3]}`);
  set(active.rows[0].cells[1].range.start.line, `\t${PAYLOADS[4]}`);
  // A row label (→ unknown label warning quoting it).
  const label = requests.rows[0].labelCells[0];
  set(label.range.start.line, `\t一、本年新收政府信息公开申请数量${PAYLOADS[2]}${PAYLOADS[4]}`);
  // A stats-like caption and a signature line.
  lines.push('', `${PAYLOADS[5]}统计表`, `                    ${PAYLOADS[6]}${PAYLOADS[7]}${PAYLOADS[8]}`);
  return lines.join('\n');
}

const skip = noBrowser();

describe('render: hostile report text stays text', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  const text = hostileReport();
  const { doc, diagnostics } = analyze(text);

  async function newPage(): Promise<{ page: Page; dialogs: string[]; requests: string[]; posted: () => Promise<unknown[]> }> {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m), getState: () => undefined, setState: () => undefined });
    });
    return { page, dialogs, requests, posted: () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted) };
  }

  async function assertInert(page: Page, dialogs: string[], ownScripts: number): Promise<void> {
    await page.waitForTimeout(150);
    assert.equal(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x), undefined, 'no payload ran');
    assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), ownScripts, 'only our own script');
    for (const tag of ['img', 'svg', 'iframe', 'a', 'object', 'embed', 'textarea', 'base', 'form']) {
      assert.equal(await page.evaluate((t) => document.getElementsByTagName(t).length, tag), 0, `no <${tag}>`);
    }
    assert.equal(await page.evaluate(() => document.querySelectorAll('style').length), 1, 'only our own <style>');
    const withHandlers = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name) || (a.name === 'style' && !e.classList.contains('zw-tooltip')) || a.name === 'href' || a.name === 'src' && e.tagName !== 'SCRIPT')).length);
    assert.equal(withHandlers, 0, 'no event handler / style / href / src attribute');
    assert.deepEqual(dialogs, []);
    // The payloads are shown as text.
    const body = await page.evaluate(() => document.body.textContent ?? '');
    for (const pl of PAYLOADS) assert.ok(body.includes(pl.trim()), `shown as text: ${pl}`);
    // …and quoted inside attributes without breaking out of them.
    const titles = await page.evaluate(() => [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title') ?? '').join('\n'));
    assert.ok(titles.includes(PAYLOADS[3]) || titles.includes(PAYLOADS[3].trim()), 'attribute payload kept inside title');
  }

  it('the payloads reach the rendering (the test is not vacuous)', () => {
    const html = renderBody(doc, diagnostics, { lang: 'zh' });
    assert.ok(html.includes(esc(PAYLOADS[0])));
    assert.ok(html.includes(`title="${esc('')}`) || html.includes('title="'));
    assert.ok(diagnostics.some((d) => d.message.zh.includes(PAYLOADS[3])), 'a message quotes an attribute payload');
    for (const raw of ['<script', '<img', '<svg', '<iframe', '<a ', '<style', '<textarea', '="window', '="javascript']) assert.ok(!html.includes(raw), raw);
  });

  it('standalone page (CLI, audit): inert, strict CSP, nothing loaded', async () => {
    const { page, dialogs, requests } = await newPage();
    const html = renderStandalone(doc, diagnostics, { lang: 'zh', title: `</title><script>window.__x=9</script>${PAYLOADS[1]}` });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
    await page.setContent(html, { waitUntil: 'load' });
    await assertInert(page, dialogs, 0);
    assert.equal(await page.title(), `</title><script>window.__x=9</script>${PAYLOADS[1]}`);
    // The CSS applied (its hash matched the CSP): tables have collapsed borders.
    assert.equal(await page.$eval('table.zw-table', (t) => getComputedStyle(t).borderCollapse), 'collapse');
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')), []);
    await page.close();
  });

  it('webview page: inert; its own script shows messages on hover and posts reveal on click', async () => {
    const { page, dialogs, requests, posted } = await newPage();
    const script = readFileSync(path.join(ROOT, 'media/preview.js'), 'utf8');
    // The page is served (not setContent) so that the fake acquireVsCodeApi init script applies.
    const html = renderWebviewPage({
      body: renderBody(doc, diagnostics, { lang: 'en' }), cspSource: 'https://zw.test', nonce: 'abcDEF123', scriptUri: 'https://zw.test/media/preview.js', lang: 'en',
    });
    await page.route('https://zw.test/**', (route) => route.fulfill(route.request().url().endsWith('.js')
      ? { status: 200, contentType: 'application/javascript', body: script }
      : { status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    assert.match(html, /script-src 'nonce-abcDEF123'|script-src &#39;nonce-abcDEF123&#39;/);
    await page.goto('https://zw.test/index.html', { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    await assertInert(page, dialogs, 1);
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')), ['https://zw.test/index.html', 'https://zw.test/media/preview.js']);

    // Hover a marked cell: the tooltip shows its message (and the native title is gone).
    const cell = page.locator('td.cell-error[data-msg]').first();
    const expected = await cell.getAttribute('data-msg');
    assert.ok(expected);
    await cell.scrollIntoViewIfNeeded();
    await cell.hover();
    const box = (await cell.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2 + 1);
    const tip = page.locator('.zw-tooltip');
    assert.equal(await tip.isVisible(), true);
    assert.equal(await tip.textContent(), expected);
    assert.equal(await cell.getAttribute('title'), null);

    // Click: reveal at the cell's source position.
    const line = Number(await cell.getAttribute('data-line'));
    const character = Number(await cell.getAttribute('data-character'));
    await cell.click();
    const reveal = (await posted()).filter((m) => (m as { type: string }).type === 'reveal');
    assert.deepEqual(reveal, [{ type: 'reveal', line, character }]);

    // The editor scrolled: the preview scrolls to the block of that line.
    const tableLine = doc.tables.find((t) => t.kind === 'review')!.startLine;
    await page.evaluate((l) => window.postMessage({ type: 'scrollTo', line: l }, '*'), tableLine + 3);
    await page.waitForFunction(() => window.scrollY > 0);
    const topLine = await page.evaluate(() => {
      const el = document.elementFromPoint(200, 5)?.closest('[data-line]');
      return el ? Number(el.getAttribute('data-line')) : -1;
    });
    assert.ok(topLine >= tableLine - 2 && topLine <= tableLine + 3, `top of the preview at line ${topLine}, want ≈${tableLine}`);
    await page.evaluate(() => window.postMessage({ type: 'scrollTo', line: 0 }, '*'));
    await page.waitForFunction(() => window.scrollY === 0);

    // An update from the extension replaces the report; still inert.
    await page.evaluate((h) => window.postMessage({ type: 'update', html: h }, '*'), renderBody(doc, diagnostics, { lang: 'zh' }));
    await page.waitForTimeout(50);
    await assertInert(page, dialogs, 1);
    await page.evaluate(() => window.postMessage({ type: 'update', html: '<p data-line="3" data-character="0">updated</p>' }, '*'));
    await page.waitForFunction(() => document.getElementById('zw-root')?.textContent === 'updated');
    await page.click('p[data-line="3"]');
    assert.deepEqual((await posted()).filter((m) => (m as { type: string }).type === 'reveal').pop(), { type: 'reveal', line: 3, character: 0 });
    await page.close();
  });

  it('an inline script without the nonce is refused by the webview CSP', async () => {
    const { page, dialogs } = await newPage();
    const html = renderWebviewPage({ body: '<p>x</p>', cspSource: 'https://zw.test', nonce: 'n0nce', scriptUri: 'https://zw.test/p.js', lang: 'zh' })
      .replace('</body>', '<script>window.__x=10</script><img src=x onerror="window.__x=11"></body>');
    await page.route('https://zw.test/**', (route) => route.fulfill(route.request().url().endsWith('.js')
      ? { status: 200, contentType: 'application/javascript', body: '' }
      : { status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto('https://zw.test/index.html', { waitUntil: 'load' });
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x), undefined);
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});

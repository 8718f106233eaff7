#!/usr/bin/env node
// UI check of `audit --out DIR` in a real browser (headless Debian Chromium through playwright-core):
// generates N reports (default 2,000) with the bench's generator, runs the bundled CLI, opens
// DIR/index.html and DIR/reports.html from file:// and checks that the pages work under their CSP —
// no CSP violation or script error; the table shows 100 rows of N; sorting by errors puts the most
// errors first; the year, level and rule filters narrow the rows; the pager moves; a row links to a
// report page that renders, styled by the shared report.css, and links back to the summary.
// Prints the time each page took to load.
// Needs `npm run compile` first. Env: CHROMIUM (default /usr/bin/chromium), UI_N. Exit 0 = passed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const { generate } = require(path.join(root, 'out/test/bench/audit.js'));
const N = Number(process.env.UI_N ?? 2000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-ui-audit-'));
let failed = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed++;
};
try {
  generate(path.join(tmp, 'reports'), N);
  const out = path.join(tmp, 'site');
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'audit', path.join(tmp, 'reports'), '--out', out, '--format', 'jsonl'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  check(r.status === 1, `audit --out exit ${r.status}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));

  let t0 = Date.now();
  await page.goto(pathToFileURL(path.join(out, 'index.html')).toString(), { waitUntil: 'load' });
  console.log(`index.html loaded in ${Date.now() - t0} ms (${(fs.statSync(path.join(out, 'index.html')).size / 1024).toFixed(0)} KB)`);
  check(await page.locator('figure.chart svg').count() === 1, 'summary: the chart');
  check((await page.locator('table.grid').count()) >= 3, 'summary: level, year and worst tables');

  t0 = Date.now();
  await page.goto(pathToFileURL(path.join(out, 'reports.html')).toString(), { waitUntil: 'load' });
  await page.waitForSelector('#rows tr');
  console.log(`reports.html shows its first page ${Date.now() - t0} ms after loading starts (data ${(fs.statSync(path.join(out, 'reports.js')).size / 1048576).toFixed(1)} MiB)`);
  check(await page.locator('#rows tr').count() === 100, 'table: 100 rows on a page');
  const info = await page.locator('#info').textContent();
  check(info.includes(`/ ${N} 份`), `table: the count (${info})`);

  await page.locator('th[data-col="5"] button').click(); // errors, ascending
  await page.locator('th[data-col="5"] button').click(); // descending
  const errs = await page.locator('#rows tr td:nth-child(6)').allTextContents();
  const nums = errs.map(Number);
  check(nums.every((v, k) => k === 0 || nums[k - 1] >= v) && nums[0] > 0, `sort by errors, descending (first ${nums[0]})`);

  await page.selectOption('#f-year', '2021');
  const years = await page.locator('#rows tr td:nth-child(3)').allTextContents();
  check(years.length > 0 && years.every((y) => y === '2021'), `filter by year (${years.length} rows on the page)`);
  const yearInfo = await page.locator('#info').textContent();
  await page.selectOption('#f-level', 'county');
  const levels = await page.locator('#rows tr td:nth-child(5)').allTextContents();
  check(levels.length > 0 && levels.every((l) => l === '县区级'), `filter by level (${levels.length} rows)`);
  await page.selectOption('#f-level', '');
  await page.selectOption('#f-rule', 'carry-over');
  const rules = await page.locator('#rows tr td:nth-child(8)').allTextContents();
  check(rules.length > 0 && rules.every((x) => x.includes('carry-over')), `filter by rule (${rules.length} rows)`);
  await page.selectOption('#f-rule', '');
  await page.selectOption('#f-year', '');
  await page.locator('#next').click();
  const info2 = await page.locator('#info').textContent();
  check(/第 2 \//.test(info2) && info2 !== yearInfo, `pager (${info2})`);

  const href = await page.locator('#rows tr a').first().getAttribute('href');
  t0 = Date.now();
  await page.goto(new URL(href, page.url()).toString(), { waitUntil: 'load' });
  await page.waitForSelector('article.zwgk-report', { timeout: 10000 });
  console.log(`the report page shows its report ${Date.now() - t0} ms after loading starts`);
  check(await page.locator('article.zwgk-report').count() === 1 && (await page.locator('table.zw-table').count()) >= 3, `a report page, rendered from its shard by report.js (${href})`);
  check((await page.locator('#file').textContent()).endsWith('.txt') && (await page.title()).endsWith('.txt'), 'the report page names its file');
  // a report with carry-over problems: the link loads them too, and the page shows them
  await page.goto(pathToFileURL(path.join(out, 'reports.html')).toString(), { waitUntil: 'load' });
  await page.waitForSelector('#rows tr');
  await page.selectOption('#f-rule', 'carry-over');
  const carryHref = await page.locator('#rows tr a').first().getAttribute('href');
  await page.goto(new URL(carryHref, page.url()).toString(), { waitUntil: 'load' });
  await page.waitForSelector('article.zwgk-report', { timeout: 10000 });
  check(/&carry=1$/.test(carryHref) && (await page.locator('article.zwgk-report').textContent()).includes('carry-over'), `a report page with its carry-over problems (${carryHref})`);
  // another report by its link alone (#n=), on the same page
  const shown = await page.locator('#file').textContent();
  const other = Number(/#n=(\d+)/.exec(carryHref)[1]) === 1 ? 2 : 1;
  await page.evaluate((n) => { location.hash = `#n=${n}`; }, other);
  await page.waitForFunction((prev) => document.getElementById('file').textContent !== prev && document.querySelector('article.zwgk-report'), shown);
  check(await page.locator('article.zwgk-report').count() === 1, `another report by its link alone (#n=${other})`);
  // its style is the shared report.css (loaded under the page's CSP: style-src 'self')
  const styled = await page.evaluate(() => {
    const t = document.querySelector('table.zw-table');
    return { sheets: document.styleSheets.length, collapse: t ? getComputedStyle(t).borderCollapse : null };
  });
  check(styled.sheets === 1 && styled.collapse === 'collapse', `the report page is styled by report.css (${JSON.stringify(styled)})`);
  await page.locator('nav.site-nav a').first().click();
  await page.waitForLoadState('load');
  check(page.url().endsWith('/index.html'), `the report page links back to the summary (${page.url()})`);
  check(problems.length === 0, `no CSP violation or script error${problems.length ? `: ${problems.slice(0, 3).join(' | ')}` : ''}`);
  await browser.close();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

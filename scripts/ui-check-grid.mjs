#!/usr/bin/env node
// UI-level check of 在表格中编辑 / Edit Tables in code-server (VS Code web workbench, headless Debian
// Chromium through playwright-core), with the packaged extension: opens a copy of sample 004, finds
// the table icon in the editor's title bar, opens the preview and the grid from the table icon in the
// preview's title bar, checks the grid (the three tables, labelled value cells, read-only
// totals), clicks a figure, types a new one and presses Enter — the grid then shows the figure and
// its recomputed row total as read back from the text (the extension re-renders from the document) —
// and saves docs/screenshots/grid.png.
// Env: as scripts/ui-check-preview.mjs (CODE_SERVER_BIN / NODE24_BIN, CHROMIUM, ZWGK_VSIX, UI_KEEP=1,
// UI_SHOTS). Needs `npx tsc -p .` (out/) and `node scripts/build.mjs` (dist/) first. Exit 0 = passed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSetup, makeProfile, runWorkbenchCheck, sampleInWorkspace, vsixOfBuild } from './lib/workbench.mjs';

const { root, require, shots, log, tmp } = checkSetup(import.meta.url, 'ui-check-grid');

const vsix = vsixOfBuild(root, tmp, log);

const profile = makeProfile(tmp, {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.auxiliaryBar.enabled': false,
  'zwgk-report.language': 'zh',
});
const { ws } = profile;
const FILE = 'report-004.zwgk';
const text = sampleInWorkspace(root, ws, '004', FILE);
const { parse } = require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
const { gridLayout } = require(path.join(root, 'out', 'server', 'src', 'core', 'gridEdit.js'));
const layout = gridLayout(parse(text));
const ID = 'requests0/-/r4.1/natural';
const TOTAL = 'requests0/-/r4.1/total';
const before = layout.cells.get(ID).cell.value;
const totalBefore = layout.cells.get(TOTAL).cell.value;
const NEW = before + 3;

await runWorkbenchCheck({ tag: 'ui-check-grid', tmp, profile, vsix, log, viewport: { width: 1600, height: 1000 }, async body({ page }) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  log(`opened ${FILE}`);

  // the table icon is in the text editor's title bar …
  const icon = page.locator('.editor-actions .action-label.codicon-table').first();
  await icon.waitFor({ timeout: 60_000 });
  log(`editor-title action: ${JSON.stringify(await icon.getAttribute('aria-label'))}`);
  // … and in the preview's: open the preview, and the grid from the preview's title bar
  await page.locator('.editor-actions .action-label.codicon-open-preview').first().click();
  await page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('table.table-requests').waitFor({ timeout: 60_000 });
  const fromPreview = page.locator('.editor-group-container.active .editor-actions .action-label.codicon-table').first();
  await fromPreview.waitFor({ timeout: 30_000 });
  log('preview title bar: the table icon is there');
  await fromPreview.click();
  await page.locator('.tabs-container .tab', { hasText: /^表格|Tables/ }).first().waitFor({ timeout: 60_000 });
  // close the preview (its tab), leaving the report and the grid side by side
  const previewTab = page.locator('.tabs-container .tab', { hasText: /^预览|Preview/ }).first();
  await previewTab.click({ button: 'middle' }); // (a middle click closes a tab)
  await page.waitForTimeout(500);
  const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
  log(`tabs: ${JSON.stringify(tabs)}`);
  if (tabs.some((t) => /^预览|Preview/.test(t.trim()))) throw new Error('the preview did not close');

  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('table.table-requests').waitFor({ timeout: 60_000 });
  const kinds = await frame.locator('table.zw-table').evaluateAll((ts) => ts.map((t) => t.className));
  log(`grid tables: ${JSON.stringify(kinds)}`);
  if (kinds.length !== 3) throw new Error('expected three tables');
  const cells = await frame.locator('td[data-cell]').count();
  log(`value cells: ${cells}, read-only totals: ${await frame.locator('td[aria-readonly="true"]').count()}`);
  if (cells !== layout.cells.size) throw new Error(`expected ${layout.cells.size} cells`);

  const cell = frame.locator(`td[data-cell="${ID}"]`);
  await cell.scrollIntoViewIfNeeded();
  log(`aria-label: ${JSON.stringify(await cell.getAttribute('aria-label'))}`);
  await cell.click();
  await page.keyboard.type(String(NEW));
  await page.keyboard.press('Enter');
  const total = frame.locator(`td[data-cell="${TOTAL}"]`);
  for (let i = 0; i < 100; i++) {
    if ((await cell.innerText()).trim() === String(NEW) && (await total.innerText()).trim() === String(totalBefore + 3) && !(await cell.getAttribute('class'))?.includes('pending')) break;
    await page.waitForTimeout(100);
  }
  const got = [(await cell.innerText()).trim(), (await total.innerText()).trim()];
  log(`after typing ${NEW} + Enter: cell ${got[0]}, row total ${got[1]} (was ${before}, ${totalBefore})`);
  if (got[0] !== String(NEW) || got[1] !== String(totalBefore + 3)) throw new Error('the grid did not show the figure and its total read back from the text');
  const status = (await frame.locator('#zw-status').innerText()).trim();
  log(`grid status: ${JSON.stringify(status)}`);
  const line = layout.cells.get(ID).cell.range.start.line + 1;
  // the grid: table 3 from its header
  await frame.locator('table.table-requests').evaluate((t) => t.closest('section').scrollIntoView({ block: 'start' }));
  await page.mouse.move(5, 500);
  await page.waitForTimeout(1500);
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'grid.png') });
  log(`screenshot ${path.relative(root, path.join(shots, 'grid.png'))}`);
  // smaller in the .vsix (it ships the README's pictures): Debian's pngquant, when installed
  const q = spawnSync('pngquant', ['--quality', '60-85', '--speed', '1', '--force', '--ext', '.png', path.join(shots, 'grid.png')]);
  log(q.error ? 'pngquant not installed: the screenshot is left as taken' : `pngquant: ${(fs.statSync(path.join(shots, 'grid.png')).size / 1024).toFixed(0)} KB`);
  // save from the text editor, and read the file: that line, and only it and the totals', changed
  await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+S');
  const file = path.join(ws, FILE);
  let saved = text;
  for (let i = 0; i < 100 && saved === text; i++) {
    await page.waitForTimeout(100);
    saved = fs.readFileSync(file, 'utf8');
  }
  const a = text.split('\n');
  const b = saved.split('\n');
  const changed = b.map((l, i) => (l === a[i] ? -1 : i)).filter((i) => i >= 0);
  log(`saved file: ${changed.length} lines changed: ${changed.map((i) => `${i + 1}: ${JSON.stringify(a[i])} → ${JSON.stringify(b[i])}`).join(', ')}`);
  if (a.length !== b.length || b[line - 1] !== `\t${NEW}`) throw new Error('the figure is not in the saved text at its cell');
  if (changed.length !== 4) throw new Error('expected the figure and its three totals');
} });

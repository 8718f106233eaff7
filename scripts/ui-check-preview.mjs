#!/usr/bin/env node
// UI-level check of the preview in code-server (VS Code web workbench, headless Debian Chromium
// through playwright-core), with the packaged extension: opens a copy of sample 004 (a short row in
// table 1), clicks the editor-title preview icon, checks the webview (tables, the marked cell, the
// hover message from media/preview.js under the real webview CSP), saves
// docs/screenshots/preview-vscode.png, then clicks a figure in the preview and checks that the
// editor selected that cell in the report.
// Env: CODE_SERVER_BIN / NODE24_BIN (default: the kit of scripts/vscode-kit.sh), CHROMIUM,
// ZWGK_VSIX (use that .vsix; default: package one into a temp dir), UI_KEEP=1, UI_SHOTS.
// Needs `npx tsc -p .` (out/) and `node scripts/build.mjs` (dist/) first. Exit code 0 = passed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSetup, makeProfile, runWorkbenchCheck, sampleInWorkspace, vsixOfBuild } from './lib/workbench.mjs';

const { root, require, shots, log, tmp } = checkSetup(import.meta.url, 'ui-check-preview');

// 1. the .vsix
const vsix = vsixOfBuild(root, tmp, log);

// 2. profile, extensions dir, workspace with a copy of sample 004
const profile = makeProfile(tmp, {
   'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.auxiliaryBar.enabled': false,
});
const { ws } = profile;
const FILE = 'report-004.zwgk';
const text = sampleInWorkspace(root, ws, '004', FILE);
// Where the figure we click is: table 3, row 1.本机关不掌握相关政府信息 × 自然人 (6).
const { analyze } = require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
const target = analyze(text).doc.tables.find((t) => t.kind === 'requests').rows.find((r) => r.id === 'r4.1').cells.find((c) => c.column === 'natural');
if (target.raw.trim() !== '6') { console.error('[ui-check-preview] sample 004 changed'); process.exit(1); }

await runWorkbenchCheck({ tag: 'ui-check-preview', tmp, profile, vsix, log, viewport: { width: 1600, height: 1000 }, async body({ page, host }) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  log(`opened ${FILE}`);

  // the editor-title icon (editor/title menu, `when: editorLangId == zwgk-report`)
  const icon = page.locator('.editor-actions .action-label.codicon-open-preview').first();
  await icon.waitFor({ timeout: 60_000 });
  log(`editor-title action: ${JSON.stringify(await icon.getAttribute('aria-label'))}`);
  await icon.click();

  // the webview: outer iframe (host) → inner #active-frame (our page)
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await frame.locator('table.table-requests').waitFor({ timeout: 60_000 });
  const kinds = await frame.locator('table.zw-table').evaluateAll((ts) => ts.map((t) => t.className));
  log(`preview tables: ${JSON.stringify(kinds)}`);
  if (kinds.length !== 3) throw new Error('expected three tables');
  const marked = frame.locator('td.cell-error');
  if ((await marked.count()) < 1) throw new Error('no marked cell');

  // hover: the message from media/preview.js (so the script runs under the webview CSP)
  await marked.first().hover();
  await marked.first().hover({ position: { x: 10, y: 8 } });
  const tip = frame.locator('.zw-tooltip');
  await tip.waitFor({ state: 'visible', timeout: 10_000 });
  const tipText = await tip.innerText();
  log(`hover message: ${JSON.stringify(tipText)}`);
  if (!tipText.includes('行政规范性文件')) throw new Error('wrong hover message');
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'preview-vscode.png') });
  log(`screenshot ${path.relative(root, path.join(shots, 'preview-vscode.png'))}`);

  // click a figure in table 3 → the editor selects that cell
  const cell = frame.locator(`td[data-line="${target.range.start.line}"][data-character="${target.range.start.character}"]`);
  await cell.scrollIntoViewIfNeeded();
  await cell.click();
  // The status bar counts columns visually (a tab is 4), so check the line and the selected length.
  const want = `Ln ${target.range.start.line + 1}, Col`;
  const selected = `(${target.raw.trim().length} selected)`;
  const status = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
  for (let i = 0; i < 100; i++) {
    const t = await status.innerText().catch(() => '');
    if (t.includes(want) && t.includes(selected)) break;
    await page.waitForTimeout(200);
  }
  const got = (await status.innerText()).replace(/\s+/g, ' ');
  log(`after the click, status bar: ${JSON.stringify(got)} (want ${want}… ${selected})`);
  if (!got.includes(want) || !got.includes(selected)) throw new Error(`the editor did not reveal and select the cell: ${want}… ${selected}`);
} });

#!/usr/bin/env node
// UI-level check of the folder check in code-server (VS Code web workbench, headless Debian Chromium
// through playwright-core), with the packaged extension: a workspace folder of reports, none opened;
// runs 检查文件夹中的所有报告 / Check All Reports in Folder from the command palette, waits for the
// view "Reports in Folder" and for the Problems panel to list the unopened reports, saves
// docs/screenshots/folder-check.png, then clicks the first report in the view and checks that it
// opens. Env as scripts/ui-check.mjs (CODE_SERVER_BIN, NODE24_BIN, CHROMIUM, ZWGK_VSIX, UI_KEEP, UI_SHOTS).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logger, makeProfile, packagedVsix, requireKit, runWorkbenchCheck } from './lib/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = process.env.UI_SHOTS || path.join(root, 'docs', 'screenshots');
const log = logger('ui-check-folder');

requireKit('ui-check-folder');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-ui-folder-'));

const vsix = packagedVsix(root, log);

const profile = makeProfile(tmp, { 'zwgk-report.language': 'zh' });
const { ws } = profile;
// a folder of reports as an evaluator gets them: .txt files, some in sub-folders, and a note
const sampleDir = path.join(root, 'test', 'fixtures', 'samples');
const samples = fs.readdirSync(sampleDir).sort();
const names = ['济宁市城市管理局 2020.txt', '市教育局/2021年报.txt', '市教育局/2022年报.txt', '县政府办/年度报告.txt', '县政府办/附件/年报-终稿.txt'];
samples.forEach((f, i) => {
  const p = path.join(ws, '各单位年报', names[i]);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.copyFileSync(path.join(sampleDir, f), p);
});
fs.writeFileSync(path.join(ws, '各单位年报', '说明.txt'), '各单位年报汇总，请逐一核对。\n');

await runWorkbenchCheck({ tag: 'ui-check-folder', tmp, profile, vsix, log, viewport: { width: 1400, height: 900 }, async body({ page }) {
  // nothing opened: run the command from the palette
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  // the palette lists the command once the workbench has read the extension's manifest: try again until then
  const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: /Check All Reports in Folder|检查文件夹中的所有报告/ });
  for (let tries = 0; ; tries++) {
    await page.keyboard.press('F1');
    await page.keyboard.type('Check All Reports in Folder');
    try {
      await pick.first().waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (tries > 12) throw e;
      await page.waitForTimeout(2_000);
    }
  }
  await page.keyboard.press('Enter');
  log('ran Check All Reports in Folder');

  // the view lists the reports, most errors first
  const rows = page.locator('[id="workbench.view.explorer"] .pane-body .monaco-list-row', { hasText: /个错误|errors?/ });
  await rows.first().waitFor({ timeout: 120_000 });
  const listed = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`view: ${JSON.stringify(listed)}`);
  if (listed.length < 5) throw new Error(`the view lists ${listed.length} reports, not 5`);

  // the Problems panel lists the unopened reports
  await page.keyboard.press('Control+Shift+M');
  const files = page.locator('.markers-panel .monaco-list-row .file-icon, .markers-panel .monaco-list-row.resource, .markers-panel .monaco-tl-contents .label-name');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  const problems = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  const withReports = problems.filter((t) => /\.txt/.test(t));
  log(`Problems panel: ${withReports.length} file rows, e.g. ${JSON.stringify(withReports.slice(0, 3))}`);
  void files;
  if (withReports.length < 3) throw new Error('the Problems panel does not list the unopened reports');
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'folder-check.png') });
  log(`screenshot ${path.relative(root, path.join(shots, 'folder-check.png'))}`);

  // a click on the first report opens it
  await rows.first().click();
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  const tab = (await page.locator('.tabs-container .tab.active').first().innerText()).trim();
  log(`opened: ${tab}`);
  if (!/\.txt/.test(tab)) throw new Error(`no report opened (${tab})`);
} });

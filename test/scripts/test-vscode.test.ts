// scripts/test-vscode.mjs (`npm run test:vscode`, part of `npm test`) on a fresh machine without
// internet: which VS Code it chooses, with and without CI set. The dry run stops once the choice is
// made. The download is made to fail for sure (even on a machine with internet) through a proxy on a
// closed port, which @vscode/test-electron honours (npm_config_https_proxy), and an empty cache.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function choose(extra: Record<string, string>): { status: number | null; out: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-choose-'));
  try {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(CI|ZWGK_.*|VSCODE_.*)$/.test(k)) env[k] = v;
    Object.assign(env, {
      ZWGK_VSCODE_DRY_RUN: '1',
      ZWGK_VSCODE_KIT: path.join(tmp, 'kit'), // a fresh machine: no kit installed yet
      ZWGK_VSCODE_CACHE: path.join(tmp, 'cache'), // and no VS Code downloaded before
      npm_config_https_proxy: 'http://127.0.0.1:9', // no internet
      npm_config_proxy: 'http://127.0.0.1:9',
      ...extra,
    });
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'test-vscode.mjs')], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

test('no internet, CI not set: the failed download falls back to the offline kit, saying so', { timeout: 90_000 }, () => {
  const r = choose({});
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /could not download VS Code .*falling back to the offline kit \(code-server \+ Chromium\)/, r.out);
  assert.match(r.out, /dry run: VS Code: code-server/, r.out);
});

test('CI set: the offline kit at once, no download tried', { timeout: 90_000 }, () => {
  const r = choose({ CI: 'true' });
  assert.equal(r.status, 0, r.out);
  assert.doesNotMatch(r.out, /could not download/, r.out);
  assert.match(r.out, /dry run: VS Code: code-server/, r.out);
});

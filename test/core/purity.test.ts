// The core stays pure: no `vscode` / `vscode-languageserver` import anywhere under server/src/core
// (or the renderer and importer it shares with the CLI).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('no editor or protocol import in the core', () => {
  const dirs = ['server/src/core', 'server/src/render', 'server/src/import'].map((d) => path.join(ROOT, d));
  const all = dirs.flatMap((d) => { try { return files(d); } catch { return []; } });
  assert.ok(all.length > 10);
  for (const f of all) {
    const src = readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]/, f);
    assert.doesNotMatch(src, /require\(['"]vscode/, f);
  }
});

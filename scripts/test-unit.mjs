// Runs every compiled `out/test/**/*.test.js` with Node's test runner. (Node 20's `--test` does
// not expand globs, and given a directory it would also run helpers and the VS Code suites.)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import * as path from 'node:path';

function find(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.js') ? [p] : [];
  });
}

if (!existsSync('out/test')) {
  console.error('out/test is missing: run `npm run compile` first');
  process.exit(2);
}
const only = process.argv.slice(2);
const files = find('out/test').filter((f) => !only.length || only.some((o) => f.includes(o))).sort();
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);

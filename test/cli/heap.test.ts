// heap.ts: V8's heap sizing is set for the commands that stream many files, and only for them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { commandOf } from '../../server/src/cli/heap';

const ROOT = path.resolve(__dirname, '../../..');

test('the subcommand of a command line: global options and their values skipped', () => {
  assert.equal(commandOf(['audit', 'dir', '--format', 'jsonl']), 'audit');
  assert.equal(commandOf(['--lang', 'en', 'check', 'a.txt']), 'check');
  assert.equal(commandOf(['--max-file-size', '10', '--lang=en', 'render', 'a.txt']), 'render');
  assert.equal(commandOf(['--help']), undefined);
  assert.equal(commandOf(['--', 'audit']), undefined);
  assert.equal(commandOf([]), undefined);
});

test('for audit and check the young generation keeps its first size; for the other commands it grows as V8 decides', () => {
  // heap.ts loaded as the CLI loads it, then objects that survive a few collections, as records do
  const newSpaceMB = (args: string[]): number => Number(spawnSync(process.execPath, ['-e', `
    process.argv = [process.execPath, 'cli', ...${JSON.stringify(args)}];
    require(${JSON.stringify(path.join(ROOT, 'out/server/src/cli/heap.js'))});
    let kept = [];
    for (let i = 0; i < 400000; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 50000) kept = []; }
    const s = require('v8').getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
    console.log(s.space_size / 1048576);
  `], { encoding: 'utf8' }).stdout.trim());
  for (const cmd of ['audit', 'check']) assert.ok(newSpaceMB([cmd, 'x']) <= 4, cmd);
  assert.ok(newSpaceMB(['render', 'x']) > 4, 'render: as V8 decides');
});

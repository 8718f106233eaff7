// writeFileAtomic (server/src/cli/atomic.ts): what it keeps (mode, links), what it refuses
// (read-only, changed since read, not a regular file, an input), and that a refusal or a failure
// leaves the original untouched with no temporary file left behind.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WriteError, identitiesOf, stampOf, writeFileAtomic, writeFileAtomicSync } from '../../server/src/cli/atomic';
import { FileError, readTextFile, writeTextFile } from '../../server/src/cli/io';

let tmp: string;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-atomic-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function dir(): string {
  const d = path.join(tmp, String(n++));
  fs.mkdirSync(d);
  return d;
}

/** The names in `d` other than `keep`: a temporary file left behind would show here. */
function others(d: string, ...keep: string[]): string[] {
  return fs.readdirSync(d).filter((f) => !keep.includes(f));
}

function refused(f: () => unknown, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof WriteError, String(e));
    assert.match(`${e.reason.zh} | ${e.reason.en}`, re);
    return true;
  });
}

describe('writeFileAtomic', () => {
  test('writes a new file and replaces an existing one, keeping its mode; no temporary file left', async () => {
    const d = dir();
    const f = path.join(d, 'a.txt');
    await writeFileAtomic(f, '第一版');
    assert.equal(fs.readFileSync(f, 'utf8'), '第一版');
    fs.chmodSync(f, 0o640);
    writeFileAtomicSync(f, new Uint8Array(Buffer.from('第二版')));
    assert.equal(fs.readFileSync(f, 'utf8'), '第二版');
    assert.equal(fs.statSync(f).mode & 0o777, 0o640);
    assert.deepEqual(others(d, 'a.txt'), []);
  });

  test('a symbolic link is written through: the target changes, the link stays a link', () => {
    const d = dir();
    const target = path.join(d, 'real.txt');
    const link = path.join(d, 'link.txt');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync('real.txt', link);
    writeFileAtomicSync(link, 'new');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(target, 'utf8'), 'new');
    assert.deepEqual(others(d, 'real.txt', 'link.txt'), []);
  });

  test('a read-only file is refused with a clear message and left unchanged', () => {
    const d = dir();
    const f = path.join(d, 'ro.txt');
    fs.writeFileSync(f, 'keep');
    fs.chmodSync(f, 0o444);
    refused(() => writeFileAtomicSync(f, 'lost'), /只读.*\|.*read-only/);
    assert.equal(fs.readFileSync(f, 'utf8'), 'keep');
    assert.deepEqual(others(d, 'ro.txt'), []);
  });

  test('a file changed on disk since it was read is not overwritten', () => {
    const d = dir();
    const f = path.join(d, 'c.txt');
    fs.writeFileSync(f, 'as read');
    const stamp = stampOf(fs.statSync(f));
    fs.writeFileSync(f, 'someone else edited this');
    refused(() => writeFileAtomicSync(f, 'our fix', { expectUnchangedSince: stamp }), /已被修改.*\|.*changed on disk/);
    assert.equal(fs.readFileSync(f, 'utf8'), 'someone else edited this');
    // unchanged: written
    writeFileAtomicSync(f, 'our fix', { expectUnchangedSince: stampOf(fs.statSync(f)) });
    assert.equal(fs.readFileSync(f, 'utf8'), 'our fix');
  });

  test('check --fix path: writeTextFile refuses a report edited after it was read', () => {
    const d = dir();
    const f = path.join(d, 'r.txt');
    fs.writeFileSync(f, '报告\n');
    const read = readTextFile(f);
    fs.writeFileSync(f, '报告（他人修改）\n');
    assert.throws(() => writeTextFile(f, read, '报告（修复）\n'), (e: unknown) => e instanceof FileError && /已被修改/.test(e.reason.zh));
    assert.equal(fs.readFileSync(f, 'utf8'), '报告（他人修改）\n');
  });

  test('a FIFO, a device and a folder are refused as targets', () => {
    const d = dir();
    const fifo = path.join(d, 'pipe');
    execFileSync('mkfifo', [fifo]);
    refused(() => writeFileAtomicSync(fifo, 'x'), /不是普通文件.*\|.*not a regular file/);
    refused(() => writeFileAtomicSync('/dev/null', 'x'), /不是普通文件/);
    refused(() => writeFileAtomicSync(d, 'x'), /目录.*\|.*folder/);
  });

  test('an input, named through a hard link or a symbolic link, is refused as the output', () => {
    const d = dir();
    const input = path.join(d, 'in.txt');
    fs.writeFileSync(input, 'input');
    fs.linkSync(input, path.join(d, 'hard.txt'));
    fs.symlinkSync(input, path.join(d, 'soft.txt'));
    for (const out of ['hard.txt', 'soft.txt', 'in.txt']) {
      refused(() => writeFileAtomicSync(path.join(d, out), 'output', { notOver: identitiesOf([input]) }), /输入.*\|.*input/);
    }
    assert.equal(fs.readFileSync(input, 'utf8'), 'input');
  });

  test('a folder that does not exist: an error naming it, nothing created', () => {
    const d = dir();
    refused(() => writeFileAtomicSync(path.join(d, 'no/such/a.txt'), 'x'), /目录不存在/);
    assert.deepEqual(others(d), []);
  });
});

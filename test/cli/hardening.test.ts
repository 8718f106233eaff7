// The CLI under faults and hostile input (issue 17): a --fix killed at any instant or failing
// part-way, outputs pointed at inputs, files that are not regular files or are too large,
// terminal escapes in what is printed. Every hostile file is made here, in a temporary folder.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { fixAll } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const S003 = path.join(ROOT, 'test/fixtures/samples/003_f66fc89e634cbc5e.txt');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { shell?: string } = {}): Run {
  const env = { ...process.env };
  delete env.ZWGK_LANG;
  const r = opts.shell
    ? spawnSync('bash', ['-c', `${opts.shell}; exec "$0" "$@"`, process.execPath, CLI, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
let n = 0;
function dir(): string {
  const d = path.join(tmp, String(n++));
  fs.mkdirSync(d);
  return d;
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-hard-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Sample 003 (two totals to fix) followed by `bytes` of prose: big enough that writing it takes a while. */
function bigReport(bytes: number): string {
  const base = fs.readFileSync(S003, 'utf8');
  const line = '本机关依法依规做好政府信息公开工作，不断提高公开质量和实效。\n';
  return base + line.repeat(Math.ceil(bytes / Buffer.byteLength(line)));
}

describe('check --fix: no data lost', () => {
  test('killed (SIGKILL) as soon as the file changes on disk, or at a random instant: the report is the old or the new one, whole, every time', async () => {
    const d = dir();
    const oldText = bigReport(4 << 20);
    const newText = fixAll(oldText, { scope: 'totals' }).text;
    assert.notEqual(newText, oldText, 'there is something to fix');
    const oldBytes = Buffer.from(oldText, 'utf8');
    const newBytes = Buffer.from(newText, 'utf8');
    const file = path.join(d, 'big.txt');
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      fs.writeFileSync(file, oldBytes);
      const st0 = fs.statSync(file);
      const child = spawn(process.execPath, [CLI, 'check', '--fix', file], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let done = false;
      void exited.then(() => (done = true));
      // even runs: kill at the first sign of a change; odd runs: at a random instant as well
      const deadline = i % 2 ? Date.now() + Math.random() * 1500 : Infinity;
      for (;;) {
        if (done) break;
        const st = fs.statSync(file, { throwIfNoEntry: false });
        if (!st || st.ino !== st0.ino || st.size !== st0.size || st.mtimeMs !== st0.mtimeMs || Date.now() >= deadline) {
          child.kill('SIGKILL');
          break;
        }
        await new Promise((r) => setImmediate(r));
      }
      await exited;
      const now = fs.readFileSync(file);
      const which = now.equals(oldBytes) ? 'old' : now.equals(newBytes) ? 'new' : `neither (${now.length} bytes of ${oldBytes.length} / ${newBytes.length})`;
      outcomes.push(which);
    }
    assert.deepEqual(outcomes.filter((o) => o !== 'old' && o !== 'new'), [], outcomes.join(', '));
    assert.ok(outcomes.includes('new'), `a run killed at the change sees the new file: ${outcomes.join(', ')}`);
  });

  test('a write that fails part-way (file-size limit of 4 KB): reported as an error, exit 2, the original untouched, nothing left behind', () => {
    const d = dir();
    const file = path.join(d, 'r.txt');
    fs.copyFileSync(S003, file);
    const before = fs.readFileSync(file);
    const r = cli(['check', '--fix', file], { shell: 'ulimit -f 4' });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /r\.txt: 无法写回：文件超过了允许的大小/);
    assert.match(r.stdout, /1 个文件需要修复但无法写回，未修改/);
    assert.doesNotMatch(r.stdout, /没有需要修复的内容/);
    assert.ok(fs.readFileSync(file).equals(before), 'the report is as it was');
    assert.deepEqual(fs.readdirSync(d), ['r.txt'], 'no temporary file left');
  });

  test('--fix writes through a symbolic link and keeps the mode; a read-only report is refused, unchanged', () => {
    const d = dir();
    const real = path.join(d, 'real.txt');
    fs.copyFileSync(S003, real);
    fs.chmodSync(real, 0o604);
    fs.symlinkSync('real.txt', path.join(d, 'link.txt'));
    const r = cli(['check', '--fix', path.join(d, 'link.txt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /已修复 2 处/);
    assert.ok(fs.lstatSync(path.join(d, 'link.txt')).isSymbolicLink());
    assert.equal(fs.statSync(real).mode & 0o777, 0o604);
    assert.equal(fs.readFileSync(real, 'utf8'), fixAll(fs.readFileSync(S003, 'utf8'), { scope: 'totals' }).text);

    const ro = path.join(d, 'ro.txt');
    fs.copyFileSync(S003, ro);
    fs.chmodSync(ro, 0o444);
    const r2 = cli(['--lang', 'en', 'check', '--fix', ro]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /ro\.txt: cannot write: the file is read-only; left unchanged/);
    assert.ok(fs.readFileSync(ro).equals(fs.readFileSync(S003)));
  });
});

describe('no output over an input', () => {
  async function docx(): Promise<Buffer> {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>报告</w:t></w:r></w:p></w:body></w:document>');
    return zip.generateAsync({ type: 'nodebuffer' });
  }

  test('import -o naming the .docx through a symbolic or hard link is refused; the .docx is intact', async () => {
    const d = dir();
    const input = path.join(d, 'in.docx');
    const bytes = await docx();
    fs.writeFileSync(input, bytes);
    fs.symlinkSync('in.docx', path.join(d, 'soft.txt'));
    fs.linkSync(input, path.join(d, 'hard.txt'));
    for (const out of ['soft.txt', 'hard.txt']) {
      const r = cli(['import', input, '-o', path.join(d, out)]);
      assert.equal(r.code, 2, `${out}: ${r.stderr}`);
      assert.match(r.stderr, /输出文件不能与输入文件相同/);
      assert.ok(fs.readFileSync(input).equals(bytes), `${out}: the .docx is intact`);
    }
    const ok = cli(['import', input, '-o', path.join(d, 'out.txt')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(fs.readFileSync(path.join(d, 'out.txt'), 'utf8'), '报告\n');
  });

  test('render --html and audit --html pointed at a report (or a link to it) are refused; the report is intact', () => {
    const d = dir();
    const report = path.join(d, 'r.txt');
    fs.copyFileSync(S003, report);
    fs.symlinkSync('r.txt', path.join(d, 'link.html'));
    const before = fs.readFileSync(report);
    for (const out of [report, path.join(d, 'link.html')]) {
      const r = cli(['render', report, '--html', out]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /输出文件就是输入文件/);
      assert.ok(fs.readFileSync(report).equals(before));
      const a = cli(['audit', d, '--html', out]);
      assert.notEqual(a.code, 0);
      assert.match(a.stderr, /输出文件就是输入文件/);
      assert.ok(fs.readFileSync(report).equals(before));
    }
  });
});

describe('inputs that are not regular files, or too large', () => {
  test('a FIFO given to check --fix is refused at once (no hang); /dev/zero is refused', () => {
    const d = dir();
    const fifo = path.join(d, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const r = spawnSync(process.execPath, [CLI, 'check', '--fix', fifo, '/dev/zero'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'ended on its own');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pipe\.txt: 无法读取：不是普通文件/);
    assert.match(r.stderr, /\/dev\/zero: 无法读取：不是普通文件/);
    const imp = spawnSync(process.execPath, [CLI, 'import', '/dev/zero'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(imp.status, 2);
    assert.match(imp.stderr, /不是普通文件/);
  });

  test('an input over the size limit is refused with a message; --max-file-size sets the limit', () => {
    const d = dir();
    const file = path.join(d, 'big.txt');
    fs.writeFileSync(file, bigReport(2 << 20));
    const r = cli(['--max-file-size', '1', 'check', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /big\.txt: 无法读取：文件过大（2 MB，超过上限 1 MB），未读取/);
    const ok = cli(['--max-file-size=3', 'check', file]);
    assert.equal(ok.code, 1, ok.stderr);
    assert.equal(cli(['--max-file-size', 'x', 'check', file]).code, 2);
  });
});

describe('terminal output', () => {
  test('escape and other control characters from cells and file names are not printed raw', () => {
    const d = dir();
    const text = fs.readFileSync(S003, 'utf8').replace('（二）通过不同渠道和方式公开政府信息的情况', '（二）通过不同渠道\x1b]0;pwned\x07和方式公开政府信息的情况\x1b[2J');
    const file = path.join(d, 'evil\x1b[31m\x07.txt');
    fs.writeFileSync(file, text);
    for (const args of [['check', file], ['check', '--fix', file], ['check', path.join(d, 'missing\x1b[2J.txt')]]) {
      const r = cli(args);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(r.stdout + r.stderr, /[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/, JSON.stringify(r.stdout + r.stderr).slice(0, 500));
      assert.match(r.stdout + r.stderr, /evil|missing/);
    }
  });
});

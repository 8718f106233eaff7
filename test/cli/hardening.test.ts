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

describe('audit --html and --out: written as every other output', () => {
  const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
  const SITE = ['index.html', 'reports.html', 'reports.js', 'report.css', 'report.html', 'report.js'];
  /** A folder with two reports to audit. */
  function reports(d: string): string {
    const src = path.join(d, 'src');
    fs.mkdirSync(src);
    for (const f of fs.readdirSync(SAMPLES).sort().slice(0, 2)) fs.copyFileSync(path.join(SAMPLES, f), path.join(src, f));
    return src;
  }
  const tmpLeft = (d: string): string[] => fs.readdirSync(d, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));

  test('a symbolic link as --html or as the site\'s index.html is written through (the link stays); the mode is kept', () => {
    const d = dir();
    const src = reports(d);
    const keep = path.join(d, 'kept');
    fs.mkdirSync(keep);
    for (const f of ['audit.html', 'index.html']) {
      fs.writeFileSync(path.join(keep, f), 'old');
      fs.chmodSync(path.join(keep, f), 0o604);
    }
    fs.symlinkSync(path.join(keep, 'audit.html'), path.join(d, 'audit.html'));
    const site = path.join(d, 'site');
    fs.mkdirSync(site);
    fs.symlinkSync('../kept/index.html', path.join(site, 'index.html'));
    const r = cli(['audit', src, '--html', path.join(d, 'audit.html'), '--out', site]);
    assert.equal(r.code, 1, r.stderr); // the samples have errors
    for (const [link, real] of [[path.join(d, 'audit.html'), 'audit.html'], [path.join(site, 'index.html'), 'index.html']]) {
      assert.ok(fs.lstatSync(link).isSymbolicLink(), `${link} is still a link`);
      assert.match(fs.readFileSync(path.join(keep, real), 'utf8'), /^<!DOCTYPE html>[^]*<\/html>\n$/, `${real} written through`);
      assert.equal(fs.statSync(path.join(keep, real)).mode & 0o777, 0o604);
    }
    assert.deepEqual(tmpLeft(d), []);
  });

  test('a read-only --html or site file is refused before any work, with the reason; exit 2, the file unchanged', () => {
    const d = dir();
    const src = reports(d);
    const ro = path.join(d, 'ro.html');
    fs.writeFileSync(ro, 'old');
    fs.chmodSync(ro, 0o444);
    const a = cli(['--lang', 'en', 'audit', src, '--html', ro]);
    assert.equal(a.code, 2, a.stderr);
    assert.match(a.stderr, /ro\.html: the file is read-only; left unchanged/);
    assert.doesNotMatch(a.stderr, /Wrote/);
    assert.equal(fs.readFileSync(ro, 'utf8'), 'old');
    const site = path.join(d, 'site');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'reports.js'), 'old');
    fs.chmodSync(path.join(site, 'reports.js'), 0o444);
    const b = cli(['audit', src, '--out', site]);
    assert.equal(b.code, 2, b.stderr);
    assert.match(b.stderr, /reports\.js: 文件是只读的，未修改/);
    assert.deepEqual(fs.readdirSync(site).sort(), ['reports', 'reports.js']);
    assert.equal(fs.readFileSync(path.join(site, 'reports.js'), 'utf8'), 'old');
    assert.deepEqual(tmpLeft(d), []);
  });

  test('a FIFO as --html or as the site\'s index.html is refused at once (no hang)', () => {
    const d = dir();
    const src = reports(d);
    const site = path.join(d, 'site');
    fs.mkdirSync(site);
    execFileSync('mkfifo', [path.join(d, 'pipe.html'), path.join(site, 'index.html')]);
    for (const args of [['--html', path.join(d, 'pipe.html')], ['--out', site]]) {
      const r = spawnSync(process.execPath, [CLI, 'audit', src, ...args], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.signal, null, 'ended on its own');
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /(pipe|index)\.html: 不是普通文件（管道、设备等），不能写入/);
    }
    assert.ok(fs.statSync(path.join(site, 'index.html')).isFIFO());
  });

  test('a site whose files are inputs is refused: an index.html being audited, a report inside reports/', () => {
    const d = dir();
    const src = reports(d);
    const before = Object.fromEntries(fs.readdirSync(src).map((f) => [f, fs.readFileSync(path.join(src, f))]));
    fs.writeFileSync(path.join(src, 'index.html'), '<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p></body></html>');
    const r = cli(['audit', src, '--out', src]); // the site in the folder audited, a web page among its inputs
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /index\.html: 输出文件就是输入文件（或其链接），拒绝覆盖输入/);
    fs.rmSync(path.join(src, 'index.html'));
    const inside = path.join(src, 'site', 'reports', '000');
    fs.mkdirSync(inside, { recursive: true });
    fs.copyFileSync(path.join(SAMPLES, fs.readdirSync(SAMPLES).sort()[0]), path.join(inside, '000001.html'));
    const r2 = cli(['audit', src, '--out', path.join(src, 'site')]);
    assert.equal(r2.code, 2, r2.stderr);
    assert.match(r2.stderr, /000001\.html: 这个输入文件位于输出目录/);
    for (const [f, b] of Object.entries(before)) assert.ok(fs.readFileSync(path.join(src, f)).equals(b), f);
    for (const f of SITE) assert.ok(!fs.existsSync(path.join(src, 'site', f)), f);
  });

  test('a write that fails part-way (file-size limit): an error, exit 2, the old page untouched, nothing left behind', () => {
    const d = dir();
    const src = reports(d);
    const out = path.join(d, 'audit.html');
    fs.writeFileSync(out, 'old');
    const r = cli(['audit', src, '--html', out], { shell: 'ulimit -f 8' }); // the page is about 100 KB
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /audit\.html: 文件超过了允许的大小/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'old');
    assert.deepEqual(tmpLeft(d), []);
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

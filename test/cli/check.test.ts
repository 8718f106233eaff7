// The `zwgk-report` CLI, run as a user runs it: the bundled dist/cli.js in a child process.
// Compiled to out/test/cli/check.test.js; `node scripts/build.mjs` is run first (in `before`).
// Every test works on temporary copies: the fixtures are never modified.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { analyze, fixAll, parse, totalsOf } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const S = {
  s000: path.join(SAMPLES, '000_b9f34f200907864a.txt'),
  s001: path.join(SAMPLES, '001_4343eed8903c0612.txt'),
  s002: path.join(SAMPLES, '002_d781839bf5bfcca4.txt'),
  s003: path.join(SAMPLES, '003_f66fc89e634cbc5e.txt'),
  s004: path.join(SAMPLES, '004_4feadbcbbe889437.txt'),
};

interface Run {
  code: number | null;
  /** The signal that ended the process, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A run's standard output as JSON; when it is not, the failure says how the process ended and what it wrote to stderr. */
function json(r: Run): any {
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    assert.fail(`stdout is not JSON (${(e as Error).message}); exit ${r.code}, signal ${r.signal}; stdout ${JSON.stringify(r.stdout.slice(0, 200))}; stderr ${JSON.stringify(r.stderr.slice(0, 2000))}`);
  }
}

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (!opts.env?.ZWGK_LANG) delete env.ZWGK_LANG;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env, input: opts.input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
function tmpDir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

/** `file:line:col severity code` of each diagnostic line of the text output. */
function textDiags(stdout: string): { file: string; line: number; col: number; severity: string; code: string }[] {
  const out = [];
  for (const l of stdout.split('\n')) {
    const m = /^(.*):(\d+):(\d+) (error|warning|information|hint) ([a-z][a-z0-9-]*) /.exec(l);
    if (m) out.push({ file: m[1], line: Number(m[2]), col: Number(m[3]), severity: m[4], code: m[5] });
  }
  return out;
}

const toCRLF = (s: string): string => s.replace(/\r?\n/g, '\r\n');

before(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-cli-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('zwgk-report (dispatcher)', () => {
  test('--version prints the version of package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const r = cli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
    }
  });

  test('--help: usage in Chinese by default, English with --lang en or ZWGK_LANG=en; lists the commands', () => {
    const zh = cli(['--help']);
    assert.equal(zh.code, 0);
    assert.match(zh.stdout, /^用法：zwgk-report <命令>/);
    for (const c of ['check', 'import', 'render', 'audit']) assert.match(zh.stdout, new RegExp(`\\b${c}\\b`));
    const en = cli(['--lang', 'en', '-h']);
    assert.equal(en.code, 0);
    assert.match(en.stdout, /^Usage: zwgk-report <command>/);
    assert.match(cli(['--help'], { env: { ZWGK_LANG: 'en' } }).stdout, /^Usage:/);
    assert.match(cli(['--lang=zh', '--help'], { env: { ZWGK_LANG: 'en' } }).stdout, /^用法：/, '--lang wins over ZWGK_LANG');
    assert.match(cli(['check', '--help']).stdout, /^用法：zwgk-report check/);
    assert.match(cli(['help', 'check', '--lang', 'en']).stdout, /^Usage: zwgk-report check/);
  });

  test('unknown command, no command, bad --lang → usage on stderr, exit 2, nothing on stdout', () => {
    for (const args of [['frobnicate'], [], ['--lang', 'fr', 'check', S.s002], ['--lang']]) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /用法：zwgk-report <命令>/);
    }
    assert.match(cli(['frobnicate']).stderr, /未知命令：frobnicate/);
    assert.match(cli(['--lang', 'en', 'frobnicate']).stderr, /Unknown command: frobnicate/);
  });

  test('import is dispatched', () => {
    const r = cli(['import', '--help', '--lang', 'en']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: zwgk-report import/);
  });
});

describe('zwgk-report check: text output', () => {
  test('the samples: the expected diagnostics at their 1-based lines, hints hidden and counted, exit 1', () => {
    const r = cli(['check', 'test/fixtures/samples']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const ds = textDiags(r.stdout);
    const at = (name: string): string[] =>
      ds.filter((d) => d.file === `test/fixtures/samples/${name}`).map((d) => `${d.severity} ${d.code} ${d.line}`);
    const f001 = at('001_4343eed8903c0612.txt');
    assert.ok(f001.includes('error table-shape 96'), f001.join('\n'));
    assert.ok(f001.includes('error section-missing 98'), f001.join('\n'));
    const f002 = at('002_d781839bf5bfcca4.txt');
    assert.ok(f002.includes('warning cell-number 101'), f002.join('\n'));
    assert.ok(f002.includes('warning section-numbering 366'), f002.join('\n'));
    const f003 = at('003_f66fc89e634cbc5e.txt');
    assert.ok(f003.includes('error sum-parent 465'), f003.join('\n'));
    assert.ok(f003.includes('error sum-parent 562'), f003.join('\n'));
    assert.ok(at('004_4feadbcbbe889437.txt').includes('error table-shape 35'));
    // files in name order
    const order = [...new Set(ds.map((d) => path.basename(d.file)))];
    assert.deepEqual(order, [...order].sort());
    // hints hidden, and the summary says how many
    assert.ok(!ds.some((d) => d.severity === 'hint'));
    const lines = r.stdout.trimEnd().split('\n');
    const summary = lines[lines.length - 1];
    const hints = Object.values(S).map((f) => analyze(fs.readFileSync(f, 'utf8')).diagnostics.filter((d) => d.severity === 'hint').length);
    const total = hints.reduce((a, b) => a + b, 0);
    assert.ok(total >= 151, 'sample 000 alone has 151 blank-cell hints');
    assert.match(summary, new RegExp(`^检查了 5 个文件：\\d+ 个错误，\\d+ 个警告，\\d+ 条提示信息（另有 ${total} 条 hint 未显示，用 --hints 显示）$`));
    // every line but the summary is a diagnostic
    assert.equal(ds.length, lines.length - 1);
  });

  test('the column is 1-based and counts UTF-16 code units (same as the 0-based LSP character + 1)', () => {
    const r = cli(['check', S.s002]);
    const d = textDiags(r.stdout).find((x) => x.code === 'cell-number');
    const core = analyze(fs.readFileSync(S.s002, 'utf8')).diagnostics.find((x) => x.code === 'cell-number');
    assert.ok(d && core);
    assert.equal(d.line, core.range.start.line + 1);
    assert.equal(d.col, core.range.start.character + 1);
    assert.equal(d.col, 2, 'after the leading tab');
  });

  test('the summary counts match the diagnostics; --hints shows the hints', () => {
    const r = cli(['check', '--hints', S.s000]);
    assert.equal(r.code, 0, 'sample 000 has warnings and hints only');
    const ds = textDiags(r.stdout);
    const core = analyze(fs.readFileSync(S.s000, 'utf8')).diagnostics;
    assert.equal(ds.length, core.length);
    assert.equal(ds.filter((d) => d.code === 'blank-cell' && d.severity === 'hint').length, 151);
    const n = (s: string): number => core.filter((d) => d.severity === s).length;
    assert.match(r.stdout, new RegExp(`检查了 1 个文件：${n('error')} 个错误，${n('warning')} 个警告，${n('information')} 条提示信息，${n('hint')} 条 hint\\n$`));
  });

  test('--lang en (and ZWGK_LANG=en): English messages and summary', () => {
    for (const r of [cli(['check', '--lang', 'en', 'test/fixtures/samples']), cli(['--lang=en', 'check', 'test/fixtures/samples']), cli(['check', 'test/fixtures/samples'], { env: { ZWGK_LANG: 'en' } })]) {
      assert.equal(r.code, 1);
      assert.match(r.stdout, /004_4feadbcbbe889437\.txt:35:2 error table-shape Row /);
      assert.doesNotMatch(r.stdout, /检查了|缺少第四部分/);
      assert.match(r.stdout, /\nChecked 5 files: \d+ errors, \d+ warnings, \d+ information messages \(\d+ hints not shown; use --hints to show them\)\n$/);
    }
  });

  test('a file with no errors → exit 0; warnings do not fail', () => {
    const r = cli(['check', S.s002]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /检查了 1 个文件：0 个错误，2 个警告/);
  });

  test('--rule: change a severity or switch a rule off', () => {
    const warn = cli(['check', '--rule', 'table-shape=warning', S.s004]);
    assert.equal(warn.code, 0);
    assert.match(warn.stdout, /:35:2 warning table-shape /);
    const off = cli(['check', '--rule=table-shape=off', S.s004]);
    assert.equal(off.code, 0);
    assert.doesNotMatch(off.stdout, /table-shape/);
    const two = cli(['check', '--rule', 'sum-parent=off', '--rule', 'conversion-debris=hint', S.s003]);
    assert.equal(two.code, 0);
    assert.doesNotMatch(two.stdout, /sum-parent|conversion-debris/);
  });

  test('--format-version forces the format', () => {
    const r = cli(['check', '--format', 'json', '--format-version', '2019', S.s004]);
    assert.equal(json(r)[0].format, '2019');
    const auto = cli(['check', '--format=json', '--format-version=auto', S.s004]);
    assert.equal(json(auto)[0].format, '2021');
  });

  test('bad usage → exit 2 with the reason and the usage on stderr, nothing checked', () => {
    const cases: [string[], RegExp][] = [
      [['check', '--bogus', S.s002], /未知选项：--bogus/],
      [['check', '-x', S.s002], /未知选项：-x/],
      [['check'], /缺少要检查的文件或目录/],
      [['check', '--format', 'xml', S.s002], /--format 只能是 text、json、jsonl 或 sarif/],
      [['check', '--format'], /选项 --format 需要一个值/],
      [['check', '--fix=some', S.s002], /--fix/],
      [['check', '--format-version', '2020', S.s002], /--format-version/],
      [['check', '--rule', 'no-such-rule=error', S.s002], /未知规则：no-such-rule/],
      [['check', '--rule', 'sum-row=fatal', S.s002], /规则级别/],
      [['check', '--rule', 'sum-row', S.s002], /规则=级别/],
      [['check', '--hints=yes', S.s002], /--hints/],
    ];
    for (const [args, re] of cases) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, re);
      assert.match(r.stderr, /用法：zwgk-report check/);
    }
    assert.match(cli(['check', '--lang', 'en', '--bogus', S.s002]).stderr, /Unknown option: --bogus\n\nUsage: zwgk-report check/);
  });

  test('an unreadable path → exit 2, the reason on stderr, the other files still checked', () => {
    const dir = tmpDir('unreadable');
    const bin = path.join(dir, 'binary.txt');
    fs.writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    const missing = path.join(dir, 'missing.txt');
    const r = cli(['check', missing, S.s004, bin, S.s002]);
    assert.equal(r.code, 2, '2 wins over 1');
    assert.match(r.stderr, new RegExp(`${missing.replace(/[\\.]/g, '\\$&')}: 无法读取：文件或目录不存在`));
    assert.match(r.stderr, /binary\.txt: 无法读取：不是文本文件/);
    assert.match(r.stdout, /004_4feadbcbbe889437\.txt:35:2 error table-shape/);
    assert.match(r.stdout, /002_d781839bf5bfcca4\.txt:101:2 warning cell-number/);
    assert.match(r.stdout, /检查了 2 个文件：.*；2 个文件无法读取\n$/);
    const clean = cli(['--lang', 'en', 'check', missing, S.s002]);
    assert.equal(clean.code, 2, 'an unreadable file alone makes it 2');
    assert.match(clean.stderr, /missing\.txt: cannot read: no such file or directory/);
  });

  test('a folder: recursive, *.txt and *.zwgk only, node_modules/.git skipped, name order; a file named twice is checked once', () => {
    const dir = tmpDir('tree');
    const put = (rel: string, from = S.s002): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(dir, rel));
    };
    put('b.txt');
    put('a.zwgk', S.s004);
    put('sub/deeper/c.txt', S.s001);
    put('sub/B.TXT');
    put('sub/notes.md');
    put('node_modules/pkg/readme.txt', S.s004);
    put('.git/x.txt', S.s004);
    put('z/nested/d.txt');
    const r = cli(['check', '--format', 'json', 'tree', 'tree/b.txt'], { cwd: tmp });
    assert.equal(r.code, 1);
    const files = (json(r) as { file: string }[]).map((x) => x.file);
    assert.deepEqual(files, ['tree/a.zwgk', 'tree/b.txt', 'tree/sub/B.TXT', 'tree/sub/deeper/c.txt', 'tree/z/nested/d.txt'].map((f) => f.split('/').join(path.sep)));
    const text = cli(['check', 'tree'], { cwd: tmp });
    assert.match(text.stdout, /检查了 5 个文件/);
    // a file given explicitly is checked whatever its extension
    const md = cli(['check', '--format=json', 'tree/sub/notes.md'], { cwd: tmp });
    assert.equal(json(md).length, 1);
    // an empty folder: nothing to check, no error
    tmpDir('empty');
    const empty = cli(['check', 'empty'], { cwd: tmp });
    assert.equal(empty.code, 0);
    assert.match(empty.stdout, /^检查了 0 个文件/);
  });

  test('standard input: "-"', () => {
    const r = cli(['check', '-'], { input: fs.readFileSync(S.s004) });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:35:2 error table-shape /);
    assert.equal(cli(['check', '--fix', '-'], { input: '' }).code, 2);
  });
});

describe('zwgk-report check --format json', () => {
  test('exactly one JSON array: {file, format, diagnostics[{code, severity, message, range}]}, 0-based, every severity', () => {
    const r = cli(['check', '--format', 'json', 'test/fixtures/samples']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const out = json(r) as unknown; // throws unless stdout is exactly one JSON value
    assert.ok(Array.isArray(out));
    assert.equal(out.length, 5);
    const isPos = (p: unknown): boolean =>
      typeof p === 'object' && p !== null && Object.keys(p).join() === 'line,character'
      && Number.isInteger((p as { line: number }).line) && (p as { line: number }).line >= 0
      && Number.isInteger((p as { character: number }).character) && (p as { character: number }).character >= 0;
    for (const [i, f] of (out as Record<string, unknown>[]).entries()) {
      assert.deepEqual(Object.keys(f), ['file', 'format', 'diagnostics']);
      assert.equal(f.file, `test/fixtures/samples/${fs.readdirSync(SAMPLES).sort()[i]}`.split('/').join(path.sep));
      assert.ok(f.format === '2019' || f.format === '2021');
      assert.ok(Array.isArray(f.diagnostics));
      const core = analyze(fs.readFileSync(path.join(ROOT, f.file as string), 'utf8'));
      assert.equal(f.format, core.doc.format.version);
      const ds = f.diagnostics as Record<string, unknown>[];
      assert.equal(ds.length, core.diagnostics.length, 'every severity, hints included');
      for (const [j, d] of ds.entries()) {
        assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
        assert.equal(typeof d.code, 'string');
        assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity as string));
        assert.equal(typeof d.message, 'string');
        const range = d.range as Record<string, unknown>;
        assert.deepEqual(Object.keys(range), ['start', 'end']);
        assert.ok(isPos(range.start) && isPos(range.end));
        const c = core.diagnostics[j];
        assert.deepEqual(d, { code: c.code, severity: c.severity, message: c.message.zh, range: c.range });
      }
    }
    const all = (out as { file: string; diagnostics: { code: string; severity: string; range: { start: { line: number } } }[] }[]);
    const find = (name: string, code: string): number[] =>
      all.find((f) => f.file.endsWith(name))!.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
    assert.deepEqual(find('001_4343eed8903c0612.txt', 'table-shape'), [95], '0-based');
    assert.deepEqual(find('003_f66fc89e634cbc5e.txt', 'sum-parent'), [464, 561]);
    assert.equal(all[0].diagnostics.filter((d) => d.severity === 'hint' && d.code === 'blank-cell').length, 151);
  });

  test('--lang en: messages in English', () => {
    const r = cli(['check', '--format', 'json', '--lang', 'en', S.s004]);
    assert.match(json(r)[0].diagnostics[0].message, /^Row /);
  });

  test('an unreadable file: an object with format null and one read-error diagnostic; the reason on stderr; exit 2', () => {
    const r = cli(['check', '--format', 'json', 'no/such/file.txt', S.s002]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no\/such\/file\.txt: 无法读取：文件或目录不存在/);
    const out = json(r);
    assert.equal(out.length, 2);
    assert.deepEqual(out[0], {
      file: 'no/such/file.txt',
      format: null,
      diagnostics: [{ code: 'read-error', severity: 'error', message: '无法读取：文件或目录不存在', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
    });
    assert.equal(out[1].format, '2019');
  });
});

describe('zwgk-report check: encodings and --fix', () => {
  test('a GB18030 copy gives the same diagnostics as the UTF-8 original', () => {
    const dir = tmpDir('gb');
    for (const f of Object.values(S)) {
      const text = fs.readFileSync(f, 'utf8');
      const copy = path.join(dir, path.basename(f));
      const bytes = iconv.encode(text, 'gb18030');
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the copy is not valid UTF-8');
      fs.writeFileSync(copy, bytes);
      const a = JSON.parse(cli(['check', '--format', 'json', f]).stdout)[0];
      const b = JSON.parse(cli(['check', '--format', 'json', copy]).stdout)[0];
      assert.deepEqual(b.diagnostics, a.diagnostics, path.basename(f));
      assert.equal(b.format, a.format);
    }
    // GBK (a subset of GB18030) too
    const gbk = path.join(dir, 'gbk.txt');
    fs.writeFileSync(gbk, iconv.encode(fs.readFileSync(S.s004, 'utf8'), 'gbk'));
    assert.match(cli(['check', gbk]).stdout, /gbk\.txt:35:2 error table-shape 「行政规范性文件」/);
  });

  test('--fix on a GB18030 CRLF file with one broken total: rewrites only that figure, stays GB18030 and CRLF; a second --fix changes nothing', () => {
    const dir = tmpDir('fix-gb');
    const good = toCRLF(fs.readFileSync(S.s002, 'utf8'));
    const doc = parse(good);
    const total = totalsOf(doc).find((t) => t.cell.kind === 'number' && t.expected > 0 && t.cell.raw === String(t.expected));
    assert.ok(total, 'a total to break');
    const { start, end } = total.cell.valueRange;
    assert.equal(start.line, end.line);
    const lines = good.split('\r\n');
    const line = lines[start.line];
    lines[start.line] = line.slice(0, start.character) + String(total.expected + 7) + line.slice(end.character);
    const broken = lines.join('\r\n');
    const file = path.join(dir, 'report.txt');
    const brokenBytes = iconv.encode(broken, 'gb18030');
    fs.writeFileSync(file, brokenBytes);

    // checking alone never writes
    const before = cli(['check', file]);
    assert.equal(before.code, 1);
    assert.match(before.stdout, new RegExp(`report\\.txt:${start.line + 1}:${start.character + 1} error sum-`));
    assert.ok(fs.readFileSync(file).equals(brokenBytes), 'check without --fix writes nothing');

    const fixed = cli(['check', '--fix', file]);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout, /report\.txt：已修复 1 处\n已修复 1 个文件，共 1 处修改\n检查了 1 个文件：0 个错误/);
    assert.doesNotMatch(fixed.stdout, /error sum-/);
    const after1 = fs.readFileSync(file);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(after1), 'still GB18030');
    const text = iconv.decode(after1, 'gb18030');
    assert.equal(text.split('\r\n').length, text.split('\n').length, 'every line ending is CRLF');
    const a = broken.split('\r\n');
    const b = text.split('\r\n');
    assert.equal(b.length, a.length);
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepEqual(changed, [start.line], 'exactly one line changed');
    assert.equal(b[start.line], line, 'the figure is back to its right value');
    assert.ok(after1.equals(iconv.encode(good, 'gb18030')), 'byte for byte the unbroken file');

    const again = cli(['check', '--fix', file]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /没有需要修复的内容/);
    assert.ok(fs.readFileSync(file).equals(after1), 'second --fix changes nothing');
  });

  test('--fix refuses to write a file whose bytes would not survive re-encoding (invalid GB18030 byte): exit 2, file unchanged', () => {
    const dir = tmpDir('fix-lossy');
    const text = fs.readFileSync(S.s003, 'utf8');
    const file = path.join(dir, 'lossy.txt');
    const bytes = Buffer.concat([Buffer.from([0xff, 0x0a]), iconv.encode(text, 'gb18030')]);
    fs.writeFileSync(file, bytes);
    const r = cli(['check', '--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /lossy\.txt: 无法写回：无法按原编码（gb18030）无损写回，未修改文件/);
    assert.match(r.stdout, /lossy\.txt:466:2 error sum-parent/, 'the diagnostics of the file as it is on disk');
    assert.ok(fs.readFileSync(file).equals(bytes));
  });

  test('--fix on a UTF-8 file with a BOM keeps the BOM (and LF endings); positions do not count the BOM', () => {
    const dir = tmpDir('fix-bom');
    const text = fs.readFileSync(S.s003, 'utf8');
    const file = path.join(dir, 'bom.txt');
    const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
    fs.writeFileSync(file, Buffer.concat([BOM, Buffer.from(text, 'utf8')]));
    const plain = JSON.parse(cli(['check', '--format', 'json', S.s003]).stdout)[0].diagnostics;
    const withBom = JSON.parse(cli(['check', '--format', 'json', file]).stdout)[0].diagnostics;
    assert.deepEqual(withBom, plain);

    const r = cli(['check', '--fix', '--format', 'json', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /bom\.txt：已修复 2 处\n已修复 1 个文件，共 2 处修改\n$/, 'fix report on stderr in JSON mode');
    const out = json(r);
    assert.ok(!out[0].diagnostics.some((d: { code: string }) => d.code === 'sum-parent'), 'the diagnostics of the fixed text');
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.subarray(0, 3).equals(BOM), 'BOM kept');
    assert.equal(bytes.subarray(3).toString('utf8'), fixAll(text, { scope: 'totals' }).text);
    assert.ok(!bytes.includes(0x0d), 'LF kept');
  });

  test('--fix=all applies every preferred fix; idempotent', () => {
    const dir = tmpDir('fix-all');
    const file = path.join(dir, '000.txt');
    fs.copyFileSync(S.s000, file);
    const totalsOnly = cli(['check', '--fix', file]);
    assert.match(totalsOnly.stdout, /没有需要修复的内容/);
    assert.ok(fs.readFileSync(file).equals(fs.readFileSync(S.s000)), '--fix (totals) leaves sample 000 alone');
    const r = cli(['check', '--fix=all', '--lang', 'en', file]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /000\.txt: fixed \d+ edits\nFixed 1 file, \d+ edits in all\n/);
    assert.doesNotMatch(r.stdout, /section-numbering/);
    assert.equal(fs.readFileSync(file, 'utf8'), fixAll(fs.readFileSync(S.s000, 'utf8'), { scope: 'all' }).text);
    const again = cli(['check', '--fix=all', '--lang', 'en', file]);
    assert.match(again.stdout, /Nothing to fix/);
  });

  test('UTF-16LE with a BOM (Word "Unicode text") is read and written back as UTF-16LE', () => {
    const dir = tmpDir('utf16');
    const file = path.join(dir, 'u16.txt');
    const text = toCRLF(fs.readFileSync(S.s003, 'utf8'));
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    assert.match(cli(['check', file]).stdout, /u16\.txt:465:2 error sum-parent/);
    assert.equal(cli(['check', '--fix', file]).code, 0);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(bytes.subarray(2).toString('utf16le'), fixAll(text, { scope: 'totals' }).text);
  });
});

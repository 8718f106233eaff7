// cli/io.ts: how a report's bytes are decoded. A UTF-8 report with a few damaged bytes stays
// UTF-8 (each bad sequence a U+FFFD with a warning at its place); GB18030 is chosen only when the
// bytes as a whole are not UTF-8.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { analyze } from '../../server/src/core';
import fc from 'fast-check';
import { badByteDiagnostics, collectFiles, decodeText, pathUnder, printable, scanUtf8 } from '../../server/src/cli/io';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const samples = fs.readdirSync(SAMPLES).sort().map((f) => path.join(SAMPLES, f));

/** `text` as UTF-8 with `bad` inserted before the `at`-th character of line `line`. */
function damaged(text: string, line: number, at: number, bad: number[]): Buffer {
  const lines = text.split('\n');
  const head = lines.slice(0, line).join('\n') + (line ? '\n' : '') + lines[line].slice(0, at);
  const tail = text.slice(head.length);
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bad), Buffer.from(tail, 'utf8')]);
}

describe('decodeText', () => {
  test('one invalid byte in a UTF-8 report: still UTF-8, one U+FFFD and one warning at its place, the same diagnostics otherwise', () => {
    for (const file of samples) {
      const text = fs.readFileSync(file, 'utf8');
      const line = Math.floor(text.split('\n').length / 2);
      const bytes = damaged(text, line, 0, [0xff]);
      const got = decodeText(bytes, file);
      assert.equal(got.encoding, 'utf-8', path.basename(file));
      const lines = text.split('\n');
      lines[line] = `\ufffd${lines[line]}`;
      assert.equal(got.text, lines.join('\n'));
      const ds = badByteDiagnostics(got);
      assert.equal(ds.length, 1);
      assert.deepEqual(ds[0].range.start, { line, character: 0 });
      assert.equal(ds[0].code, 'invalid-utf8');
      assert.match(ds[0].message.zh, /无效的 UTF-8 字节（FF）/);
      // no false errors: the damaged line was prose or a cell's start; the errors are the sample's own
      const errs = (t: string): number => analyze(t).diagnostics.filter((d) => d.severity === 'error').length;
      assert.ok(errs(got.text) <= errs(text) + 1, `${path.basename(file)}: ${errs(got.text)} errors against ${errs(text)}`);
    }
  });

  test('a lone surrogate (ED A0 80) and a cut-off character: one U+FFFD per ill-formed sequence, as the WHATWG decoder reads them', () => {
    const text = fs.readFileSync(samples[0], 'utf8');
    const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xed, 0xa0, 0x80, 0x41, 0xe4, 0xb8])]);
    const got = decodeText(bytes);
    assert.equal(got.encoding, 'utf-8');
    assert.equal(got.text, `${text}\ufffd\ufffd\ufffdA\ufffd`);
    assert.deepEqual(got.badBytes!.map((b) => b.bytes), ['ED', 'A0', '80', 'E4 B8']);
    assert.equal(got.text, new TextDecoder('utf-8').decode(bytes));
    // the offsets are the U+FFFDs' places
    for (const b of got.badBytes!) assert.equal(got.text[b.offset], '\ufffd');
  });

  test('offsets count surrogate pairs and keep a BOM out', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('𠀀一\r\n二', 'utf8'), Buffer.from([0xc0]), Buffer.from('三', 'utf8')]);
    const got = decodeText(bytes);
    assert.equal(got.bom, true);
    assert.equal(got.text, '𠀀一\r\n二\ufffd三');
    assert.deepEqual(badByteDiagnostics(got)[0].range.start, { line: 1, character: 1 });
  });

  test('GB18030 and GBK reports stay GB18030, also with a stray invalid byte', () => {
    for (const file of samples) {
      const text = fs.readFileSync(file, 'utf8');
      for (const bytes of [iconv.encode(text, 'gb18030'), iconv.encode(text, 'gbk'), Buffer.concat([Buffer.from([0xff, 0x0a]), iconv.encode(text, 'gb18030')])]) {
        const got = decodeText(bytes);
        assert.equal(got.encoding, 'gb18030', path.basename(file));
        assert.ok(got.text.endsWith(iconv.decode(iconv.encode(text, 'gbk'), 'gbk')) || got.text.endsWith(text), path.basename(file)); // GBK lacks a few characters
        assert.equal(badByteDiagnostics(got).length, 0);
      }
      const s = scanUtf8(iconv.encode(text, 'gb18030'));
      assert.ok(s.valid * 2 < s.bad.length, `${path.basename(file)}: GB18030 text is mostly ill-formed as UTF-8 (${s.valid} valid, ${s.bad.length} bad)`);
    }
  });

  test('check: the damaged UTF-8 report is read as UTF-8 with the warning; --fix refuses to write it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-io-'));
    try {
      const text = fs.readFileSync(samples[3], 'utf8');
      const file = path.join(dir, 'r.txt');
      fs.writeFileSync(file, damaged(text, 5, 2, [0xfe]));
      const cli = path.join(ROOT, 'dist/cli.js');
      const env = { ...process.env };
      delete env.ZWGK_LANG;
      const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file], { encoding: 'utf8', env });
      const out = JSON.parse(r.stdout)[0].diagnostics;
      const plain = JSON.parse(spawnSync(process.execPath, [cli, 'check', '--format', 'json', samples[3]], { encoding: 'utf8', env }).stdout)[0].diagnostics;
      assert.deepEqual(out.filter((d: { code: string }) => d.code === 'invalid-utf8').map((d: { range: unknown }) => d.range), [{ start: { line: 5, character: 2 }, end: { line: 5, character: 3 } }]);
      assert.equal(out.filter((d: { severity: string }) => d.severity === 'error').length, plain.filter((d: { severity: string }) => d.severity === 'error').length);
      const fix = spawnSync(process.execPath, [cli, 'check', '--fix', file], { encoding: 'utf8', env });
      assert.equal(fix.status, 2);
      assert.match(fix.stderr, /无法按原编码（utf-8）无损写回/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('printable', () => {
  test('control characters become visible; text, tabs and line feeds stay', () => {
    assert.equal(printable('a\x1b[31mb\x07\tc\nd\x7f\x9b'), 'a\u241b[31mb\u2407\tc\nd\u2421\ufffd');
    assert.equal(printable('（一）收到申请数'), '（一）收到申请数');
  });
});

describe('the paths a folder\'s walk gives', () => {
  test('pathUnder(dir)(name) is path.join(dir, name) for any folder path and any name read from it', () => {
    const part = fc.constantFrom('', '.', '..', 'a', 'b c', '报告', '...', '.git', 'x.txt');
    const dirs = fc.tuple(fc.boolean(), fc.array(part, { maxLength: 5 }), fc.boolean())
      .map(([abs, parts, trailing]) => `${abs ? path.sep : ''}${parts.join(path.sep)}${trailing ? path.sep : ''}`);
    // a name read from a folder: never . or .., no separator, no NUL
    const names = fc.string({ minLength: 1, maxLength: 12 }).filter((n) => n !== '.' && n !== '..' && !n.includes(path.sep) && !n.includes('\0'));
    fc.assert(fc.property(dirs, names, (dir, name) => {
      assert.equal(pathUnder(dir)(name), path.join(dir, name), JSON.stringify([dir, name]));
    }), { numRuns: 2000 });
  });

  test('a folder named as ".", "./x", "x/" or by its absolute path: the files named as path.join names them', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-walk-'));
    try {
      fs.mkdirSync(path.join(root, 'x', 'y'), { recursive: true });
      fs.writeFileSync(path.join(root, 'x', 'a.txt'), 'a');
      fs.writeFileSync(path.join(root, 'x', 'y', 'b.txt'), 'b');
      const run = (arg: string, cwd: string): string[] => {
        const here = process.cwd();
        process.chdir(cwd);
        try {
          return collectFiles([arg]).map((c) => c.file);
        } finally {
          process.chdir(here);
        }
      };
      const want = (dir: string): string[] => [path.join(dir, 'a.txt'), path.join(dir, 'y', 'b.txt')];
      assert.deepEqual(run('.', path.join(root, 'x')), ['a.txt', path.join('y', 'b.txt')]);
      assert.deepEqual(run(`.${path.sep}x`, root), want('x'));
      assert.deepEqual(run(`x${path.sep}`, root), want('x'));
      assert.deepEqual(run(path.join(root, 'x'), os.tmpdir()), want(path.join(root, 'x')));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

// File helpers shared by the CLI subcommands: the output channel (`CliIo`), reading a report in
// whatever encoding it was saved in (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM),
// writing it back byte-compatible (same encoding, same BOM; the text keeps its own line endings),
// and collecting the report files under the paths given on the command line.

import { isUtf8 } from 'buffer';
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import type { Diagnostic } from '../core';
import { type FileStamp, WriteError, stampOf, writeFileAtomicSync } from './atomic';

/** Where a subcommand writes, and in which language. `import.ts`'s `ImportIo` is a subset. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  lang: 'zh' | 'en';
  /** Standard output is a terminal (colour may be used). */
  isTTY: boolean;
}

/** The process's own channels. */
export function processIo(lang: 'zh' | 'en'): CliIo {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    lang,
    isTTY: !!process.stdout.isTTY,
  };
}

/**
 * `s` made safe for a terminal: control characters (an escape sequence in a cell or a file name
 * could move the cursor, retitle the window, ring the bell …) shown as their visible pictures
 * (ESC → ␛, BEL → ␇; C1 controls → U+FFFD). Tabs and line feeds are kept.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Colour is wanted: a terminal, and NO_COLOR is not set (https://no-color.org). */
export function useColour(io: CliIo): boolean {
  return io.isTTY && !process.env.NO_COLOR;
}

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface TextFile {
  /** The decoded text, without its byte-order mark. Line endings are kept as written. */
  text: string;
  encoding: TextEncoding;
  /** The file started with a byte-order mark (UTF-8 EF BB BF, or the UTF-16 one). */
  bom: boolean;
  /** UTF-8 only: the ill-formed byte sequences read as U+FFFD (none when absent). */
  badBytes?: BadBytes[];
}

/** A file that could not be read or decoded; `reason` is bilingual. */
export class FileError extends Error {
  constructor(readonly file: string, readonly reason: { zh: string; en: string }) {
    super(`${file}: ${reason.en}`);
  }
}

function errnoReason(e: unknown): { zh: string; en: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return { zh: '文件或目录不存在', en: 'no such file or directory' };
    case 'EACCES':
    case 'EPERM': return { zh: '没有访问权限', en: 'permission denied' };
    case 'EISDIR': return { zh: '这是一个目录', en: 'is a directory' };
    case 'ELOOP': return { zh: '符号链接循环', en: 'too many levels of symbolic links' };
    default: {
      const m = (e as Error)?.message ?? String(e);
      return { zh: m, en: m };
    }
  }
}

/** Where an undecodable byte sequence was in a UTF-8 file: a U+FFFD at `offset` of the text. */
export interface BadBytes {
  /** UTF-16 offset of its U+FFFD in the decoded text (BOM not counted). */
  offset: number;
  /** The bytes, in hex (`FF`, `E4 B8`). */
  bytes: string;
}

/** An ill-formed sequence as `scanUtf8` finds it: its U+FFFD's offset and its bytes' place. */
export interface BadSpan {
  offset: number;
  start: number;
  end: number;
}

/**
 * The bytes as UTF-8, the way the WHATWG decoder reads them: how many multi-byte characters are
 * well formed, and where each ill-formed sequence (a maximal subpart: one U+FFFD each) starts in
 * the decoded text.
 */
export function scanUtf8(bytes: Uint8Array): { valid: number; bad: BadSpan[] } {
  let valid = 0;
  const bad: BadSpan[] = [];
  let units = 0; // UTF-16 code units decoded so far
  const span = (a: number, b: number): BadSpan => ({ offset: units, start: a, end: b });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      units++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    if (!need) {
      bad.push(span(i, i + 1));
      i++;
      units++;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k++, j++) {
      const c = bytes[j];
      const [l, h] = k === 0 ? [lo, hi] : [0x80, 0xbf];
      if (j >= bytes.length || c < l || c > h) {
        ok = false;
        break;
      }
    }
    if (ok) {
      valid++;
      units += need === 3 ? 2 : 1;
    } else {
      bad.push(span(i, j));
      units++;
    }
    i = j;
  }
  return { valid, bad };
}

/**
 * Decode the bytes of a report: a UTF-16 BOM → UTF-16; else UTF-8 (BOM stripped and remembered)
 * when the bytes are UTF-8 as a whole — all of them, or well-formed multi-byte characters
 * outnumbering the ill-formed sequences by at least 2 to 1 (a few damaged bytes in a UTF-8 file:
 * each shown as U+FFFD and listed in `badBytes`); else GB18030 (a superset of GBK and GB2312),
 * whose text is nearly all ill-formed as UTF-8. Bytes with NUL in them (outside UTF-16) are not a
 * text report.
 */
export function decodeText(bytes: Uint8Array, file = ''): TextFile {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  if (bytes.includes(0)) {
    throw new FileError(file, { zh: '不是文本文件（含有 NUL 字节）', en: 'not a text file (contains NUL bytes)' });
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  // (most reports are well-formed UTF-8: Node's own check says so without the scan below)
  if (isUtf8(body)) return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding: 'utf-8', bom };
  const { valid, bad } = scanUtf8(body);
  if (!bad.length || valid >= 2 * bad.length) {
    // ignoreBOM: a second BOM after the first is text, as it was in the file
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    // (the bytes in hex only here: a GB18030 file has thousands of ill-formed sequences, none shown)
    const badBytes = bad.map((b): BadBytes => ({ offset: b.offset, bytes: Array.from(body.subarray(b.start, b.end), (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ') }));
    return bad.length ? { text, encoding: 'utf-8', bom, badBytes } : { text, encoding: 'utf-8', bom };
  }
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030', { stripBOM: false }), encoding: 'gb18030', bom: false };
}

/** A warning on each ill-formed byte sequence of a UTF-8 file (`TextFile.badBytes`), at its U+FFFD. */
export function badByteDiagnostics(file: TextFile): Diagnostic[] {
  if (!file.badBytes?.length) return [];
  const out: Diagnostic[] = [];
  let line = 0;
  let lineStart = 0;
  let at = 0;
  const text = file.text;
  for (const b of file.badBytes) {
    for (; at < b.offset; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      } else if (text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) !== 10) {
        line++;
        lineStart = at + 1;
      }
    }
    const character = b.offset - lineStart;
    out.push({
      code: 'invalid-utf8',
      severity: 'warning',
      message: {
        zh: `无效的 UTF-8 字节（${b.bytes}），显示为「\ufffd」；文件其余部分按 UTF-8 读取`,
        en: `invalid UTF-8 bytes (${b.bytes}), shown as "\ufffd"; the rest of the file is read as UTF-8`,
      },
      range: { start: { line, character }, end: { line, character: character + 1 } },
    });
  }
  return out;
}

/** The bytes of `text` in `encoding`, with a BOM when `bom`. */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
  }
}

/** Input files larger than this are refused (the global `--max-file-size` option, in MB). */
export const DEFAULT_MAX_INPUT_BYTES = 50 * 1024 * 1024;
let maxInputBytes = DEFAULT_MAX_INPUT_BYTES;

/** Set the input size limit (bytes) for this process: the CLI's `--max-file-size`. */
export function setMaxInputBytes(n: number): void {
  maxInputBytes = n;
}

export function getMaxInputBytes(): number {
  return maxInputBytes;
}

/** A size in MB for a message: whole MB from 10 on, one decimal below. */
function mb(n: number): string {
  const v = n / (1024 * 1024);
  return String(v >= 10 ? Math.round(v) : Math.round(v * 10) / 10);
}

/**
 * Open an input file after checking what it is: a regular file (not a FIFO, which would block,
 * nor a device such as /dev/zero, which never ends) no larger than the limit. Returns its bytes
 * and stamp (modification time, size, device and inode, as read).
 */
export function readInputFile(file: string, limit = maxInputBytes): { bytes: Buffer; stamp: FileStamp } {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw new FileError(file, errnoReason(e));
  }
  if (st.isDirectory()) throw new FileError(file, errnoReason({ code: 'EISDIR' }));
  if (!st.isFile()) {
    throw new FileError(file, { zh: '不是普通文件（管道、设备等），不读取', en: 'not a regular file (a pipe, a device …); not read' });
  }
  const tooBig = (size: number): FileError => new FileError(file, {
    zh: `文件过大（${mb(size)} MB，超过上限 ${mb(limit)} MB），未读取；可用 --max-file-size 调整上限`,
    en: `file too large (${mb(size)} MB, over the ${mb(limit)} MB limit); not read (see --max-file-size)`,
  });
  if (st.size > limit) throw tooBig(st.size);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const fst = fs.fstatSync(fd); // the file opened, in case the name was switched meanwhile
    if (!fst.isFile()) throw new FileError(file, { zh: '不是普通文件（管道、设备等），不读取', en: 'not a regular file (a pipe, a device …); not read' });
    if (fst.size > limit) throw tooBig(fst.size);
    // read at most limit + 1 bytes: a file that grows while read is still bounded
    const buf = Buffer.allocUnsafe(Math.min(fst.size, limit) + 1);
    let n = 0;
    for (;;) {
      const r = fs.readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n === buf.length) break;
    }
    if (n > limit) throw tooBig(n);
    return { bytes: buf.subarray(0, n), stamp: stampOf(fst) };
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(file, errnoReason(e));
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Read and decode a report file. Throws `FileError` with the reason. */
export function readTextFile(file: string): TextFile & { bytes: Buffer; stamp?: FileStamp } {
  const { bytes, stamp } = readInputFile(file);
  return { ...decodeText(bytes, file), bytes, stamp };
}

/**
 * Write `text` back into a file read with `readTextFile`, in the same encoding and with the same
 * BOM, atomically (`atomic.ts`), and only if the file has not changed on disk since it was read.
 * Refuses (throws `FileError`) when the original bytes would not survive a decode/encode
 * round trip (e.g. a GBK file with bytes GB18030 does not map), so a fix never damages the rest
 * of the file.
 */
export function writeTextFile(file: string, original: TextFile & { bytes: Buffer; stamp?: FileStamp }, text: string): void {
  const again = encodeText(original.text, original.encoding, original.bom);
  if (!again.equals(original.bytes)) {
    throw new FileError(file, {
      zh: `无法按原编码（${original.encoding}）无损写回，未修改文件`,
      en: `cannot be written back losslessly in its encoding (${original.encoding}); file left unchanged`,
    });
  }
  try {
    writeFileAtomicSync(file, encodeText(text, original.encoding, original.bom), { expectUnchangedSince: original.stamp });
  } catch (e) {
    if (e instanceof WriteError) throw new FileError(file, e.reason);
    throw new FileError(file, errnoReason(e));
  }
}

/** File extensions checked when walking a directory (PDF, web pages and Word files are converted: read.ts). */
export const REPORT_EXTENSIONS = ['.txt', '.zwgk', '.pdf', '.html', '.htm', '.shtml', '.docx'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Code-unit order: the same on every machine and locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `path.join(dir, name)` for each `name` read from the folder `dir` (one component: never . or ..,
 * no separator), as one flat string. A walk keeps every path it finds until the run ends, and
 * `path.join` builds its result from slices of its input: in V8 a chain of string pieces about
 * three times the size of the path. For 100,000 files that was some 45 MB more heap in the main
 * thread while walking (kept by V8 afterwards), and more again without `collectFiles`' set of
 * resolved paths, which had made each path flat as a side effect. What `path.join` puts before a
 * name is the same for every name in the folder; an array's `join` makes one flat string.
 */
export function pathUnder(dir: string): (name: string) => string {
  const prefix = path.join(dir, 'x').slice(0, -1);
  return (name) => [prefix, name].join('');
}

/** A file to check, or a path (an argument or a directory under one) that could not be read. */
export type Collected = { file: string; error?: undefined } | { file: string; error: FileError };

/**
 * The report files named by `args`, in argument order: a file is taken whatever its extension; a directory is walked
 * recursively for `*.txt` and `*.zwgk` (skipping `node_modules` and `.git`), entries in name
 * order, files and sub-directories interleaved by name. A file named twice is checked once.
 */
export function collectFiles(args: string[]): Collected[] {
  const out: Collected[] = [];
  // A file can be named twice only by two arguments (one directory's walk names each file once);
  // the set of every path seen is built only then (for 100,000 files, tens of MB of strings).
  const seen = args.length > 1 ? new Set<string>() : null;
  const add = (f: string): void => {
    if (seen) {
      const key = path.resolve(f);
      if (seen.has(key)) return;
      seen.add(key);
    }
    out.push({ file: f });
  };
  const walk = (dir: string, visiting: Set<string>): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.push({ file: dir, error: new FileError(dir, errnoReason(e)) });
      return;
    }
    if (visiting.has(real)) return; // a symbolic link back up the tree
    const inner = new Set(visiting).add(real);
    entries.sort((a, b) => byName(a.name, b.name));
    const under = pathUnder(dir);
    for (const ent of entries) {
      const p = under(ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = fs.statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link inside a folder is not a report
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(ent.name)) walk(p, inner);
      } else if (isFile && REPORT_EXTENSIONS.some((x) => ent.name.toLowerCase().endsWith(x))) {
        add(p);
      }
    }
  };
  for (const arg of args) {
    let st: fs.Stats;
    try {
      st = fs.statSync(arg);
    } catch (e) {
      out.push({ file: arg, error: new FileError(arg, errnoReason(e)) });
      continue;
    }
    if (st.isDirectory()) walk(arg, new Set());
    else add(arg);
  }
  return out;
}

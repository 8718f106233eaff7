// File helpers shared by the CLI subcommands: the output channel (`CliIo`), reading a report in
// whatever encoding it was saved in (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM),
// writing it back byte-compatible (same encoding, same BOM; the text keeps its own line endings),
// and collecting the report files under the paths given on the command line.

import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';

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

/**
 * Decode the bytes of a report: a UTF-16 BOM → UTF-16; else strict UTF-8 (BOM stripped and
 * remembered); else GB18030 (a superset of GBK and GB2312). Bytes with NUL in them (outside
 * UTF-16) are not a text report.
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
  try {
    // ignoreBOM: keep the BOM in the output so that it is stripped (and remembered) exactly once here.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text: bom ? text.slice(1) : text, encoding: 'utf-8', bom };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030', { stripBOM: false }), encoding: 'gb18030', bom: false };
  }
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

/** Read and decode a report file. Throws `FileError` with the reason. */
export function readTextFile(file: string): TextFile & { bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new FileError(file, errnoReason(e));
  }
  return { ...decodeText(bytes, file), bytes };
}

/**
 * Write `text` back into a file read with `readTextFile`, in the same encoding and with the same
 * BOM. Refuses (throws `FileError`) when the original bytes would not survive a decode/encode
 * round trip (e.g. a GBK file with bytes GB18030 does not map), so a fix never damages the rest
 * of the file.
 */
export function writeTextFile(file: string, original: TextFile & { bytes: Buffer }, text: string): void {
  const again = encodeText(original.text, original.encoding, original.bom);
  if (!again.equals(original.bytes)) {
    throw new FileError(file, {
      zh: `无法按原编码（${original.encoding}）无损写回，未修改文件`,
      en: `cannot be written back losslessly in its encoding (${original.encoding}); file left unchanged`,
    });
  }
  try {
    fs.writeFileSync(file, encodeText(text, original.encoding, original.bom));
  } catch (e) {
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

/** A file to check, or a path (an argument or a directory under one) that could not be read. */
export type Collected = { file: string; error?: undefined } | { file: string; error: FileError };

/**
 * The report files named by `args`, in argument order: a file is taken whatever its extension; a directory is walked
 * recursively for `*.txt` and `*.zwgk` (skipping `node_modules` and `.git`), entries in name
 * order, files and sub-directories interleaved by name. A file named twice is checked once.
 */
export function collectFiles(args: string[]): Collected[] {
  const out: Collected[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    const key = path.resolve(f);
    if (seen.has(key)) return;
    seen.add(key);
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
    for (const ent of entries) {
      const p = path.join(dir, ent.name);
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

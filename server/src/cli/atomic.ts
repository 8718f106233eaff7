// Atomic file writes for every file the CLI writes (a fixed report, an imported text, a rendered
// page, an audit): the data goes to a temporary file in the target's own folder, is flushed to
// disk, and is renamed over the target. Killed at any instant, the target is the old file or the
// new one, whole; a write that fails (full disk, file-size limit) leaves the original untouched
// and is reported.
//
// Also: the original's permission bits are kept; a symbolic link is written through to its target
// (the link stays a link); a read-only file is refused; a target that is not a regular file (FIFO,
// device, folder) is refused; a target that changed on disk since it was read is not overwritten;
// a target that is the same file (device and inode) as an input is refused.
//
// Files written piece by piece (the audit's pages: PendingFile in stream.ts) use the same pieces
// (vetWrite, tempPathFor, newFileMode, syncDir) and so follow the same rules.

import * as fs from 'fs';
import * as path from 'path';

export type Bilingual = { zh: string; en: string };

/** What a file looked like when it was read: compared again just before it is replaced. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  /** Device and inode, when known: a file replaced by another one (renamed over) is a change too. */
  dev?: number;
  ino?: number;
}

export interface AtomicWriteOptions {
  /** Refuse to write when the target's modification time or size (or inode) is not this any more. */
  expectUnchangedSince?: FileStamp;
  /** Refuse to write over any of these files (the inputs), compared by device and inode. */
  notOver?: readonly { dev: number; ino: number }[];
  /** Permission bits of a new file (default 0o666 less the umask); an existing file keeps its own. */
  mode?: number;
}

/** A write that was refused or failed; the target is unchanged. `reason` is bilingual. */
export class WriteError extends Error {
  constructor(readonly file: string, readonly reason: Bilingual) {
    super(`${file}: ${reason.en}`);
  }
}

/** The stamp of a file as read now (`fs.Stats` of the file, through links). */
export function stampOf(st: fs.Stats): FileStamp {
  return { mtimeMs: st.mtimeMs, size: st.size, dev: st.dev, ino: st.ino };
}

/** Why a system call failed, in both languages. */
export function writeReason(e: unknown): Bilingual {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOSPC': return { zh: '磁盘空间不足', en: 'no space left on the device' };
    case 'EDQUOT': return { zh: '超出磁盘配额', en: 'disk quota exceeded' };
    case 'EFBIG': return { zh: '文件超过了允许的大小', en: 'file too large for the size limit' };
    case 'EROFS': return { zh: '文件系统是只读的', en: 'read-only file system' };
    case 'EACCES':
    case 'EPERM': return { zh: '没有写入权限', en: 'permission denied' };
    case 'ENOENT': return { zh: '所在目录不存在', en: 'the folder does not exist' };
    case 'EISDIR': return { zh: '这是一个目录', en: 'is a directory' };
    case 'ELOOP': return { zh: '符号链接循环', en: 'too many levels of symbolic links' };
    default: {
      const m = (e as Error)?.message ?? String(e);
      return { zh: m, en: m };
    }
  }
}

/**
 * The file a write to `file` lands on: `file` itself, or the end of its chain of symbolic links
 * (also when that end does not exist yet). Throws ELOOP for a loop.
 */
export function resolveTarget(file: string): string {
  let p = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return p; // a new file (or a dangling link's end)
      throw e;
    }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  throw Object.assign(new Error('ELOOP'), { code: 'ELOOP' });
}

/** Would a write to `file` be refused (an input, a folder, a read-only file …)? Throws the WriteError it would throw. */
export function vetTarget(file: string, opts: AtomicWriteOptions = {}): void {
  vetWrite(file, opts);
}

/**
 * The checks of a write to `file`, as `writeFileAtomicSync` makes them: the file the write lands
 * on (`target`: through symbolic links) and, for an existing file, its permission bits (`mode`).
 * Throws the `WriteError` the write would throw.
 */
export function vetWrite(file: string, opts: AtomicWriteOptions = {}): { target: string; mode: number | undefined } {
  let target: string;
  try {
    target = resolveTarget(file);
  } catch (e) {
    throw new WriteError(file, writeReason(e));
  }
  return { target, mode: vet(file, target, opts) };
}

/** The bits a new file gets: the ones asked for (default 0o666), less the umask. */
export function newFileMode(opts: AtomicWriteOptions = {}): number {
  return (opts.mode ?? 0o666) & ~process.umask();
}

/** A temporary name next to `target` (same folder, so that the rename is atomic), hidden, unique. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

const refuse = (file: string, zh: string, en: string): WriteError => new WriteError(file, { zh, en });

/** Check an existing target before writing; returns its permission bits, or undefined for a new file. */
function vet(file: string, target: string, opts: AtomicWriteOptions): number | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      if (opts.expectUnchangedSince) throw refuse(file, '文件在读取之后被删除或移走，未写入', 'the file was deleted or moved after it was read; nothing written');
      return undefined;
    }
    throw new WriteError(file, writeReason(e));
  }
  if (st.isDirectory()) throw refuse(file, '这是一个目录，不能写入', 'is a folder; nothing written');
  if (!st.isFile()) throw refuse(file, '不是普通文件（管道、设备等），不能写入', 'not a regular file (a pipe, a device …); nothing written');
  if (opts.notOver?.some((f) => f.dev === st.dev && f.ino === st.ino)) {
    throw refuse(file, '输出文件就是输入文件（或其链接），拒绝覆盖输入', 'the output is an input file (or a link to it); refusing to overwrite an input');
  }
  // no write bit at all is read-only for everyone, root included (whom access() lets write anything)
  let writable = (st.mode & 0o222) !== 0;
  if (writable) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) throw refuse(file, '文件是只读的，未修改', 'the file is read-only; left unchanged');
  changedSince(file, st, opts.expectUnchangedSince);
  return st.mode & 0o7777;
}

function changedSince(file: string, st: fs.Stats, since: FileStamp | undefined): void {
  if (!since) return;
  const moved = (since.ino !== undefined && since.ino !== st.ino) || (since.dev !== undefined && since.dev !== st.dev);
  if (moved || st.size !== since.size || st.mtimeMs !== since.mtimeMs) {
    throw refuse(file, '文件在读取之后已被修改，为免覆盖他人的修改，未写入', 'the file changed on disk after it was read; not overwritten, so that those changes are not lost');
  }
}

/** Flush a folder's entry list (the rename) to disk; not every system allows it, hence best effort. */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // e.g. a folder that cannot be opened for reading: the rename is done, only its flush is not
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Write `data` to `file` atomically (see the top of this module). Synchronous: the CLI's `check`
 * is. Throws `WriteError` when the write is refused or fails; the target is then unchanged and no
 * temporary file is left behind.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const { target, mode } = vetWrite(file, opts);
  const dir = path.dirname(target);
  const tmp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    // an existing file keeps its bits; a new one gets the umask's (the mode given or 0o666 less the umask)
    fs.fchmodSync(fd, mode ?? newFileMode(opts));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // a change made while we wrote is not overwritten either (the window left is the rename itself)
    if (opts.expectUnchangedSince) changedSince(file, fs.statSync(target), opts.expectUnchangedSince);
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // not created, or already renamed
    }
    throw e instanceof WriteError ? e : new WriteError(file, writeReason(e));
  }
  syncDir(dir);
}

/** `writeFileAtomicSync` for callers that await (the work itself is synchronous). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  writeFileAtomicSync(file, data, opts);
}

/**
 * The outputs of a run, checked before it starts: each of `files` as a write to it would be (not
 * one of the inputs `notOver`, not a folder, FIFO, device or read-only file), and no input inside
 * `folder`, a folder whose files the run creates and replaces (`audit --out`'s reports/). Returns
 * the first refusal, or null.
 */
export function vetOutputs(files: readonly string[], notOver: readonly { dev: number; ino: number }[], folder: string | undefined, inputs: readonly string[]): WriteError | null {
  for (const f of files) {
    try {
      vetWrite(f, { notOver });
    } catch (e) {
      if (e instanceof WriteError) return e;
      throw e;
    }
  }
  if (folder) {
    let real: string;
    try {
      real = fs.realpathSync(folder);
    } catch {
      return null; // not made yet: nothing in it
    }
    for (const input of inputs) {
      let dir: string;
      try {
        dir = fs.realpathSync(path.dirname(input));
      } catch {
        continue;
      }
      if (dir === real || dir.startsWith(real + path.sep)) {
        return refuse(input, `这个输入文件位于输出目录 ${folder} 中，会被生成的页面覆盖；请换一个输出目录`, `this input lies in the output folder ${folder}, where the pages written would replace it; choose another output folder`);
      }
    }
  }
  return null;
}

/** The device and inode of each of `files` that exists (through links): what an output must not be. */
export function identitiesOf(files: readonly string[]): { dev: number; ino: number }[] {
  const out: { dev: number; ino: number }[] = [];
  for (const f of files) {
    try {
      const st = fs.statSync(f);
      out.push({ dev: st.dev, ino: st.ino });
    } catch {
      // not there: nothing to protect
    }
  }
  return out;
}

// Atomic file writes: the data goes to a temporary file in the same folder, which is then renamed
// over the target, so a reader (or a run stopped by Ctrl-C) never sees a half-written file.
// (Minimal version; the `hardening` branch owns this module and its fuller version wins at merge.)

import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import * as path from 'path';

export interface AtomicOptions {
  /** File mode of the new file (default 0o666 less the umask). */
  mode?: number;
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: AtomicOptions = {}): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fsp.writeFile(tmp, data, { mode: opts.mode });
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}

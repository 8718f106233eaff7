// V8's heap sizing for the commands that stream many files (`audit`, `check`). Imported first by
// main.ts: the setting must be made before the rest of the CLI is loaded, since the main thread's
// young generation already grows while the modules load and does not shrink afterwards.
//
// A streamed run keeps little alive (a file's work is dropped once its record is out), but V8 sizes
// its heaps for programs whose live data grows: it lets the old generation grow to several times
// what survived the last full collection, and doubles the young generation (up to 32 MB on the
// main thread) as records pass through. Over a long run that is RSS holding nothing: 10,000
// reports took 55 % more than 1,000 with the same live data. Two of V8's own settings keep the
// heaps in proportion to what is alive: the old generation grows by 20 % at a time, and the young
// generation keeps its first size. Each of the pool's workers sets them too, as it starts (made
// only on the main thread, the young generation's setting does not reach the workers' heaps: measured).
// The cost: a single 20 MB report is checked in about 5.1 s instead of 4.3 s (with 410 MB of RSS
// instead of 500); figures in docs/audit.md.

import * as v8 from 'v8';
import { isMainThread, workerData } from 'worker_threads';

const STREAMING = new Set(['audit', 'check']);

/** The subcommand of a command line: the first word that is not a global option or its value. */
export function commandOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (a === '--lang' || a === '--max-file-size') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

export function tuneHeapForStreaming(): void {
  v8.setFlagsFromString('--heap-growing-percent=20');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

const poolWorker = !isMainThread && !!(workerData as { zwgkPool?: boolean } | null)?.zwgkPool;
if (poolWorker || (isMainThread && STREAMING.has(commandOf(process.argv.slice(2)) ?? ''))) tuneHeapForStreaming();

// Memory figures for the debug request `zwgk-report/cacheStats` (the benchmark prints them).

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Physical size of each V8 heap space (MB). */
export function heapSpaces(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sp of v8.getHeapSpaceStatistics()) out[sp.space_name] = Math.round(sp.physical_space_size / 10485.76) / 100;
  return out;
}

let gc: (() => void) | undefined;

/**
 * A full garbage collection, now. Used once per check of a large report, between dropping its old
 * model and parsing the new one: V8 would otherwise collect the old model (hundreds of MB for a
 * 10 MB report) only after the new one is built, and the server would hold both at its peak.
 */
export function collectGarbage(): void {
  try {
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    /* not available: V8 collects in its own time */
  }
}

// Memory figures for the debug request `zwgk-report/cacheStats` (the benchmark prints them).

import * as v8 from 'node:v8';

/** Physical size of each V8 heap space (MB). */
export function heapSpaces(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const sp of v8.getHeapSpaceStatistics()) out[sp.space_name] = Math.round(sp.physical_space_size / 10485.76) / 100;
  return out;
}

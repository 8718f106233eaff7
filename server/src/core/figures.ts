// Exact figures for the totals: a figure as a whole number of ten-thousandths in a BigInt (a
// report's figures have at most four decimals). Sums are then exact at any size, past 2^53 too,
// and a recomputed total is written with every digit (never 1e+21, never …000 for …002).

import { INVISIBLE_RE } from './text';
import type { Cell } from './types';

const SCALE = 10000n;
/** Below this a double holds a figure's ten-thousandths exactly. */
const SAFE = Number.MAX_SAFE_INTEGER / 10000;

/** The figure a cell holds, exactly (a blank cell is 0); null for text. */
export function exactOf(c: Cell): bigint | null {
  if (c.kind === 'text' || c.value === null) return null;
  if (c.kind === 'blank') return 0n;
  if (Math.abs(c.value) < SAFE) return BigInt(Math.round(c.value * 10000));
  return fromDigits(c.text) ?? BigInt(Math.round(c.value)) * SCALE;
}

/** A figure past what a double holds exactly, from its digits as written. */
function fromDigits(text: string): bigint | null {
  const m = /^([+\-－—–]?)\s*([0-9,]+)(?:\.([0-9]+))?/.exec(text.replace(INVISIBLE_RE, '').normalize('NFKC').trim());
  if (!m) return null;
  const frac = (m[3] ?? '').slice(0, 4).padEnd(4, '0');
  const v = BigInt(m[2].replace(/,/g, '')) * SCALE + BigInt(frac);
  return m[1] ? -v : v;
}

export function exactSum(values: bigint[]): bigint {
  let s = 0n;
  for (const v of values) s += v;
  return s;
}

/** A figure written out: `1234`, `-2.5`, `1000000000000000000002`. */
export function exactText(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const int = (a / SCALE).toString();
  const frac = (a % SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + int + (frac ? `.${frac}` : '');
}

/** A figure as a number (for messages and JSON: exact below 2^53). */
export function exactNumber(v: bigint): number {
  return Number(exactText(v));
}

/** Does the cell hold exactly this figure (a blank cell holds 0)? */
export function holds(c: Cell, v: bigint): boolean {
  return exactOf(c) === v;
}

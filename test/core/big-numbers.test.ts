// Figures past 2^53 and 1e21 (issue 17): a recomputed total is never written in exponent form, and
// the fixed report passes its own check. (Exact sums past 2^53 — BigInt — are not done yet: a sum
// is as exact as a double.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, fixAll, formatNumber, parse, totalsOf } from '../../server/src/core';
import { sample } from './helpers';

test('formatNumber: all digits, never an exponent', () => {
  assert.equal(formatNumber(1e21), '1000000000000000000000');
  assert.equal(formatNumber(-2.5e22), '-25000000000000000000000');
  assert.equal(formatNumber(10000000000000002), '10000000000000002');
  assert.equal(formatNumber(12.34567), '12.3457');
  assert.equal(formatNumber(1e-7), '0');
  for (const n of [1e21, 1.0000000000000001e21, 9.99e25, 123456789012345680000]) assert.doesNotMatch(formatNumber(n), /e/i);
});

test('--fix on a total of 1e21 or more writes every digit, and the fixed report passes its own check', () => {
  const text = sample('004');
  const total = totalsOf(parse(text)).find((t) => t.rule === 'sum-row' && t.row.id === 'new')!;
  const first = total.addends[0].cell;
  const lines = text.split('\n');
  const { start, end } = first.valueRange;
  lines[start.line] = lines[start.line].slice(0, start.character) + '1000000000000000000000' + lines[end.line].slice(end.character);
  const broken = lines.join('\n');
  assert.ok(analyze(broken).diagnostics.some((d) => d.code === 'sum-row' && d.range.start.line === total.cell.range.start.line));
  const fixed = fixAll(broken, { scope: 'totals' }).text;
  const written = fixed.split('\n')[total.cell.valueRange.start.line];
  assert.doesNotMatch(written, /e\+/);
  assert.match(written, /^\t\d{22}\s*$/); // 1e21 + 10 as a double: not exact, see the top of this file
  assert.ok(!analyze(fixed).diagnostics.some((d) => d.code.startsWith('sum-') || d.code === 'cell-number'), 'the fix passes its own check');
  assert.equal(fixAll(fixed, { scope: 'totals' }).text, fixed, 'idempotent');
});

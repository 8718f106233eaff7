// Figures past 2^53 and 1e21 (issue 17): totals are summed exactly (core/figures.ts: BigInt
// ten-thousandths), a recomputed total is written with every digit, never in exponent form, and the
// fixed report passes its own check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, exactOf, exactText, fixAll, formatNumber, parse, totalsOf } from '../../server/src/core';
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
  // exactly 1e21 plus the row's other figures (a double would have lost the last digits)
  const others = total.addends.slice(1).reduce((s, a) => s + BigInt(a.cell.value ?? 0), 0n);
  assert.equal(written.trim(), (10n ** 21n + others).toString());
  assert.ok(!analyze(fixed).diagnostics.some((d) => d.code.startsWith('sum-') || d.code === 'cell-number'), 'the fix passes its own check');
  assert.equal(fixAll(fixed, { scope: 'totals' }).text, fixed, 'idempotent');
});

test('a total past 2^53 is summed and written exactly: 10000000000000001 + 1 = 10000000000000002, not …000', () => {
  const text = sample('004');
  const total = totalsOf(parse(text)).find((t) => t.rule === 'sum-row' && t.row.id === 'new')!;
  const [a, b] = total.addends;
  const lines = text.split('\n');
  // two addends set (on their lines, right to left on a line so the ranges hold), the others to 0
  const put = new Map<string, string>([[`${a.cell.valueRange.start.line}:${a.cell.valueRange.start.character}`, '10000000000000001'], [`${b.cell.valueRange.start.line}:${b.cell.valueRange.start.character}`, '1']]);
  const cells = [...total.addends.map((x) => x.cell)].sort((x, y) => y.valueRange.start.line - x.valueRange.start.line || y.valueRange.start.character - x.valueRange.start.character);
  for (const c of cells) {
    const { start, end } = c.valueRange;
    const v = put.get(`${start.line}:${start.character}`) ?? '0';
    lines[start.line] = lines[start.line].slice(0, start.character) + v + lines[end.line].slice(end.character);
  }
  const broken = lines.join('\n');
  const d = analyze(broken).diagnostics.find((x) => x.code === 'sum-row' && x.range.start.line === total.cell.valueRange.start.line)!;
  assert.ok(d, 'the total is wrong');
  assert.match(d.message.zh, /应为 10000000000000002，/);
  const fixed = fixAll(broken, { scope: 'totals' }).text;
  assert.equal(fixed.split('\n')[total.cell.valueRange.start.line].trim(), '10000000000000002');
  assert.ok(!analyze(fixed).diagnostics.some((x) => x.code === 'sum-row'), 'the fixed report passes its own check');
  // one more than the right total is caught (a double cannot tell 10000000000000002 from …003)
  const off = fixed.split('\n');
  const at = total.cell.valueRange.start.line;
  off[at] = off[at].replace('10000000000000002', '10000000000000003');
  assert.ok(analyze(off.join('\n')).diagnostics.some((x) => x.code === 'sum-row' && x.range.start.line === at));
});

test('exact figures: a cell read as written, to four decimals', () => {
  const doc = parse(sample('004'));
  const cell = doc.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)).find((c) => c.kind === 'number')!;
  assert.equal(exactOf({ ...cell, text: '123456789012345678901', value: 123456789012345678901 }), 1234567890123456789010000n);
  assert.equal(exactOf({ ...cell, text: '-1,234.5', value: -1234.5 }), -12345000n);
  assert.equal(exactText(12345000n), '1234.5');
  assert.equal(exactText(-5n), '-0.0005');
  assert.equal(exactText(10n ** 25n), '1000000000000000000000');
});

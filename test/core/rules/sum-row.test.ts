import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('sum-row: every fixture gives exactly its markers', () => {
  checkFixtures('sum-row');
});

test('sum-row: the expected value in the message, the addends, and the fix title', () => {
  const f = readFixture(path.join(FIXTURES, 'sum-row/fail-total.txt'));
  const d = analyze(f.text).diagnostics.find((x) => x.code === 'sum-row')!;
  assert.equal(d.expected, 2);
  assert.equal(d.actual, 3);
  assert.match(d.message.zh, /应为 2，现为 3/);
  assert.equal(d.related?.length, 6);
  assert.equal(d.fixes?.[0].title.zh, '重新计算合计：应为 2');
});

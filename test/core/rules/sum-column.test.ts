import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('sum-column: every fixture gives exactly its markers', () => {
  checkFixtures('sum-column');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'sum-column', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'sum-column');

test('sum-column: the expected value', () => {
  const d = diags('fail-total');
  assert.equal(d.length, 1);
  assert.equal(d[0].expected, 10);
});

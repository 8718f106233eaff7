import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('review-total: every fixture gives exactly its markers', () => {
  checkFixtures('review-total');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'review-total', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'review-total');

test('review-total: the expected value', () => {
  const d = diags('fail-total');
  assert.equal(d.length, 1);
  assert.equal(d[0].expected, 2);
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('cell-number: every fixture gives exactly its markers', () => {
  checkFixtures('cell-number');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'cell-number', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'cell-number');

test('cell-number: text where a number must be is an error, fixed to 0', () => {
  const d = diags('fail-text');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.equal(d[0].fixes?.[0].edits[0].newText, '0');
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { sample } from '../helpers';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('cell-negative: every fixture gives exactly its markers', () => {
  checkFixtures('cell-negative');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'cell-negative', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'cell-negative');

test('cell-negative: 本年增/减 may be negative (sample 002: －2 and -19)', () => {
  assert.deepEqual(analyze(sample('002')).diagnostics.filter((d) => d.code === 'cell-negative'), []);
});

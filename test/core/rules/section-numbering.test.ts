import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('section-numbering: every fixture gives exactly its markers', () => {
  checkFixtures('section-numbering');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'section-numbering', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'section-numbering');

test('section-numbering: a wrong number is fixed to the right one', () => {
  const d = diags('fail-wrong-number');
  assert.equal(d.length, 1);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '四、');
});

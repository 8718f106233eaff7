import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { sample } from '../helpers';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('conversion-debris: every fixture gives exactly its markers', () => {
  checkFixtures('conversion-debris');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'conversion-debris', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'conversion-debris');

test('conversion-debris: the fix removes the whole debris line (sample 003)', () => {
  const d = analyze(sample('003')).diagnostics.filter((x) => x.code === 'conversion-debris');
  assert.equal(d.length, 2);
  assert.equal(d[1].fixes?.[0].edits[0].range.end.line, d[1].range.start.line + 1);
  assert.equal(diags('fail-bookmark')[0].fixes?.[0].edits[0].range.end.line, diags('fail-bookmark')[0].range.start.line + 1);
});

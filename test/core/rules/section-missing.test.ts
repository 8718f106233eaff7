import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('section-missing: every fixture gives exactly its markers', () => {
  checkFixtures('section-missing');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'section-missing', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'section-missing');

test('section-missing: the message names the missing section', () => {
  const d = diags('fail-no-section-5');
  assert.equal(d.length, 1);
  assert.match(d[0].message.zh, /缺少第五部分/);
});

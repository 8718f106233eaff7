import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('table-missing: every fixture gives exactly its markers', () => {
  checkFixtures('table-missing');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'table-missing', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'table-missing');

test('table-missing: the message names the section', () => {
  const d = diags('fail-no-review-table');
  assert.equal(d.length, 1);
  assert.match(d[0].message.en, /^Section 4 \(四、政府信息公开行政复议、行政诉讼情况\)/);
});

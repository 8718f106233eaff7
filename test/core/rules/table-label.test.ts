import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { sample } from '../helpers';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('table-label: every fixture gives exactly its markers', () => {
  checkFixtures('table-label');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'table-label', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'table-label');

test('table-label: an unknown label with the nearest official one', () => {
  const d = diags('fail-unknown-label');
  assert.equal(d.length, 1);
  assert.match(d[0].message.zh, /最接近的标准标签是「规章」/);
});

test('table-label: accepted variants in real reports (其它处理, “三安全、一稳定”, labels wrapped over two lines)', () => {
  for (const s of ['000', '003']) {
    assert.deepEqual(analyze(sample(s)).diagnostics.filter((d) => d.code === 'table-label'), [], s);
  }
});

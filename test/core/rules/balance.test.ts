import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('balance: every fixture gives exactly its markers', () => {
  checkFixtures('balance');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'balance', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'balance');

test('balance: the message shows both sides', () => {
  const d = diags('fail-carried');
  assert.equal(d.length, 2);
  assert.match(d[0].message.zh, /一（10）\+ 二（0）= 10，三（七）总计（10）\+ 四（1）= 11/);
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('sum-parent: every fixture gives exactly its markers', () => {
  checkFixtures('sum-parent');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'sum-parent', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'sum-parent');

test('sum-parent: a 其中 row larger than its parent says so', () => {
  const t = fixture('fail-larger-than-parent').text;
  const i = t.split('\n').findIndex((l) => l.includes('其中：主要负责同志参加新闻发布会次数'));
  assert.ok(diags('fail-larger-than-parent').some((d) => d.range.start.line === i + 2 && /大于上级栏目/.test(d.message.zh)));
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('table-shape: every fixture gives exactly its markers', () => {
  checkFixtures('table-shape');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'table-shape', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'table-shape');

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

test('table-shape: an extra cell is counted', () => {
  const d = diags('fail-extra-cell');
  assert.equal(d.length, 1);
  assert.match(d[0].message.zh, /多出 1 个单元格/);
});

test('table-shape: a row missing in the middle of table 3 is named, at the next row found', () => {
  const t = fixture('fail-missing-row-requests').text;
  const d = diags('fail-missing-row-requests');
  assert.equal(d.length, 1);
  assert.match(d[0].message.zh, /^表格缺少行「（二）部分公开/);
  assert.match(d[0].message.en, /lacks the row "（二）部分公开/);
  // the next row of the format found is （三）1.属于国家秘密: its row starts with the two empty
  // cells before its group's label （三）不予公开 (sample 004's layout)
  assert.equal(d[0].range.start.line, lineOf(t, '\t（三）不予公开') - 2);
  assert.ok(d[0].range.end.line > lineOf(t, '\t1.属于国家秘密'));
});

test('table-shape: a row missing in a block of table 1 is named with its block, at the next row of that block', () => {
  const t = fixture('fail-missing-row-active').text;
  const d = diags('fail-missing-row-active');
  assert.equal(d.length, 1);
  assert.match(d[0].message.zh, /^表格缺少行「第二十条第（一）项 规章」/);
  assert.equal(d[0].range.start.line, lineOf(t, '\t行政规范性文件'));
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('format-version: every fixture gives exactly its markers', () => {
  checkFixtures('format-version');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'format-version', name + '.txt'));
const diags = (name: string) => analyze(fixture(name).text).diagnostics.filter((d) => d.code === 'format-version');

test('format-version: a report on 2020 in the 2021 layout is an error, citing the 2021 notice a warning', () => {
  const d = diags('fail-2020-in-2021-layout');
  assert.ok(d.some((x) => x.severity === 'error'));
  assert.ok(d.some((x) => x.severity === 'warning' && /〔2021〕/.test(x.message.zh)));
});

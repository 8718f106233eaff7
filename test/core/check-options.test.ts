// Options of check/parse that hold for every rule: per-rule off and severity, format override.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, parse } from '../../server/src/core';
import { sample } from './helpers';

test('rule settings: off and severity overrides', () => {
  const doc = parse(sample('002'));
  assert.deepEqual(check(doc, { rules: { 'section-numbering': 'off' } }).map((d) => d.code), ['cell-number']);
  assert.equal(check(doc, { rules: { 'cell-number': 'error' } }).find((d) => d.code === 'cell-number')?.severity, 'error');
});

test('format override', () => {
  const doc = parse(sample('004'), { format: '2019' });
  assert.equal(doc.format.version, '2019');
  assert.equal(doc.format.source, 'override');
});

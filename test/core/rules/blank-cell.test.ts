import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/core';
import { sample } from '../helpers';
import { checkFixtures } from './fixtures';

test('blank-cell: every fixture gives exactly its markers', () => {
  checkFixtures('blank-cell');
});

test('blank-cell: hints with a fill for the cell and for the table (sample 000)', () => {
  const h = analyze(sample('000')).diagnostics.filter((d) => d.code === 'blank-cell');
  assert.ok(h.length > 100);
  assert.equal(h[0].severity, 'hint');
  assert.equal(h[0].fixes?.[0].edits[0].newText, '0');
  assert.ok((h[0].fixes?.[1].edits.length ?? 0) > 1);
});

test('blank-cell: fixes built when first read, once; the table fill shares each cell\'s edit; JSON carries them', () => {
  const h = analyze(sample('000')).diagnostics.filter((d) => d.code === 'blank-cell');
  const [a, b] = [h[0].fixes!, h[1].fixes!];
  assert.equal(h[0].fixes, a, 'the same list when read again');
  assert.equal(a[1], b[1], 'one table fill for the table');
  assert.equal(a[0].edits[0], a[1].edits[0]);
  assert.equal(b[0].edits[0], a[1].edits[1]);
  assert.deepEqual(a[0].edits[0].range, h[0].range);
  const json = JSON.parse(JSON.stringify(h[2]));
  assert.equal(json.code, 'blank-cell');
  assert.equal(json.fixes[0].edits[0].newText, '0');
  assert.deepEqual(json.fixes[0].edits[0].range, JSON.parse(JSON.stringify(h[2].range)));
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('invisible-space: every fixture gives exactly its markers', () => {
  checkFixtures('invisible-space');
});

test('invisible-space: one hint for the document, whose fix replaces every no-break space', () => {
  const { text } = readFixture(path.join(FIXTURES, 'invisible-space', 'fail-nbsp-markdown.txt'));
  const d = analyze(text).diagnostics.filter((x) => x.code === 'invisible-space');
  assert.equal(d.length, 1);
  const fixed = applyEdits(text, d[0].fixes![0].edits);
  assert.ok(!fixed.includes('\u00a0'));
  assert.equal(analyze(fixed).diagnostics.filter((x) => x.code === 'invisible-space').length, 0);
});

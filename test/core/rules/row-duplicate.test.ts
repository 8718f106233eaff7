import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('row-duplicate: every fixture gives exactly its markers', () => {
  checkFixtures('row-duplicate');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'row-duplicate', name + '.txt')).text;
const dups = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'row-duplicate');

test('row-duplicate: a copy with the same figures is deleted by its fix, and the report reads clean again', () => {
  for (const name of ['fail-same-figures-tab-paste', 'fail-same-figures-markdown', 'fail-block-row-spaced']) {
    const text = fixture(name);
    const [d] = dups(text);
    assert.ok(d?.fixes?.length, `${name}: a fix`);
    const fixed = applyEdits(text, d.fixes![0].edits);
    assert.equal(fixed.split('\n').length, text.split('\n').length - (d.range.end.line - d.range.start.line + 1), `${name}: the copy's lines, no more`);
    assert.deepEqual(analyze(fixed).diagnostics.filter((x) => x.severity !== 'hint').map((x) => x.code), [], `${name}: clean after the fix`);
  }
});

test('row-duplicate: a copy with other figures has no fix (which copy is right is for the officer to say), and the totals use the first', () => {
  const text = fixture('fail-other-figures-cell-per-line');
  const [d] = dups(text);
  assert.deepEqual(d.fixes ?? [], []);
  assert.match(d.message.zh, /数字与第 \d+ 行不同/);
  assert.equal(d.related?.[0].range.start.line, analyze(text).doc.tables.find((t) => t.kind === 'requests')!.rows.find((r) => r.id === 'r5.1')!.line);
  // (only the copy's own row total is wrong: the column totals and the balance hold with the first copy)
  assert.deepEqual(analyze(text).diagnostics.filter((x) => ['sum-column', 'balance'].includes(x.code)), []);
});

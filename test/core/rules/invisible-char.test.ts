import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../../server/src/core';
import { checkFixtures, FIXTURES, readFixture } from './fixtures';

test('invisible-char: every fixture gives exactly its markers', () => {
  checkFixtures('invisible-char');
});

const fixture = (name: string) => readFixture(path.join(FIXTURES, 'invisible-char', name + '.txt')).text;

test('invisible-char: the label is still read as its row, the figure still read; the fix deletes just the invisible characters', () => {
  for (const name of ['fail-bidi-label-zwj-figure-tab-paste', 'fail-soft-hyphen-label-cell-per-line']) {
    let text = fixture(name);
    const found = analyze(text).diagnostics.filter((d) => d.code === 'invisible-char');
    assert.ok(found.length >= 1, name);
    for (const d of found) assert.match(d.message.zh, /不可见字符（U\+(202E|200D|00AD)/);
    // (no table-label, no cell-number: read as if the characters were not there)
    assert.deepEqual(analyze(text).diagnostics.filter((d) => d.severity !== 'hint' && d.code !== 'invisible-char').map((d) => d.code), [], name);
    const before = text.length;
    for (let d = found[0]; d; d = analyze(text).diagnostics.find((x) => x.code === 'invisible-char')!) text = applyEdits(text, d.fixes![0].edits);
    assert.equal(text.length, before - found.length, `${name}: one character deleted per cell`);
    assert.doesNotMatch(text, /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]/);
  }
});

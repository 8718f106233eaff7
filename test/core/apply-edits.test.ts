// applyEdits (core/index.ts): the same text as applying the edits one at a time in the plain way
// (earlier edit in the list wins an overlap), for any set of edits; an insertion at the place a
// replacement starts goes before it. (Its speed on many edits is in `npm run bench`: hardening.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, type TextEdit } from '../../server/src/core';

/** Offsets ↔ positions of a text with \n, \r\n and \r line ends. */
function positionAt(text: string, off: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < off; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: off - start };
}

/** The reference: take edits one by one (skip one overlapping a taken one), then build the text from the left. */
function reference(text: string, spans: { a: number; b: number; t: string }[]): string {
  const taken: { a: number; b: number; t: string; order: number }[] = [];
  spans.forEach((s, order) => {
    const clash = taken.some((x) => (s.a < x.b && x.a < s.b) || (s.a === s.b && x.a === x.b && s.a === x.a));
    if (!clash) taken.push({ ...s, order });
  });
  taken.sort((x, y) => x.a - y.a || x.b - y.b || x.order - y.order);
  let out = '';
  let at = 0;
  for (const s of taken) {
    out += text.slice(at, s.a) + s.t;
    at = s.b;
  }
  return out + text.slice(at);
}

test('applyEdits: any edits, overlapping or not, give the reference text', () => {
  fc.assert(fc.property(
    fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '一'), maxLength: 60 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.constantFrom('', 'X', 'YZ', '\n')), { maxLength: 12 }),
    (text, raw) => {
      // never inside a \r\n pair: a position cannot name it
      const ok = (o: number): boolean => !(text[o - 1] === '\r' && text[o] === '\n');
      const spans = raw.map(([p, len, t]) => {
        const a = p % (text.length + 1);
        return { a, b: Math.min(text.length, a + len), t };
      }).filter((s) => ok(s.a) && ok(s.b));
      const edits: TextEdit[] = spans.map((s) => ({ range: { start: positionAt(text, s.a), end: positionAt(text, s.b) }, newText: s.t }));
      assert.equal(applyEdits(text, edits), reference(text, spans));
    },
  ), { numRuns: 2000 });
});

test('applyEdits: an insertion where a replacement starts goes before it, whichever comes first in the list', () => {
  const text = 'ab12cd';
  const at = (c: number) => ({ line: 0, character: c });
  const insert = { range: { start: at(2), end: at(2) }, newText: '[' };
  const replace = { range: { start: at(2), end: at(4) }, newText: '34' };
  assert.equal(applyEdits(text, [insert, replace]), 'ab[34cd');
  assert.equal(applyEdits(text, [replace, insert]), 'ab[34cd');
  // two insertions at one place: the first in the list is kept
  assert.equal(applyEdits(text, [insert, { ...insert, newText: ']' }]), 'ab[12cd');
});

test('applyEdits: 100,000 non-overlapping edits on a 1 MB text', () => {
  const line = '\t12\t34\t56\n';
  const text = line.repeat(100_000);
  const edits: TextEdit[] = [];
  for (let l = 0; l < 100_000; l++) edits.push({ range: { start: { line: l, character: 1 }, end: { line: l, character: 3 } }, newText: '99' });
  edits.reverse();
  assert.equal(applyEdits(text, edits), '\t99\t34\t56\n'.repeat(100_000));
});

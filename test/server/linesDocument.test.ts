// The server's open documents (lsp/linesDocument.ts) against vscode-languageserver-textdocument's:
// the same text, line count, offsets and positions after any sequence of changes (random, with CR,
// LF and CRLF breaks, ranges out of bounds and reversed, whole-text replacements); and in bounds,
// the same line count as TextDocument's incremental one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LinesDocument, splitLines } from '../../server/src/lsp/linesDocument';

const piece = fc.array(fc.constantFrom('a', '表', '\n', '\r', '\r\n', '\t', '😀', ' '), { maxLength: 12 }).map((xs) => xs.join(''));
const pos = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: pos, end: pos }), text: piece }) },
  { weight: 1, arbitrary: fc.record({ text: piece }) },
);

test('splitLines keeps every break with its line', () => {
  assert.deepEqual(splitLines('a\r\nb\rc\nd'), ['a\r\n', 'b\r', 'c\n', 'd']);
  assert.deepEqual(splitLines(''), ['']);
  assert.deepEqual(splitLines('x\n'), ['x\n', '']);
});

test('LinesDocument behaves as TextDocument under any changes', () => {
  fc.assert(fc.property(piece, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (start, steps) => {
    let text = start;
    const b = new LinesDocument('file:///a', 'x', 1, start);
    let v = 1;
    for (const changes of steps) {
      v++;
      // the reference: each change applied to a document made of the text so far (TextDocument's
      // own incremental line table goes wrong for ranges past the end, which editors do not send)
      for (const c of changes) {
        const a = TextDocument.create('file:///a', 'x', v, text);
        TextDocument.update(a, [c], v);
        text = a.getText();
      }
      b.update(changes, v);
      assert.equal(b.getText(), text);
      const fresh = TextDocument.create('file:///a', 'x', v, text);
      assert.equal(b.lineCount, fresh.lineCount);
      assert.equal(b.version, v);
      for (let line = 0; line < fresh.lineCount; line++) assert.equal(b.offsetAt({ line, character: 3 }), fresh.offsetAt({ line, character: 3 }));
    }
  }), { numRuns: 2000, seed: 17 });
});

test('in bounds, the same line count as TextDocument keeps incrementally', () => {
  fc.assert(fc.property(piece, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), piece), { maxLength: 15 }), (start, steps) => {
    const a = TextDocument.create('file:///a', 'x', 1, start);
    const b = new LinesDocument('file:///a', 'x', 1, start);
    let v = 1;
    for (const [l1, c1, l2, c2, text] of steps) {
      const p1 = a.positionAt(a.offsetAt({ line: l1 % a.lineCount, character: c1 % 6 }));
      const p2 = a.positionAt(a.offsetAt({ line: l2 % a.lineCount, character: c2 % 6 }));
      const change = [{ range: { start: p1, end: p2 }, text }];
      v++;
      TextDocument.update(a, change, v);
      b.update(change, v);
      assert.equal(b.getText(), a.getText());
      assert.equal(b.lineCount, a.lineCount);
    }
  }), { numRuns: 2000, seed: 17 });
});

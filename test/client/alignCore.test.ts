// Virtual column alignment (issue 14.7): with the paddings shown, every column of a block of tab rows
// starts at the same place on screen, CJK characters counted two columns wide; the text is not changed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { alignmentPaddings, charWidth, isTabRow, type Padding } from '../../client/src/alignCore';

const SAMPLES = path.resolve(__dirname, '../../../test/fixtures/samples');
const sample = (p: string) => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).find((f) => f.startsWith(p))!), 'utf8');

/**
 * Where each cell of a line starts on screen, laid out as the editor does (a tab to the next tab stop
 * counted on the text's own columns, CJK two columns) with the paddings drawn before the cells.
 */
function screenStarts(line: string, lineNo: number, pads: Padding[], tabSize: number): number[] {
  const extra = new Map(pads.filter((p) => p.line === lineNo).map((p) => [p.character, p.columns]));
  const starts = [0];
  let model = 0;
  let added = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\t') {
      model = (Math.floor(model / tabSize) + 1) * tabSize;
      added += extra.get(i + 1) ?? 0;
      starts.push(model + added);
    } else model += charWidth(line[i]);
  }
  return starts;
}

test('sample 001: every column of each block of tab rows starts at the same screen column', () => {
  const lines = sample('001').split(/\r?\n/);
  for (const tabSize of [4, 8]) {
    const pads = alignmentPaddings(lines, tabSize);
    assert.ok(pads.length > 20, 'sample 001 has tab rows to align');
    let blocks = 0;
    for (let i = 0; i < lines.length;) {
      if (!isTabRow(lines[i])) { i++; continue; }
      let j = i;
      while (j < lines.length && isTabRow(lines[j])) j++;
      const starts = lines.slice(i, j).map((l, n) => screenStarts(l, i + n, pads, tabSize));
      const width = Math.max(...starts.map((s) => s.length));
      for (let k = 1; k < width; k++) {
        const at = new Set(starts.filter((s) => s.length > k).map((s) => s[k]));
        assert.equal(at.size, 1, `tab ${tabSize}, lines ${i + 1}–${j}: column ${k} starts at ${[...at].join(', ')}`);
      }
      blocks++;
      i = j;
    }
    assert.ok(blocks >= 3, `${blocks} blocks`);
  }
});

test('CJK width, a gap after the widest cell, and only the range asked for (plus its block)', () => {
  assert.equal(charWidth('信'), 2);
  assert.equal(charWidth('（'), 2);
  assert.equal(charWidth('a'), 1);
  const lines = ['标题', '自然人\t1\t2', 'x\t10\t20', '', '正文\t段落\t无'];
  const pads = alignmentPaddings(lines, 4);
  const s1 = screenStarts(lines[1], 1, pads, 4);
  const s2 = screenStarts(lines[2], 2, pads, 4);
  assert.deepEqual(s1, s2);
  assert.ok(s1[1] >= 6 + 1, `after 自然人 (6 columns) and a gap: ${s1[1]}`);
  // lines 2–3 asked: the block that starts on line 1 is aligned as a whole
  const part = alignmentPaddings(lines, 4, 2, 3);
  assert.deepEqual(screenStarts(lines[2], 2, part, 4), s2);
  assert.ok(!part.some((p) => p.line === 4), 'the block after the range is not computed');
  assert.ok(!isTabRow('a\tb') && isTabRow('a\tb\tc'));
});

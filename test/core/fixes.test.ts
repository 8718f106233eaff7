// Fixes as text edits: recompute one total, fix all totals in one pass, apply twice = no-op.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits, fixAll, TOTALS_RULES } from '../../server/src/core';
import { clean2019, clean2021, lineOf, sample, setLine } from './helpers';

function breakTotals(): string {
  let t = clean2021();
  const n = lineOf(t, '一、本年新收政府信息公开申请数量');
  t = setLine(t, n + 7, '\t 12 '); // stray spaces kept by the fix
  const r1 = lineOf(t, '（一）予以公开');
  t = setLine(t, r1 + 7, '\t3');
  const r7 = lineOf(t, '（七）总计');
  t = setLine(t, r7 + 1, '\t7');
  t = setLine(t, r7 + 7, '\t');
  return t;
}

test('a quick fix rewrites only the total, keeping the cell layout', () => {
  const t = breakTotals();
  const d = analyze(t).diagnostics.find((x) => x.code === 'sum-row')!;
  const fixed = applyEdits(t, d.fixes![0].edits);
  const n = lineOf(fixed, '一、本年新收政府信息公开申请数量');
  assert.equal(fixed.split('\n')[n + 7], '\t 10 ');
  assert.equal(fixed.length, t.length);
});

test('fix all totals: one pass leaves no totals diagnostic, and a second run changes nothing', () => {
  const t = breakTotals();
  const before = analyze(t).diagnostics.filter((d) => TOTALS_RULES.has(d.code));
  assert.ok(before.length >= 4, `broken totals found: ${before.map((d) => d.code)}`);
  const once = fixAll(t, { scope: 'totals' });
  assert.equal(once.passes, 1, 'one pass of edits suffices');
  assert.deepEqual(analyze(once.text).diagnostics.filter((d) => TOTALS_RULES.has(d.code) || d.code === 'balance'), []);
  assert.equal(fixAll(once.text, { scope: 'totals' }).text, once.text);
  // only figures changed: the text outside the four cells is the same
  assert.equal(once.text.split('\n').length, t.split('\n').length);
});

test('fix all totals on the statistics table (nested parents in dependency order)', () => {
  const t = sample('003');
  const once = fixAll(t, { scope: 'totals' });
  assert.deepEqual(analyze(once.text).diagnostics.filter((d) => d.code === 'sum-parent'), []);
  assert.equal(fixAll(once.text).text, once.text);
});

test('fix everything (numbering, blank cells, debris, labels) is idempotent on every sample', () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    const once = fixAll(sample(s), { scope: 'all' });
    const twice = fixAll(once.text, { scope: 'all' });
    assert.equal(twice.text, once.text, `sample ${s}`);
    const left = analyze(once.text).diagnostics.map((d) => d.code);
    for (const c of ['section-numbering', 'blank-cell', 'conversion-debris', 'sum-row', 'sum-column', 'sum-parent']) {
      assert.ok(!left.includes(c), `${s}: ${c} left after fix-all`);
    }
  }
});

test('section-missing fix inserts the heading', () => {
  const t = clean2019().replace('\n四、政府信息公开行政复议、行政诉讼情况', '\n');
  const d = analyze(t).diagnostics.find((x) => x.code === 'section-missing')!;
  const fixed = applyEdits(t, d.fixes![0].edits);
  assert.ok(!analyze(fixed).diagnostics.some((x) => x.code === 'section-missing'));
});

test('applyEdits drops an edit that overlaps one already taken', () => {
  const r = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
  assert.equal(applyEdits('abcdef', [{ range: r(1, 3), newText: 'X' }, { range: r(2, 4), newText: 'Y' }]), 'aXdef');
  assert.equal(applyEdits('abc', [{ range: r(3, 3), newText: '!' }, { range: r(0, 0), newText: '>' }]), '>abc!');
});

// Quick fixes for the report's structure (issue 14.6): a section out of order is moved to its place;
// a missing table is inserted (the official empty table, in the report's own layout); a missing
// section heading is inserted before the section that follows it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../server/src/core';
import { newReport } from '../../server/src/core/template';
import { sample } from './helpers';

const base = newReport({ organ: '某市某局', year: 2024 });
const lines = base.split('\n');
const at = (title: string) => lines.findIndex((l) => l.startsWith(title));

function diag(text: string, code: string) {
  return analyze(text).diagnostics.find((d) => d.code === code);
}

test('the template has none of these problems', () => {
  assert.deepEqual(analyze(base).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code), []);
});

test('section-order: the fix moves the section before the first one the format puts after it', () => {
  // 一 三 二 四 五 六: section 二 (with its table) moved after 三
  const s2 = at('二、'); const s3 = at('三、'); const s4 = at('四、');
  const swapped = [...lines.slice(0, s2), ...lines.slice(s3, s4), ...lines.slice(s2, s3), ...lines.slice(s4)].join('\n');
  const d = diag(swapped, 'section-order');
  assert.ok(d, 'section-order reported');
  assert.equal(d.fixes?.length, 1);
  assert.match(d.fixes![0].title.zh, /移到/);
  assert.equal(applyEdits(swapped, d.fixes![0].edits), base);

  // the last section out of place: 一 二 三 四 六 五
  const s5 = at('五、'); const s6 = at('六、');
  const tail = [...lines.slice(0, s5), ...lines.slice(s6), ...lines.slice(s5, s6)].join('\n');
  const d2 = diag(tail.replace(/\n+$/, ''), 'section-order');
  assert.ok(d2?.fixes?.length);
  const fixed = applyEdits(tail.replace(/\n+$/, ''), d2.fixes![0].edits);
  assert.equal(diag(fixed, 'section-order'), undefined);
  assert.ok(fixed.indexOf('五、') < fixed.indexOf('六、'));
});

test('table-missing: the fix inserts the official empty table after the heading, in the report\'s layout', () => {
  // the requests table taken out of section 三 (one cell per line, as the template and most reports)
  const s3 = at('三、'); const s4 = at('四、');
  const without = [...lines.slice(0, s3 + 1), '', ...lines.slice(s4)].join('\n');
  const d = diag(without, 'table-missing');
  assert.ok(d, 'table-missing reported');
  const fixed = applyEdits(without, d.fixes![0].edits);
  const after = analyze(fixed);
  assert.deepEqual(after.diagnostics.filter((x) => x.severity === 'error' || x.severity === 'warning').map((x) => `${x.code} ${x.message.zh}`), []);
  assert.ok(after.doc.tables.some((t) => t.kind === 'requests' && t.rows.length > 20));

  // a report with its tables one row per line (sample 001): the inserted table is written the same way
  const t001 = sample('001');
  const l001 = t001.split('\n');
  const a2 = l001.findIndex((l) => /^二、/.test(l.trim()));
  const a3 = l001.findIndex((l) => /^三、/.test(l.trim()));
  assert.ok(a2 >= 0 && a3 > a2, 'sample 001 has sections 二 and 三');
  const no2 = [...l001.slice(0, a2 + 1), '', ...l001.slice(a3)].join('\n');
  const d2 = diag(no2, 'table-missing');
  assert.ok(d2?.fixes?.length, 'table-missing with a fix');
  const inserted = d2.fixes![0].edits[0].newText;
  assert.match(inserted, /\n规章\t0\t0\t0\n/, 'one row per line, cells separated by tabs');
  const f2 = analyze(applyEdits(no2, d2.fixes![0].edits));
  assert.ok(!f2.diagnostics.some((x) => x.code === 'table-missing'));
  // nothing wrong inside the inserted table (001's own defects further down remain)
  const from = d2.fixes![0].edits[0].range.start.line;
  const to = from + inserted.split('\n').length;
  const inside = f2.diagnostics.filter((x) => x.severity !== 'hint' && x.range.start.line >= from && x.range.start.line <= to);
  assert.deepEqual(inside.map((x) => `${x.range.start.line} ${x.code} ${x.message.zh}`), []);
  assert.ok(f2.doc.tables.some((t) => t.kind === 'active'));
});

test('section-missing: the fix inserts the heading before the section that follows', () => {
  const s5 = at('五、');
  const without = [...lines.slice(0, s5), ...lines.slice(s5 + 1)].join('\n');
  const d = diag(without, 'section-missing');
  assert.ok(d?.fixes?.length);
  const fixed = applyEdits(without, d.fixes![0].edits);
  assert.equal(diag(fixed, 'section-missing'), undefined);
  assert.ok(fixed.indexOf('五、') < fixed.indexOf('六、'));
});

test('invisible-space: one hint per document for its no-break spaces, with one fix for them all (sample 004)', () => {
  const t = sample('004');
  const hits = analyze(t).diagnostics.filter((d) => d.code === 'invisible-space');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].severity, 'hint');
  assert.match(hits[0].message.zh, /158 处不间断空格/);
  const fixed = applyEdits(t, hits[0].fixes![0].edits);
  assert.ok(!fixed.includes('\u00a0'));
  assert.equal(fixed.length, t.length);
  assert.deepEqual(analyze(fixed).diagnostics.filter((d) => d.code === 'invisible-space'), []);
  assert.deepEqual(analyze(base).diagnostics.filter((d) => d.code === 'invisible-space'), []);
});

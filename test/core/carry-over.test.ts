// carry-over: 二、上年结转 this year = 四、结转下年度继续办理 of the same organ's report last year.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../server/src/core';
import fc from 'fast-check';
import { checkAcross, checkAcrossAll, crossRules, organKey, type ReportRef } from '../../server/src/core/cross';
import { CARRIED, NEXT, report, req, setRow } from './reports';

const ref = (uri: string, text: string): ReportRef => ({ uri, doc: parse(text) });

test('a consistent pair (2020 → 2021, format 2019 → 2021): no diagnostic', () => {
  const a = ref('file:///r/2020.txt', report('测试县人民政府办公室', 2020, 5, 0, 3));
  const b = ref('file:///r/2021.txt', report('测试县人民政府办公室', 2021, 4, 2, 6));
  assert.equal(a.doc.format.version, '2019');
  assert.equal(b.doc.format.version, '2021');
  assert.deepEqual(checkAcross(b, [a]), []);
  assert.deepEqual(checkAcross(a, [b]), []); // no report for 2019
});

test('a mismatch: one error per column on this report\'s cell, related into last year\'s report', () => {
  const prevText = report('测试县人民政府办公室', 2020, 5, 0, 3); // carries 2 forward (natural persons)
  const a = ref('file:///r/2020.txt', prevText);
  const b = ref('file:///r/2021.txt', setRow(report('测试县人民政府办公室', 2021, 4, 2, 6), CARRIED, req(3)));
  const d = checkAcross(b, [a]);
  assert.equal(d.length, 2); // 自然人 and 总计
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.actual, x.expected]), [['carry-over', 'error', 3, 2], ['carry-over', 'error', 3, 2]]);
  const lines = b.doc.lines;
  const r = d[0].range;
  assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), '3');
  assert.equal(lines[r.start.line - 1], `\t${CARRIED}`);
  const rel = d[0].related![0];
  assert.equal(rel.uri, 'file:///r/2020.txt');
  const pl = a.doc.lines;
  assert.equal(pl[rel.range.start.line - 1], '\t四、结转下年度继续办理');
  assert.equal(pl[rel.range.start.line].slice(rel.range.start.character, rel.range.end.character), '2');
  assert.match(d[0].message.zh, /上年结转（自然人列）为 3，但 2020 年度报告/);
});

test('other organs and other years are not compared; settings apply', () => {
  const a = ref('a', report('测试县人民政府办公室', 2020, 5, 0, 3));
  const b = ref('b', setRow(report('测试县人民政府办公室', 2021, 4, 2, 6), CARRIED, req(3)));
  const other = ref('c', report('另一县人民政府办公室', 2020, 5, 0, 5));
  const older = ref('d', report('测试县人民政府办公室', 2019, 5, 0, 5));
  assert.deepEqual(checkAcross(b, [other, older]), []);
  assert.deepEqual(checkAcross(b, [a], { rules: { 'carry-over': 'off' } }), []);
  assert.ok(checkAcross(b, [a], { rules: { 'carry-over': 'warning' } }).every((x) => x.severity === 'warning'));
  // 人民政府 / 政府 and spaces do not matter
  assert.equal(organKey(parse(report('测试县 人民政府办公室', 2021, 0, 0, 0))), organKey(parse(report('测试县政府办公室', 2021, 0, 0, 0))));
});

test('metadata for docs and settings', () => {
  assert.deepEqual(crossRules.map((r) => [r.id, r.defaultSeverity]), [['carry-over', 'error']]);
  assert.ok(crossRules[0].description.zh && crossRules[0].description.en);
});

test('checkAcrossAll: for each report, what checkAcross gives it against all the others (random sets, any order)', () => {
  const one = fc.record({
    organ: fc.constantFrom('甲市教育局', '乙县人民政府'),
    year: fc.integer({ min: 2020, max: 2023 }),
    carried: fc.integer({ min: 0, max: 3 }),
    next: fc.integer({ min: 0, max: 3 }),
  });
  const settings = fc.constantFrom(undefined, 'warning' as const, 'off' as const);
  let found = 0;
  fc.assert(fc.property(fc.array(one, { maxLength: 8 }), settings, (specs, setting) => {
    const refs = specs.map((s, k) => ref(`file:///r/${k}.txt`, setRow(setRow(report(s.organ, s.year, 5, 0, 3), CARRIED, req(s.carried)), NEXT, req(s.next))));
    const options = setting ? { rules: { 'carry-over': setting } } : {};
    const all = checkAcrossAll(refs, options);
    assert.equal(all.length, refs.length);
    refs.forEach((r, k) => assert.deepEqual(all[k], checkAcross(r, refs.filter((o) => o !== r), options)));
    found += all.filter((d) => d.length).length;
  }), { numRuns: 150 });
  assert.ok(found > 0, 'some sets have a carry-over problem');
});

// narrative-mismatch: figures in the prose against the tables. Silent on the five real reports;
// one warning when a stated figure is changed.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, type Diagnostic } from '../../server/src/core';
import { narrativeClaims, claimsOf } from '../../server/src/core/rules/narrative-mismatch';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const sample = (p: string): string => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).find((f) => f.startsWith(p))!), 'utf8');
const mismatches = (text: string): Diagnostic[] => analyze(text).diagnostics.filter((d) => d.code === 'narrative-mismatch');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

test('the five samples give no narrative-mismatch', () => {
  for (const f of readdirSync(SAMPLES).filter((x) => x.endsWith('.txt'))) {
    assert.deepEqual(mismatches(readFileSync(path.join(SAMPLES, f), 'utf8')), [], f);
  }
});

test('the claims read in the samples are the ones meant, and they agree with the tables', () => {
  const kinds = (p: string) => narrativeClaims(analyze(sample(p)).doc).map((c) => `${c.kind}=${c.value}@${c.range.start.line + 1}`);
  // 000: 受理依申请公开53件 (承办省政府协查函35件 is another thing; 予以答复 has no count);
  // 因依申请公开引发的行政复议案件1件；行政诉讼案件1件
  assert.deepEqual(kinds('000'), ['new=53@23', 'review=1@23', 'litigation=1@23']);
  // 001: 共收到政府信息公开申请11件; 共答复政府信息公开申请11件 (its （七）总计 row is cut off: not compared)
  assert.deepEqual(kinds('001'), ['new=11@29', 'handled=11@31']);
  // 002: 共收到政府信息公开申请数量3件 (其中已办理申请2件 is a part)
  assert.deepEqual(kinds('002'), ['new=3@17']);
  // 003: 未收到政府信息公开申请 (no figure)
  assert.deepEqual(kinds('003'), []);
  // 004: 受理依申请公开10件 … 结转下年度继续办理0件 … 行政复议案件共0件 … 行政诉讼案件共0件
  // (其中在线申请4件, 按时办理10件 and 在法定期限内予以答复10件 are parts: not read)
  assert.deepEqual(kinds('004'), ['new=10@11', 'next=0@11', 'review=0@11', 'litigation=0@11']);
});

test('a changed figure in the text: one warning on the number, related to the table cell', () => {
  const t = sample('000').replace('共受理依申请公开53件', '共受理依申请公开54件');
  const d = mismatches(t);
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'warning');
  const line = lineOf(t, '共受理依申请公开54件');
  const col = t.split('\n')[line].indexOf('54件');
  assert.deepEqual(d[0].range, { start: { line, character: col }, end: { line, character: col + 2 } });
  assert.equal(d[0].expected, 53);
  assert.equal(d[0].actual, 54);
  const cellLine = lineOf(t, '一、本年新收政府信息公开申请数量');
  assert.ok(d[0].related![0].range.start.line > cellLine, 'related points into the table');
  const lines = t.split('\n');
  const r = d[0].related![0].range;
  assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), '53');
  assert.match(d[0].message.zh, /54 件.*53/);
});

test('004: each of its figures, changed, gives one warning on the right subject', () => {
  const t = sample('004');
  const cases: [string, string, number][] = [
    ['受理依申请公开10件', '受理依申请公开12件', 10],
    ['结转下年度继续办理0件', '结转下年度继续办理2件', 0],
    ['被行政复议案件共0件', '被行政复议案件共1件', 0],
    ['被行政诉讼案件共0件', '被行政诉讼案件共3件', 0],
  ];
  for (const [a, b, expected] of cases) {
    const d = mismatches(t.replace(a, b));
    assert.equal(d.length, 1, b);
    assert.equal(d[0].expected, expected, b);
  }
});

test('ambiguous claims are not read', () => {
  const none = (s: string) => assert.deepEqual(claimsOf(s, 0, 0, 2021, false), [], s);
  none('全县共受理依申请公开120件');                 // another organ
  none('2020年共受理依申请公开8件');                 // another year
  none('共受理依申请公开10余件');                    // approximate
  none('共受理依申请公开10-12件');                   // range
  none('受理依申请公开约10件');
  none('市政府办公室收到依申请公开10件，市政府收到依申请公开6件'); // two counts for one subject
  none('通过网络收到依申请公开申请4件');             // a part (channel)
  none('按时答复政府信息公开申请9件');               // a part (on time)
  none('答复人大代表建议12件');                      // another subject
  none('行政复议和行政诉讼案件共2件');               // both together
  none('收到群众留言200件');
  const one = claimsOf('共受理政府信息公开申请15件（含上年结转2件）', 0, 0, 2021, false);
  assert.deepEqual(one.map((c) => [c.kind, c.value, c.withCarry]), [['new', 15, true]]);
});

test('"includes last year\'s carry-over": compared with 一 + 二', () => {
  const t = sample('004').replace('2021年度受理依申请公开10件', '2021年度受理依申请公开10件（含上年结转0件）');
  assert.deepEqual(mismatches(t), []);
  const u = sample('004').replace('2021年度受理依申请公开10件', '2021年度受理依申请公开12件（含上年结转2件）');
  const d = mismatches(u);
  assert.equal(d.length, 1);
  assert.equal(d[0].related!.length, 2);
});

test('a sentence read once is read the same again at another place, and anew in another year', () => {
  const s = '2020年共收到政府信息公开申请12件，办结政府信息公开申请12件。';
  const claims = (text: string) => narrativeClaims(analyze(text).doc).map((c) => `${c.kind}=${c.value}@${c.range.start.line}:${c.range.start.character}`);
  const doc = (year: number, body: string) => `某某局${year}年政府信息公开工作年度报告\n\n一、总体情况\n\n${body}\n`;
  // the same sentence twice on one line and on another line: each claim at its own place
  const first = claims(doc(2020, `${s}${s}\n\n另：${s}`));
  const k = s.indexOf('12');
  const k2 = s.indexOf('12', k + 2);
  assert.deepEqual(first, [
    `new=12@4:${k}`, `handled=12@4:${k2}`, `new=12@4:${s.length + k}`, `handled=12@4:${s.length + k2}`, `new=12@6:${2 + k}`, `handled=12@6:${2 + k2}`,
  ]);
  // in a report on 2021 its first clause is about another year: only the second claims (not the 2020 reading again)
  assert.deepEqual(claims(doc(2021, s)), [`handled=12@4:${k2}`]);
  assert.deepEqual(claims(doc(2020, s)), [`new=12@4:${k}`, `handled=12@4:${k2}`]);
  // claimsOf gives the same for the sentence alone, placed where it is asked
  assert.deepEqual(claimsOf(s, 9, 5, 2020, false).map((c) => [c.kind, c.range.start.line, c.range.start.character]), [['new', 9, 5 + k], ['handled', 9, 5 + k2]]);
});

test('claims are the same with CRLF and a BOM; a figure and its 件 on two lines make no claim', () => {
  const kinds = (text: string) => narrativeClaims(analyze(text).doc).map((c) => `${c.kind}=${c.value}@${c.range.start.line}:${c.range.start.character}`);
  const lf = sample('004');
  assert.ok(kinds(lf).length >= 4);
  assert.deepEqual(kinds('\ufeff' + lf.replace(/\n/g, '\r\n')).map((k) => k.replace(/@0:(\d+)/, (_, c) => `@0:${Number(c) - 1}`)), kinds(lf));
  // "…申请3" then "件…" on the next line: no claim; with the two on one line, one
  const t = '某某局2021年政府信息公开工作年度报告\n\n一、总体情况\n\n共收到政府信息公开申请3\n件。\n';
  assert.deepEqual(kinds(t), []);
  assert.deepEqual(kinds(t.replace('3\n件', '3 件')), ['new=3@4:11']);
});

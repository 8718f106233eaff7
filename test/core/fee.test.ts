// fee-statement: section 六 of a 2021-format report says whether 信息处理费 were charged.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, applyEdits } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const sample = (p: string): string => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).find((f) => f.startsWith(p))!), 'utf8');
const fee = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'fee-statement');

test('003 and 004 mention 信息处理费 in section 六: silence', () => {
  assert.deepEqual(fee(sample('003')), []);
  assert.deepEqual(fee(sample('004')), []);
});

test('2019-format reports are never concerned', () => {
  for (const p of ['000', '001', '002']) assert.deepEqual(fee(sample(p)), [], p);
});

test('a 2021 report without it: one information on the 六 heading, and a fix that silences it', () => {
  const t = sample('004').replace(/（一）依据《政府信息公开信息处理费管理办法》，嘉祥县人民政府办公室2021年没有收取信息处理费情况。/, '（一）本年度无其他需要报告的事项。');
  const d = fee(t);
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'information');
  const heading = t.split('\n').findIndex((l) => l.startsWith('六、其他需要报告的事项'));
  assert.equal(d[0].range.start.line, heading);
  assert.equal(d[0].range.end.character, '六、其他需要报告的事项'.length);
  const fixed = applyEdits(t, d[0].fixes![0].edits);
  assert.deepEqual(fee(fixed), []);
  assert.equal(fixed.split('\n').length, t.split('\n').length + 1);
});

test('the mention must be in section 六, not elsewhere', () => {
  const t = sample('004')
    .replace(/（一）依据《政府信息公开信息处理费管理办法》，嘉祥县人民政府办公室2021年没有收取信息处理费情况。/, '（一）无。')
    .replace('二是规范办理程序。', '二是规范办理程序，本年未收取信息处理费。');
  assert.equal(fee(t).length, 1);
});

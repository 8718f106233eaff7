// Memory across checks: the server re-checks the whole text on every keystroke. Nothing the core
// keeps from one check to the next may keep an old version of the text alive: in V8 a string cut
// from the text points to the whole text, so a cache keyed by pieces of the text once kept one
// whole copy of the document per keystroke (about 200 KB per keystroke in a 100 KB report; see
// docs/performance.md). The core now keeps no such cache; these tests type into each kind of place
// (a sentence, a label, a figure, long lines) and measure the heap, so that none comes back.
//
// (This file runs in a process of its own: Node's test runner starts one per file.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { analyze } from '../../server/src/core';
import { sample } from './helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

/** The five samples, three times over: about 67,000 characters (130 KB in memory). */
const BASE = (() => {
  const one = ['000', '001', '002', '003', '004'].map(sample).join('\n');
  return [one, one, one].join('\n');
})();
const MB_PER_COPY = (BASE.length * 2) / 1048576;
const KEYSTROKES = 120;
/**
 * What the heap may grow by over the keystrokes: a quarter of one copy of the text per keystroke
 * (the caches' own entries take about 1 KB per keystroke).
 */
const LIMIT_MB = (KEYSTROKES * MB_PER_COPY) / 4;

/** The i-th keystroke's text: an ideograph. */
const ideograph = (i: number): string => String.fromCharCode(0x4e00 + ((i * 7) % 5000));

/**
 * Type `KEYSTROKES` times at `at` in `text` (the i-th keystroke's text, `typed(i)`, replacing as many
 * characters there, as when the same word is retyped), checking the whole text after each
 * keystroke; the heap's growth in MB.
 */
function typeAt(text: string, at: number, typed: (i: number) => string = ideograph): number {
  const type = (i: number) => {
    const t = typed(i);
    analyze(text.slice(0, at) + t + text.slice(at + t.length));
  };
  // (a few keystrokes first: the code's own first-time growth is not the caches')
  for (let i = 0; i < 20; i++) type(KEYSTROKES + i);
  const before = heapMB();
  for (let i = 0; i < KEYSTROKES; i++) type(i);
  return heapMB() - before;
}

test('the test document is large enough for a leak to show', () => {
  // one copy of the text per keystroke would be four times the limit, and the limit well above
  // the heap's noise (about 1 MB)
  assert.ok(LIMIT_MB >= 3, `${LIMIT_MB} MB`);
});

test('typing in a sentence that states a figure keeps no old text alive (narrative memo)', () => {
  const line = '本年度共收到政府信息公开申请12件，均已按时办结。';
  const text = `${BASE}\n${line}\n`;
  // (the sentence is a claim: the rule reads it and remembers its claims by the sentence)
  const at = text.lastIndexOf(line) + 2;
  const grew = typeAt(text, at);
  assert.ok(grew < LIMIT_MB, `heap grew ${grew.toFixed(1)} MB (limit ${LIMIT_MB.toFixed(1)} MB)`);
});

test('typing in an unknown table label keeps no old text alive (label caches)', () => {
  // sample 001's header label "(四) 信息内容", longer: an unknown label (normalised, looked up, and
  // reported with the nearest)
  const label = '(四) 信息内容\t';
  const k = BASE.indexOf(label);
  assert.ok(k >= 0);
  const text = `${BASE.slice(0, k + 4)}关于本机关的${BASE.slice(k + 4)}`;
  const line = text.slice(0, k).split('\n').length - 1;
  assert.ok(
    analyze(text).diagnostics.some((d) => d.code === 'table-label' && d.range.start.line === line && d.message.zh.includes('关于本机关的信息内容')),
    'the label is reported as unknown',
  );
  const grew = typeAt(text, k + 6);
  assert.ok(grew < LIMIT_MB, `heap grew ${grew.toFixed(1)} MB (limit ${LIMIT_MB.toFixed(1)} MB)`);
});

test('typing in a long figure keeps no old text alive (figure cache)', () => {
  // a figure of 13 characters or more with a unit: parsed once per distinct text, and remembered
  const cell = '\t1,234,567.891万元';
  const text = `${BASE}\n统计指标\t单位\t数量\n一、测试栏目\t万元${cell}\n`;
  // (three digits retyped: the cell stays a figure, a different one each time)
  const at = text.lastIndexOf(cell) + 3;
  const grew = typeAt(text, at, (i) => String(i).padStart(3, '0'));
  assert.ok(grew < LIMIT_MB, `heap grew ${grew.toFixed(1)} MB (limit ${LIMIT_MB.toFixed(1)} MB)`);
});

test('typing in a very long line of prose keeps no copy of the line per keystroke (memo bound)', () => {
  // one paragraph of 100,000 characters that states a figure: remembering each version of it
  // would keep 200 KB per keystroke
  const line = `本年度共收到政府信息公开申请12件。${'各项工作有序推进'.repeat(12500)}`;
  const text = `${BASE}\n${line}\n`;
  const grew = typeAt(text, text.lastIndexOf(line) + 40);
  assert.ok(grew < LIMIT_MB, `heap grew ${grew.toFixed(1)} MB (limit ${LIMIT_MB.toFixed(1)} MB)`);
});

test('typing in a very long line of short sentences keeps no old text alive (sentence memo)', () => {
  // a line too long to be remembered whole is remembered sentence by sentence
  const line = `本年度共收到政府信息公开申请12件。${'共办结政府信息公开申请1件。'.repeat(8000)}`;
  const text = `${BASE}\n${line}\n`;
  const grew = typeAt(text, text.lastIndexOf(line) + 24);
  assert.ok(grew < LIMIT_MB, `heap grew ${grew.toFixed(1)} MB (limit ${LIMIT_MB.toFixed(1)} MB)`);
});

// Property tests (fast-check): the parser never throws and stays linear; any one changed number in
// a consistent table is caught.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze, check, parse, parseNumber, RULES, TOTALS_RULES, type Diagnostic, type Rule } from '../../server/src/core';
import {
  editDistance, looseKey, normLabel, stripMarker,
} from '../../server/src/core/text';
import { clean2019, clean2021, sample } from './helpers';

const ALPHABET = ['\t', '\n', '\r\n', ' ', '\u3000', '一、', '（七）总计', '0', '1', '－', '总计', '行政复议', '第二十条第（一）项', '信息内容', '申请人情况', '统计指标', '[image: x]', '1.', '万元', '年度报告', '2021年'];

test('parse and check never throw on random text', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 400 }), (parts) => {
    analyze(parts.join(''));
  }), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => { analyze(s); }), { numRuns: 200 });
});

test('parse and check never throw on mutated samples (lines deleted, duplicated, swapped, cells altered)', () => {
  const texts = ['000', '001', '002', '003', '004'].map(sample);
  fc.assert(fc.property(
    fc.constantFrom(...texts),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('del', 'dup', 'swap', 'tab', 'junk')), { maxLength: 20 }),
    (text, ops) => {
      const lines = text.split('\n');
      for (const [n, op] of ops) {
        const i = n % lines.length;
        if (op === 'del') lines.splice(i, 1);
        else if (op === 'dup') lines.splice(i, 0, lines[i]);
        else if (op === 'swap') [lines[i], lines[(i + 1) % lines.length]] = [lines[(i + 1) % lines.length], lines[i]];
        else if (op === 'tab') lines[i] = '\t' + lines[i];
        else lines[i] = lines[i] + '\t－x';
        if (!lines.length) lines.push('');
      }
      analyze(lines.join('\n'));
    }), { numRuns: 300 });
});

test('each table\'s irregular cells are exactly its blank, text, unit and negative value cells, with their rows, in order', () => {
  const texts = ['000', '001', '002', '003', '004'].map(sample);
  const same = (text: string) => {
    for (const t of parse(text).tables) {
      const want = t.rows.flatMap((row) => row.cells.filter((c) => c.kind !== 'number' || c.value! < 0).map((cell) => ({ cell, row })));
      assert.equal(t.irregular.length, want.length);
      t.irregular.forEach((x, k) => { assert.equal(x.cell, want[k].cell); assert.equal(x.row, want[k].row); });
    }
  };
  for (const text of texts) same(text);
  assert.ok(texts.some((text) => parse(text).tables.some((t) => t.irregular.some((x) => x.cell.kind === 'blank'))));
  fc.assert(fc.property(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.constantFrom('-3', '', '5件', 'x', ' 7 ', '1.5')), { maxLength: 30 }), (text, ops) => {
    const lines = text.split('\n');
    for (const [n, v] of ops) {
      const i = n % lines.length;
      if (lines[i].startsWith('\t')) lines[i] = `\t${v}`;
    }
    same(lines.join('\n'));
  }), { numRuns: 200 });
});

test('changing any one number in a consistent table is always caught', () => {
  for (const base of [clean2021(), clean2019()]) {
    const doc = parse(base);
    const cells = doc.tables.filter((t) => t.kind === 'requests' || t.kind === 'review')
      .flatMap((t) => t.rows.flatMap((r) => r.cells));
    assert.ok(cells.length > 150);
    fc.assert(fc.property(fc.constantFrom(...cells), fc.integer({ min: 1, max: 999 }), (cell, delta) => {
      const lines = base.split('\n');
      const l = cell.valueRange.start.line;
      const line = lines[l];
      const v = (cell.value ?? 0) + delta;
      lines[l] = line.slice(0, cell.valueRange.start.character) + String(v) + line.slice(cell.valueRange.end.character);
      const codes = analyze(lines.join('\n')).diagnostics.map((d) => d.code);
      return codes.some((c) => TOTALS_RULES.has(c) || c === 'balance');
    }), { numRuns: 400 });
  }
});

test('parsing stays linear: 8× the text takes well under 8× × 4 the work', () => {
  // Counts work rather than time: the model's size grows linearly with the input. (Speed targets
  // live in `npm run bench`.)
  const one = sample('000');
  const a = parse(one);
  const b = parse(one.repeat(8));
  const size = (d: ReturnType<typeof parse>) => d.tables.reduce((s, t) => s + t.rows.length, 0) + d.headings.length;
  assert.ok(size(b) <= size(a) * 8 + 8);
  assert.ok(size(b) >= size(a) * 7);
});

test('editDistance: the Levenshtein distance, or max + 1 once it exceeds max; small numbers parse as written', () => {
  const lev = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    return d[a.length][b.length];
  };
  const str = fc.array(fc.constantFrom('公', '开', '申', '请', 'a', '1', '（'), { maxLength: 12 }).map((x) => x.join(''));
  fc.assert(fc.property(str, str, fc.integer({ min: 0, max: 14 }), (a, b, max) => {
    const want = lev(a, b);
    assert.equal(editDistance(a, b, max), want > max ? max + 1 : want);
  }), { numRuns: 500 });
  // the small-number fast path agrees with the general one
  for (const t of ['0', '7', '07', '007', '42', '999', '1000', '１２', '-3', '3 ', '']) {
    const p = parseNumber(t);
    const want = t === '' ? 0 : /^\d+$/.test(t) ? Number(t) : p.value;
    assert.equal(p.value, want, t);
  }
});

test('diagnostics come in document order, then by severity, on every sample and past the packed-key limits', () => {
  const order = { error: 0, warning: 1, information: 2, hint: 3 };
  const sorted = (ds: ReturnType<typeof analyze>['diagnostics']) => ds.every((d, i) => i === 0 || (() => {
    const a = ds[i - 1].range.start;
    const b = d.range.start;
    return a.line < b.line || (a.line === b.line && (a.character < b.character
      || (a.character === b.character && order[ds[i - 1].severity] <= order[d.severity])));
  })());
  for (const s of ['000', '001', '002', '003', '004']) assert.ok(sorted(analyze(sample(s)).diagnostics), s);
  // a line longer than the packed key's 14 bits of character: the comparator path, same order
  const long = `${sample('002').split('\n').slice(0, 40).join('\n')}\n${'[image: x] '.repeat(2000)}[bookmark: _GoBack]\n`;
  const ds = analyze(long).diagnostics;
  assert.ok(ds.some((d) => d.range.start.character >= 16384), 'the test reaches past 16384 characters');
  assert.ok(sorted(ds));
});

test('the rules\' diagnostics merged in order are those of a stable sort of them all, whichever way check() orders them', () => {
  const order = { error: 0, warning: 1, information: 2, hint: 3 };
  const key = (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.message.zh}`;
  // the reference: every rule's diagnostics in rule order, then a stable sort
  const reference = (text: string) => {
    const doc = parse(text);
    const all: Diagnostic[] = [];
    for (const rule of RULES) {
      rule.check(doc, (d) => all.push({ ...d, fixes: undefined, code: rule.id, severity: d.severity ?? rule.defaultSeverity }));
    }
    return all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
      || order[a.severity] - order[b.severity]).map(key);
  };
  const texts = ['000', '001', '002', '003', '004'].map(sample);
  // a line past the packed keys' 16384 characters
  texts.push(`${sample('002').split('\n').slice(0, 40).join('\n')}\n${'[image: x] '.repeat(2000)}[bookmark: _GoBack]\n`);
  const run = () => texts.map((t) => { assert.deepEqual(check(parse(t)).map(key), reference(t)); });
  run(); // each rule's run already in order: merged
  // a rule that ties with a later one (the same places and severity as blank-cell's hints): its come first
  const twin: Rule = {
    id: 'test-twin', defaultSeverity: 'hint', description: { zh: '测试', en: 'test' },
    check(doc, report) {
      for (const t of doc.tables) for (const r of t.rows) for (const c of r.cells) if (c.kind === 'blank') report({ range: c.range, message: { zh: '孪生', en: 'twin' } });
    },
  };
  RULES.splice(1, 0, twin);
  try {
    assert.ok(check(parse(texts[0])).filter((d) => d.code === 'test-twin').length > 100, 'ties to order');
    run();
  } finally {
    RULES.splice(RULES.indexOf(twin), 1);
  }
  // a rule whose diagnostics come out of order (bottom up, ties with other rules): sorted instead
  const upward: Rule = {
    id: 'test-upward', defaultSeverity: 'information', description: { zh: '测试', en: 'test' },
    check(doc, report) {
      for (let i = doc.lines.length - 1; i >= 0; i -= 7) report({ range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, message: { zh: `行 ${i}`, en: `line ${i}` } });
    },
  };
  RULES.splice(3, 0, upward);
  try {
    run();
  } finally {
    RULES.splice(RULES.indexOf(upward), 1);
  }
});

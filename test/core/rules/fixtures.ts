// Shared by the per-rule tests (not a test file itself): checks every fixture of one rule.
// A fixture is a report text under test/fixtures/rules/<id>/*.txt; the diagnostics expected on a
// line are written at its end as ` ⟦code⟧` or ` ⟦code,code⟧`: one space or tab, then the codes (see
// test/fixtures/rules/README.md). The markers are stripped before the text is analyzed, so every
// other character keeps its line and column.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core';

const ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/rules');

/** One space or tab, then the marker, at the end of the line. Only that separator is removed with the
 * marker: white space before it is the line's own (a blank cell is a line holding one tab). */
const MARKER = /[ \t]⟦([a-z0-9-]+(?:,[a-z0-9-]+)*)⟧$/;

export interface Fixture {
  file: string;
  /** The report text with the markers removed. */
  text: string;
  /** `line:code`, 1-based lines. */
  expected: string[];
}

export function readFixture(file: string): Fixture {
  const raw = readFileSync(file, 'utf8');
  const expected: string[] = [];
  const lines = raw.split('\n').map((line, i) => {
    const cr = line.endsWith('\r') ? '\r' : '';
    const body = cr ? line.slice(0, -1) : line;
    const m = MARKER.exec(body);
    if (!m) return line;
    for (const code of m[1].split(',')) expected.push(`${i + 1}:${code}`);
    return body.slice(0, m.index) + cr;
  });
  return { file, text: lines.join('\n'), expected: expected.sort() };
}

export function fixturesOf(ruleId: string): Fixture[] {
  const dir = path.join(FIXTURES, ruleId);
  assert.ok(existsSync(dir), `no fixture folder ${dir}`);
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFixture(path.join(dir, f)));
}

/** `line:code` of the diagnostics a fixture must list: errors, warnings, information, and the rule's own hints. */
export function found(text: string, ruleId: string): string[] {
  return analyze(text).diagnostics
    .filter((d) => d.severity !== 'hint' || d.code === ruleId)
    .map((d) => `${d.range.start.line + 1}:${d.code}`)
    .sort();
}

/** Asserts every fixture of `ruleId` gives exactly its markers, and that the rule has a failing and a passing case. */
export function checkFixtures(ruleId: string): Fixture[] {
  const all = fixturesOf(ruleId);
  const failing = all.filter((f) => f.expected.some((e) => e.endsWith(`:${ruleId}`)));
  const passing = all.filter((f) => !f.expected.some((e) => e.endsWith(`:${ruleId}`)));
  assert.ok(failing.length > 0, `${ruleId}: no fixture with a ⟦${ruleId}⟧ marker`);
  assert.ok(passing.length > 0, `${ruleId}: no fixture without a ⟦${ruleId}⟧ marker`);
  for (const f of all) {
    assert.ok(!/[⟦⟧]/.test(f.text), `${path.relative(ROOT, f.file)}: a marker not at the end of its line or malformed`);
    assert.deepEqual(found(f.text, ruleId), f.expected, path.relative(ROOT, f.file));
  }
  return all;
}

import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, type Diagnostic } from '../../server/src/core';

export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLES = path.join(ROOT, 'test/fixtures/samples');

export function sample(prefix: string): string {
  const f = readdirSync(SAMPLES).find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no sample ${prefix}`);
  return readFileSync(path.join(SAMPLES, f), 'utf8');
}

/** `code@line` (1-based), sorted by line, severities above `hint`. */
export function summary(diags: Diagnostic[], withHints = false): string[] {
  return diags.filter((d) => withHints || d.severity !== 'hint').map((d) => `${d.code}@${d.range.start.line + 1}`);
}

export function codes(text: string): string[] {
  return analyze(text).diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code);
}

/** Replace the `n`-th (0-based) line of `text` (keeping its line ending). */
export function setLine(text: string, n: number, line: string): string {
  const lines = text.split('\n');
  const cr = lines[n].endsWith('\r') ? '\r' : '';
  lines[n] = line + cr;
  return lines.join('\n');
}

export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`not found: ${needle}`);
}

/** Sample 004 with its one defect mended: a consistent 2021-format report. */
export function clean2021(): string {
  const t = sample('004').replace(/\u00a0/g, ' ');
  const i = lineOf(t, '行政规范性文件');
  const lines = t.split('\n');
  lines.splice(i + 3, 0, '\t0', '');
  return lines.join('\n');
}

/** Sample 002 with its defects mended: a consistent 2019-format report. */
export function clean2019(): string {
  let t = sample('002');
  t = t.replace('66.36万元', '66.36').replace('\n政府信息公开行政复议、行政诉讼情况', '\n四、政府信息公开行政复议、行政诉讼情况');
  return t;
}

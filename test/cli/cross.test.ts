// `zwgk-report check` also checks the files it is given against each other: carry-over between
// one organ's consecutive years.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { report } from '../core/reports';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
});

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('check: carry-over between two years of the same organ given together', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-cross-'));
  // 2021: 5 received, 0 carried, 3 handled → 2 carried forward; 2022 says it carried over 1
  fs.writeFileSync(path.join(dir, 'a-2021.txt'), report('某市某局', 2021, 5, 0, 3));
  fs.writeFileSync(path.join(dir, 'b-2022.txt'), report('某市某局', 2022, 4, 1, 5));
  const r = run(['check', '--format', 'json', dir]);
  const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
  const b = out.find((f) => f.file.endsWith('b-2022.txt'))!;
  assert.ok(b.diagnostics.some((d) => d.code === 'carry-over'), JSON.stringify(b.diagnostics.map((d) => d.code)));
  assert.ok(!out.find((f) => f.file.endsWith('a-2021.txt'))!.diagnostics.some((d) => d.code === 'carry-over'));
  assert.equal(r.status, 1);
  // alone, the 2022 report cannot be compared: no carry-over
  const alone = JSON.parse(run(['check', '--format', 'json', path.join(dir, 'b-2022.txt')]).stdout);
  assert.ok(!alone[0].diagnostics.some((d: { code: string }) => d.code === 'carry-over'));
  // the rule can be turned off like any other
  const off = JSON.parse(run(['check', '--format', 'json', '--rule', 'carry-over=off', dir]).stdout);
  assert.ok(!off.some((f: { diagnostics: { code: string }[] }) => f.diagnostics.some((d) => d.code === 'carry-over')));
  fs.rmSync(dir, { recursive: true, force: true });
});

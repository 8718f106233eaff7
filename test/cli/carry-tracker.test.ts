// The streamed carry-over check (stream.ts `CarryTracker`) against the core's: over random sets of
// reports (two organs, any years, duplicates of one organ's year, any order), the diagnostics the
// tracker gives each report, from the packed rows the workers send, are those the core's
// `checkAcross` gives it with every other report at hand.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { parse } from '../../server/src/core';
import { checkAcross } from '../../server/src/core/cross';
import { type FileRecord, type SlimDiagnostic, processFile, slim } from '../../server/src/cli/pool';
import { CarryTracker, runInputs } from '../../server/src/cli/stream';
import { CARRIED, NEXT, report, req, setRow } from '../core/reports';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-tracker-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const arbReport = fc.record({
  organ: fc.constantFrom('甲市教育局', '乙县人民政府'),
  year: fc.integer({ min: 2020, max: 2024 }),
  // the natural persons' cell: a figure, or left blank
  carried: fc.constantFrom<number | ''>(0, 1, 2, 3, ''),
  next: fc.constantFrom<number | ''>(0, 1, 2, 3, ''),
  // now and then a report without one of the two rows
  drop: fc.constantFrom(null, null, null, CARRIED, NEXT),
});

/** Seven request-table cells: natural persons `n` (maybe blank), commercial 1, the total. */
const row = (n: number | ''): (number | '')[] => [n, 1, 0, 0, 0, 0, (n || 0) + 1];

/** The report without the row `label` (its label line and its seven cell lines). */
function dropRow(text: string, label: string): string {
  const lines = text.split('\n');
  const at = lines.indexOf(`\t${label}`);
  lines.splice(at, 8);
  return lines.join('\n');
}

test('the tracker gives each report the carry-over diagnostics the core gives it, whatever the order', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(arbReport, { minLength: 1, maxLength: 8 }), async (specs) => {
      const sub = path.join(dir, String(run++));
      fs.mkdirSync(sub);
      const texts = specs.map((s) => {
        let text = setRow(report(s.organ, s.year, 5, 0, 3), CARRIED, row(s.carried));
        text = setRow(text, NEXT, row(s.next));
        return s.drop ? dropRow(text, s.drop) : text;
      });
      texts.forEach((t, k) => fs.writeFileSync(path.join(sub, `f${k}.txt`), t));

      const { files, pre } = runInputs([sub], 'zh');
      assert.equal(pre.size, 0);
      assert.deepEqual(files.map((f) => path.basename(f)), texts.map((_t, k) => `f${k}.txt`));
      const cfg = { options: {}, lang: 'zh' as const, keep: 'all' as const };
      const records: FileRecord[] = [];
      for (const [index, file] of files.entries()) records.push(await processFile({ index, file }, cfg));

      const got = new Map<number, SlimDiagnostic[]>();
      const tracker = new CarryTracker({}, 'zh', (i) => files[i]);
      for (const r of records) {
        for (const a of tracker.commit(r)) {
          assert.equal(a.file, files[a.index]);
          got.set(a.index, [...(got.get(a.index) ?? []), ...a.diagnostics]);
        }
      }

      const refs = files.map((uri, k) => ({ uri, doc: parse(texts[k]) }));
      for (const [k, ref] of refs.entries()) {
        const want = checkAcross(ref, refs.filter((o) => o !== ref)).map((d) => slim(d, 'zh'));
        assert.deepEqual(got.get(k) ?? [], want, `report ${k} of ${JSON.stringify(specs)}`);
      }
      return true;
    }),
    { numRuns: 60 },
  );
});

test('the generated sets do find carry-over problems (the property above is not vacuous)', async () => {
  const sub = path.join(dir, 'fixed');
  fs.mkdirSync(sub);
  // 2022 first in order, its 2021 report after it: the 2022 report waits, then gets two problems
  fs.writeFileSync(path.join(sub, 'a.txt'), setRow(report('甲市教育局', 2022, 5, 0, 3), CARRIED, req(3)));
  fs.writeFileSync(path.join(sub, 'b.txt'), setRow(report('甲市教育局', 2021, 5, 0, 3), NEXT, req(2)));
  const { files } = runInputs([sub, path.join(sub, 'missing.txt')], 'zh');
  const cfg = { options: {}, lang: 'zh' as const, keep: 'all' as const };
  const tracker = new CarryTracker({}, 'zh', (i) => files[i]);
  assert.deepEqual(tracker.commit(await processFile({ index: 0, file: files[0] }, cfg)), []);
  const across = tracker.commit(await processFile({ index: 1, file: files[1] }, cfg));
  assert.equal(across.length, 1);
  assert.equal(across[0].index, 0);
  assert.equal(across[0].diagnostics.length, 2);
  assert.ok(across[0].diagnostics.every((d) => d.code === 'carry-over' && d.related?.[0].file === files[1]));
});

test('runInputs: the files in order, and a record for a path that cannot be read, at its place', () => {
  const sub = path.join(dir, 'inputs');
  fs.mkdirSync(path.join(sub, 'b'), { recursive: true });
  fs.writeFileSync(path.join(sub, 'b', 'x.txt'), 'x');
  fs.writeFileSync(path.join(sub, 'a.txt'), 'a');
  const missing = path.join(sub, 'nope.txt');
  const { files, pre } = runInputs([sub, missing, path.join(sub, 'a.txt')], 'en');
  assert.deepEqual(files, [path.join(sub, 'a.txt'), path.join(sub, 'b', 'x.txt'), missing]); // a file named twice is taken once
  assert.deepEqual([...pre.keys()], [2]);
  assert.equal(pre.get(2)!.file, missing);
  assert.equal(pre.get(2)!.index, 2);
  assert.match(pre.get(2)!.unreadable!, /no such file/);
});

// The streamed audit and check (pool.ts, stream.ts, sarif.ts, site.ts): the same output whatever
// the number of threads, JSONL and SARIF of the documented shape, carry-over between files checked
// by different workers, files unreadable or removed mid-run, and a clean stop on Ctrl-C.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { run as runAudit } from '../../server/src/cli/audit';
import { WriteError, identitiesOf } from '../../server/src/cli/atomic';
import { PendingFile, organLevel } from '../../server/src/cli/stream';
import { type CarryData, type ShardData, carryName, renderEntry, shardName, shardOf } from '../../server/src/cli/site-page';
import { show, start } from '../../server/src/cli/site-viewer';
import { analyze, check, parse } from '../../server/src/core';
import { renderBody, renderStandalone } from '../../server/src/render/html';
import { STYLE } from '../../server/src/render/style';
import { CARRIED, report, req, setRow } from '../core/reports';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');
const CLI = path.join(ROOT, 'dist/cli.js');

interface Out { code: number; stdout: string; stderr: string }

async function audit(argv: string[], opts: { onStderr?: (s: string) => void; progress?: boolean } = {}): Promise<Out> {
  let stdout = '';
  let stderr = '';
  const code = await runAudit(argv, {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; opts.onStderr?.(s); },
    lang: 'zh', isTTY: false, progress: opts.progress ?? false,
  });
  return { code, stdout, stderr };
}

let dir: string;
const N_FILLER = 70;

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-stream-'));
  // The 2022 report comes first in path order and its 2021 report last, with more files between
  // than one batch: the two are checked by different workers, the earlier year arrives later.
  fs.writeFileSync(path.join(dir, 'a-2022.txt'), setRow(report('测试县人民政府办公室', 2022, 4, 3, 7), CARRIED, req(3)));
  fs.mkdirSync(path.join(dir, 'm'));
  const samples = fs.readdirSync(SAMPLES).sort();
  for (let k = 0; k < N_FILLER; k++) {
    const name = path.join(dir, 'm', `f${String(k).padStart(3, '0')}.txt`);
    if (k % 3 === 0) fs.copyFileSync(path.join(SAMPLES, samples[k % samples.length]), name);
    else fs.writeFileSync(name, report(`填充${k}局`, 2019 + (k % 5), k % 7, 0, k % 7));
  }
  fs.writeFileSync(path.join(dir, 'm', 'nul.txt'), Buffer.from([0x41, 0, 0x42])); // not a text file
  fs.writeFileSync(path.join(dir, 'z-2021.txt'), report('测试县人民政府办公室', 2021, 5, 0, 3)); // carries 2 forward
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the same output whatever --jobs', () => {
  for (const format of ['jsonl', 'json', 'sarif', 'text']) {
    test(`--format ${format}: --jobs 1, 2 and 3 agree`, async () => {
      const outs = [];
      for (const jobs of ['1', '2', '3']) outs.push(await audit([dir, '--format', format, '--jobs', jobs]));
      for (const o of outs) assert.equal(o.code, 2, o.stderr); // the NUL file is unreadable
      assert.ok(outs[0].stdout.length > 1000);
      assert.equal(outs[1].stdout, outs[0].stdout);
      assert.equal(outs[2].stdout, outs[0].stdout);
    });
  }

  test('--out: the table data and the summary agree (but for the time it was made)', async () => {
    const sites = [];
    for (const jobs of ['1', '3']) {
      const out = path.join(dir, '..', `${path.basename(dir)}-site-${jobs}`);
      await audit([dir, '--out', out, '--jobs', jobs]);
      sites.push(out);
    }
    try {
      const read = (d: string, f: string) => fs.readFileSync(path.join(d, f), 'utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
      const shards = ['00000', '00001', '00002', '00003'].map((k) => `reports/000/${k}.js`);
      for (const f of ['reports.js', 'index.html', 'reports.html', 'report.html', 'report.js', ...shards, 'reports/000/00000.carry.js']) assert.equal(read(sites[0], f), read(sites[1], f), f);
    } finally {
      for (const s of sites) fs.rmSync(s, { recursive: true, force: true });
    }
  });
});

describe('audit --format jsonl', () => {
  let lines: Record<string, unknown>[];
  let raw: string[];
  before(async () => {
    const o = await audit([dir, '--format', 'jsonl', '--jobs', '2']);
    raw = o.stdout.split('\n');
    assert.equal(raw.pop(), ''); // ends with a newline
    lines = raw.map((l) => JSON.parse(l));
  });

  test('one report line per file in path order, carry-over lines, the totals last', () => {
    const reports = lines.filter((l) => l.type === 'report');
    assert.equal(reports.length, N_FILLER + 3);
    const files = reports.map((r) => r.file as string);
    assert.deepEqual(files, [...files].sort());
    assert.equal(lines.at(-1)!.type, 'totals');
    assert.ok(lines.every((l) => ['report', 'carry-over', 'totals'].includes(l.type as string)));
    for (const l of raw) assert.ok(!l.includes('\n') && l.startsWith('{"type":'));
  });

  test('each report line has the documented shape', () => {
    for (const r of lines.filter((l) => l.type === 'report')) {
      const keys = Object.keys(r).filter((k) => k !== 'unreadable');
      assert.deepEqual(keys, ['type', 'file', 'organ', 'year', 'format', 'encoding', 'errors', 'warnings', 'information', 'hints', 'rules', 'problems']);
      assert.equal(typeof r.file, 'string');
      assert.ok(r.organ === null || typeof r.organ === 'string');
      assert.ok(r.year === null || Number.isInteger(r.year));
      assert.ok([null, '2019', '2021'].includes(r.format as string));
      const problems = r.problems as { code: string; severity: string; line: number; character: number; message: string }[];
      assert.equal(problems.filter((p) => p.severity === 'error').length, r.errors);
      assert.equal(problems.filter((p) => p.severity === 'warning').length, r.warnings);
      for (const p of problems) {
        assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && typeof p.message === 'string' && p.message.length > 0);
        assert.ok(['error', 'warning'].includes(p.severity));
      }
    }
    const nul = lines.find((l) => (l.file as string).endsWith('nul.txt'))!;
    assert.match(nul.unreadable as string, /NUL/);
  });

  test('carry-over across workers: the 2022 report first, its 2021 report last', () => {
    const co = lines.filter((l) => l.type === 'carry-over');
    assert.equal(co.length, 1);
    assert.ok((co[0].file as string).endsWith('a-2022.txt'));
    const p = (co[0].problems as { code: string; related: { file: string }[] }[]);
    assert.equal(p.length, 2); // 3 carried over against 2 carried forward: natural persons and the total
    assert.ok(p.every((x) => x.code === 'carry-over' && x.related[0].file.endsWith('z-2021.txt')));
    // it comes when the 2021 report has been read: after that file's line
    const at = lines.indexOf(co[0]);
    assert.ok((lines[at - 1].file as string).endsWith('z-2021.txt'));
    const totals = lines.at(-1)!;
    assert.equal((totals.rules as Record<string, { errors: number }>)['carry-over'].errors, 2);
  });

  test('json: the carry-over problems in the 2022 report\'s row', async () => {
    const o = await audit([dir, '--format', 'json', '--jobs', '3']);
    const res = JSON.parse(o.stdout) as { reports: { file: string; rules: Record<string, { errors: number }> }[] };
    const a = res.reports.find((r) => r.file.endsWith('a-2022.txt'))!;
    assert.equal(a.rules['carry-over'].errors, 2);
    // the row's problems are what the core's check(doc, { others, uri }) gives, in its order
    const fileA = path.join(dir, 'a-2022.txt');
    const fileZ = path.join(dir, 'z-2021.txt');
    const core = check(parse(fs.readFileSync(fileA, 'utf8')), { others: [{ uri: fileZ, doc: parse(fs.readFileSync(fileZ, 'utf8')) }], uri: fileA })
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: d.message.zh, ...(d.related?.[0]?.uri ? { related: d.related.map((x) => ({ file: x.uri, line: x.range.start.line, character: x.range.start.character })) } : {}) }));
    assert.ok(core.some((d) => d.code === 'carry-over'));
    assert.deepEqual((a as unknown as { problems: unknown[] }).problems, core);
    // the jsonl totals, counted as the lines went out, are the json totals, counted at the end
    const { type, ...totals } = lines.at(-1)!;
    assert.equal(type, 'totals');
    assert.deepEqual(totals, (res as unknown as { totals: object }).totals);
  });
});

describe('audit --format sarif', () => {
  let log: any;
  before(async () => {
    const o = await audit([dir, '--format', 'sarif', '--jobs', '2']);
    log = JSON.parse(o.stdout);
  });

  test('valid against the SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema has a pattern that is not valid with the u flag;
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
    // the schema does say no: a result without its message, a region starting at line 0
    const bad: any = structuredClone(log);
    delete bad.runs[0].results[0].message;
    assert.ok(!validate(bad));
    const bad2: any = structuredClone(log);
    bad2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.ok(!validate(bad2));
  });

  test('one run; rules with help URIs and text in both languages; results with physical locations', () => {
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'zwgk-report');
    const rules = run.tool.driver.rules as any[];
    const ids = rules.map((r) => r.id);
    for (const id of ['sum-row', 'carry-over', 'read-error']) assert.ok(ids.includes(id), id);
    const sumRow = rules.find((r) => r.id === 'sum-row');
    assert.match(sumRow.helpUri, /^file:.*docs\/rules\/sum-row\.md$/);
    assert.ok(fs.existsSync(new URL(sumRow.helpUri)));
    assert.match(sumRow.shortDescription.text, /[\u4e00-\u9fff]/);
    assert.match(sumRow.properties.description.en, /[a-z]/);
    assert.ok(run.results.length > 10);
    for (const r of run.results) {
      assert.ok(['error', 'warning'].includes(r.level));
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      const loc = r.locations[0].physicalLocation;
      assert.match(loc.artifactLocation.uri, /\.(txt|zwgk)$/);
      if (r.ruleId !== 'read-error') assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    const co = run.results.filter((r: any) => r.ruleId === 'carry-over');
    assert.equal(co.length, 2);
    assert.match(co[0].relatedLocations[0].physicalLocation.artifactLocation.uri, /z-2021\.txt$/);
    assert.ok(run.results.some((r: any) => r.ruleId === 'read-error' && /nul\.txt$/.test(r.locations[0].physicalLocation.artifactLocation.uri)));
  });
});

describe('audit --out', () => {
  let out: string;
  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-site-'));
    const o = await audit([dir, '--out', out, '--jobs', '2']);
    assert.equal(o.code, 2);
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  /** A shard or carry-over file of the site, run as the browser runs it: the data it passes to its callback. */
  function loadScript<T>(file: string, callback: 'ZWGK_SHARD' | 'ZWGK_CARRY'): T {
    let data: T | undefined;
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), { [callback]: (d: T) => { data = d; } });
    assert.ok(data, file);
    return data;
  }
  const rowsOf = (): any[][] => JSON.parse(fs.readFileSync(path.join(out, 'reports.js'), 'utf8').replace(/^window\.ZWGK_AUDIT=/, '').replace(/;\s*$/, '')).rows;

  test('a summary page, a table page with its data in reports.js, one report page, the reports in shards of twenty', () => {
    assert.deepEqual(fs.readdirSync(out).sort(), ['index.html', 'report.css', 'report.html', 'report.js', 'reports', 'reports.html', 'reports.js']);
    assert.deepEqual(fs.readdirSync(path.join(out, 'reports')), ['000']); // a thousand to a folder
    // 73 files in four shards; the one with the 2022 report (whose carry-over problem is found
    // once its 2021 report, last, is in) has a carry-over file
    assert.deepEqual(fs.readdirSync(path.join(out, 'reports', '000')).sort(), ['00000.carry.js', '00000.js', '00001.js', '00002.js', '00003.js']);
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    assert.match(index, /按机关层级/);
    assert.match(index, /按年度/);
    assert.match(index, /<figure class="chart">/);
    assert.match(index, /问题最多的报告/);
    assert.match(index, /<a href="report\.html#n=\d+(?:&amp;carry=1)?">/);
    const rows = rowsOf();
    assert.equal(rows.length, N_FILLER + 3);
    assert.ok(JSON.parse(fs.readFileSync(path.join(out, 'reports.js'), 'utf8').replace(/^window\.ZWGK_AUDIT=/, '').replace(/;\s*$/, '')).rules.includes('carry-over'));
    // every readable report is in its shard, under its index; the unreadable one has no page
    const inShards = new Map<number, string>();
    for (const k of [0, 1, 2, 3]) for (const e of loadScript<ShardData>(path.join(out, 'reports', shardName(k)), 'ZWGK_SHARD').reports) inShards.set(e.index, e.file);
    for (const [k, row] of rows.entries()) {
      if (row[9]) {
        assert.equal(row[8], null);
        assert.ok(!inShards.has(k));
      } else {
        assert.match(row[8], new RegExp(`^report\\.html#n=${k + 1}(&carry=1)?$`));
        assert.equal(inShards.get(k), row[0]);
      }
    }
  });

  test('the 2022 report\'s page shows the carry-over problem found after its shard was written', () => {
    const rows = rowsOf();
    const k = rows.findIndex((r) => r[0].endsWith('a-2022.txt'));
    assert.equal(rows[k][8], `report.html#n=${k + 1}&carry=1`);
    const shard = loadScript<ShardData>(path.join(out, 'reports', shardName(shardOf(k))), 'ZWGK_SHARD');
    const carry = loadScript<CarryData>(path.join(out, 'reports', carryName(shardOf(k))), 'ZWGK_CARRY');
    assert.ok(carry[String(k)].some((d) => d.code === 'carry-over'));
    const html = renderEntry(shard.reports.find((e) => e.index === k)!, carry[String(k)], shard);
    assert.match(html, /上年结转/);
    assert.match(html, /2021 年度报告/);
    // without it, the page has none
    assert.doesNotMatch(renderEntry(shard.reports.find((e) => e.index === k)!, undefined, shard), /2021 年度报告/);
  });

  test('a report\'s page: the report rendered in full, as the preview renders it without source places', () => {
    // index 2 is m/f001.txt, a report of an organ of its own (no carry-over)
    const shard = loadScript<ShardData>(path.join(out, 'reports', shardName(0)), 'ZWGK_SHARD');
    const entry = shard.reports.find((e) => e.index === 2)!;
    const text = fs.readFileSync(path.join(dir, 'm', 'f001.txt'), 'utf8');
    assert.equal(entry.text, text);
    const { doc, diagnostics } = analyze(text);
    assert.equal(entry.diagnostics.length, diagnostics.length); // every severity
    const html = renderEntry(entry, undefined, shard);
    assert.equal(html, renderBody(doc, diagnostics, { lang: 'zh', sourcePlaces: false }));
    assert.ok((html.match(/<td/g) ?? []).length > 100); // the tables are there
    // the shard is smaller than the pages it replaces
    assert.ok(fs.statSync(path.join(out, 'reports', shardName(0))).size < 20 * Buffer.byteLength(renderStandalone(doc, diagnostics, { lang: 'zh' })) / 2);
  });

  test('the report page: its style sheet and script from \'self\', nothing inline, nothing from elsewhere', () => {
    const page = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    assert.ok(page.includes('<link rel="stylesheet" href="report.css">'));
    assert.ok(page.includes('<script src="report.js"></script>'));
    assert.doesNotMatch(page, /<style|<script>/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1];
    assert.equal(csp, "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'");
    assert.match(page, /<a href="index\.html">汇总<\/a> · <a href="reports\.html">全部报告<\/a>/);
    assert.match(page, /<main id="report" data-lang="zh">/);
    assert.equal(fs.readFileSync(path.join(out, 'report.js'), 'utf8'), fs.readFileSync(path.join(ROOT, 'dist', 'audit-report.js'), 'utf8'));
    const css = fs.readFileSync(path.join(out, 'report.css'), 'utf8');
    assert.ok(css.startsWith(STYLE));
    // no text of a report can end a script
    for (const f of fs.readdirSync(path.join(out, 'reports', '000'))) assert.ok(!fs.readFileSync(path.join(out, 'reports', '000', f), 'utf8').includes('</'), f);
  });

  test('the report page\'s script: the report the link names, its carry-over when the link says so, a clear message otherwise', async () => {
    const rows = rowsOf();
    const k = rows.findIndex((r) => r[0].endsWith('a-2022.txt'));
    /** A window whose document loads the site's files as the browser does. */
    const fakeWindow = (hash: string) => {
      const els = new Map(['report', 'status', 'file'].map((id) => [id, { id, textContent: '' as string | null, innerHTML: '', getAttribute: (n: string) => (n === 'data-lang' && id === 'report' ? 'zh' : null) }]));
      const loaded: string[] = [];
      const handlers: (() => void)[] = [];
      const g: any = {
        location: { hash },
        addEventListener: (_: string, f: () => void) => handlers.push(f),
        document: {
          title: '',
          getElementById: (id: string) => els.get(id) ?? null,
          createElement: () => ({ src: '', onerror: null as null | (() => void), remove() {} }),
          head: {
            appendChild(s: { src: string; onerror: null | (() => void) }) {
              // as the browser does: run the file next to the page, or report that it failed to load
              loaded.push(s.src);
              const file = path.join(out, s.src);
              if (!fs.existsSync(file)) return void setImmediate(() => s.onerror?.());
              setImmediate(() => vm.runInNewContext(fs.readFileSync(file, 'utf8'), g));
            },
          },
        },
      };
      return { g, els, loaded, handlers };
    };
    const page = async (hash: string) => {
      const { g, els, loaded } = fakeWindow(hash);
      await show(g);
      return { g, loaded, main: els.get('report')!.innerHTML, status: els.get('status')!.textContent, file: els.get('file')!.textContent };
    };
    const p = await page(`#n=${k + 1}&carry=1`);
    assert.deepEqual(p.loaded, [`reports/${shardName(shardOf(k))}`, `reports/${carryName(shardOf(k))}`]);
    assert.equal(p.file, rows[k][0]);
    assert.equal(p.g.document.title, rows[k][0]);
    assert.match(p.main, /2021 年度报告/);
    assert.equal(p.status, '');
    const plain = await page('#n=3');
    assert.deepEqual(plain.loaded, [`reports/${shardName(0)}`]);
    assert.match(plain.main, /<article class="zwgk-report"/);
    assert.equal(plain.file, rows[2][0]);
    const unreadable = await page(`#n=${rows.findIndex((r) => r[9]) + 1}`);
    assert.equal(unreadable.main, '');
    assert.match(unreadable.status!, /找不到第 \d+ 份报告/);
    const beyond = await page('#n=5000');
    assert.match(beyond.status!, /找不到第 5000 份报告（reports\/004\/00249\.js）/);
    assert.match((await page('')).status!, /链接中没有报告编号/);
    assert.match((await page('#n=abc')).status!, /链接中没有报告编号/);

    // the link changed twice before the first shard came in (back, back): the page ends on the last
    // link's report, each shard given to its own load
    const w = fakeWindow('#n=3');
    await start(w.g);
    w.g.location.hash = '#n=25';
    w.handlers.forEach((f) => f());
    w.g.location.hash = `#n=${k + 1}&carry=1`;
    w.handlers.forEach((f) => f());
    for (let t = 0; t < 200 && w.els.get('file')!.textContent !== rows[k][0]; t++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(w.els.get('file')!.textContent, rows[k][0]);
    assert.match(w.els.get('report')!.innerHTML, /2021 年度报告/);
    assert.equal(w.els.get('status')!.textContent, '');
  });

  test('a page is rendered without source places: the preview\'s HTML less those, nothing else (report text that looks like one stays)', () => {
    const text = report('测试机关', 2021, 1, 0, 1).replace('（文字描述）', 'x data-line="1" data-character="2" y');
    const { doc, diagnostics } = analyze(text);
    const body = renderBody(doc, diagnostics, { lang: 'zh' });
    const without = renderBody(doc, diagnostics, { lang: 'zh', sourcePlaces: false });
    assert.ok(body.includes('data-line="0"'));
    assert.doesNotMatch(without, /data-line="\d|data-character="\d/);
    assert.ok(without.includes('x data-line=&quot;1&quot; data-character=&quot;2&quot; y'));
    assert.equal(without, body.replace(/ data-line="\d+" data-character="\d+"/g, '')); // the same HTML less the places
  });

  test('strict CSP: nothing from elsewhere; the script allowed by its hash, the data next to the page by \'self\'', () => {
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const h = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('base64');
    const table = fs.readFileSync(path.join(out, 'reports.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(table)![1].replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(table)![1];
    assert.ok(csp.includes(`'sha256-${h(script)}'`));
    const data = fs.readFileSync(path.join(out, 'reports.js'));
    assert.match(csp, /script-src 'self' 'sha256-[^']+'$/);
    assert.ok(table.includes('<script src="reports.js"></script>'));
    assert.doesNotMatch(table, /\s(?:src|href)="(?:https?:|\/\/)/);
    // no text of a report can end the data's script
    assert.ok(!data.toString('utf8').includes('</'));
  });
});

describe('unreadable files', () => {
  test('a file removed mid-run is reported, the rest are checked', async () => {
    for (const jobs of ['1', '2']) {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-removed-'));
      try {
        for (let k = 0; k < 200; k++) fs.writeFileSync(path.join(d, `r${String(k).padStart(3, '0')}.txt`), report(`测试${k}局`, 2021, 1, 0, 1));
        const last = path.join(d, 'r199.txt');
        let removed = false;
        const o = await audit([d, '--format', 'jsonl', '--jobs', jobs], {
          progress: true,
          onStderr: () => {
            if (!removed) { fs.rmSync(last); removed = true; } // at the first tick of the progress bar
          },
        });
        assert.ok(removed);
        const lines = o.stdout.trim().split('\n').map((l) => JSON.parse(l));
        const reports = lines.filter((l) => l.type === 'report');
        assert.equal(reports.length, 200);
        const gone = reports.find((r) => r.file === last);
        assert.equal(reports.filter((r) => r.file !== last && r.unreadable === undefined && r.format === '2021').length, 199);
        // With one job the last file is read well after the first tick. With workers it usually is
        // too, but a worker may race ahead of the one holding the first files (a loaded machine):
        // then the file was read before it went, and is a report like the others.
        if (jobs === '1' || gone.unreadable !== undefined) {
          assert.equal(o.code, 2);
          assert.match(gone.unreadable, /不存在/);
          assert.match(o.stderr, /r199\.txt: 文件或目录不存在/);
        } else {
          assert.equal(o.code, 0);
          assert.equal(gone.format, '2021');
        }
      } finally {
        fs.rmSync(d, { recursive: true, force: true });
      }
    }
  });

  test('check streams too: same JSON whatever --jobs, unreadable file reported', () => {
    const a = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--jobs', '1', dir], { encoding: 'utf8' });
    const b = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--jobs', '3', dir], { encoding: 'utf8' });
    assert.equal(a.status, 2);
    assert.equal(b.stdout, a.stdout);
    const files = JSON.parse(a.stdout) as { file: string; diagnostics: { code: string }[] }[];
    assert.equal(files.length, N_FILLER + 3);
    assert.ok(files.find((f) => f.file.endsWith('nul.txt'))!.diagnostics[0].code === 'read-error');
    assert.ok(files.find((f) => f.file.endsWith('a-2022.txt'))!.diagnostics.some((d) => d.code === 'carry-over'));
    const l = spawnSync(process.execPath, [CLI, 'check', '--format', 'jsonl', '--jobs', '2', dir], { encoding: 'utf8' });
    const lines = l.stdout.trim().split('\n').map((x) => JSON.parse(x));
    assert.equal(lines.filter((x) => !x.carryOver).length, N_FILLER + 3);
    assert.ok(lines.some((x) => x.carryOver && x.file.endsWith('a-2022.txt')));
    assert.match(l.stderr, /检查了 72 个文件/);
  });
});

describe('PendingFile: the audit\'s outputs follow the atomic-write rules', () => {
  let d: string;
  before(() => {
    d = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-pending-'));
  });
  after(() => fs.rmSync(d, { recursive: true, force: true }));
  const tmpFiles = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
  const refused = (f: () => unknown, re: RegExp): void => {
    assert.throws(f, (e: unknown) => {
      assert.ok(e instanceof WriteError, String(e));
      assert.match(`${e.reason.zh} | ${e.reason.en}`, re);
      return true;
    });
  };

  test('the data is flushed (fsync) before the rename, the folder after it; the mode of a new file is 0o666 less the umask', () => {
    const out = path.join(d, 'flush.html');
    const calls: string[] = [];
    // the module object itself (this file's `fs` is a namespace of getters over it)
    const { fsyncSync, renameSync } = nodeFs;
    nodeFs.fsyncSync = (fd) => { calls.push('fsync'); fsyncSync(fd); };
    nodeFs.renameSync = (a, b) => { calls.push('rename'); renameSync(a, b); };
    try {
      const f = new PendingFile(out);
      f.write('<p>一</p>');
      f.write('<p>二</p>');
      assert.ok(!fs.existsSync(out), 'nothing at the target before the commit');
      f.commit();
    } finally {
      Object.assign(nodeFs, { fsyncSync, renameSync });
    }
    assert.deepEqual(calls, ['fsync', 'rename', 'fsync']);
    assert.equal(fs.readFileSync(out, 'utf8'), '<p>一</p><p>二</p>');
    assert.equal(fs.statSync(out).mode & 0o777, 0o666 & ~process.umask());
    assert.deepEqual(tmpFiles(d), []);
  });

  test('an existing file keeps its mode; a symbolic link is written through (the link stays, its target changes)', () => {
    const real = path.join(d, 'real.html');
    fs.writeFileSync(real, 'old');
    fs.chmodSync(real, 0o640);
    const sub = path.join(d, 'site');
    fs.mkdirSync(sub);
    const link = path.join(sub, 'index.html');
    fs.symlinkSync('../real.html', link);
    const f = new PendingFile(link);
    assert.equal(path.dirname(f.tmp), d, 'the temporary file lies next to the link\'s target');
    f.write('new');
    f.commit();
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(real, 'utf8'), 'new');
    assert.equal(fs.statSync(real).mode & 0o777, 0o640);
    assert.deepEqual(tmpFiles(d), []);
  });

  test('a read-only file, a FIFO, a device, a folder and an input are refused when the file is started, untouched', () => {
    const ro = path.join(d, 'ro.html');
    fs.writeFileSync(ro, 'old');
    fs.chmodSync(ro, 0o444);
    refused(() => new PendingFile(ro), /只读.*\|.*read-only/);
    assert.equal(fs.readFileSync(ro, 'utf8'), 'old');
    const fifo = path.join(d, 'pipe.html');
    execFileSync('mkfifo', [fifo]);
    refused(() => new PendingFile(fifo), /不是普通文件.*\|.*not a regular file/); // stat only: never opened, so no hang
    assert.ok(fs.statSync(fifo).isFIFO());
    refused(() => new PendingFile('/dev/null'), /不是普通文件/);
    refused(() => new PendingFile(d), /目录.*\|.*folder/);
    const input = path.join(d, 'in.txt');
    fs.writeFileSync(input, '报告');
    fs.symlinkSync('in.txt', path.join(d, 'in-link.html'));
    refused(() => new PendingFile(path.join(d, 'in-link.html'), { notOver: identitiesOf([input]) }), /输入.*\|.*input/);
    assert.equal(fs.readFileSync(input, 'utf8'), '报告');
    assert.deepEqual(tmpFiles(d), []);
  });

  test('commitAll: checked again at the commit; one target made read-only meanwhile, and none is replaced', () => {
    const a = path.join(d, 'a.html');
    const b = path.join(d, 'b.html');
    fs.writeFileSync(a, 'old a');
    fs.writeFileSync(b, 'old b');
    const fa = new PendingFile(a);
    const fb = new PendingFile(b);
    fa.write('new a');
    fb.write('new b');
    fs.chmodSync(b, 0o444); // during the run
    refused(() => PendingFile.commitAll([fa, fb]), /只读/);
    assert.equal(fs.readFileSync(a, 'utf8'), 'old a');
    assert.equal(fs.readFileSync(b, 'utf8'), 'old b');
    assert.deepEqual(tmpFiles(d), []);
    assert.ok(!PendingFile.open.has(fa) && !PendingFile.open.has(fb));
  });
});

describe('Ctrl-C', () => {
  test('SIGINT stops the run, exit 130, and leaves no output file, complete or not; an earlier run\'s files are left as they were', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-sigint-'));
    const out = path.join(d, 'site');
    const page = path.join(d, 'one.html');
    try {
      const src = path.join(d, 'reports');
      fs.mkdirSync(src);
      const texts = fs.readdirSync(SAMPLES).sort().map((f) => fs.readFileSync(path.join(SAMPLES, f)));
      for (let k = 0; k < 3000; k++) fs.writeFileSync(path.join(src, `r${String(k).padStart(4, '0')}.txt`), texts[k % texts.length]);
      // the outputs of an earlier run
      fs.mkdirSync(out);
      const earlier = ['index.html', 'reports.html', 'reports.js'];
      for (const f of earlier) fs.writeFileSync(path.join(out, f), `earlier ${f}`);
      fs.writeFileSync(page, 'earlier page');
      const child = spawn(process.execPath, [CLI, 'audit', src, '--out', out, '--html', page, '--format', 'jsonl', '--jobs', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let lines = 0;
      let stderr = '';
      child.stderr.on('data', (b) => { stderr += b; });
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.on('data', (b: Buffer) => {
          lines += b.toString().split('\n').length - 1;
          if (lines >= 50 && !child.killed) child.kill('SIGINT'); // well under way
        });
        child.on('exit', (c) => resolve(c));
      });
      assert.equal(code, 130, stderr);
      assert.ok(lines < 3000, 'stopped before the end');
      assert.equal(fs.readFileSync(page, 'utf8'), 'earlier page');
      const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
      assert.deepEqual(left.filter((f) => f !== 'reports').sort(), earlier); // no new summary, table or data, not even a temporary one
      for (const f of earlier) assert.equal(fs.readFileSync(path.join(out, f), 'utf8'), `earlier ${f}`);
      const shards = fs.existsSync(path.join(out, 'reports')) ? fs.readdirSync(path.join(out, 'reports')) : [];
      const written = shards.flatMap((d) => fs.readdirSync(path.join(out, 'reports', d)).map((f) => `${d}/${f}`));
      assert.ok(written.every((f) => /^\d{3}\/\d{5}(\.carry)?\.js$/.test(f)), written.filter((f) => !/^\d{3}\/\d{5}(\.carry)?\.js$/.test(f)).join(' '));
      for (const f of written) { // each complete
        let data: unknown;
        vm.runInNewContext(fs.readFileSync(path.join(out, 'reports', f), 'utf8'), { ZWGK_SHARD: (x: unknown) => { data = x; }, ZWGK_CARRY: (x: unknown) => { data = x; } });
        assert.ok(data, f);
      }
      assert.deepEqual(fs.readdirSync(d).filter((f) => f.endsWith('.tmp')), []);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  test('SIGKILL at any instant while the outputs are written: each is the earlier file or the new one, whole', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-sigkill-'));
    try {
      const src = path.join(d, 'reports');
      fs.mkdirSync(src);
      const texts = fs.readdirSync(SAMPLES).sort().map((f) => fs.readFileSync(path.join(SAMPLES, f)));
      for (let k = 0; k < 300; k++) fs.writeFileSync(path.join(src, `r${String(k).padStart(3, '0')}.txt`), texts[k % texts.length]);
      const out = path.join(d, 'site');
      const page = path.join(d, 'one.html');
      const files = [page, ...['index.html', 'reports.html', 'reports.js', 'report.css', 'report.html', 'report.js'].map((f) => path.join(out, f))];
      const viewer = fs.readFileSync(path.join(ROOT, 'dist', 'audit-report.js'), 'utf8');
      const whole = (f: string, text: string): boolean => path.basename(f) === 'report.js' ? text === viewer : (f.endsWith('.js') ? /^window\.ZWGK_AUDIT=[^]*\};\n$/ : f.endsWith('.css') ? /^[^]*\}\n$/ : /^<!DOCTYPE html>[^]*<\/html>\n$/).test(text);
      const outcomes: string[] = [];
      let window = 0; // from the first temporary file to the end, measured by the first run (not killed)
      for (let run = 0; run < 7; run++) {
        fs.mkdirSync(out, { recursive: true });
        for (const f of files) fs.writeFileSync(f, 'earlier');
        const inodes = files.map((f) => fs.statSync(f).ino);
        const child = spawn(process.execPath, [CLI, 'audit', src, '--out', out, '--html', page, '--jobs', '2'], { stdio: 'ignore' });
        const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
        let done = false;
        void exited.then(() => (done = true));
        // once the outputs are started (a temporary file next to the page): odd runs are killed as soon
        // as one of the site's files is replaced (the others are being renamed), even ones at an instant of the window
        let started = 0;
        let deadline = Infinity;
        while (!done) {
          if (!started && fs.readdirSync(d).some((f) => f.endsWith('.tmp'))) {
            started = Date.now();
            if (run && run % 2 === 0) deadline = started + (window * (run + 2)) / 8;
          }
          const replaced = run % 2 === 1 && started && files.some((f, k) => k > 0 && fs.statSync(f, { throwIfNoEntry: false })?.ino !== inodes[k]);
          if (run && (replaced || Date.now() >= deadline)) {
            child.kill('SIGKILL');
            break;
          }
          await new Promise((r) => setImmediate(r));
        }
        await exited;
        if (run === 0) window = Date.now() - started;
        for (const f of files) {
          const text = fs.readFileSync(f, 'utf8');
          outcomes.push(text === 'earlier' ? 'earlier' : whole(f, text) ? 'new' : `${path.basename(f)}: neither (${text.length} characters)`);
        }
      }
      assert.deepEqual(outcomes.slice(0, files.length), files.map(() => 'new'), 'a run not killed writes every output whole');
      assert.deepEqual(outcomes.filter((o) => o !== 'earlier' && o !== 'new'), [], outcomes.join(', '));
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});

test('organ level from the name', () => {
  const cases: [string | null, string][] = [
    ['广东省人民政府', 'province'], ['北京市人民政府', 'province'], ['内蒙古自治区人民政府', 'province'],
    ['深圳市人民政府', 'city'], ['延边朝鲜族自治州人民政府', 'city'],
    ['南山区人民政府', 'county'], ['某县人民政府', 'county'],
    ['某镇人民政府', 'township'], ['某乡人民政府', 'township'], ['某某街道办事处', 'township'],
    ['某市教育局', 'department'], ['某县人民政府办公室', 'department'], ['某省发展和改革委员会', 'department'],
    [null, 'unknown'], ['', 'unknown'],
  ];
  for (const [name, level] of cases) assert.equal(organLevel(name), level, String(name));
});

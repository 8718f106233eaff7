// `zwgk-report audit`, in-process: a temporary folder with the five samples, a GB18030 copy, and a
// generated pair of one organ's consecutive years whose carry-over disagrees.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as iconv from 'iconv-lite';
import { run, type AuditResult } from '../../server/src/cli/audit';
import { CARRIED, report, req, setRow } from '../core/reports';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'test/fixtures/samples');

interface Out { code: number; stdout: string; stderr: string }

async function audit(argv: string[], lang: 'zh' | 'en' = 'zh', progress = false): Promise<Out> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, lang, isTTY: false, progress });
  return { code, stdout, stderr };
}

let dir: string;
const ORGAN = '测试县人民政府办公室';

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-audit-'));
  fs.mkdirSync(path.join(dir, 'samples'));
  for (const f of fs.readdirSync(SAMPLES)) fs.copyFileSync(path.join(SAMPLES, f), path.join(dir, 'samples', f));
  fs.mkdirSync(path.join(dir, 'gen', 'deep'), { recursive: true });
  // 2021: 5 received, 3 handled, 2 carried forward. 2022 says it carried over 3 (natural persons).
  fs.writeFileSync(path.join(dir, 'gen', 'a-2021.txt'), report(ORGAN, 2021, 5, 0, 3));
  fs.writeFileSync(path.join(dir, 'gen', 'deep', 'b-2022.zwgk'), setRow(report(ORGAN, 2022, 4, 3, 7), CARRIED, req(3)));
  // the same 2021-format report saved as GB18030, by an organ whose name would be markup
  fs.writeFileSync(path.join(dir, 'gen', 'c-gbk.txt'), iconv.encode(report('测试<b>局</b>', 2021, 1, 0, 1), 'gb18030'));
  fs.writeFileSync(path.join(dir, 'gen', 'ignored.md'), '# not a report');
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('audit --format json', () => {
  let res: AuditResult;
  let out: Out;
  before(async () => {
    out = await audit([dir, '--format', 'json']);
    res = JSON.parse(out.stdout);
  });

  test('one row per report file, in name order; exit 1 (the samples have errors)', () => {
    assert.equal(out.code, 1);
    assert.deepEqual(res.reports.map((r) => path.relative(dir, r.file).split(path.sep).join('/')), [
      'gen/a-2021.txt', 'gen/c-gbk.txt', 'gen/deep/b-2022.zwgk',
      ...fs.readdirSync(SAMPLES).sort().map((f) => `samples/${f}`),
    ]);
    assert.equal(res.totals.files, 8);
    assert.equal(res.totals.reports, 8);
  });

  test('rows: organ, year, format, errors and warnings by rule (the samples as the core sees them)', () => {
    const row = (name: string) => res.reports.find((r) => r.file.endsWith(name))!;
    const s000 = row('000_b9f34f200907864a.txt');
    assert.deepEqual([s000.organ, s000.year, s000.format, s000.errors, s000.warnings], ['济宁市人民政府办公室', 2020, '2019', 0, 6]);
    assert.deepEqual(s000.rules, { 'section-numbering': { errors: 0, warnings: 6 } });
    const s003 = row('003_f66fc89e634cbc5e.txt');
    assert.deepEqual(s003.rules, { 'sum-parent': { errors: 2, warnings: 0 } });
    const a = row('a-2021.txt');
    assert.deepEqual([a.organ, a.year, a.format, a.errors, a.warnings, a.information], [ORGAN, 2021, '2021', 0, 0, 0]);
    const c = row('c-gbk.txt');
    assert.equal(c.encoding, 'gb18030');
    assert.equal(c.organ, '测试<b>局</b>');
    assert.equal(c.errors + c.warnings, 0);
  });

  test('carry-over between the generated pair: errors on the 2022 report, pointing into the 2021 one', () => {
    const b = res.reports.find((r) => r.file.endsWith('b-2022.zwgk'))!;
    assert.deepEqual(b.rules, { 'carry-over': { errors: 2, warnings: 0 } });
    assert.equal(b.errors, 2);
    const p = b.problems.filter((x) => x.code === 'carry-over');
    assert.equal(p.length, 2);
    assert.ok(p.every((x) => x.related?.[0].file.endsWith('a-2021.txt')));
    assert.match(p[0].message, /上年结转（自然人列）为 3，但 2021 年度报告/);
    assert.deepEqual(res.totals.rules['carry-over'], { errors: 2, warnings: 0 });
    assert.equal(res.totals.errors, res.reports.reduce((n, r) => n + r.errors, 0));
  });
});

describe('audit --html', () => {
  let html: string;
  let out: Out;
  before(async () => {
    const file = path.join(dir, 'out', 'audit.html');
    out = await audit([dir, '--html', file], 'zh');
    html = fs.readFileSync(file, 'utf8');
  });

  test('text output on stdout, the page written', () => {
    assert.equal(out.code, 1);
    assert.match(out.stdout, /共 8 个文件，8 份报告/);
    assert.match(out.stdout, /carry-over/);
    assert.match(out.stderr, /已写入/);
  });

  test('a sortable table with one row per file, each linking to its rendered report', () => {
    const rows = html.match(/<tr class="report-row[^"]*"/g) ?? [];
    assert.equal(rows.length, 8);
    assert.match(html, /<table class="sortable" id="audit-table">/);
    assert.equal((html.match(/<th scope="col" data-sort="(?:num|text)"><button type="button">/g) ?? []).length, 7);
    for (let k = 1; k <= 8; k++) {
      assert.ok(html.includes(`<a href="#r-${k}">`), `link r-${k}`);
      assert.ok(html.includes(`<section class="audit-report" id="r-${k}">`), `section r-${k}`);
    }
    assert.equal((html.match(/<article class="zwgk-report"/g) ?? []).length, 8);
    // the carry-over problem links to the other report's section
    const b = html.indexOf('b-2022.zwgk</h2>');
    assert.ok(b > 0);
    assert.match(html.slice(b, b + 2000), /<ul class="across"><li class="sev-error">.*<a href="#r-1">/);
  });

  test('the chart: an inline SVG bar per rule with defects', () => {
    assert.match(html, /<figure class="chart">.*<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/s);
    for (const id of ['carry-over', 'section-numbering', 'sum-parent', 'table-shape']) assert.ok(html.includes(`<g class="bar" data-rule="${id}">`), id);
  });

  test('self-contained: nothing loaded, style and script allowed by their hashes', () => {
    assert.doesNotMatch(html, /\s(?:src|href)="(?!#)/);
    assert.doesNotMatch(html, /@import|url\(/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    const h = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
    assert.ok(csp.includes(`style-src 'sha256-${h(style)}'`));
    assert.ok(csp.includes(`script-src 'sha256-${h(script)}'`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.equal((html.match(/<style/g) ?? []).length, 1);
  });

  test('report text is escaped', () => {
    assert.ok(!html.includes('测试<b>局'));
    assert.ok(html.includes('测试&lt;b&gt;局&lt;/b&gt;'));
  });
});

describe('usage and progress', () => {
  test('bad usage exits 2', async () => {
    assert.equal((await audit([])).code, 2);
    assert.equal((await audit([dir, '--format', 'xml'])).code, 2);
    assert.equal((await audit([dir, '--bogus'])).code, 2);
    assert.equal((await audit([dir, '--html'])).code, 2);
    assert.equal((await audit([path.join(dir, 'nope')])).code, 2);
    const h = await audit(['--help'], 'en');
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Usage: zwgk-report audit/);
  });

  test('no errors: exit 0; --rule changes severities', async () => {
    const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-audit-clean-'));
    try {
      fs.writeFileSync(path.join(clean, 'a.txt'), report(ORGAN, 2021, 5, 0, 3));
      fs.writeFileSync(path.join(clean, 'b.txt'), setRow(report(ORGAN, 2022, 4, 3, 7), CARRIED, req(3)));
      assert.equal((await audit([clean])).code, 1);
      const r = await audit([clean, '--rule', 'carry-over=warning', '--format', 'json']);
      assert.equal(r.code, 0);
      assert.equal(JSON.parse(r.stdout).totals.warnings, 2);
    } finally {
      fs.rmSync(clean, { recursive: true, force: true });
    }
  });

  test('a progress bar on stderr for many files when asked (stderr a terminal)', async () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-audit-many-'));
    try {
      for (let k = 0; k < 25; k++) fs.writeFileSync(path.join(many, `r${String(k).padStart(2, '0')}.txt`), report(`测试${k}局`, 2021, k, 0, k));
      const withBar = await audit([many, '--format', 'json'], 'en', true);
      assert.match(withBar.stderr, /\rAuditing \[#+\] 25\/25\nAudited 25 files: 0 errors, 0 warnings; 0 reports with errors \(\d+\.\d s, \d+ reports\/s\)\n$/);
      assert.equal(JSON.parse(withBar.stdout).reports.length, 25);
      const without = await audit([many, '--format', 'json'], 'en', false);
      assert.match(without.stderr, /^Audited 25 files: [^\n]*\n$/); // the summary line only
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });
});

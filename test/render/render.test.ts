// The renderer without a browser: escaping, the header-grid builder, a property test (any text
// renders, only our own tags and attributes come out), and the `render` CLI command.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { analyze, spec } from '../../server/src/core';
import { esc, headerGrid, renderBody, renderStandalone } from '../../server/src/render/html';
import { run } from '../../server/src/cli/render';
import { sample, SAMPLES, sampleFiles } from './browser';

const TAGS = new Set(['article', 'details', 'summary', 'ul', 'li', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'p', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br']);
const ATTRS = new Set(['class', 'data-line', 'data-character', 'data-severity', 'title', 'data-msg', 'colspan', 'rowspan', 'scope', 'lang', 'open']);

/** Every tag and attribute in the HTML is one the renderer writes; no raw < > inside text. */
function assertOnlyOurMarkup(html: string): void {
  const tagRe = /<\/?([a-zA-Z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/g;
  let last = 0;
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    const between = html.slice(last, m.index);
    assert.ok(!/[<>]/.test(between), `raw < or > in text: ${between.slice(0, 80)}`);
    assert.ok(TAGS.has(m[1]), `unexpected tag <${m[1]}>`);
    for (const a of m[2].matchAll(/\s+([a-z-]+)(?:="([^"]*)")?/g)) {
      assert.ok(ATTRS.has(a[1]), `unexpected attribute ${a[1]} on <${m[1]}>`);
      if (a[2] !== undefined) assert.ok(!/[<>"']/.test(a[2]), `unescaped attribute value ${a[2]}`);
    }
    last = m.index + m[0].length;
  }
  assert.ok(!/[<>]/.test(html.slice(last)));
}

describe('render: escaping and layout helpers', () => {
  it('esc escapes & < > " \' and drops control characters', () => {
    assert.equal(esc(`<a href="x" title='y'>&amp;</a>\u0000\u0007`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    assert.equal(esc('中文\t\n'), '中文\t\n');
  });

  it('headerGrid merges shared prefixes and spans short paths down', () => {
    const g = headerGrid(spec.REQUEST_COLUMNS.map((c) => c.path));
    assert.deepEqual(g.map((r) => r.map((c) => [c.text, c.colspan, c.rowspan])), [
      [['申请人情况', 7, 1]],
      [['自然人', 1, 2], ['法人或其他组织', 5, 1], ['总计', 1, 2]],
      [['商业企业', 1, 1], ['科研机构', 1, 1], ['社会公益组织', 1, 1], ['法律服务机构', 1, 1], ['其他', 1, 1]],
    ]);
    const r = headerGrid(spec.REVIEW_COLUMNS.map((c) => c.path));
    assert.deepEqual(r[0].map((c) => [c.text, c.colspan, c.rowspan]), [['行政复议', 5, 1], ['行政诉讼', 10, 1]]);
    assert.deepEqual(r[1].map((c) => [c.text, c.colspan, c.rowspan]).slice(4), [['总计', 1, 2], ['未经复议直接起诉', 5, 1], ['复议后起诉', 5, 1]]);
    assert.equal(r[2].length, 10);
  });

  it('the samples render with only our own markup, in both languages', () => {
    for (const f of sampleFiles()) {
      const { doc, diagnostics } = analyze(sample(f.slice(0, 3)));
      for (const lang of ['zh', 'en'] as const) assertOnlyOurMarkup(renderBody(doc, diagnostics, { lang }));
    }
  });

  it('any text renders without throwing, with only our own markup (property)', () => {
    const labels = [
      ...spec.REQUEST_ROWS['2021'].map((r) => r.label), ...spec.REQUEST_HEADER_LABELS, ...spec.REVIEW_HEADER_LABELS,
      ...spec.ACTIVE_BLOCKS['2019'].flatMap((b) => [b.title, ...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]),
      ...spec.SECTIONS.map((s) => `${s.numeral}、${s.title}`), '信息内容', '统计指标', '单位', '统计数', '一、主动公开情况', '（一）', '1.', '其中：',
      '某某局2021年政府信息公开工作年度报告', '', '0', '12', '-3', '1.5', '万元', '<script>x</script>', '"><img src=x onerror=y>', "'&<>",
    ];
    const piece = fc.oneof(fc.constantFrom(...labels), fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 999 }).map(String));
    const line = fc.tuple(fc.constantFrom('', '\t', '\t', '　　', '        '), piece, fc.constantFrom('', '', ' ', '\t', '<b>')).map((p) => p.join(''));
    fc.assert(fc.property(fc.array(line, { maxLength: 80 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const { doc, diagnostics } = analyze(lines.join(eol));
      assertOnlyOurMarkup(renderBody(doc, diagnostics, { lang: 'zh' }));
    }), { numRuns: 300 });
  });

  it('the standalone page has a CSP with the hash of its stylesheet and no script', () => {
    const { doc, diagnostics } = analyze(sample('000'));
    const html = renderStandalone(doc, diagnostics, { lang: 'zh' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hash = require('crypto').createHash('sha256').update(style, 'utf8').digest('base64');
    assert.ok(html.includes(`style-src &#39;sha256-${hash}&#39;`));
    assert.ok(html.includes('default-src &#39;none&#39;'));
    assert.ok(!/<script/i.test(html));
    assert.ok(!/\son[a-z]+=/i.test(html));
  });
});

describe('render: the CLI command', () => {
  const out: string[] = [];
  const err: string[] = [];
  const io = (lang: 'zh' | 'en' = 'zh') => ({ stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), lang, isTTY: false });
  const reset = () => {
    out.length = 0;
    err.length = 0;
  };
  const file000 = path.join(SAMPLES, sampleFiles().find((f) => f.startsWith('000'))!);

  it('writes a standalone HTML file with --html', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zwgk-render-'));
    try {
      reset();
      const target = path.join(dir, 'sub', 'out.html');
      assert.equal(await run([file000, '--html', target], io()), 0);
      const html = readFileSync(target, 'utf8');
      assert.match(html, /^<!DOCTYPE html>/);
      assert.equal((html.match(/<table /g) ?? []).length, 3);
      assert.match(err.join(''), /已生成/);
      assert.equal(out.join(''), '');
      reset();
      assert.equal(await run(['render', `--html=${target}`, '--title', 'T<1>', file000], io('en')), 0);
      assert.match(readFileSync(target, 'utf8'), /<title>T&lt;1&gt;<\/title>/);
      assert.match(err.join(''), /^Wrote /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes to standard output without --html; reads GB18030', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zwgk-render-'));
    try {
      reset();
      assert.equal(await run([file000], io()), 0);
      const utf8 = out.join('');
      assert.match(utf8, /济宁市人民政府办公室/);
      const gb = path.join(dir, 'gb.txt');
      writeFileSync(gb, iconv.encode(readFileSync(file000, 'utf8'), 'gb18030'));
      reset();
      assert.equal(await run([gb], io()), 0);
      assert.equal(out.join(''), utf8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 2 on bad usage or an unreadable file; --help', async () => {
    reset();
    assert.equal(await run([], io()), 2);
    assert.match(err.join(''), /缺少输入文件/);
    reset();
    assert.equal(await run(['/nonexistent/report.txt'], io('en')), 2);
    assert.match(err.join(''), /no such file/);
    reset();
    assert.equal(await run([file000, '--bogus'], io()), 2);
    reset();
    assert.equal(await run([file000, file000], io()), 2);
    reset();
    assert.equal(await run([file000, '--html'], io()), 2);
    reset();
    assert.equal(await run([file000, '--format-version', '2020'], io()), 2);
    reset();
    assert.equal(await run(['--help'], io('en')), 0);
    assert.match(out.join(''), /Usage: zwgk-report render/);
  });
});

// Hover, symbols, folding, semantic tokens, formatting, inlay hints and the document cache, through
// the real protocol (stdio).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyEdits, parse } from '../../server/src/core';
import { decodeTokens, sample, setLine, TestClient, uriOf, type LspEdit, type Rng } from './lspClient';

interface Sym { name: string; kind: number; detail?: string; range: Rng; selectionRange: Rng; children?: Sym[] }

const values = (text: string) => parse(text).tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => (c.kind === 'text' ? c.raw : c.value))));

describe('language features over the protocol', () => {
  let c: TestClient;
  const u2 = uriOf('002.zwgk');
  const u3 = uriOf('003.zwgk');
  before(async () => {
    c = await TestClient.start({ locale: 'zh-cn', settings: { inlayHints: { enabled: true } } });
    await c.openAndCheck(u2, sample('002'));
    await c.openAndCheck(u3, sample('003'));
  });
  after(async () => { await c.stop(); });

  it('hover: label paths, value and the formula of a total', async () => {
    const h = await c.request<{ contents: { kind: string; value: string }; range: Rng }>('textDocument/hover',
      { textDocument: { uri: u2 }, position: { line: 251, character: 1 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.ok(h.contents.value.includes('三、本年度办理结果 › （四）无法提供 › 1.本机关不掌握相关政府信息 × 申请人情况 › 法人或其他组织 › 商业企业'), h.contents.value);
    assert.match(h.contents.value, /数值: 2/);
    assert.equal(h.range.start.line, 251);

    const tot = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: u2 }, position: { line: 256, character: 1 } });
    assert.ok(tot.contents.value.includes('2 = 0 + 2 + 0 + 0 + 0 + 0'), tot.contents.value);
    assert.match(tot.contents.value, /合计正确/);

    const wrong = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: u3 }, position: { line: 464, character: 1 } });
    const d3 = c.published.get(u3)!.diagnostics.find((d) => d.code === 'sum-parent')!;
    const pos = d3.range.start;
    const w2 = pos.line === 464 && pos.character === 1 ? wrong : await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: u3 }, position: pos });
    assert.match(w2.contents.value, /应为 106/);
    assert.match(w2.contents.value, /106 = /);

    const none = await c.request('textDocument/hover', { textDocument: { uri: u2 }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  it('document symbols: sections with their tables', async () => {
    const syms = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri: u2 } });
    const sections = syms.filter((s) => s.kind === 3); // Namespace
    assert.deepEqual(sections.map((s) => s.name), [
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    const tables = (s: Sym) => (s.children ?? []).filter((x) => x.kind === 23).map((x) => x.name);
    assert.deepEqual(tables(sections[1]), ['主动公开政府信息情况表']);
    assert.deepEqual(tables(sections[2]), ['收到和处理政府信息公开申请情况表']);
    assert.deepEqual(tables(sections[3]), ['政府信息公开行政复议、行政诉讼情况表']);
    assert.ok(sections[0].children!.some((x) => x.name.startsWith('（一）')), 'sub-headings under their section');
    const t2 = sections[2].children!.find((x) => x.kind === 23)!;
    assert.equal(t2.children!.length, 23);
    assert.equal(t2.children!.find((r) => r.name === '（七）总计')!.range.start.line, 345);
    const s3 = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri: u3 } });
    assert.ok(s3.flatMap((s) => s.children ?? []).some((x) => x.name === '统计表'));
  });

  it('folding ranges: sections, tables and multi-line rows', async () => {
    const f = await c.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: u2 } });
    const has = (a: number, pred: (e: number) => boolean) => f.some((x) => x.startLine === a && pred(x.endLine));
    assert.ok(has(103, (e) => e >= 362 && e <= 364), 'section 三');
    assert.ok(has(345, (e) => e === 353), 'row （七）总计');
    assert.ok(f.some((x) => x.startLine === 104 || x.startLine === 105), 'table 二');
    assert.ok(f.every((x) => x.endLine > x.startLine));
  });

  it('semantic tokens: labels, figures, totals, invalid totals, headings', async () => {
    const legend = c.initResult.capabilities.semanticTokensProvider.legend;
    assert.deepEqual(legend.tokenTypes, ['namespace', 'property', 'type', 'number', 'string', 'comment']);
    assert.deepEqual(legend.tokenModifiers, ['readonly', 'total', 'invalid', 'outOfOrder']);
    const r = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: u3 } });
    assert.ok(r.data.length > 0 && r.data.length % 5 === 0);
    const toks = decodeTokens(r.data, legend);
    const lines = sample('003').split('\n');
    for (const t of toks) assert.ok(t.char + t.length <= lines[t.line].replace(/\r$/, '').length, `token inside its line ${t.line}`);
    const at = (line: number) => toks.filter((t) => t.line === line);
    assert.ok(at(464).some((t) => t.type === 'number' && t.modifiers.includes('total') && t.modifiers.includes('invalid')));
    assert.ok(at(6).some((t) => t.type === 'namespace'), 'section heading 一、');
    assert.ok(toks.some((t) => t.type === 'property'), 'row labels');
    assert.ok(toks.some((t) => t.type === 'type'), 'column labels');
    assert.ok(toks.some((t) => t.type === 'number' && t.modifiers.includes('readonly') && !t.modifiers.includes('invalid')), 'correct totals');
    assert.ok(toks.some((t) => t.type === 'comment'), 'conversion debris');
    // range request: only tokens of those lines
    const rr = await c.request<{ data: number[] }>('textDocument/semanticTokens/range',
      { textDocument: { uri: u3 }, range: { start: { line: 460, character: 0 }, end: { line: 470, character: 0 } } });
    const rt = decodeTokens(rr.data, legend);
    assert.ok(rt.length > 0 && rt.every((t) => t.line >= 460 && t.line <= 470));
  });

  it('a section heading out of order is marked', async () => {
    const u = uriOf('order.zwgk');
    const lines = sample('002').split('\n');
    // swap the headings of 五 and 六
    const t = setLine(setLine(lines.join('\n'), 411, lines[418].replace(/\r$/, '')), 418, lines[411].replace(/\r$/, ''));
    const d = await c.openAndCheck(u, t);
    assert.ok(d.some((x) => x.code === 'section-order'));
    const legend = c.initResult.capabilities.semanticTokensProvider.legend;
    const toks = decodeTokens((await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: u } })).data, legend);
    assert.ok(toks.some((x) => x.type === 'namespace' && x.modifiers.includes('outOfOrder')));
    await c.close(u);
  });

  it('inlay hints: the column name before each figure', async () => {
    const h = await c.request<{ position: { line: number; character: number }; label: string }[]>('textDocument/inlayHint',
      { textDocument: { uri: u2 }, range: { start: { line: 120, character: 0 }, end: { line: 140, character: 0 } } });
    const at = (line: number) => h.find((x) => x.position.line === line)?.label;
    assert.equal(at(122), '自然人:');
    assert.equal(at(123), '商业企业:');
    assert.equal(at(128), '总计:');
    assert.ok(h.every((x) => x.position.line >= 120 && x.position.line <= 140));
    const review = await c.request<{ position: { line: number }; label: string }[]>('textDocument/inlayHint',
      { textDocument: { uri: u2 }, range: { start: { line: 394, character: 0 }, end: { line: 408, character: 0 } } });
    assert.ok(review.find((x) => x.position.line === 399)!.label.includes('未经复议直接起诉'), 'ambiguous names get their group');
  });

  it('formatting normalises cells and keeps every figure', async () => {
    for (const n of ['000', '001', '002', '003', '004']) {
      const text = sample(n);
      const u = uriOf(`fmt-${n}.zwgk`);
      await c.openAndCheck(u, text);
      const edits = await c.request<LspEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: false } });
      const out = applyEdits(text, edits);
      assert.deepEqual(values(out), values(text), `sample ${n}: same figures`);
      // prose untouched: only table lines change
      const doc = parse(text);
      for (const e of edits) assert.ok(doc.tables.some((t) => e.range.start.line >= t.startLine && e.range.end.line <= t.endLine), `edit in a table (${n} line ${e.range.start.line})`);
      if (n === '002') assert.equal(out.split('\n')[74], '\t-2');
      // value cells only: labels keep their (hierarchy) indentation
      for (const e of edits) {
        const was = text.split('\n')[e.range.start.line].slice(e.range.start.character, e.range.end.character).trim();
        assert.match(was, /^$|^[-－—–+＋]?\s*[0-9０-９]/, `only figures are rewritten (${n} line ${e.range.start.line})`);
      }
      await c.close(u);
    }
    // stray spaces, full-width digits and minus; blank stays blank unless asked
    let t = sample('002');
    t = setLine(t, 122, '\t １２ ');
    t = setLine(t, 79, '\t－１９\u3000');
    t = setLine(t, 124, '\t  ');
    const u = uriOf('fmt-x.zwgk');
    await c.openAndCheck(u, t);
    const edits = await c.request<LspEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: false } });
    const out = applyEdits(t, edits).split('\n');
    assert.equal(out[122], '\t12');
    assert.equal(out[79], '\t-19');
    assert.equal(out[124], '\t');
    assert.deepEqual(values(applyEdits(t, edits)), values(t));
    // the fill-blank command writes 0 there
    const r = await c.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'zwgk-report.server.fillBlankCells', arguments: [u] });
    assert.equal(r.applied, true);
    assert.equal(c.texts.get(u)!.split('\n')[124], '\t0');
    await c.close(u);
  });

  it('parses once per version: features after a check do not parse again', async () => {
    const s0 = await c.request<{ parses: number; checks: number }>('zwgk-report/cacheStats', null);
    await c.request('textDocument/hover', { textDocument: { uri: u2 }, position: { line: 251, character: 1 } });
    await c.request('textDocument/documentSymbol', { textDocument: { uri: u2 } });
    await c.request('textDocument/foldingRange', { textDocument: { uri: u2 } });
    await c.request('textDocument/semanticTokens/full', { textDocument: { uri: u2 } });
    await c.request('textDocument/inlayHint', { textDocument: { uri: u2 }, range: { start: { line: 0, character: 0 }, end: { line: 400, character: 0 } } });
    const s1 = await c.request<{ parses: number; checks: number }>('zwgk-report/cacheStats', null);
    assert.equal(s1.parses, s0.parses);
    assert.equal(s1.checks, s0.checks);
  });
});

describe('document symbols follow a change of settings (issue 14.3: the outline in the chosen language)', () => {
  it('registered dynamically, and registered anew on workspace/didChangeConfiguration so the outline is asked again', async () => {
    const c = await TestClient.start({ locale: 'en', dynamicSymbols: true, settings: { language: 'en' } });
    try {
      const u = uriOf('lang.zwgk');
      await c.openAndCheck(u, sample('002'));
      assert.equal(c.initResult.capabilities.documentSymbolProvider, undefined, 'not static when the client registers it');
      const symbols = () => c.registrations.filter((r) => r.method === 'textDocument/documentSymbol');
      await waitUntil(() => symbols().length === 1);
      const names = async () => JSON.stringify(await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri: u } }));
      assert.match(await names(), /Requests received and handled table/);
      c.settings = { language: 'zh' };
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      await waitUntil(() => symbols().length === 2 && c.unregistrations.some((r) => r.id === symbols()[0].id));
      assert.match(await names(), /收到和处理政府信息公开申请情况表/);
    } finally {
      await c.stop();
    }
  });
});

async function waitUntil(f: () => boolean, timeout = 5000): Promise<void> {
  const end = Date.now() + timeout;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

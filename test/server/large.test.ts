// Large reports (issue 17): past zwgk-report.largeReportSize a report is checked on open, on save
// and after a pause, not per keystroke; each keystroke is answered at once with the last check's
// diagnostics carried to their new lines; semantic tokens by range only, features from the last
// check's model with lines carried through the edits. And a 10 MB report typed into over the
// protocol: answered, diagnostics capped with the summary, no crash (timings: npm run bench).
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { backLine, forwardDiagnostics, forwardLine, lineEditsOf } from '../../server/src/lsp/largeReports';
import type { Diagnostic } from '../../server/src/core';
import { decodeTokens, sample, TestClient, uriOf, type LspDiag } from './lspClient';

const at = (line: number, character = 0) => ({ line, character });
const key = (d: LspDiag) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('line edits', () => {
  test('lineEditsOf: lines written per change; a whole-text change loses the positions', () => {
    assert.deepEqual(lineEditsOf([{ range: { start: at(3, 1), end: at(5, 0) }, text: 'a\nb' }]), [{ start: 3, oldEnd: 5, newEnd: 4 }]);
    assert.deepEqual(lineEditsOf([{ range: { start: at(3), end: at(3) }, text: 'x\r\ny\rz\n' }]), [{ start: 3, oldEnd: 3, newEnd: 6 }]);
    assert.equal(lineEditsOf([{ text: 'all' }]), undefined);
  });

  test('forwardLine / backLine: lines above unchanged, below moved, touched ones have no place', () => {
    const edits = lineEditsOf([
      { range: { start: at(10), end: at(10) }, text: '\n\n' }, // two lines inserted at 10
      { range: { start: at(20), end: at(23) }, text: '' }, // lines 20-23 of that text joined into one
    ])!;
    assert.equal(forwardLine(edits, 5), 5);
    assert.equal(forwardLine(edits, 10), undefined);
    assert.equal(forwardLine(edits, 11), 13);
    assert.equal(forwardLine(edits, 17), 19);
    assert.equal(forwardLine(edits, 18), undefined); // 18 → 20, joined
    assert.equal(forwardLine(edits, 30), 29);
    assert.equal(backLine(edits, 29), 30);
    assert.equal(backLine(edits, 13), 11);
    assert.equal(backLine(edits, 5), 5);
    for (let l = 0; l < 40; l++) {
      const f = forwardLine(edits, l);
      if (f !== undefined) assert.equal(backLine(edits, f), l, `line ${l}`);
    }
  });

  test('forwardDiagnostics: moved, the touched ones dropped but the summary kept, from a given edit on', () => {
    const d = (code: string, line: number): Diagnostic => ({ code, severity: 'error', message: { zh: '', en: '' }, range: { start: at(line, 1), end: at(line, 2) } });
    const edits = lineEditsOf([{ range: { start: at(0), end: at(0) }, text: '\n' }, { range: { start: at(5), end: at(5) }, text: '\n' }])!;
    const out = forwardDiagnostics([d('too-many-problems', 0), d('a', 3), d('b', 4), d('c', 9)], edits, 0, (x) => x.code === 'too-many-problems');
    assert.deepEqual(out.map((x) => `${x.code}${x.range.start.line}`), ['too-many-problems0', 'a4', 'c11']);
    assert.deepEqual(forwardDiagnostics([d('a', 3)], edits, 1, () => false).map((x) => x.range.start.line), [3]);
  });
});

describe('large-report mode over the protocol', () => {
  it('checked on open and after a pause; each keystroke answered with the diagnostics carried; no parse per keystroke; features by carried lines', async () => {
    // sample 003 is 14.5 KB: a 10 KB limit makes it a large report
    const c = await TestClient.start({ settings: { largeReportSize: 0.01, inlayHints: { enabled: true } } });
    try {
      const u = uriOf('large.zwgk');
      const v1 = await c.openAndCheck(u, sample('003'));
      const s = await c.status(u);
      assert.deepEqual((s as { large?: unknown }).large, { limitMB: 0.01, onSave: false });
      const legend = c.initResult.capabilities.semanticTokensProvider.legend;

      // the whole document's tokens are refused (the client then asks for the visible range)
      await assert.rejects(c.request('textDocument/semanticTokens/full', { textDocument: { uri: u } }), (e: { code?: number }) => e.code === -32802);
      const range = { start: at(95), end: at(130) };
      const tok1 = decodeTokens((await c.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri: u }, range })).data, legend);
      const hints1 = await c.request<{ position: { line: number; character: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri: u }, range });
      assert.ok(tok1.length > 10 && hints1.length > 10);
      const parses = (await c.request<{ parses: number }>('zwgk-report/cacheStats', null)).parses;

      // a line inserted at 50 (a blank line of the narrative), then a figure typed at line 101 (100 before)
      const v2 = await c.change(u, [{ range: { start: at(50), end: at(50) }, newText: '\n' }]);
      const d2 = await c.diagnostics(u, v2, 5000);
      const v3 = await c.change(u, [{ range: { start: at(101, 1), end: at(101, 2) }, newText: '5' }]);
      const d3 = await c.diagnostics(u, v3, 5000);
      const moved = (d: LspDiag, by: number): LspDiag => ({ ...d, range: { start: { ...d.range.start, line: d.range.start.line + by }, end: { ...d.range.end, line: d.range.end.line + by } } });
      const expected = v1.filter((d) => d.range.start.line !== 50).map((d) => (d.range.start.line > 50 ? moved(d, 1) : d));
      assert.deepEqual(d2.map(key), expected.map(key));
      assert.deepEqual(d3.map(key), expected.filter((d) => d.range.start.line !== 101).map(key), 'the figure typed is not checked yet');
      assert.equal((await c.request<{ parses: number }>('zwgk-report/cacheStats', null)).parses, parses, 'no parse per keystroke');

      // features from the last check's model, lines carried: the same tokens one line down, none on the edited line
      const tok3 = decodeTokens((await c.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri: u }, range: { start: at(96), end: at(131) } })).data, legend);
      assert.deepEqual(tok3, tok1.filter((t) => t.line !== 100).map((t) => ({ ...t, line: t.line + 1 })));
      const hints3 = await c.request<{ position: { line: number } }[]>('textDocument/inlayHint', { textDocument: { uri: u }, range: { start: at(96), end: at(131) } });
      assert.deepEqual(hints3.map((h) => h.position.line), hints1.filter((h) => h.position.line !== 100).map((h) => h.position.line + 1));
      const hover = await c.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: u }, position: at(102, 1) });
      assert.ok(hover, 'hover on a line no edit touched');
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri: u }, position: at(101, 1) }), null);
      const folds = await c.request<{ startLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: u } });
      assert.ok(folds.length > 5);
      assert.equal((await c.request<{ parses: number }>('zwgk-report/cacheStats', null)).parses, parses, 'features parsed nothing');

      // after the pause: checked, the new figure's totals problems there
      const d4 = await c.nextDiagnostics(u, (ds) => ds.some((d) => d.code === 'sum-row'), 10000);
      assert.ok(d4.some((d) => d.code === 'sum-row' && d.range.start.line === 105), JSON.stringify(d4.map(key)));
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });

  it('marked large as it is opened: a request before its first check does not work on the whole text', async () => {
    const c = await TestClient.start({ settings: { largeReportSize: 0.01 } });
    try {
      const u = uriOf('large-open.zwgk');
      await c.open(u, sample('003'));
      const full = c.request('textDocument/semanticTokens/full', { textDocument: { uri: u } });
      await assert.rejects(full, (e: { code?: number }) => e.code === -32802);
      await c.diagnostics(u, 1);
      assert.ok((await c.status(u) as { large?: unknown }).large);
    } finally {
      await c.stop();
    }
  });

  it('a report under the limit is checked per keystroke as before (no large flag)', async () => {
    const c = await TestClient.start();
    try {
      const u = uriOf('small.zwgk');
      await c.openAndCheck(u, sample('003'));
      assert.equal((await c.status(u) as { large?: unknown }).large, undefined);
      const v = await c.change(u, [{ range: { start: at(100, 1), end: at(100, 2) }, newText: '5' }]);
      assert.ok((await c.diagnostics(u, v, 3000)).some((d) => d.code === 'sum-row'));
      const r = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: u } });
      assert.ok(r.data.length > 0);
    } finally {
      await c.stop();
    }
  });
});

describe('a 10 MB report typed into', () => {
  it('is answered for every keystroke, its diagnostics capped with the summary, the server alive', { timeout: 240_000 }, async () => {
    const one = ['000', '001', '002', '003', '004'].map(sample).join('\n');
    const copies = Math.round((10 * 1024 * 1024) / Buffer.byteLength(one));
    const text = `${one}\n`.repeat(copies);
    const c = await TestClient.start();
    try {
      const u = uriOf('ten-mb.zwgk');
      await c.open(u, text);
      const d1 = await c.diagnostics(u, 1, 180_000);
      assert.equal(d1.length, 1000);
      const summary = d1.find((d) => d.code === 'too-many-problems');
      assert.ok(summary && /^另有 \d+ 个问题未显示/.test(summary.message), 'the summary diagnostic');
      assert.ok(!d1.some((d) => d.severity === 4), 'hints dropped first');
      assert.ok((await c.status(u) as { large?: unknown }).large, 'a large report');
      // 20 keys typed into a figure near the end, each answered with its own version
      const line = text.split('\n').length - 200;
      for (let i = 0; i < 20; i++) {
        const v = await c.change(u, [{ range: { start: at(line), end: at(line) }, newText: String(i % 10) }]);
        const d = await c.diagnostics(u, v, 60_000);
        assert.ok(d.length <= 1000);
      }
      const r = await c.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri: u }, range: { start: at(line - 50), end: at(line + 50) } });
      assert.ok(Array.isArray(r.data));
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });
});

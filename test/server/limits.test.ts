// The server against bad notifications and heavy documents (issue 17): documents without a uri or
// with non-string text are ignored (logged) and never break other documents; at most
// `zwgk-report.maxDiagnostics` diagnostics per document, hints dropped first, the rest summed up;
// a cancelled request is answered with RequestCancelled, not worked on.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { capDiagnostics } from '../../server/src/lsp/diagnostics';
import type { Diagnostic } from '../../server/src/core';
import { sample, TestClient, uriOf } from './lspClient';

const thisYear = () => sample('002').replace('2020年政府信息公开', '2021年政府信息公开');

describe('server input validation', () => {
  it('a didOpen without a uri, or with text that is not a string, is ignored; carry-over between other documents still works', async () => {
    const c = await TestClient.start();
    try {
      await c.notify('textDocument/didOpen', { textDocument: { languageId: 'zwgk-report', version: 1, text: sample('002') } });
      await c.notify('textDocument/didOpen', { textDocument: { uri: uriOf('bad.zwgk'), languageId: 'zwgk-report', version: 1, text: 42 } });
      await c.notify('textDocument/didChange', { textDocument: { uri: uriOf('bad.zwgk'), version: 2 }, contentChanges: [{ text: null }] });
      await c.openAndCheck(uriOf('2020.zwgk'), sample('002'));
      const d = await c.openAndCheck(uriOf('2021.zwgk'), thisYear());
      assert.deepEqual(d.filter((x) => x.code === 'carry-over').map((x) => x.range.start.line), [131, 137]);
      assert.ok(![...c.published.keys()].some((u) => typeof u !== 'string'), 'no diagnostics published without a uri');
      assert.ok(!c.published.has(uriOf('bad.zwgk')));
      assert.match(c.stderr + c.logs.join('\n'), /didOpen ignored: textDocument\.uri/);
      assert.match(c.stderr + c.logs.join('\n'), /didOpen ignored: textDocument\.text is not a string/);
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });

  it('a cancelled semantic-tokens request is answered with RequestCancelled', async () => {
    const c = await TestClient.start();
    try {
      const u = uriOf('a.zwgk');
      await c.openAndCheck(u, sample('003'));
      // the server asks for the settings again (forgotten on a configuration change); the answer
      // is held back until the request has been cancelled, so the cancel surely arrives mid-request
      let cancelled!: () => void;
      const afterCancel = new Promise<void>((r) => (cancelled = r));
      c.conn.onRequest('workspace/configuration', async (q: { items: unknown[] }) => {
        await afterCancel;
        return q.items.map(() => c.settings);
      });
      await c.notify('workspace/didChangeConfiguration', { settings: {} });
      const src = new CancellationTokenSource();
      const p = c.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: u } }, src.token);
      await new Promise((r) => setTimeout(r, 100));
      src.cancel();
      setTimeout(cancelled, 100);
      await assert.rejects(p, (e: { code?: number }) => e.code === -32800);
      // not cancelled: answered
      const r = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: u } });
      assert.ok(r.data.length > 0);
    } finally {
      await c.stop();
    }
  });
});

describe('diagnostics limit', () => {
  const d = (severity: Diagnostic['severity'], line: number): Diagnostic => ({
    code: 'x', severity, message: { zh: '', en: '' }, range: { start: { line, character: 0 }, end: { line, character: 1 } },
  });

  test('capDiagnostics keeps the most severe in text order, hints dropped first, one summary', () => {
    const all = [d('hint', 0), d('error', 1), d('hint', 2), d('warning', 3), d('information', 4), d('error', 5)];
    assert.equal(capDiagnostics(all, 6), all);
    const four = capDiagnostics(all, 4);
    assert.deepEqual(four.slice(0, 3).map((x) => `${x.severity}${x.range.start.line}`), ['error1', 'warning3', 'error5']);
    assert.equal(four[3].code, 'too-many-problems');
    assert.match(four[3].message.zh, /^另有 3 个问题未显示/);
    assert.match(four[3].message.en, /^3 more problems not shown/);
  });

  it('over the protocol: the setting caps what is published', async () => {
    const c = await TestClient.start({ settings: { maxDiagnostics: 5 } });
    try {
      const ds = await c.openAndCheck(uriOf('000.zwgk'), sample('000'));
      assert.equal(ds.length, 5);
      assert.ok(!ds.some((x) => x.severity === 4), 'no hint kept while more severe ones are dropped');
      assert.match(ds[4].message, /^另有 \d+ 个问题未显示/);
    } finally {
      await c.stop();
    }
  });
});

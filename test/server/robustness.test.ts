// Cross-report diagnostics (open documents and workspace files) and bad input: the server never dies.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { sample, TestClient, uriOf } from './lspClient';

const thisYear = () => sample('002').replace('2020年政府信息公开', '2021年政府信息公开');

describe('cross-report diagnostics', () => {
  it('carry-over against another open report', async () => {
    const c = await TestClient.start();
    try {
      await c.openAndCheck(uriOf('2020.zwgk'), sample('002'));
      const u = uriOf('2021.zwgk');
      const d = await c.openAndCheck(u, thisYear());
      const co = d.filter((x) => x.code === 'carry-over');
      assert.deepEqual(co.map((x) => x.range.start.line), [131, 137]);
      assert.equal(co[0].relatedInformation![0].location.uri, uriOf('2020.zwgk'));
      assert.match(co[0].codeDescription!.href, /docs\/rules\/carry-over\.md$/);
      // editing the other report updates this one's cross-report diagnostics
      const lines = sample('002').split('\n');
      const fixedNext = lines.slice(355, 363).map((l) => (/^\t\d+\r?$/.test(l) ? l.replace(/\d+/, '0') : l));
      const prevFixed = [...lines.slice(0, 355), ...fixedNext, ...lines.slice(363)].join('\n');
      const cleared = c.nextDiagnostics(u, (x) => !x.some((y) => y.code === 'carry-over'));
      await c.replace(uriOf('2020.zwgk'), prevFixed);
      await cleared;
      await c.replace(uriOf('2020.zwgk'), sample('002'));
      await c.nextDiagnostics(u, (x) => x.some((y) => y.code === 'carry-over'));
      // closing the other report: nothing to compare with
      const gone = c.nextDiagnostics(u, (x) => !x.some((y) => y.code === 'carry-over'));
      await c.close(uriOf('2020.zwgk'));
      await gone;
      await c.open(uriOf('2020.zwgk'), sample('002'));
      await c.nextDiagnostics(u, (x) => x.some((y) => y.code === 'carry-over'));
      // the rule can be turned off
      c.settings = { rules: { 'carry-over': 'off' } };
      await c.notify('workspace/didChangeConfiguration', { settings: {} });
      await c.nextDiagnostics(u, (x) => !x.some((y) => y.code === 'carry-over'));
    } finally {
      await c.stop();
    }
  });

  it('carry-over against a report file found in the workspace folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zwgk-ws-'));
    try {
      writeFileSync(path.join(dir, 'prev.txt'), sample('002'));
      writeFileSync(path.join(dir, 'notes.txt'), 'not a report\n');
      const c = await TestClient.start({ folders: [dir] });
      try {
        const u = pathToFileURL(path.join(dir, 'this-year.zwgk')).toString();
        await c.open(u, thisYear());
        // the first check may come before the background scan; the scan triggers a re-check
        const d = await c.nextDiagnostics(u, (x) => x.some((y) => y.code === 'carry-over'));
        const co = d.find((x) => x.code === 'carry-over')!;
        assert.equal(co.relatedInformation![0].location.uri, pathToFileURL(path.join(dir, 'prev.txt')).toString());
      } finally {
        await c.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input never kills the server', () => {
  it('binary junk, a huge line, an empty document, bad requests', async () => {
    const c = await TestClient.start();
    try {
      let junk = '';
      for (let i = 0; i < 20000; i++) junk += String.fromCharCode((i * 7919) % 0xd7ff);
      await c.openAndCheck(uriOf('junk.zwgk'), junk);
      await c.openAndCheck(uriOf('empty.zwgk'), '');
      const huge = `一、总体情况\n\t${'1\t'.repeat(300000)}\n${'[image: x]'.repeat(20000)}\n三、收到和处理政府信息公开申请情况\n\t${'（'.repeat(100000)}\n`;
      const t0 = Date.now();
      await c.openAndCheck(uriOf('huge.zwgk'), huge);
      assert.ok(Date.now() - t0 < 5000, 'a huge line is checked in reasonable time');
      const tables = sample('003').split('\n').filter((l) => l.startsWith('\t')).join('\n');
      await c.openAndCheck(uriOf('tables-only.zwgk'), tables);

      for (const uri of ['junk.zwgk', 'empty.zwgk', 'huge.zwgk', 'tables-only.zwgk'].map(uriOf)) {
        for (const [method, extra] of [
          ['textDocument/hover', { position: { line: 1, character: 3 } }],
          ['textDocument/hover', { position: { line: 99999, character: -4 } }],
          ['textDocument/documentSymbol', {}],
          ['textDocument/foldingRange', {}],
          ['textDocument/semanticTokens/full', {}],
          ['textDocument/formatting', { options: { tabSize: 4, insertSpaces: false } }],
          ['textDocument/inlayHint', { range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } }],
          ['textDocument/codeAction', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ range: { start: { line: 5, character: 0 }, end: { line: 1, character: 0 } }, message: 'x', code: 'sum-row' }] } }],
        ] as const) {
          await c.request(method, { textDocument: { uri }, ...extra });
        }
      }
      // requests about documents that are not open, commands with bad arguments
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri: uriOf('nope') }, position: { line: 0, character: 0 } }), null);
      assert.equal(await c.request('workspace/executeCommand', { command: 'zwgk-report.server.fixAll', arguments: [42] }), null);
      assert.equal(await c.request('workspace/executeCommand', { command: 'zwgk-report.server.fixAll' }), null);
      await c.request('textDocument/hover', { textDocument: { uri: uriOf('junk.zwgk') } }).catch(() => undefined);
      // an edit with a range past the end, and a change that empties the document
      const v = await c.change(uriOf('junk.zwgk'), [{ range: { start: { line: 5000, character: 3 }, end: { line: 9000, character: 0 } }, newText: '\t１２\n' }]);
      await c.diagnostics(uriOf('junk.zwgk'), v);
      const v2 = await c.replace(uriOf('huge.zwgk'), '');
      assert.deepEqual((await c.diagnostics(uriOf('huge.zwgk'), v2)).filter((d) => d.code === 'internal-error'), []);
      await c.notify('workspace/didChangeConfiguration', { settings: { 'zwgk-report': { rules: 'garbage', format: 7 } } });
      c.settings = { rules: [1, 2], format: { x: 1 }, run: 5, language: null } as unknown as Record<string, unknown>;
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      // still alive and answering
      const d = await c.openAndCheck(uriOf('004.zwgk'), sample('004'));
      assert.ok(d.some((x) => x.code === 'table-shape' && x.range.start.line === 34));
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });
});

// 转换表格版式 / Convert Table Layout over the real protocol: the server re-lays the table under the
// cursor (or every table) with a workspace/applyEdit, figures and prose untouched.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyze, parse } from '../../server/src/core';
import { relayReport } from '../../server/src/core/layout/write';
import { sample, TestClient, uriOf } from './lspClient';

const CONVERT = 'zwgk-report.server.convertLayout';

describe('convert table layout over the protocol', () => {
  let c: TestClient;
  before(async () => { c = await TestClient.start({ locale: 'zh-cn' }); });
  after(async () => { await c.stop(); });

  it('is announced by the server', () => {
    assert.ok(c.initResult.capabilities.executeCommandProvider.commands.includes(CONVERT));
  });

  it('re-lays the table under the cursor only, in Markdown', async () => {
    const uri = uriOf('convert-one.zwgk');
    const text = sample('004');
    await c.openAndCheck(uri, text);
    const doc = parse(text);
    const t1 = doc.tables.find((t) => t.kind === 'active')!;
    const r = await c.request<{ applied: boolean; edits: number }>('workspace/executeCommand',
      { command: CONVERT, arguments: [uri, 'markdown', { line: t1.startLine + 3, character: 0 }] });
    assert.deepEqual(r, { applied: true, edits: 1 });
    const out = c.texts.get(uri)!;
    assert.ok(out.includes('| 第二十条第（一）项 |  |  |  |\n|---|---|---|---|'), out.slice(0, 2000));
    // the other tables and the prose are as they were
    const lines = out.split('\n');
    assert.ok(lines.includes('\t一、本年新收政府信息公开申请数量'));
    assert.equal(lines.slice(0, t1.startLine).join('\n'), text.split('\n').slice(0, t1.startLine).join('\n'));
    await c.close(uri);
  });

  it('re-lays every table when the cursor is on none, as relayReport does, and the diagnostics stay', async () => {
    const uri = uriOf('convert-all.zwgk');
    const text = sample('004');
    await c.openAndCheck(uri, text);
    const r = await c.request<{ applied: boolean; edits: number }>('workspace/executeCommand',
      { command: CONVERT, arguments: [uri, 'tab-padded', { line: 0, character: 0 }] });
    assert.deepEqual(r, { applied: true, edits: 3 });
    const out = c.texts.get(uri)!;
    assert.equal(out, relayReport(parse(text), 'tab-padded'));
    const codes = (s: string) => analyze(s).diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code);
    assert.deepEqual(codes(out), codes(text));
    await c.close(uri);
  });

  it('answers null to a layout it does not write, and to no document', async () => {
    const uri = uriOf('convert-bad.zwgk');
    await c.openAndCheck(uri, sample('001'));
    assert.equal(await c.request('workspace/executeCommand', { command: CONVERT, arguments: [uri, 'spaced'] }), null);
    assert.equal(await c.request('workspace/executeCommand', { command: CONVERT, arguments: [uri] }), null);
    assert.equal(await c.request('workspace/executeCommand', { command: CONVERT, arguments: [uriOf('nowhere.zwgk'), 'markdown'] }), null);
    assert.equal(c.texts.get(uri), sample('001'));
    await c.close(uri);
  });
});

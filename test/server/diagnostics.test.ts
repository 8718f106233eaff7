// Diagnostics, code actions and the fix-all command, through the real protocol (stdio).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyze, applyEdits } from '../../server/src/core';
import { editsFor, sample, setLine, TestClient, uriOf, type LspDiag, type WorkspaceEdit } from './lspClient';

const codesAt = (ds: LspDiag[], sev = 3) => ds.filter((d) => (d.severity ?? 1) <= sev).map((d) => `${d.code}@${d.range.start.line}`);

/** Sample 002 with （七）总计's 总计 cell (line index 353) changed from 2 to 3. */
function broken002(): string {
  const t = sample('002');
  assert.equal(t.split('\n')[353].trim(), '2');
  return setLine(t, 353, '\t3');
}

describe('diagnostics over the protocol', () => {
  let c: TestClient;
  before(async () => { c = await TestClient.start({ locale: 'zh-cn' }); });
  after(async () => { await c.stop(); });

  it('publishes the core diagnostics of each sample', async () => {
    const key = (d: { code?: string; range: { start: { line: number; character: number } } }) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
    const all: Record<string, LspDiag[]> = {};
    for (const n of ['000', '001', '002', '003', '004']) {
      const text = sample(n);
      all[n] = await c.openAndCheck(uriOf(`${n}.zwgk`), text);
      // exactly what the core reports, in the same order
      assert.deepEqual(all[n].map(key), analyze(text).diagnostics.map(key), `sample ${n}`);
    }
    const d4 = all['004'];
    assert.ok(codesAt(d4).includes('table-shape@34'));
    const shape = d4.find((d) => d.code === 'table-shape')!;
    assert.equal(shape.severity, 1);
    assert.equal(shape.source, 'zwgk-report');
    assert.match(shape.message, /行政规范性文件/);
    assert.match(shape.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/table-shape\.md$/);

    const d3 = all['003'];
    assert.deepEqual(codesAt(d3).filter((x) => x.startsWith('sum-parent')), ['sum-parent@464', 'sum-parent@561']);
    const sp = d3.find((d) => d.code === 'sum-parent')!;
    assert.ok(sp.relatedInformation && sp.relatedInformation.length === 5, 'addends as related information');
    assert.equal(sp.relatedInformation![0].location.uri, uriOf('003.zwgk'));
    assert.deepEqual(sp.data, { fixes: 1, totals: true, expected: 106, actual: 0 });

    const d2 = all['002'];
    assert.ok(codesAt(d2, 2).includes('cell-number@100'));
    assert.ok(codesAt(d2, 2).includes('section-numbering@365'));
    assert.equal(d2.find((d) => d.code === 'cell-number')!.severity, 2);

    const d0 = all['000'];
    assert.equal(d0.filter((d) => d.code === 'section-numbering').length, 6);
    assert.equal(d0.filter((d) => d.code === 'blank-cell' && d.severity === 4).length, 151);

    const d1 = all['001'];
    assert.ok(codesAt(d1).includes('table-shape@95'));
    assert.ok(codesAt(d1).includes('section-missing@97'));

    // the status notification after each check
    const st = await c.status(uriOf('004.zwgk'));
    const core4 = analyze(sample('004')).diagnostics;
    assert.deepEqual(st, {
      uri: uriOf('004.zwgk'), format: '2021',
      errors: core4.filter((d) => d.severity === 'error').length, warnings: core4.filter((d) => d.severity === 'warning').length,
    });
    assert.ok(st.errors >= 1);
    for (const n of ['000', '001', '002', '003', '004']) await c.close(uriOf(`${n}.zwgk`));
  });

  it('sum-column on （七）总计 → quick fix recomputes it; fix-all as source action and command', async () => {
    const uri = uriOf('002-broken.zwgk');
    const text = broken002();
    const diags = await c.openAndCheck(uri, text);
    const sc = diags.filter((d) => d.code === 'sum-column');
    assert.equal(sc.length, 1);
    assert.equal(sc[0].range.start.line, 353);
    assert.equal((sc[0].data as { expected: number }).expected, 2);
    assert.match(sc[0].message, /应为 2/);

    const actions = await c.request<{ title: string; kind: string; isPreferred?: boolean; edit: WorkspaceEdit; diagnostics?: LspDiag[] }[]>(
      'textDocument/codeAction', { textDocument: { uri }, range: sc[0].range, context: { diagnostics: sc } });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, '重新计算合计：应为 2');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.diagnostics![0].code, 'sum-column');
    const fixed = applyEdits(text, editsFor(fix.edit, uri));
    assert.equal(fixed.split('\n')[353].trim(), '2');
    assert.equal(analyze(fixed).diagnostics.filter((d) => d.code.startsWith('sum')).length, 0);
    assert.ok(actions.some((a) => a.title === '修复本文件所有合计' && a.kind === 'quickfix'));

    // source.fixAll.zwgk-report (editor.codeActionsOnSave)
    const src = await c.request<{ title: string; kind: string; edit: WorkspaceEdit }[]>('textDocument/codeAction',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(src.length, 1);
    assert.equal(src[0].kind, 'source.fixAll.zwgk-report');
    assert.equal(applyEdits(text, editsFor(src[0].edit, uri)).split('\n')[353].trim(), '2');

    // the command: the server answers with workspace/applyEdit
    const r = await c.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'zwgk-report.server.fixAll', arguments: [uri] });
    assert.deepEqual(r, { applied: true, edits: 1 });
    assert.equal(c.texts.get(uri)!.split('\n')[353].trim(), '2');
    await c.close(uri);
  });

  it('closing a document clears its diagnostics', async () => {
    const uri = uriOf('close.zwgk');
    const d = await c.openAndCheck(uri, sample('004'));
    assert.ok(d.length > 0);
    const cleared = c.nextDiagnostics(uri, (x) => x.length === 0);
    await c.close(uri);
    assert.deepEqual(await cleared, []);
  });

  it('a burst of 200 incremental edits ends with the diagnostics of the final text', async () => {
    const uri = uriOf('burst.zwgk');
    await c.openAndCheck(uri, sample('002'));
    const before = await c.request<{ checks: number }>('zwgk-report/cacheStats', null);
    // type and erase digits in （七）总计's 总计 cell and elsewhere, without waiting
    let v = 1;
    for (let i = 0; i < 200; i++) {
      const line = 122 + (i % 7);
      const edit = i % 2 === 0
        ? { range: { start: { line, character: 2 }, end: { line, character: 2 } }, newText: String(i % 10) }
        : { range: { start: { line: line - 1 + 1, character: 2 }, end: { line: line - 1 + 1, character: 3 } }, newText: '' };
      v = await c.change(uri, [edit]);
    }
    // and one last edit that breaks a total
    v = await c.change(uri, [{ range: { start: { line: 353, character: 1 }, end: { line: 353, character: 2 } }, newText: '7' }]);
    const final = await c.diagnostics(uri, v);
    const want = analyze(c.texts.get(uri)!).diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
    assert.deepEqual(final.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`), want);
    assert.ok(want.includes('sum-column@353:1'));
    // coalesced: far fewer checks than versions (each check takes the latest version)
    const after = await c.request<{ checks: number }>('zwgk-report/cacheStats', null);
    assert.ok(after.checks - before.checks < 150, `checks: ${after.checks - before.checks} for 201 versions`);
    await c.close(uri);
  });
});

describe('settings', () => {
  it('language en, rule overrides, and run onSave', async () => {
    const c = await TestClient.start({ locale: 'zh-cn', settings: { language: 'en', rules: { 'table-shape': 'warning', 'section-numbering': 'off' } } });
    try {
      const d4 = await c.openAndCheck(uriOf('004.zwgk'), sample('004'));
      const shape = d4.find((d) => d.code === 'table-shape')!;
      assert.equal(shape.severity, 2);
      assert.ok(/[a-z]{4}/.test(shape.message), 'English message');
      const d2 = await c.openAndCheck(uriOf('002.zwgk'), sample('002'));
      assert.ok(!d2.some((d) => d.code === 'section-numbering'));

      // switch to onSave: a change publishes nothing until the save
      c.settings = { run: 'onSave' };
      await c.notify('workspace/didChangeConfiguration', { settings: {} });
      await c.nextDiagnostics(uriOf('002.zwgk'), (d) => d.some((x) => x.code === 'section-numbering'));
      const v = await c.change(uriOf('002.zwgk'), [{ range: { start: { line: 353, character: 1 }, end: { line: 353, character: 2 } }, newText: '9' }]);
      await new Promise((r) => setTimeout(r, 300));
      assert.notEqual(c.published.get(uriOf('002.zwgk'))!.version, v);
      await c.notify('textDocument/didSave', { textDocument: { uri: uriOf('002.zwgk') } });
      const saved = await c.diagnostics(uriOf('002.zwgk'), v);
      assert.ok(saved.some((d) => d.code === 'sum-column' && d.range.start.line === 353));
      // zh by locale when language is auto
      assert.match(saved.find((d) => d.code === 'sum-column')!.message, /合计/);
    } finally {
      await c.stop();
    }
  });

  it('language auto follows the client locale (en)', async () => {
    const c = await TestClient.start({ locale: 'en-us' });
    try {
      const d = await c.openAndCheck(uriOf('004.zwgk'), sample('004'));
      assert.ok(!/[\u4e00-\u9fff]{6}/.test(d[0].message.replace(/「[^」]*」|“[^”]*”|"[^"]*"|\([^)]*\)/g, '')), d[0].message);
    } finally {
      await c.stop();
    }
  });
});

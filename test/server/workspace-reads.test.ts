// How the server reads files it was not given by the editor (the folder check, carry-over) (issue 17):
// decoded like the CLI (GB18030 when the bytes as a whole say so, BOMs, a few bad UTF-8 bytes shown
// as U+FFFD with a diagnostic each), files past zwgk-report.largeReportSize not read, a FIFO with a
// report's name neither read nor waited on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as iconv from 'iconv-lite';
import { check, parse } from '../../server/src/core';
import { readReport } from '../../server/src/lsp/workspaceReports';
import { sample, TestClient } from './lspClient';

interface FolderReports { enabled: boolean; reports: { uri: string; errors: number }[] }

describe('files read by the folder check', () => {
  let dir: string;
  const file = (f: string) => path.join(dir, f);
  const uri = (f: string) => pathToFileURL(file(f)).toString();
  let fifo = false;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zwgk-reads-'));
    writeFileSync(file('gb.zwgk'), iconv.encode(sample('003'), 'gb18030'));
    writeFileSync(file('bom.zwgk'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample('004'))]));
    const text = sample('002');
    const at = Buffer.byteLength(text.slice(0, text.indexOf('\n', 200) + 1)); // start of a line near the top
    const bytes = Buffer.from(text);
    writeFileSync(file('bad.zwgk'), Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]));
    // 14.5 KB of report and padding to 40 KB: over the 0.03 MB set below
    writeFileSync(file('big.zwgk'), `${sample('003')}\n${'　'.repeat(9000)}\n`);
    writeFileSync(file('nul.zwgk'), Buffer.concat([Buffer.from(sample('003')), Buffer.from([0, 0, 0])]));
    try {
      execFileSync('mkfifo', [file('fifo.zwgk')]);
      fifo = true;
    } catch { /* no mkfifo: that part is not tested */ }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('readReport: decoded as the CLI decodes, bounded, regular files only', async () => {
    const gb = await readReport(file('gb.zwgk'), 1 << 20);
    assert.equal(gb?.text, sample('003'));
    assert.equal((await readReport(file('bom.zwgk'), 1 << 20))?.text, sample('004'));
    const bad = await readReport(file('bad.zwgk'), 1 << 20);
    assert.ok(bad && bad.text.includes('\ufffd') && bad.text.length === sample('002').length + 1);
    assert.deepEqual(bad.extra.map((d) => d.code), ['invalid-utf8']);
    assert.equal(await readReport(file('big.zwgk'), 30_000), undefined);
    assert.equal(await readReport(file('nul.zwgk'), 1 << 20), undefined);
    if (fifo) assert.equal(await readReport(file('fifo.zwgk'), 1 << 20), undefined);
  });

  it('over the protocol: the same diagnostics as the text, invalid-utf8 on the bad byte, nothing for the big file, the FIFO, the NUL file', async () => {
    const c = await TestClient.start({ folders: [dir], settings: { largeReportSize: 0.03 } });
    try {
      const list = await c.request<FolderReports>('zwgk-report/checkFolder', null);
      assert.deepEqual(list.reports.map((r) => r.uri).sort(), ['bad.zwgk', 'bom.zwgk', 'gb.zwgk'].map(uri).sort());
      const gb = await c.diagnostics(uri('gb.zwgk'));
      assert.deepEqual(gb.map((d) => `${d.code}@${d.range.start.line}`), check(parse(sample('003'))).map((d) => `${d.code}@${d.range.start.line}`));
      const bad = await c.diagnostics(uri('bad.zwgk'));
      const inv = bad.filter((d) => d.code === 'invalid-utf8');
      assert.equal(inv.length, 1);
      assert.match(inv[0].message, /FF/);
      assert.ok((await c.diagnostics(uri('bom.zwgk'))).some((d) => d.code === 'table-shape'));
      for (const f of ['big.zwgk', 'nul.zwgk', 'fifo.zwgk']) assert.ok(!c.published.has(uri(f)), f);
      assert.match(c.stderr + c.logs.join('\n'), /big\.zwgk: \d+ bytes, over the limit/);
      assert.ok(c.alive());
    } finally {
      await c.stop();
    }
  });
});

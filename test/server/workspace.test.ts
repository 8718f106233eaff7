// The folder check over the protocol (issue 14): every report of the workspace folder is checked
// without being opened, its diagnostics published; an opened report follows the editor and gets the
// file's diagnostics back when closed; changes on disk are picked up; carry-over works across the
// folder; the setting turns it off; the checkFolder request lists the reports by error count.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { check, parse } from '../../server/src/core';
import { sample, TestClient } from './lspClient';

const thisYear = () => sample('002').replace('2020年政府信息公开', '2021年政府信息公开');

interface FolderReports { enabled: boolean; reports: { uri: string; errors: number; warnings: number; information: number; first?: { start: { line: number } } }[] }

describe('the folder check: reports checked without being opened', () => {
  let dir: string;
  const uri = (f: string) => pathToFileURL(path.join(dir, f)).toString();
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zwgk-folder-'));
    mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    writeFileSync(path.join(dir, '003.txt'), sample('003')); // a .txt report (title in its first lines)
    writeFileSync(path.join(dir, 'nested', '004.zwgk'), sample('004'));
    writeFileSync(path.join(dir, 'nested', 'deeper', '2020.zwgk.txt'), sample('002'));
    writeFileSync(path.join(dir, 'nested', '2021.zwgk'), thisYear()); // carries over from 2020
    writeFileSync(path.join(dir, 'notes.txt'), '会议纪要\n今天讨论了政府信息公开工作。\n');
    writeFileSync(path.join(dir, 'node_modules-not.md'), '# not a report');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes every report\'s diagnostics, carry-over across the folder, nothing for other files', async () => {
    const c = await TestClient.start({ folders: [dir], locale: 'zh-cn' });
    try {
      const d3 = await c.diagnostics(uri('003.txt'), undefined, 20_000);
      // the same diagnostics as the core's check of the file
      const want = check(parse(sample('003')));
      assert.equal(d3.length, want.length);
      assert.ok(d3.some((d) => d.code === 'sum-parent' && d.range.start.line === 464), JSON.stringify(d3.slice(0, 3)));
      assert.ok((await c.diagnostics(uri('nested/004.zwgk'))).some((d) => d.code === 'table-shape'));
      await c.diagnostics(uri('nested/deeper/2020.zwgk.txt'));
      // published as soon as it is read; read before the 2020 report, it is published again with its carry-over
      await c.diagnostics(uri('nested/2021.zwgk'));
      const d21 = await until(() => c.published.get(uri('nested/2021.zwgk'))?.diagnostics.some((d) => d.code === 'carry-over') && c.published.get(uri('nested/2021.zwgk'))!.diagnostics);
      const co = d21.filter((d) => d.code === 'carry-over');
      assert.deepEqual(co.map((x) => x.range.start.line), [131, 137]);
      assert.equal(co[0].relatedInformation![0].location.uri, uri('nested/deeper/2020.zwgk.txt'));
      assert.ok(!c.published.has(uri('notes.txt')), 'a .txt that is not a report is left alone');

      // the list for the tree view: most errors first, each with where its first error is
      const list = await c.request<FolderReports>('zwgk-report/checkFolder', null);
      assert.equal(list.enabled, true);
      assert.deepEqual(new Set(list.reports.map((r) => r.uri)), new Set(['003.txt', 'nested/004.zwgk', 'nested/deeper/2020.zwgk.txt', 'nested/2021.zwgk'].map(uri)));
      for (let i = 1; i < list.reports.length; i++) assert.ok(list.reports[i - 1].errors >= list.reports[i].errors);
      const r21 = list.reports.find((r) => r.uri === uri('nested/2021.zwgk'))!;
      assert.ok(r21.errors >= 2 && r21.first, JSON.stringify(r21));
    } finally {
      await c.stop();
    }
  });

  it('an opened report follows the editor; closed, it shows the file\'s diagnostics again', async () => {
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = uri('003.txt');
      const onDisk = await c.diagnostics(u, undefined, 20_000);
      const fixedText = sample('003').split('\n').map((l, i) => (i === 464 ? l.replace(/\d+/, '106') : l)).join('\n');
      await c.open(u, fixedText);
      const open = await c.diagnostics(u, 1);
      assert.ok(!open.some((d) => d.code === 'sum-parent' && d.range.start.line === 464), 'the editor\'s text, not the file');
      const back = c.nextDiagnostics(u, (d) => d.length === onDisk.length);
      await c.close(u);
      await back;
    } finally {
      await c.stop();
    }
  });

  it('a file changed, added or deleted on disk is re-checked (file watcher)', async () => {
    const c = await TestClient.start({ folders: [dir] });
    try {
      const u = uri('nested/004.zwgk');
      const before = await c.diagnostics(u, undefined, 20_000);
      assert.ok(before.some((d) => d.code === 'table-shape'));
      const added = uri('added.zwgk');
      writeFileSync(path.join(dir, 'added.zwgk'), sample('000'));
      const changed = c.nextDiagnostics(u, (d) => !d.some((x) => x.code === 'table-shape'));
      writeFileSync(path.join(dir, 'nested', '004.zwgk'), sample('000')); // a report without table-shape errors
      await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: u, type: 2 }, { uri: added, type: 1 }] });
      await c.diagnostics(added, undefined, 10_000);
      await changed;
      const gone = c.nextDiagnostics(added, (d) => d.length === 0);
      rmSync(path.join(dir, 'added.zwgk'));
      await c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: added, type: 3 }] });
      await gone;
    } finally {
      writeFileSync(path.join(dir, 'nested', '004.zwgk'), sample('004'));
      await c.stop();
    }
  });

  it('zwgk-report.checkFolder: false turns it off (and clears what it published); the command still runs it', async () => {
    const c = await TestClient.start({ folders: [dir], settings: { checkFolder: false } });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(c.published.size, 0, [...c.published.keys()].join(', '));
      const list = await c.request<FolderReports>('zwgk-report/checkFolder', null);
      assert.equal(list.reports.length, 4);
      assert.ok((await c.diagnostics(uri('003.txt'))).length > 0);
      // turned off again by a settings change: cleared
      const cleared = c.nextDiagnostics(uri('003.txt'), (d) => d.length === 0);
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      await cleared;
      assert.deepEqual(await c.request<FolderReports>('zwgk-report/folderReports', null), { enabled: false, reports: [] });
    } finally {
      await c.stop();
    }
  });
});

async function until<T>(f: () => T | undefined | false, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

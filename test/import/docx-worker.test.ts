// client/src/docxWorker.ts: the VS Code command's import runs in a worker thread with a heap limit,
// so a file that exhausts memory ends the worker, not the extension host (here: this process).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as path from 'path';
import JSZip from 'jszip';
import { importInWorker } from '../../client/src/docxWorker';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'dist/docx.js');
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

async function docx(body: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

before(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
});

test('a .docx is converted in the worker; an importer error comes back in both languages', async () => {
  assert.deepEqual(await importInWorker(BUNDLE, await docx('<w:p><w:r><w:t>报告</w:t></w:r></w:p>')), { text: '报告\n' });
  const r = await importInWorker(BUNDLE, new Uint8Array(0));
  assert.ok('error' in r);
  assert.match(r.error.zh, /文件为空/);
  assert.match(r.error.en, /empty/);
});

test('running out of the worker heap ends the worker with a message; this process goes on', async () => {
  const para = '<w:p><w:r><w:t>正文正文正文正文正文</w:t></w:r></w:p>';
  const r = await importInWorker(BUNDLE, await docx(para.repeat(200_000)), { heapMb: 16 });
  assert.ok('error' in r, JSON.stringify(r).slice(0, 200));
  assert.match(r.error.zh, /内存超过上限/);
  assert.equal(typeof process.memoryUsage().heapUsed, 'number');
});

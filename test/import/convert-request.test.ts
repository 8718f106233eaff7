// The language server's zwgk-report/convert request (打开为报告 / Open as Report in VS Code), over
// the real protocol with the bundled dist/server.js: a PDF, a web page, and bad input answered
// with a bilingual reason (never a crash: the server answers the next request).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CONVERT_REQUEST, type ConvertResult } from '../../server/src/contract';
import { ROOT, TestClient } from '../server/lspClient';

const CORPUS = path.join(ROOT, 'test/fixtures/corpus');

describe('language server: zwgk-report/convert', () => {
  let c: TestClient;
  before(async () => {
    c = await TestClient.start({ locale: 'zh-cn' });
  });
  after(async () => {
    await c.stop();
  });
  const ask = (name: string, bytes: Buffer): Promise<ConvertResult> => c.request<ConvertResult>(CONVERT_REQUEST, { name, data: bytes.toString('base64') });

  it('converts a PDF and a web page', async () => {
    const pdf = await ask('淮安市2024.pdf', fs.readFileSync(path.join(CORPUS, 'huaian-city-2024.pdf')));
    assert.ok('text' in pdf, JSON.stringify(pdf).slice(0, 300));
    assert.match(pdf.text, /^行政处罚\t3985758\t\t$/m);
    const html = await ask('平潭.html', fs.readFileSync(path.join(CORPUS, 'pingtan-2024.article.html')));
    assert.ok('text' in html);
    assert.match(html.text, /^一、本年新收政府信息公开申请数量\t\t\t217\t1\t0\t0\t0\t0\t218$/m);
  });

  it('bad input: a reason in both languages, and the server goes on', async () => {
    const scan = await ask('scan.pdf', Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'));
    assert.deepEqual(scan, { error: { zh: '此 PDF 没有文字层（可能是扫描件），无法读取表格', en: 'This PDF has no text layer (it may be a scan): its tables cannot be read' } });
    const junk = await ask('junk.pdf', Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000)));
    assert.ok('error' in junk && /损坏|没有文字层/.test(junk.error.zh), JSON.stringify(junk));
    const again = await ask('平潭.htm', fs.readFileSync(path.join(CORPUS, 'pingtan-2024.article.html')));
    assert.ok('text' in again);
  });
});

// The conversion runs in a worker thread with a heap limit and a time budget
// (server/src/import/convertWorker.ts). A server started with a small heap limit for it (64 MB):
// a page built to exhaust memory ends its worker with a clear error in both languages, and the
// server goes on answering (a real report still converts).
describe('language server: a hostile file ends its conversion worker, not the server', () => {
  let c: TestClient;
  before(async () => {
    const saved = process.env.ZWGK_CONVERT_HEAP_MB;
    process.env.ZWGK_CONVERT_HEAP_MB = '64'; // the server process inherits it
    try {
      c = await TestClient.start({ locale: 'zh-cn' });
    } finally {
      if (saved === undefined) delete process.env.ZWGK_CONVERT_HEAP_MB;
      else process.env.ZWGK_CONVERT_HEAP_MB = saved;
    }
  });
  after(async () => {
    await c.stop();
  });
  const ask = (name: string, bytes: Buffer): Promise<ConvertResult> => c.request<ConvertResult>(CONVERT_REQUEST, { name, data: bytes.toString('base64') });

  it('out of memory: the worker ends with a bilingual error; the server answers the next requests', async () => {
    // a table of 800,000 cells (about 23 MB, under the size limit): its parse tree alone is far over 64 MB
    const hostile = Buffer.from(`<html><body><table>${'<tr><td>1</td><td>2</td></tr>'.repeat(400_000)}${'<tr><td>1</td><td>2</td></tr>'.repeat(400_000)}</table></body></html>`);
    const r = await ask('hostile.html', hostile);
    assert.deepEqual(r, {
      error: {
        zh: '转换所需内存超过上限（64 MB），已停止；文件可能异常',
        en: 'The conversion needed more memory than allowed (64 MB) and was stopped; the file may be malformed',
      },
    });
    const page = await ask('平潭.html', fs.readFileSync(path.join(CORPUS, 'pingtan-2024.article.html')));
    assert.ok('text' in page, JSON.stringify(page).slice(0, 300));
    assert.match(page.text, /^一、本年新收政府信息公开申请数量\t\t\t217\t1\t0\t0\t0\t0\t218$/m);
  });
});

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

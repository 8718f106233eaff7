// Conversion in a worker thread (server/src/import/convertWorker.ts): the result of the readers,
// a bilingual error for bad input, and a worker ended past its heap limit or its time budget.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { convertInWorker } from '../../server/src/import/convertWorker';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/corpus');
const b64 = (file: string): string => fs.readFileSync(path.join(CORPUS, file)).toString('base64');

describe('conversion worker', () => {
  test('converts a PDF and a web page as the readers do', async () => {
    const pdf = await convertInWorker(b64('huaian-city-2024.pdf'), 'pdf');
    assert.ok('text' in pdf, JSON.stringify(pdf));
    assert.match(pdf.text, /^行政处罚\t3985758\t\t$/m);
    const html = await convertInWorker(b64('pingtan-2024.article.html'), 'html');
    assert.ok('text' in html);
  });

  test("the readers' errors come back in both languages", async () => {
    const r = await convertInWorker(Buffer.from('not a pdf').toString('base64'), 'pdf');
    assert.deepEqual(r, { error: { zh: '不是 PDF 文件（没有 %PDF 文件头）', en: 'Not a PDF file (no %PDF header)', code: 'not-pdf' } });
  });

  test('past the heap limit the worker is ended: out-of-memory error', async () => {
    const hostile = Buffer.from(`<table>${'<tr><td>1</td><td>2</td></tr>'.repeat(400_000)}</table>`).toString('base64');
    const r = await convertInWorker(hostile, 'html', { heapMb: 32, ms: 120_000 });
    assert.ok('error' in r);
    assert.equal(r.error.code, 'out-of-memory');
    assert.equal(r.error.zh, '转换所需内存超过上限（32 MB），已停止；文件可能异常');
  });

  test('past the time budget the worker is ended: timeout error', async () => {
    const r = await convertInWorker(b64('huaian-city-2024.pdf'), 'pdf', { heapMb: 1024, ms: 50 });
    assert.deepEqual(r, {
      error: {
        zh: '转换超时（超过 0.05 秒），已停止；文件可能异常',
        en: 'The conversion took too long (over 0.05 s) and was stopped; the file may be malformed',
        code: 'timeout',
      },
    });
  });
});

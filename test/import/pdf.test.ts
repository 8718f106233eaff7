// The PDF reader on bad input, with PDFs written here byte by byte: no text layer (a scan), an
// encrypted file, corrupt files, a file that is not a PDF. Each gets a clear bilingual error, never
// a crash or a hang; and pdf.js writes nothing on standard output.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { PDF_LIMITS, PdfImportError, pdfToText } from '../../server/src/import/pdf';

/** A PDF of the given objects (bodies without `n 0 obj … endobj`) with a correct xref table. */
function pdf(objects: string[], trailer = ''): Buffer {
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function page(content: string, extra = ''): string[] {
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ${extra}>>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
}

async function error(data: Buffer): Promise<PdfImportError> {
  try {
    await pdfToText(new Uint8Array(data));
  } catch (e) {
    assert.ok(e instanceof PdfImportError, `not a PdfImportError: ${(e as Error)?.stack ?? e}`);
    return e;
  }
  assert.fail('no error');
}

describe('PDF reader: bad input', () => {
  test('a page with drawings but no text (a scan): the no-text-layer error', async () => {
    const e = await error(pdf(page('0 0 1 rg 10 10 200 200 re f')));
    assert.equal(e.code, 'no-text');
    assert.equal(e.message, '此 PDF 没有文字层（可能是扫描件），无法读取表格');
    assert.match(e.messageEn, /no text layer/);
  });

  test('an image-only page (an inline image, as a scanner writes): the no-text-layer error', async () => {
    const img = 'q 100 0 0 100 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \u0000\u00ff\u00ff\u0000 EI Q';
    const e = await error(pdf(page(img)));
    assert.equal(e.code, 'no-text');
  });

  test('an encrypted PDF (a user password): the encrypted error', async () => {
    const objects = [...page('BT /F1 12 Tf 72 720 Td (secret) Tj ET'),
      `<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`];
    const e = await error(pdf(objects, '/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] '));
    assert.equal(e.code, 'encrypted');
    assert.match(e.message, /加密/);
  });

  test('corrupt files: a header and garbage, a truncated file, random bytes', async () => {
    const good = pdf(page('BT /F1 12 Tf 72 720 Td (hello) Tj ET', '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>'));
    for (const data of [Buffer.from(`%PDF-1.7\n${'garbage '.repeat(500)}`), good.subarray(0, 60), Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.alloc(3000, 0x5a)])]) {
      const e = await error(data);
      assert.ok(['corrupt', 'no-text'].includes(e.code), `${e.code}: ${e.message}`);
    }
    const notPdf = await error(Buffer.from('<html><body>不是 PDF</body></html>'));
    assert.equal(notPdf.code, 'not-pdf');
  });

  test('a text PDF written by hand reads; pdf.js prints nothing on standard output', async () => {
    const good = pdf(page('BT /F1 12 Tf 72 720 Td (Hello report) Tj ET', '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>'));
    const writes: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const log = console.log;
    process.stdout.write = ((s: string | Uint8Array) => (writes.push(String(s)), true)) as typeof process.stdout.write;
    console.log = (...a: unknown[]) => void writes.push(a.join(' '));
    try {
      const { text } = await pdfToText(new Uint8Array(good));
      assert.equal(text, 'Hello report\n');
    } finally {
      process.stdout.write = write;
      console.log = log;
    }
    assert.deepEqual(writes.filter((w) => /Warning/.test(w)), []);
  });

  test('limits: too many pages, too many text items, the time budget; the reader works again afterwards', async () => {
    const city = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/corpus/huaian-city-2024.pdf'));
    const saved = { ...PDF_LIMITS };
    try {
      PDF_LIMITS.pages = 5;
      assert.equal((await error(city)).code, 'too-large');
      PDF_LIMITS.pages = saved.pages;
      PDF_LIMITS.items = 100;
      const items = await error(city);
      assert.equal(items.code, 'too-large');
      assert.equal(items.message, 'PDF 中的文字块过多（超过 100 个）');
      assert.equal(items.messageEn, 'The PDF has too many text items (over 100)');
      PDF_LIMITS.items = saved.items;
      PDF_LIMITS.ms = 1;
      const e = await error(city);
      assert.equal(e.code, 'timeout');
      assert.equal(e.message, '读取 PDF 超时');
    } finally {
      Object.assign(PDF_LIMITS, saved);
    }
    assert.match((await pdfToText(new Uint8Array(city))).text, /^行政处罚\t3985758\t\t$/m);
  });
});

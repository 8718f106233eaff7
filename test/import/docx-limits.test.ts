// Hostile .docx files (issue 17): zip bombs, deep nesting, too many paragraphs, tables or entries,
// a time budget. Each is refused with a clear zh/en error, found while inflating or scanning — the
// process never holds the whole bomb. Every file is generated here, none is committed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { DOCX_LIMITS, DocxImportError, docxToText } from '../../server/src/import/docx';
import { run } from '../../server/src/cli/import';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal .docx, deflated (a bomb needs compression), with `body` in word/document.xml. */
async function docx(body: string, extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

function refused(e: unknown, zh: RegExp): boolean {
  assert.ok(e instanceof DocxImportError, `a DocxImportError, not ${String(e).slice(0, 200)}`);
  assert.equal(e.code, 'too-large');
  assert.match(e.message, zh);
  assert.match(e.messageEn, /refused|stopped/);
  return true;
}

/** A .docx whose document.xml inflates to 65 MB (made once: deflating it takes seconds). */
let bombBytes: Promise<Uint8Array> | undefined;
function bomb(): Promise<Uint8Array> {
  const para = '<w:p><w:r><w:t>正文正文正文正文</w:t></w:r></w:p>';
  bombBytes ??= docx(para.repeat(Math.ceil((65 << 20) / para.length)));
  return bombBytes;
}

describe('hostile .docx', () => {
  test('a zip bomb: document.xml inflating past 64 MB is refused while inflating (the heap never holds it)', async () => {
    const data = await bomb();
    assert.ok(data.length < 2 << 20, `${data.length} bytes compressed`);
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    await assert.rejects(docxToText(data), (e) => refused(e, /^文件解压后过大（word\/document\.xml 超过 64 MB），疑似压缩炸弹，已拒绝导入$/));
    clearInterval(timer);
    // 64 MB of chunks at most, never the 70 MB part nor its string
    assert.ok(peak - before < 200 << 20, `heap grew by ${(peak - before) >> 20} MB`);
  });

  test('an abnormal compression ratio is refused (limits given smaller to keep the test small)', async () => {
    const data = await docx(`<w:p><w:r><w:t>${'0'.repeat(3 << 20)}</w:t></w:r></w:p>`);
    await assert.rejects(docxToText(data, { ratio: 100, ratioFrom: 1 << 20 }), (e) => refused(e, /压缩比异常（word\/document\.xml 超过 100 倍）/));
  });

  test('100,000 nested elements: refused by depth, no stack overflow', async () => {
    const n = 100_000;
    const data = await docx(`${'<w:sdt><w:sdtContent>'.repeat(n / 2)}<w:p/>${'</w:sdtContent></w:sdt>'.repeat(n / 2)}`);
    await assert.rejects(docxToText(data), (e) => refused(e, new RegExp(`嵌套超过 ${DOCX_LIMITS.depth} 层`)));
    // a normal depth still reads
    assert.equal(await docxToText(await docx(`${'<w:sdt><w:sdtContent>'.repeat(20)}<w:p><w:r><w:t>深</w:t></w:r></w:p>${'</w:sdtContent></w:sdt>'.repeat(20)}`)), '深\n');
  });

  test('too many paragraphs, too many tables', async () => {
    await assert.rejects(docxToText(await docx('<w:p/>'.repeat(DOCX_LIMITS.paragraphs + 1))), (e) => refused(e, /段落超过 500000 个/));
    await assert.rejects(docxToText(await docx('<w:tbl/>'.repeat(101)), { tables: 100 }), (e) => refused(e, /表格超过 100 个/));
  });

  test('too many zip entries', async () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i <= DOCX_LIMITS.entries; i++) extra[`x/${i}`] = '';
    await assert.rejects(docxToText(await docx('<w:p/>', extra)), (e) => refused(e, /压缩包中的文件超过 10000 个/));
  });

  test('a time budget', async () => {
    const data = await docx('<w:p><w:r><w:t>a</w:t></w:r></w:p>'.repeat(10));
    await assert.rejects(docxToText(data, { timeMs: -1 }), (e) => refused(e, /导入超过了时间上限/));
    assert.equal(await docxToText(data), 'a\n'.repeat(10));
  });

  test('CLI: the bomb is refused with the message, exit 2, nothing written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-bomb-'));
    try {
      const file = path.join(dir, 'bomb.docx');
      fs.writeFileSync(file, await bomb());
      let stderr = '';
      const code = await run([file, '-o', path.join(dir, 'out.txt')], { stdout: () => {}, stderr: (s) => void (stderr += s), lang: 'zh' });
      assert.equal(code, 2);
      assert.match(stderr, /疑似压缩炸弹，已拒绝导入/);
      assert.ok(!fs.existsSync(path.join(dir, 'out.txt')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

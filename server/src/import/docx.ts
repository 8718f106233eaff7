// Word import: converts a .docx (Office Open XML WordprocessingML) into the plain-text layout the
// zwgk-report parser reads (see test/fixtures/samples/*.txt):
//
// - a paragraph is one line (runs concatenated; `w:tab` → a space; `w:br`/`w:cr` → a new line);
// - a table is written row by row, one cell per line: a TAB and then the cell's text; a cell with
//   several paragraphs continues on the next lines WITHOUT a tab (like `\t商业` ⏎ `企业`); a blank
//   line ends each row and one more blank line ends the table;
// - a horizontally merged cell (`w:gridSpan`, legacy `w:hMerge`) is written once; a vertically
//   merged cell (`w:vMerge`) is written in its first row and as an empty cell (`\t` alone) in each
//   row it continues into, and each grid column a row skips before its first cell (`w:gridBefore`)
//   as an empty cell too, so the numbers of every row land in their columns.
//
// Pure module: no `vscode`, no language-server import, no node built-ins; jszip + @xmldom/xmldom.

import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import type { Converted, MapEntry } from './layout';
import { ImportFailure } from './errors';

// Structural types: the subset of the xmldom DOM this module uses.
interface XNode {
  nodeType: number;
  namespaceURI: string | null;
  localName: string | null;
  textContent: string | null;
  childNodes: ArrayLike<XNode>;
}
interface XElement extends XNode {
  getAttributeNS(ns: string | null, localName: string): string | null;
  hasAttributeNS(ns: string | null, localName: string): boolean;
}

const ELEMENT_NODE = 1;
/** Stands for a `w:tab` until the paragraph's text is complete (control characters never come from `w:t`). */
const TAB_MARK = '\u0001';

/** WordprocessingML main namespace (transitional) and its ISO strict twin. */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W_STRICT_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

export type DocxImportErrorCode =
  | 'empty-file'
  | 'not-zip'
  | 'legacy-doc'
  | 'other-office'
  | 'no-document'
  | 'corrupt-zip'
  | 'bad-xml'
  | 'not-wordprocessingml'
  | 'too-large';

/** A .docx that cannot be imported. `message` is Chinese, `messageEn` English. */
export class DocxImportError extends ImportFailure<DocxImportErrorCode> {
  override name = 'DocxImportError';
}

// ---------------------------------------------------------------- limits

/**
 * What a .docx may hold before it is refused as hostile (a zip bomb, a document built to exhaust
 * memory or the stack). Sizes are checked while inflating, not after. See docs/limits.md.
 */
export interface DocxLimits {
  /** Uncompressed bytes of one XML part read (document.xml, numbering.xml, styles.xml …). */
  partBytes: number;
  /** Uncompressed bytes over compressed bytes of a part, once it is past `ratioFrom` bytes. */
  ratio: number;
  ratioFrom: number;
  /** Entries in the zip package. */
  entries: number;
  /** Nesting depth of XML elements. */
  depth: number;
  paragraphs: number;
  tables: number;
  /** Milliseconds for the whole import. */
  timeMs: number;
}

export const DOCX_LIMITS: Readonly<DocxLimits> = Object.freeze({
  partBytes: 64 * 1024 * 1024,
  ratio: 1000,
  ratioFrom: 8 * 1024 * 1024,
  entries: 10_000,
  depth: 256,
  paragraphs: 500_000,
  tables: 20_000,
  timeMs: 60_000,
});

function tooLarge(zh: string, en: string): DocxImportError {
  return new DocxImportError(`${zh}，已拒绝导入`, `${en}; import refused`, 'too-large');
}

/** The import's limits and deadline, checked as it goes. */
class Budget {
  readonly deadline: number;
  constructor(readonly limits: DocxLimits) {
    this.deadline = Date.now() + limits.timeMs;
  }
  tick(): void {
    if (Date.now() > this.deadline) {
      throw new DocxImportError(
        `导入超过了时间上限（${this.limits.timeMs / 1000} 秒），已停止`,
        `the import took longer than its limit (${this.limits.timeMs / 1000} s) and was stopped`,
        'too-large',
      );
    }
  }
}

/**
 * The XML's element depth and its paragraph and table counts, by a linear scan of its tags
 * (before a DOM is built: a DOM of a million nested elements, or a recursive walk of it, is what
 * a hostile file wants).
 */
function vetXml(xml: string, path: string, budget: Budget): void {
  const { depth: maxDepth, paragraphs: maxP, tables: maxT } = budget.limits;
  let depth = 0;
  let paragraphs = 0;
  let tables = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    const c = xml.charCodeAt(i + 1);
    if (xml.startsWith('<!--', i)) {
      const e = xml.indexOf('-->', i + 4);
      i = e < 0 ? -1 : xml.indexOf('<', e + 3);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const e = xml.indexOf(']]>', i + 9);
      i = e < 0 ? -1 : xml.indexOf('<', e + 3);
      continue;
    }
    // the end of the tag, past quoted attribute values
    let j = i + 1;
    let quote = 0;
    for (; j < xml.length; j++) {
      const d = xml.charCodeAt(j);
      if (quote) {
        if (d === quote) quote = 0;
      } else if (d === 34 || d === 39) quote = d;
      else if (d === 62) break; // '>'
    }
    if (c === 47) depth--; // '</'
    else if (c !== 63 && c !== 33 && xml.charCodeAt(j - 1) !== 47) depth++; // not '<?', '<!', '…/>'
    if (c !== 47 && c !== 63 && c !== 33) {
      // the local name: after an optional prefix
      let k = i + 1;
      while (k < j && !/[\s/>]/.test(xml[k])) k++;
      const name = xml.slice(i + 1, k);
      const local = name.slice(name.indexOf(':') + 1);
      if (local === 'p' && ++paragraphs > maxP) {
        throw tooLarge(`文档的段落超过 ${maxP} 个，疑似恶意构造的文件`, `the document has more than ${maxP} paragraphs, likely built to attack`);
      }
      if (local === 'tbl' && ++tables > maxT) {
        throw tooLarge(`文档的表格超过 ${maxT} 个，疑似恶意构造的文件`, `the document has more than ${maxT} tables, likely built to attack`);
      }
    }
    if (depth > maxDepth) {
      throw tooLarge(`${path} 的元素嵌套超过 ${maxDepth} 层，疑似恶意构造的文件`, `${path} nests elements more than ${maxDepth} deep, likely built to attack`);
    }
    if ((paragraphs & 0xfff) === 0) budget.tick();
    i = xml.indexOf('<', j + 1);
  }
}

// ---------------------------------------------------------------- public API

/**
 * Converts the bytes of a .docx file into the report's plain-text layout ('\n' line ends, one
 * final '\n'; '' for a document without text). Throws `DocxImportError` for anything that is not
 * a readable Word document.
 */
export async function docxToText(data: Uint8Array, limits: Partial<DocxLimits> = {}): Promise<string> {
  return (await docxToConverted(data, limits)).text;
}

/**
 * `docxToText`, with the place of each table cell of the text in the Word document (its table in
 * body order, row and cell, from 0), for the diagnostics' places in the original.
 */
export async function docxToConverted(data: Uint8Array, limits: Partial<DocxLimits> = {}): Promise<Converted> {
  const budget = new Budget({ ...DOCX_LIMITS, ...limits });
  const pkg = await openPackage(data, budget);
  budget.tick();
  const ctx = new Context(pkg.numbering, pkg.styles, budget);
  const body = firstChild(pkg.document, 'body');
  if (!body) return { text: '', map: [] };
  const blocks: Block[] = [];
  readBlocks(body, ctx, blocks);
  return render(blocks);
}

// ---------------------------------------------------------------- package

interface Package {
  document: XElement;
  numbering: XElement | null;
  styles: XElement | null;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

async function openPackage(data: Uint8Array, budget: Budget): Promise<Package> {
  if (!data || data.length === 0) {
    throw new DocxImportError('文件为空，不是 Word 文档（.docx）。', 'The file is empty; it is not a Word document (.docx).', 'empty-file');
  }
  if (data.length >= 8 && OLE_MAGIC.every((b, i) => data[i] === b)) {
    throw new DocxImportError(
      '这是旧版 Word 97-2003 文档（.doc / .wps）或加密的文档，无法直接导入。请在 Word 或 WPS 中“另存为” .docx 格式（并取消密码保护）后再导入。',
      'This is a legacy Word 97-2003 (.doc / .wps) or a password-protected document, which cannot be imported. Save it as .docx (without password protection) in Word or WPS and import that.',
      'legacy-doc',
    );
  }
  let zip: JSZip;
  try {
    // Only the central directory is read here: each part read is inflated (and its CRC checked) by
    // readPart, under the size limits. (checkCRC32 would inflate every entry first, bombs included.)
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch (e) {
    throw new DocxImportError(
      '无法读取文件：它不是有效的 Word 文档（.docx 文件应是一个 zip 压缩包，这个文件不是，或已损坏、不完整）。',
      'Cannot read the file: it is not a valid Word document (a .docx file is a zip package; this file is not one, or it is damaged or incomplete).',
      'not-zip',
      { cause: e },
    );
  }

  const entries = Object.keys(zip.files).length;
  if (entries > budget.limits.entries) {
    throw tooLarge(`压缩包中的文件超过 ${budget.limits.entries} 个，疑似恶意构造的文件`, `the zip package holds more than ${budget.limits.entries} entries, likely built to attack`);
  }
  budgets.set(zip, budget);

  const kind = zip.file('word/document.xml') ? null : otherOfficeKind(zip);
  if (kind) {
    throw new DocxImportError(
      `这是${kind.zh}，不是 Word 文档。请导入 .docx 格式的年度报告。`,
      `This is ${kind.en}, not a Word document. Import the annual report as a .docx file.`,
      'other-office',
    );
  }
  const mainPath = (await officeDocumentPath(zip)) ?? 'word/document.xml';
  const mainFile = zip.file(mainPath) ?? zip.file('word/document.xml');
  if (!mainFile) {
    throw new DocxImportError(
      '这个 zip 压缩包中没有 word/document.xml，不是 Word 文档（.docx）。',
      'The zip package has no word/document.xml; it is not a Word document (.docx).',
      'no-document',
    );
  }
  const mainXml = await readPart(zip, mainFile.name, true);
  vetXml(mainXml as string, mainFile.name, budget);
  const document = parseXml(mainXml as string, mainFile.name);
  if (!isW(document, 'document')) {
    throw new DocxImportError(
      `${mainFile.name} 不是 Word 文档正文（根元素应为 w:document）。`,
      `${mainFile.name} is not a Word document body (its root element should be w:document).`,
      'not-wordprocessingml',
    );
  }

  // The other entries (images, settings …) are not read, but a damaged package is refused as
  // before: each is inflated under the same limits, its CRC checked, its bytes dropped.
  for (const f of Object.values(zip.files)) {
    if (f.dir || f.name === mainFile.name) continue;
    try {
      await inflate(f as unknown as ZipEntry, f.name, budget, false);
    } catch (e) {
      if (e instanceof DocxImportError) throw e;
      throw new DocxImportError(
        `文档已损坏：无法解压 ${f.name}。${detail(e)}`,
        `The document is damaged: cannot decompress ${f.name}.${detailEn(e)}`,
        'corrupt-zip',
        { cause: e },
      );
    }
  }

  // Numbering and styles are optional: a missing or broken part only loses automatic numbering.
  const rels = await partRelationships(zip, mainFile.name);
  const optional = async (type: string, fallback: string): Promise<XElement | null> => {
    const path = rels.get(type) ?? joinPath(dirname(mainFile.name), fallback);
    try {
      const xml = await readPart(zip, path, false);
      if (xml === null) return null;
      vetXml(xml, path, budget);
      return parseXml(xml, path);
    } catch (e) {
      if (e instanceof DocxImportError && e.code === 'too-large') throw e;
      return null;
    }
  };
  const numbering = await optional('numbering', 'numbering.xml');
  // Styles only matter here for the numbering they carry.
  const styles = numbering ? await optional('styles', 'styles.xml') : null;
  return { document, numbering, styles };
}

function otherOfficeKind(zip: JSZip): { zh: string; en: string } | null {
  if (zip.file('xl/workbook.xml')) return { zh: 'Excel 工作簿', en: 'an Excel workbook' };
  if (zip.file('ppt/presentation.xml')) return { zh: 'PowerPoint 演示文稿', en: 'a PowerPoint presentation' };
  if (zip.file('content.xml') && zip.file('mimetype')) return { zh: 'OpenDocument 文档（.odt 等）', en: 'an OpenDocument file (.odt etc.)' };
  return null;
}

/** JSZip's stream of one entry's content and its private record of sizes (not in its typings). */
interface EntryStream {
  on(event: 'data', f: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'error', f: (e: unknown) => void): EntryStream;
  on(event: 'end', f: () => void): EntryStream;
  resume(): EntryStream;
  pause(): EntryStream;
}
interface ZipEntry {
  name: string;
  internalStream(type: 'uint8array'): EntryStream;
  _data?: { compressedSize?: number; crc32?: number };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crc32 = require('jszip/lib/crc32') as (input: Uint8Array, crc?: number) => number;

/** Inflate one entry chunk by chunk, stopping as soon as a limit is passed; checks its CRC. */
function inflate(file: ZipEntry, path: string, budget: Budget, keep = true): Promise<Uint8Array> {
  const { partBytes, ratio, ratioFrom } = budget.limits;
  const compressed = file._data?.compressedSize ?? 0;
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let crc = 0;
    let done = false;
    const stream = file.internalStream('uint8array');
    const fail = (e: unknown): void => {
      if (done) return;
      done = true;
      stream.pause();
      reject(e);
    };
    stream
      .on('data', (chunk) => {
        if (done) return;
        size += chunk.length;
        if (size > partBytes) {
          fail(tooLarge(`文件解压后过大（${path} 超过 ${Math.round(partBytes / 1048576)} MB），疑似压缩炸弹`, `the file is too large once decompressed (${path} is over ${Math.round(partBytes / 1048576)} MB), likely a zip bomb`));
          return;
        }
        if (size > ratioFrom && size > compressed * ratio) {
          fail(tooLarge(`文件的压缩比异常（${path} 超过 ${ratio} 倍），疑似压缩炸弹`, `the file's compression ratio is abnormal (${path} over ${ratio}:1), likely a zip bomb`));
          return;
        }
        try {
          budget.tick();
        } catch (e) {
          fail(e);
          return;
        }
        crc = crc32(chunk, crc);
        if (keep) chunks.push(chunk);
      })
      .on('error', fail)
      .on('end', () => {
        if (done) return;
        done = true;
        const want = file._data?.crc32;
        if (want !== undefined && (crc >>> 0) !== (want >>> 0)) {
          reject(new Error('Corrupted zip : CRC32 mismatch'));
          return;
        }
        const out = new Uint8Array(keep ? size : 0);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}

/** The budget of the import each open package belongs to. */
const budgets = new WeakMap<JSZip, Budget>();

async function readPart(zip: JSZip, path: string, required: boolean): Promise<string | null> {
  const file = zip.file(path) as unknown as ZipEntry | null;
  if (!file) return null;
  let bytes: Uint8Array;
  try {
    bytes = await inflate(file, path, budgets.get(zip) ?? new Budget(DOCX_LIMITS));
  } catch (e) {
    if (e instanceof DocxImportError) throw e;
    if (!required) return null;
    throw new DocxImportError(
      `文档已损坏：无法解压 ${path}。${detail(e)}`,
      `The document is damaged: cannot decompress ${path}.${detailEn(e)}`,
      'corrupt-zip',
      { cause: e },
    );
  }
  return decodeXml(bytes);
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

function parseXml(xml: string, path: string): XElement {
  let doc: { documentElement: unknown } | undefined;
  try {
    const parser = new DOMParser({
      locator: false,
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    });
    doc = parser.parseFromString(xml, 'application/xml') as unknown as { documentElement: unknown };
  } catch (e) {
    throw new DocxImportError(
      `文档已损坏：${path} 不是格式正确的 XML。${detail(e)}`,
      `The document is damaged: ${path} is not well-formed XML.${detailEn(e)}`,
      'bad-xml',
      { cause: e },
    );
  }
  const root = doc?.documentElement as XElement | null | undefined;
  if (!root) {
    throw new DocxImportError(`文档已损坏：${path} 是空的。`, `The document is damaged: ${path} is empty.`, 'bad-xml');
  }
  return root;
}

/** The main part named by the package relationships (`_rels/.rels`), if any. */
async function officeDocumentPath(zip: JSZip): Promise<string | null> {
  const rels = await readRelationships(zip, '_rels/.rels', '');
  return rels.get('officeDocument') ?? null;
}

/** Relationships of a part, keyed by the last segment of their type (`styles`, `numbering`…). */
async function partRelationships(zip: JSZip, partPath: string): Promise<Map<string, string>> {
  const dir = dirname(partPath);
  const name = partPath.slice(dir.length ? dir.length + 1 : 0);
  return readRelationships(zip, joinPath(dir, `_rels/${name}.rels`), dir);
}

async function readRelationships(zip: JSZip, relsPath: string, baseDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let root: XElement;
  try {
    const xml = await readPart(zip, relsPath, false);
    if (xml === null) return out;
    root = parseXml(xml, relsPath);
  } catch {
    return out;
  }
  for (const rel of elementChildren(root)) {
    if (rel.localName !== 'Relationship' || (rel.namespaceURI !== PKG_REL_NS && rel.namespaceURI !== null)) continue;
    if (rel.getAttributeNS(null, 'TargetMode') === 'External') continue;
    const type = rel.getAttributeNS(null, 'Type') ?? '';
    const target = rel.getAttributeNS(null, 'Target');
    if (!target) continue;
    const key = type.slice(type.lastIndexOf('/') + 1);
    if (!out.has(key)) out.set(key, target.startsWith('/') ? normalizePath(target.slice(1)) : joinPath(baseDir, target));
  }
  return out;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function joinPath(dir: string, rel: string): string {
  return normalizePath(dir ? `${dir}/${rel}` : rel);
}

function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function detail(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m ? `（${firstLine(m)}）` : '';
}

function detailEn(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m ? ` (${firstLine(m)})` : '';
}

function firstLine(s: string): string {
  // xmldom wraps its message: `Reporting fatalError "…" caused Error: …`.
  const inner = /caused \w*Error: ([^\n]*)/.exec(s);
  const line = (inner ? inner[1] : s.split('\n')[0]).trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

// ---------------------------------------------------------------- DOM helpers

function isWNs(ns: string | null): boolean {
  return ns === W_NS || ns === W_STRICT_NS;
}

function isW(node: XNode, localName: string): boolean {
  return node.nodeType === ELEMENT_NODE && node.localName === localName && isWNs(node.namespaceURI);
}

function elementChildren(node: XNode): XElement[] {
  const out: XElement[] = [];
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) if (kids[i].nodeType === ELEMENT_NODE) out.push(kids[i] as XElement);
  return out;
}

function firstChild(node: XNode, localName: string): XElement | null {
  for (const c of elementChildren(node)) if (isW(c, localName)) return c;
  return null;
}

/** A `w:`-namespaced attribute (the element's own WordprocessingML namespace). */
function wAttr(el: XElement, name: string): string | null {
  for (const ns of [el.namespaceURI, W_NS, W_STRICT_NS]) {
    if (ns && el.hasAttributeNS(ns, name)) return el.getAttributeNS(ns, name);
  }
  return null;
}

/** `w:val` of the child `localName`, or null when there is no such child. */
function childVal(el: XElement | null, localName: string): string | null {
  if (!el) return null;
  const c = firstChild(el, localName);
  return c ? (wAttr(c, 'val') ?? '') : null;
}

/** An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`). */
function onOff(el: XElement | null, localName: string): boolean {
  const v = childVal(el, localName);
  return v !== null && v !== 'false' && v !== '0' && v !== 'off';
}

// ---------------------------------------------------------------- blocks

type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] };

/** Run-level state that crosses paragraphs: complex fields (`w:fldChar`) and numbering. */
class Context {
  /** One entry per open complex field: true while in its instruction part. */
  fields: boolean[] = [];
  private readonly numbering: Numbering;
  constructor(numbering: XElement | null, styles: XElement | null, readonly budget: Budget) {
    this.numbering = new Numbering(numbering, styles);
  }
  inFieldInstruction(): boolean {
    return this.fields.some((f) => f);
  }
  label(p: XElement): string {
    return this.numbering.label(p);
  }
}

/** Reads block-level content (body, cell, sdtContent…) into blocks, in document order. */
function readBlocks(container: XNode, ctx: Context, out: Block[]): void {
  let carried = ''; // text of a paragraph whose mark was deleted: it joins the next paragraph
  for (const el of elementChildren(container)) {
    if ((out.length & 0x3ff) === 0) ctx.budget.tick();
    if (!isWNs(el.namespaceURI)) {
      // mc:AlternateContent: its mc:Fallback is the WordprocessingML every reader understands.
      const inner = el.namespaceURI === MC_NS ? (el.localName === 'AlternateContent' ? fallbackOf(el) : null) : el;
      if (inner) readBlocks(inner, ctx, out); // unknown wrappers (other vendors' extensions): keep their text
      continue;
    }
    switch (el.localName) {
      case 'p': {
        const text = carried + paragraphText(el, ctx);
        if (paragraphMarkDeleted(el)) {
          carried = text;
        } else {
          carried = '';
          out.push({ kind: 'p', text });
        }
        break;
      }
      case 'tbl':
        if (carried) out.push({ kind: 'p', text: carried });
        carried = '';
        out.push({ kind: 'table', rows: tableRows(el, ctx) });
        break;
      case 'sdt': {
        const content = firstChild(el, 'sdtContent');
        if (content) readBlocks(content, ctx, out);
        break;
      }
      case 'customXml':
      case 'ins':
      case 'moveTo':
      case 'smartTag':
        readBlocks(el, ctx, out);
        break;
      default:
        // sectPr, bookmarks, del, moveFrom, altChunk, proofErr, permStart…: no text of the report.
        break;
    }
  }
  if (carried) out.push({ kind: 'p', text: carried });
}

function fallbackOf(alternate: XElement): XElement | null {
  for (const c of elementChildren(alternate)) if (c.namespaceURI === MC_NS && c.localName === 'Fallback') return c;
  return null;
}

function paragraphMarkDeleted(p: XElement): boolean {
  const pPr = firstChild(p, 'pPr');
  const rPr = pPr && firstChild(pPr, 'rPr');
  return !!rPr && (!!firstChild(rPr, 'del') || !!firstChild(rPr, 'moveFrom'));
}

function paragraphText(p: XElement, ctx: Context): string {
  const parts: string[] = [ctx.label(p)];
  readInline(p, ctx, parts);
  // A field instruction does not run past its paragraph: if a damaged field has no `separate`
  // or `end`, the following text is still shown.
  ctx.fields = ctx.fields.map(() => false);
  // Tabs: none at the start of a line (indentation), one space for a run of tabs elsewhere.
  return parts.join('').replace(/(^|\n)\u0001+/g, '$1').replace(/\u0001+/g, ' ');
}

/** Collects the visible text of inline content (runs and their wrappers). */
function readInline(node: XNode, ctx: Context, parts: string[]): void {
  for (const el of elementChildren(node)) {
    if (!isWNs(el.namespaceURI)) {
      if (el.localName === 'oMath' || el.localName === 'oMathPara') continue;
      const inner = el.namespaceURI === MC_NS ? (el.localName === 'AlternateContent' ? fallbackOf(el) : null) : el;
      if (inner) readInline(inner, ctx, parts);
      continue;
    }
    switch (el.localName) {
      case 'r':
        readRun(el, ctx, parts);
        break;
      case 'del':
      case 'moveFrom':
      case 'pPr':
      case 'rPr':
        break;
      case 'sdt': {
        const content = firstChild(el, 'sdtContent');
        if (content) readInline(content, ctx, parts);
        break;
      }
      case 'ruby': {
        const base = firstChild(el, 'rubyBase');
        if (base) readInline(base, ctx, parts);
        break;
      }
      default:
        // ins, moveTo, hyperlink, smartTag, customXml, fldSimple, dir, bdo…: keep their runs.
        readInline(el, ctx, parts);
        break;
    }
  }
}

function readRun(r: XElement, ctx: Context, parts: string[]): void {
  const hidden = onOff(firstChild(r, 'rPr'), 'vanish');
  for (const el of elementChildren(r)) {
    if (!isWNs(el.namespaceURI)) continue; // mc:AlternateContent (drawings, text boxes)…
    switch (el.localName) {
      case 'fldChar': {
        const type = wAttr(el, 'fldCharType');
        if (type === 'begin') ctx.fields.push(true);
        else if (type === 'separate') {
          if (ctx.fields.length) ctx.fields[ctx.fields.length - 1] = false;
        } else if (type === 'end') ctx.fields.pop();
        break;
      }
      case 't':
        if (!hidden && !ctx.inFieldInstruction()) parts.push(cleanText(el.textContent ?? ''));
        break;
      case 'tab':
      case 'ptab':
        if (!hidden && !ctx.inFieldInstruction()) parts.push(TAB_MARK);
        break;
      case 'br':
      case 'cr':
        if (!hidden && !ctx.inFieldInstruction()) parts.push('\n');
        break;
      case 'noBreakHyphen':
        if (!hidden && !ctx.inFieldInstruction()) parts.push('-');
        break;
      default:
        // instrText, delText, drawing, pict, object, footnoteReference, softHyphen, sym…
        break;
    }
  }
}

/** Text of a `w:t`: no tabs, line ends or control characters inside a line. */
function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\t\r\n\u000b\u000c\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '');
}

// ---------------------------------------------------------------- tables

function tableRows(tbl: XElement, ctx: Context): string[][] {
  const rows: string[][] = [];
  const visitRows = (node: XNode): void => {
    for (const el of elementChildren(node)) {
      if (isW(el, 'tr')) {
        if (rowDeleted(el)) continue;
        const cells = rowCells(el, ctx);
        if (cells.length) rows.push(cells);
      } else if (isW(el, 'sdt')) {
        const content = firstChild(el, 'sdtContent');
        if (content) visitRows(content);
      } else if (isW(el, 'customXml') || isW(el, 'ins') || isW(el, 'moveTo')) {
        visitRows(el);
      }
    }
  };
  visitRows(tbl);
  return rows;
}

function rowDeleted(tr: XElement): boolean {
  const trPr = firstChild(tr, 'trPr');
  return !!trPr && !!firstChild(trPr, 'del');
}

/**
 * The cells of a row as the layout writes them: '' for a vertical-merge continuation, and '' for
 * each grid column the row skips before its first cell (`w:gridBefore`, as in a row indented
 * under a merged label), so that its figures land in their columns like the other rows'.
 */
function rowCells(tr: XElement, ctx: Context): string[] {
  const cells: string[] = [];
  const before = Number.parseInt(childVal(firstChild(tr, 'trPr'), 'gridBefore') ?? '', 10);
  // (at most 63: a table has at most 63 grid columns in Word)
  for (let k = 0; k < Math.min(Number.isFinite(before) ? before : 0, 63); k++) cells.push('');
  const visitCells = (node: XNode): void => {
    for (const el of elementChildren(node)) {
      if (isW(el, 'tc')) {
        const tcPr = firstChild(el, 'tcPr');
        if (tcPr && firstChild(tcPr, 'cellDel')) continue;
        const hMerge = childVal(tcPr, 'hMerge');
        if (hMerge !== null && hMerge !== 'restart') continue; // legacy horizontal merge: written once
        const vMerge = childVal(tcPr, 'vMerge');
        if (vMerge !== null && vMerge !== 'restart') {
          // Continuation of a vertically merged cell: an empty cell keeps the columns in place.
          // Its (normally empty) content still advances numbering and fields.
          cellText(el, ctx);
          cells.push('');
        } else {
          cells.push(cellText(el, ctx));
        }
      } else if (isW(el, 'sdt')) {
        const content = firstChild(el, 'sdtContent');
        if (content) visitCells(content);
      } else if (isW(el, 'customXml') || isW(el, 'ins') || isW(el, 'moveTo')) {
        visitCells(el);
      }
    }
  };
  visitCells(tr);
  return cells;
}

/**
 * The text of a cell: its paragraphs' lines joined with '\n' (no tab on the continuation lines),
 * empty lines dropped (a blank line would end the row). Nested tables are flattened: one line per
 * nested row, its cells separated by a space.
 */
function cellText(tc: XElement, ctx: Context): string {
  const blocks: Block[] = [];
  readBlocks(tc, ctx, blocks);
  const lines: string[] = [];
  const push = (text: string): void => {
    for (const line of text.split('\n')) {
      const t = trimAscii(line);
      if (t) lines.push(t);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'p') push(b.text);
    else for (const row of b.rows) push(row.map((c) => c.split('\n').map(trimAscii).filter(Boolean).join(' ')).filter(Boolean).join(' '));
  }
  return lines.join('\n');
}

function trimAscii(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

// ---------------------------------------------------------------- rendering

function render(blocks: Block[]): Converted {
  const out: string[] = [];
  const map: MapEntry[] = [];
  let table = 0;
  const blank = (): void => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  for (const b of blocks) {
    if (b.kind === 'p') {
      for (const line of b.text.split('\n')) {
        const t = line.replace(/[ \t]+$/, '');
        if (t === '' || /^[\s\u3000]*$/.test(t)) blank();
        else out.push(t);
      }
    } else {
      if (!b.rows.length) continue;
      b.rows.forEach((row, r) => {
        row.forEach((cell, c) => {
          const [first, ...rest] = cell.split('\n');
          if (first) map.push({ line: out.length, start: 1, end: 1 + first.length, place: { kind: 'docx', table, row: r, cell: c } });
          out.push(`\t${first}`, ...rest);
        });
        out.push('');
      });
      out.push(''); // a second blank line ends the table
      table++;
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return { text: out.length ? `${out.join('\n')}\n` : '', map };
}

// ---------------------------------------------------------------- automatic numbering

interface Level {
  start: number;
  fmt: string;
  text: string;
  suffix: string;
  legal: boolean;
}

/** Computes the labels Word draws for numbered paragraphs (`一、`, `（二）`, `3.`). */
class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }>();
  private readonly styles = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  /** abstractNum → numbering style it takes its levels from (`w:numStyleLink`). */
  private readonly styleLinks = new Map<string, string>();
  private readonly counters = new Map<string, number[]>();
  private readonly startedNums = new Set<string>();

  constructor(numbering: XElement | null, styles: XElement | null) {
    if (numbering) {
      for (const el of elementChildren(numbering)) {
        if (isW(el, 'abstractNum')) {
          const id = wAttr(el, 'abstractNumId') ?? '';
          const levels = new Map<number, Level>();
          for (const lvl of elementChildren(el)) if (isW(lvl, 'lvl')) levels.set(Number(wAttr(lvl, 'ilvl') ?? 0), readLevel(lvl));
          this.abstracts.set(id, levels);
          const link = childVal(el, 'numStyleLink');
          if (link) this.styleLinks.set(id, link);
        } else if (isW(el, 'num')) {
          const id = wAttr(el, 'numId') ?? '';
          const abstractId = childVal(el, 'abstractNumId') ?? '';
          const overrides = new Map<number, { start?: number; level?: Level }>();
          for (const o of elementChildren(el)) {
            if (!isW(o, 'lvlOverride')) continue;
            const ilvl = Number(wAttr(o, 'ilvl') ?? 0);
            const so = childVal(o, 'startOverride');
            const lvl = firstChild(o, 'lvl');
            overrides.set(ilvl, { start: so !== null ? Number(so) : undefined, level: lvl ? readLevel(lvl) : undefined });
          }
          this.nums.set(id, { abstractId, overrides });
        }
      }
    }
    if (styles) {
      for (const st of elementChildren(styles)) {
        const type = wAttr(st, 'type');
        if (!isW(st, 'style') || (type !== 'paragraph' && type !== 'numbering')) continue;
        const id = wAttr(st, 'styleId') ?? '';
        const pPr = firstChild(st, 'pPr');
        const numPr = pPr && firstChild(pPr, 'numPr');
        const ilvl = childVal(numPr, 'ilvl');
        this.styles.set(id, {
          numId: childVal(numPr, 'numId') ?? undefined,
          ilvl: ilvl !== null ? Number(ilvl) : undefined,
          basedOn: childVal(st, 'basedOn') ?? undefined,
        });
      }
    }
  }

  label(p: XElement): string {
    if (!this.nums.size) return '';
    const pPr = firstChild(p, 'pPr');
    if (!pPr) return '';
    const numPr = firstChild(pPr, 'numPr');
    let numId = childVal(numPr, 'numId');
    let ilvlText = childVal(numPr, 'ilvl');
    // Numbering inherited from the paragraph style (and the styles it is based on).
    let styleId = childVal(pPr, 'pStyle');
    for (let depth = 0; styleId && depth < 20 && (numId === null || ilvlText === null); depth++) {
      const st = this.styles.get(styleId);
      if (!st) break;
      if (numId === null && st.numId !== undefined) numId = st.numId;
      if (ilvlText === null && st.ilvl !== undefined) ilvlText = String(st.ilvl);
      styleId = st.basedOn ?? null;
    }
    if (numId === null || numId === '0') return '';
    const num = this.nums.get(numId);
    if (!num) return '';
    let abstractId = num.abstractId;
    // A list that uses a numbering style takes its levels from the list that defines the style.
    const link = this.styleLinks.get(abstractId);
    const linkedNum = link !== undefined ? this.nums.get(this.styles.get(link)?.numId ?? '') : undefined;
    if (linkedNum && linkedNum.abstractId !== abstractId) abstractId = linkedNum.abstractId;
    const abs = this.abstracts.get(abstractId);
    if (!abs) return '';
    const ilvl = Math.max(0, Math.min(8, Number(ilvlText ?? 0) || 0));
    const levelOf = (i: number): Level | undefined => num.overrides.get(i)?.level ?? abs.get(i);
    const level = levelOf(ilvl);
    if (!level) return '';

    // Counters are shared by all lists of one abstract numbering; a start override restarts them.
    let counters = this.counters.get(abstractId);
    if (!counters) this.counters.set(abstractId, (counters = []));
    if (!this.startedNums.has(numId)) {
      this.startedNums.add(numId);
      for (const [i, o] of num.overrides) if (o.start !== undefined) counters[i] = o.start - 1;
    }
    for (let i = 0; i < ilvl; i++) if (counters[i] === undefined) counters[i] = levelOf(i)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? level.start : counters[ilvl] + 1;
    counters.length = ilvl + 1;

    if (level.fmt === 'bullet' || level.fmt === 'none') return '';
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const lv = levelOf(i);
      const n = counters![i] ?? lv?.start ?? 1;
      return formatNumber(n, level.legal && i < ilvl ? 'decimal' : (lv?.fmt ?? 'decimal'));
    });
    if (!text) return '';
    if (level.suffix === 'nothing') return text;
    if (level.suffix === 'space') return `${text} `;
    // Default suffix is a tab: the samples write no space after punctuation (`一、`, `1.`).
    return /[\p{L}\p{N}]$/u.test(text) ? `${text} ` : text;
  }
}

function readLevel(lvl: XElement): Level {
  const start = childVal(lvl, 'start');
  return {
    start: start !== null && start !== '' ? Number(start) : 0,
    fmt: childVal(lvl, 'numFmt') || 'decimal',
    text: childVal(lvl, 'lvlText') ?? '',
    suffix: childVal(lvl, 'suff') || 'tab',
    legal: onOff(lvl, 'isLgl'),
  };
}

const CN_DIGITS = '零一二三四五六七八九';
const CN_LEGAL = '零壹贰叁肆伍陆柒捌玖';

function chineseCounting(n: number, digits = CN_DIGITS, units = ['', '十', '百', '千']): string {
  if (n <= 0 || n >= 10000) return String(n);
  const ds = String(n).split('').map(Number);
  let s = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && s) s += digits[0];
    zero = false;
    s += digits[d] + unit;
  });
  // 一十 → 十 (10–19), as Chinese counting writes it.
  if (digits === CN_DIGITS && n >= 10 && n < 20) s = s.slice(1);
  return s;
}

function letters(n: number, upper: boolean): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of table) while (n >= v) { s += r; n -= v; }
  return s;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'koreanCounting':
      return chineseCounting(n);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCounting(n, CN_LEGAL, ['', '拾', '佰', '仟']);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

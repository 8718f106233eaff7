// `zwgk-report import FILE [-o out.txt]`: converts a Word document, a web page or a PDF into the
// report's plain-text layout (server/src/import).
// Exit codes: 0 converted; 2 bad usage, or the input is unreadable / cannot be converted; 1 the
// output could not be written.

import * as path from 'path';
import { ImportError, convert, importKindOf, sniffKind } from '../import';
import { type Bilingual, type OptionSpec, needsFileName, scanArgs, usageError } from './args';
import { WriteError, identitiesOf, writeFileAtomic } from './atomic';
import { FileError, readInputFile } from './io';

export interface ImportIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  lang: 'zh' | 'en';
}

const USAGE = {
  zh: [
    '用法：zwgk-report import <报告.docx|.pdf|.html> [-o <输出.txt>]',
    '',
    '把 Word 文档（.docx）、网页（.html、.htm、.shtml）或 PDF 转换为年度报告的纯文本格式。Word 文档：段落一行一段，表格每个单元格一行（以制表符开头）；网页与 PDF：正文一段一行，统计表每行一行、单元格以制表符分隔（合并单元格展开为空单元格）。',
    '不指定 -o 时输出到标准输出。',
    '',
    '选项：',
    '  -o, --output <文件>  写入指定文件（UTF-8）',
    '  -h, --help           显示本帮助',
  ].join('\n'),
  en: [
    'Usage: zwgk-report import <report.docx|.pdf|.html> [-o <out.txt>]',
    '',
    "Converts a Word document (.docx), a web page (.html, .htm, .shtml) or a PDF into the annual report's plain-text layout. Word: one line per paragraph, one line per table cell (starting with a tab); web pages and PDF: one line per paragraph, one line per table row with tab-separated cells (merged cells spread as empty cells).",
    'Writes to standard output when -o is not given.',
    '',
    'Options:',
    '  -o, --output <file>  write to this file (UTF-8)',
    '  -h, --help           show this help',
  ].join('\n'),
};

const OPTIONS: readonly OptionSpec[] = [
  { names: ['--help', '-h'] },
  { names: ['--output', '-o'], value: 'value', nonEmpty: true, missing: needsFileName },
];

export async function run(argv: string[], io: ImportIo): Promise<number> {
  const zh = io.lang === 'zh';
  const t = (zhText: string, enText: string): string => (zh ? zhText : enText);
  const bad = (error: Bilingual): number => usageError(io, USAGE, error);

  let input: string | undefined;
  let output: string | undefined;
  // tolerate being passed the subcommand itself
  for (const a of scanArgs(argv[0] === 'import' ? argv.slice(1) : argv, OPTIONS)) {
    if ('error' in a) return bad(a.error);
    if ('positional' in a) {
      if (input !== undefined) {
        return bad({ zh: `只能导入一个文件（多余的参数：${a.positional}）。`, en: `Only one file can be imported (extra argument: ${a.positional}).` });
      }
      input = a.positional;
    } else if (a.option === '--help') {
      io.stdout(`${USAGE[io.lang]}\n`);
      return 0;
    } else output = a.value;
  }
  if (input === undefined) return bad({ zh: '缺少要导入的文件（.docx、.pdf、.html）。', en: 'Missing the file to import (.docx, .pdf, .html).' });


  let data: Uint8Array;
  try {
    data = readInputFile(input).bytes;
  } catch (e) {
    const reason = e instanceof FileError ? e.reason : { zh: (e as Error).message, en: (e as Error).message };
    io.stderr(`${t(`无法读取 ${input}：${reason.zh}。`, `Cannot read ${input}: ${reason.en}.`)}\n`);
    return 2;
  }

  let text: string;
  try {
    // by extension; a file named otherwise by its first bytes (the Word reader explains .doc, .xlsx …)
    const kind = importKindOf(input) ?? sniffKind(data);
    text = (await convert({ bytes: data, kind })).text;
  } catch (e) {
    if (e instanceof ImportError) {
      io.stderr(`${input}: ${zh ? e.message : e.messageEn}\n`);
      return 2;
    }
    io.stderr(`${input}: ${t('导入失败：', 'import failed: ')}${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
  if (text === '') {
    io.stderr(`${input}: ${t('警告：文档中没有文字内容。', 'warning: the document has no text.')}\n`);
  }

  if (output === undefined || output === '-') {
    io.stdout(text);
    return 0;
  }
  // the same file by device and inode, whatever the path (a symbolic or hard link, `./x`, …)
  const inputId = identitiesOf([input]);
  const outputId = identitiesOf([output]);
  if (path.resolve(output) === path.resolve(input) || outputId.some((o) => inputId.some((i) => i.dev === o.dev && i.ino === o.ino))) {
    io.stderr(`${t('输出文件不能与输入文件相同。', 'The output file must not be the input file.')}\n`);
    return 2;
  }
  try {
    await writeFileAtomic(output, text, { notOver: inputId });
  } catch (e) {
    io.stderr(`${t(`无法写入 ${output}：`, `Cannot write ${output}: `)}${e instanceof WriteError ? t(e.reason.zh, e.reason.en) : (e as Error).message}\n`);
    return 1;
  }
  io.stderr(`${t(`已导入 ${input} → ${output}`, `Imported ${input} → ${output}`)}\n`);
  return 0;
}

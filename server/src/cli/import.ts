// `zwgk-report import report.docx [-o out.txt]`: converts a Word report into the plain-text layout.
// Exit codes: 0 converted; 2 bad usage, or the input is unreadable / not a .docx; 1 the output
// could not be written.

import * as path from 'path';
import { DocxImportError, docxToText } from '../import/docx';
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
    '用法：zwgk-report import <报告.docx> [-o <输出.txt>]',
    '',
    '把 Word 文档（.docx）转换为年度报告的纯文本格式：段落一行一段，表格每个单元格一行（以制表符开头），每行表格之后空一行。',
    '不指定 -o 时输出到标准输出。',
    '',
    '选项：',
    '  -o, --output <文件>  写入指定文件（UTF-8）',
    '  -h, --help           显示本帮助',
  ].join('\n'),
  en: [
    'Usage: zwgk-report import <report.docx> [-o <out.txt>]',
    '',
    "Converts a Word document (.docx) into the annual report's plain-text layout: one line per paragraph, one line per table cell (starting with a tab), a blank line after each table row.",
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
  if (input === undefined) return bad({ zh: '缺少要导入的 .docx 文件。', en: 'Missing the .docx file to import.' });

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
    text = await docxToText(data);
  } catch (e) {
    if (e instanceof DocxImportError) {
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
    io.stderr(`${t('输出文件不能与输入的 .docx 相同。', 'The output file must not be the input .docx.')}\n`);
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

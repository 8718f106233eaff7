// `zwgk-report render report.txt [--html out.html]`: the report as a standalone HTML page — the
// text and the statistics tables in their official layout, cells with errors/warnings marked —
// the same rendering as the editor's preview, without script (strict CSP, nothing loaded).
// Exit codes: 0 rendered; 2 bad usage or the input is unreadable; 1 the output could not be written.

import * as fs from 'fs';
import * as path from 'path';
import { analyze, type CheckOptions } from '../core';
import { renderStandalone } from '../render/html';
import { type Bilingual, type OptionSpec, needsFileName, oneOf, scanArgs, usageError } from './args';
import { FileError, type TextFile, badByteDiagnostics, decodeText } from './io';
import { WriteError, identitiesOf, writeFileAtomicSync } from './atomic';
import { type ReportFile, readReportFile } from './read';

export interface RenderIo {
  stdout(s: string): void;
  stderr(s: string): void;
  lang: 'zh' | 'en';
  isTTY?: boolean;
}

const USAGE = {
  zh: [
    '用法：zwgk-report render <报告.txt> [--html <输出.html>]',
    '',
    '把年度报告排版为独立的 HTML 页面：标题、各级标题、正文，以及按官方格式（含合并单元格）排出的统计表；',
    '有错误或警告的单元格以颜色标出，鼠标悬停可见说明。页面不含脚本，不加载任何外部资源。',
    '不指定 --html 时输出到标准输出。文件按 UTF-8 读取，不是有效 UTF-8 时按 GB18030 读取。',
    '',
    '选项：',
    '  --html <文件>                    写入指定文件（UTF-8）',
    '  --title <标题>                   页面标题（默认取报告标题）',
    '  --format-version auto|2019|2021  按哪一版格式排版和检查（默认 auto 自动识别）',
    '  -h, --help                       显示本帮助',
  ].join('\n'),
  en: [
    'Usage: zwgk-report render <report.txt> [--html <out.html>]',
    '',
    'Renders an annual report as a standalone HTML page: the title, headings, paragraphs and the statistics',
    'tables in their official layout (merged cells included); cells with errors or warnings are highlighted,',
    'with the message on hover. The page has no script and loads nothing.',
    'Writes to standard output when --html is not given. Files are read as UTF-8, or as GB18030 when not valid UTF-8.',
    '',
    'Options:',
    '  --html <file>                    write to this file (UTF-8)',
    '  --title <title>                  page title (default: the report title)',
    '  --format-version auto|2019|2021  format to lay out and check against (default auto: detect)',
    '  -h, --help                       show this help',
  ].join('\n'),
};

const FORMATS = ['auto', '2019', '2021'] as const;

const OPTIONS: readonly OptionSpec[] = [
  { names: ['--help', '-h'] },
  { names: ['--html', '-o', '--output'], value: 'value', nonEmpty: true, missing: needsFileName },
  { names: ['--title'], value: 'value', missing: () => ({ zh: '选项 --title 需要一个值。', en: 'Option --title needs a value.' }) },
  // `--format-version` with no value: the message of a wrong one
  { names: ['--format-version'], value: 'value', missing: () => (oneOf('--format-version', '', FORMATS) as { error: Bilingual }).error },
];

export async function run(argv: string[], io: RenderIo): Promise<number> {
  const zh = io.lang === 'zh';
  const t = (zhText: string, enText: string): string => (zh ? zhText : enText);
  const bad = (error: Bilingual): number => usageError(io, USAGE, error);

  let input: string | undefined;
  let output: string | undefined;
  let title: string | undefined;
  let format: CheckOptions['format'] = 'auto';
  // tolerate being passed the subcommand itself
  for (const a of scanArgs(argv[0] === 'render' ? argv.slice(1) : argv, OPTIONS)) {
    if ('error' in a) return bad(a.error);
    if ('positional' in a) {
      if (input !== undefined) return bad({ zh: '只能指定一个输入文件。', en: 'Only one input file may be given.' });
      input = a.positional;
      continue;
    }
    switch (a.option) {
      case '--help':
        io.stdout(`${USAGE[io.lang]}\n`);
        return 0;
      case '--html':
        output = a.value;
        break;
      case '--title':
        title = a.value;
        break;
      case '--format-version': {
        const r = oneOf('--format-version', a.value ?? '', FORMATS);
        if ('error' in r) return bad(r.error);
        format = r.value;
      }
    }
  }
  if (input === undefined) return bad({ zh: '缺少输入文件。', en: 'No input file given.' });

  let source: ReportFile;
  try {
    source = input === '-' ? readStdin() : await readReportFile(input);
  } catch (e) {
    if (e instanceof FileError) {
      io.stderr(`${input}: ${t(e.reason.zh, e.reason.en)}\n`);
    } else {
      io.stderr(`${input}: ${(e as Error).message}\n`);
    }
    return 2;
  }

  const analysed = analyze(source.text, { format });
  const { doc } = analysed;
  const diagnostics = [...(source.converted ? [] : badByteDiagnostics(source as TextFile)), ...analysed.diagnostics];
  const html = renderStandalone(doc, diagnostics, { lang: io.lang, title });

  if (output === undefined) {
    io.stdout(html);
    return 0;
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    writeFileAtomicSync(output, html, { notOver: input === '-' ? [] : identitiesOf([input]) });
  } catch (e) {
    io.stderr(`${output}: ${t('无法写入', 'cannot write')}: ${e instanceof WriteError ? t(e.reason.zh, e.reason.en) : (e as Error).message}\n`);
    return 1;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  io.stderr(t(
    `已生成 ${output}（${errors} 个错误，${warnings} 个警告已标出）\n`,
    `Wrote ${output} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} marked)\n`,
  ));
  return 0;
}

/** `-`: the report on standard input, decoded like a file (UTF-8, else GB18030). */
function readStdin(): ReportFile {
  const bytes = fs.readFileSync(0);
  return { ...decodeText(bytes, '-'), bytes };
}

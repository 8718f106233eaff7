// `zwgk-report`: the command-line entry point (bundled to dist/cli.js). Dispatches to the
// subcommands; handles the global options --lang, --help and --version.
// Exit codes: whatever the subcommand returns; 2 for bad usage (unknown command or option).

// (first: it sets V8's heap sizing for `audit` and `check` before the rest is loaded)
import './heap';
import * as fs from 'fs';
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { run as runAudit } from './audit';
import { run as runCheck } from './check';
import { run as runImport } from './import';
import { type CliIo, processIo, setMaxInputBytes } from './io';
import { run as runRender } from './render';

type Lang = 'zh' | 'en';
type Command = (argv: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: runCheck,
  import: runImport,
  render: runRender,
  audit: runAudit,
};

const USAGE: Record<Lang, string> = {
  zh: [
    '用法：zwgk-report <命令> [选项]',
    '',
    '政府信息公开工作年度报告（纯文本）的检查、导入与生成工具。',
    '',
    '命令：',
    '  check <文件或目录>…      检查报告（合计、表格、章节等），可 --fix 自动修复',
    '  import <报告.docx>        把 Word 文档转换为纯文本格式',
    '  render <报告.txt>         生成报告的排版输出',
    '  audit <目录>              汇总审核多份报告',
    '',
    '全局选项：',
    '  --lang zh|en              输出语言（默认 zh；也可设置环境变量 ZWGK_LANG）',
    '  --max-file-size <MB>      不读取大于此大小的输入文件（默认 50）',
    '  -h, --help                显示帮助（zwgk-report <命令> --help 显示该命令的帮助）',
    '  -v, --version             显示版本号',
    '',
    '退出码：0 成功/没有错误；1 发现错误；2 用法错误或文件无法读取。',
  ].join('\n'),
  en: [
    'Usage: zwgk-report <command> [options]',
    '',
    'Checks, imports and renders government information-disclosure annual reports kept as plain text.',
    '',
    'Commands:',
    '  check <file or folder>…   check reports (totals, tables, sections …); --fix repairs them',
    '  import <report.docx>      convert a Word document into the plain-text layout',
    '  render <report.txt>       render a report',
    '  audit <folder>            audit several reports together',
    '',
    'Global options:',
    '  --lang zh|en              output language (default zh; or the ZWGK_LANG environment variable)',
    '  --max-file-size <MB>      refuse input files larger than this (default 50)',
    '  -h, --help                show help (zwgk-report <command> --help for one command)',
    '  -v, --version             show the version',
    '',
    'Exit codes: 0 success / no errors; 1 errors found; 2 bad usage or an unreadable file.',
  ].join('\n'),
};

/** The version in package.json, found by walking up from the bundle (dist/) or the compiled file (out/…). */
export function version(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zwgk-report' && pkg.version) return pkg.version;
    } catch {
      // not here: go up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return 'unknown';
}

function envLang(): Lang {
  const v = (process.env.ZWGK_LANG ?? '').toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh';
}

/**
 * Run the CLI with `argv` (without `node` and the script). The global `--lang` may stand anywhere
 * before a `--`; it is taken out before the subcommand sees its arguments.
 */
export async function main(argv: string[], base: Omit<CliIo, 'lang'> & { lang?: Lang } = processIo(envLang())): Promise<number> {
  let lang: Lang = base.lang ?? envLang();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (v !== 'zh' && v !== 'en') {
        base.stderr(`${lang === 'zh' ? `--lang 只能是 zh 或 en：${v ?? ''}` : `--lang must be zh or en: ${v ?? ''}`}\n\n${USAGE[lang]}\n`);
        return 2;
      }
      lang = v;
      continue;
    }
    if (a === '--max-file-size' || a.startsWith('--max-file-size=')) {
      const v = a === '--max-file-size' ? argv[++i] : a.slice('--max-file-size='.length);
      const n = Number(v);
      if (!v || !Number.isFinite(n) || n <= 0) {
        base.stderr(`${lang === 'zh' ? `--max-file-size 需要一个正数（MB）：${v ?? ''}` : `--max-file-size takes a positive number of MB: ${v ?? ''}`}\n`);
        return 2;
      }
      setMaxInputBytes(Math.floor(n * 1024 * 1024));
      continue;
    }
    rest.push(a);
  }
  const io: CliIo = { stdout: base.stdout, stderr: base.stderr, isTTY: base.isTTY, lang };
  const [cmd, ...args] = rest;
  if (cmd === undefined) {
    io.stderr(`${USAGE[lang]}\n`);
    return 2;
  }
  if (cmd === '-h' || cmd === '--help') {
    io.stdout(`${USAGE[lang]}\n`);
    return 0;
  }
  if (cmd === 'help') {
    if (args[0] && Object.hasOwn(COMMANDS, args[0])) return COMMANDS[args[0]](['--help'], io);
    io.stdout(`${USAGE[lang]}\n`);
    return 0;
  }
  if (cmd === '-v' || cmd === '--version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, cmd)) {
    io.stderr(`${lang === 'zh' ? `未知命令：${cmd}` : `Unknown command: ${cmd}`}\n\n${USAGE[lang]}\n`);
    return 2;
  }
  return COMMANDS[cmd](args, io);
}

// (a worker thread of the audit loads this bundle too: it only checks files, see pool.ts)
if (require.main === module && isMainThread) {
  // `zwgk-report check … | head`: a closed pipe is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`zwgk-report: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

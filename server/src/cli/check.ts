// `zwgk-report check [options] PATH…`: checks reports like a compiler.
//
// Text output: `file:line:col severity code message` (1-based line; column = UTF-16 code units
// before the position + 1), then a summary line. Hints are hidden unless --hints.
// JSON output: exactly one array on stdout, one object per file, 0-based LSP positions, every
// severity. Exit codes: 0 no errors; 1 at least one error diagnostic; 2 bad usage or a file that
// could not be read/written (2 wins over 1). Files are only written with --fix.

import * as fs from 'fs';
import { RULES, analyze, fixAll, msg, type ReportDocument } from '../core';
import { checkAcrossAll, crossRules } from '../core/cross';
import type { CheckOptions, Diagnostic, FixScope, Severity } from '../core';
import { type ArgToken, type Bilingual, type OptionSpec, oneOf, scanArgs } from './args';
import * as path from 'path';
import { type DiagnosticSource, type MapEntry, describeSource, sourceOf } from '../import';
import { runStreaming } from './check-stream';
import { type CliIo, FileError, type TextFile, badByteDiagnostics, collectFiles, decodeText, printable, useColour, writeTextFile } from './io';
import { type ReportFile, readReportFile } from './read';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export const USAGE = {
  zh: [
    '用法：zwgk-report check [选项] <文件或目录>…',
    '',
    '检查政府信息公开工作年度报告（纯文本）。目录会递归查找 *.txt 和 *.zwgk 文件（跳过 node_modules、.git）。',
    '文件可以是 UTF-8（可带 BOM）、GB18030/GBK 或带 BOM 的 UTF-16 编码；「-」表示从标准输入读取。',
    '',
    '选项：',
    '  --format text|json|jsonl|sarif  输出格式（默认 text）；jsonl 每个文件一行（检查完即输出），sarif 为 SARIF 2.1.0',
    '  --jobs <N>                    并行检查的线程数（默认为 CPU 核数；--fix 与标准输入时逐个检查）',
    '  --fix                         重新计算所有合计并写回文件（保持原编码、BOM 和换行符）',
    '  --fix=all                     应用每条诊断的首选修复',
    '  --format-version auto|2019|2021  按哪一版格式检查（默认 auto 自动识别）',
    '  --rule <规则>=<级别>          调整规则级别：error|warning|information|hint|off，可重复',
    '  --hints                       文本输出中也显示 hint 级别的诊断',
    '  --lang zh|en                  输出语言（默认 zh，或环境变量 ZWGK_LANG）',
    '  -h, --help                    显示本帮助',
    '',
    '退出码：0 没有错误；1 有错误；2 用法错误或有文件无法读取/写入。',
  ].join('\n'),
  en: [
    'Usage: zwgk-report check [options] <file or folder>…',
    '',
    'Checks government information-disclosure annual reports (plain text). Folders are searched recursively for *.txt and *.zwgk files (node_modules and .git are skipped).',
    'Files may be UTF-8 (with or without BOM), GB18030/GBK, or UTF-16 with a BOM; "-" reads standard input.',
    '',
    'Options:',
    '  --format text|json|jsonl|sarif  output format (default text); jsonl is one line per file as it is checked, sarif is SARIF 2.1.0',
    '  --jobs <N>                    threads to check on (default: the number of CPUs; one by one with --fix or standard input)',
    '  --fix                         recompute every total and write the file back (same encoding, BOM and line endings)',
    "  --fix=all                     apply every diagnostic's preferred fix",
    '  --format-version auto|2019|2021  which format to check against (default auto: detect)',
    '  --rule <rule>=<severity>      change a rule: error|warning|information|hint|off; repeatable',
    '  --hints                       show hint diagnostics in text output too',
    '  --lang zh|en                  output language (default zh, or the ZWGK_LANG environment variable)',
    '  -h, --help                    show this help',
    '',
    'Exit codes: 0 no errors; 1 errors found; 2 bad usage, or a file could not be read/written.',
  ].join('\n'),
};

export interface CheckArgs {
  format: 'text' | 'json' | 'jsonl' | 'sarif';
  fix: FixScope | null;
  formatVersion: 'auto' | '2019' | '2021';
  rules: Record<string, Severity | 'off'>;
  hints: boolean;
  lang: 'zh' | 'en' | null;
  paths: string[];
  help: boolean;
  /** `--jobs N`; null: the number of CPUs. */
  jobs?: number | null;
}

/** What `check` and `audit` share: their paths and the options that say how to check. */
export type ReportArgs = Pick<CheckArgs, 'format' | 'formatVersion' | 'rules' | 'lang' | 'paths' | 'help'>;

const REPORT_OPTIONS: readonly OptionSpec[] = [
  { names: ['--help', '-h'], value: 'optional' }, // `--help=…` is --help too
  { names: ['--format'], value: 'value' },
  { names: ['--format-version'], value: 'value' },
  { names: ['--rule'], value: 'value', repeatable: true },
  { names: ['--lang'], value: 'value' },
];

/** The shared options with a fixed set of values: where each goes and its values. */
const CHOICES: Record<string, [keyof ReportArgs, readonly string[]]> = {
  '--format': ['format', ['text', 'json', 'jsonl', 'sarif']],
  '--format-version': ['formatVersion', ['auto', '2019', '2021']],
  '--lang': ['lang', ['zh', 'en']],
};

type OptionToken = Extract<ArgToken, { option: string }>;

/**
 * The arguments of `check` or `audit` (`command`, tolerated as the first argument): the shared
 * options go into `out`, the command's own (`extra`) to `onExtra`, which returns an error or nothing.
 * `listRules`: an unknown rule's message lists the known ones.
 */
export function parseReportArgs<T extends ReportArgs>(
  argv: readonly string[], command: string, out: T, extra: readonly OptionSpec[], onExtra: (t: OptionToken) => Bilingual | void, listRules: boolean,
): T | { error: Bilingual } {
  const ruleIds = new Set([...RULES.map((r) => r.id), ...crossRules.map((r) => r.id)]);
  const args = argv[0] === command ? argv.slice(1) : argv; // tolerate being passed the subcommand itself
  for (const t of scanArgs(args, [...REPORT_OPTIONS, ...extra])) {
    if ('error' in t) return t;
    if ('positional' in t) {
      out.paths.push(t.positional);
      continue;
    }
    const v = t.value ?? '';
    switch (t.option) {
      case '--help':
        out.help = true;
        break;
      case '--format':
      case '--format-version':
      case '--lang': {
        const [key, allowed] = CHOICES[t.option];
        const r = oneOf(t.option, v, allowed);
        if ('error' in r) return r;
        (out as Record<string, unknown>)[key] = r.value;
        break;
      }
      case '--rule': {
        const m = /^([^=]+)=(.*)$/.exec(v);
        if (!m) return { error: { zh: `--rule 的格式是 规则=级别：${v}`, en: `--rule takes rule=severity: ${v}` } };
        const [, id, sev] = m;
        if (!ruleIds.has(id)) {
          const list = [...ruleIds].join(', ');
          return { error: listRules ? { zh: `未知规则：${id}（可用：${list}）`, en: `Unknown rule: ${id} (known: ${list})` } : { zh: `未知规则：${id}`, en: `Unknown rule: ${id}` } };
        }
        if (sev !== 'off' && !(SEVERITIES as readonly string[]).includes(sev)) {
          return { error: { zh: `规则级别只能是 error、warning、information、hint 或 off：${sev}`, en: `Severity must be error, warning, information, hint or off: ${sev}` } };
        }
        out.rules[id] = sev as Severity | 'off';
        break;
      }
      default: {
        const error = onExtra(t);
        if (error) return { error };
      }
    }
  }
  return out;
}

/** Parse the arguments; returns a bilingual error message for bad usage. */
export function parseArgs(argv: string[]): CheckArgs | { error: Bilingual } {
  const out: CheckArgs = { format: 'text', fix: null, formatVersion: 'auto', rules: {}, hints: false, lang: null, paths: [], help: false };
  const own: OptionSpec[] = [{ names: ['--hints'] }, { names: ['--fix'], value: 'optional' }, { names: ['--jobs', '-j'], value: 'value' }];
  return parseReportArgs(argv, 'check', out, own, (t) => {
    if (t.option === '--hints') out.hints = true;
    else if (t.option === '--jobs') {
      const n = Number(t.value);
      if (!/^\d+$/.test(t.value ?? '') || n < 1 || n > 256) return { zh: `--jobs 应为 1 到 256 的整数：${t.value ?? ''}`, en: `--jobs takes a whole number from 1 to 256: ${t.value ?? ''}` };
      out.jobs = n;
    }
    else if (t.value === undefined || t.value === 'totals') out.fix = 'totals';
    else if (t.value === 'all') out.fix = 'all';
    else return { zh: `--fix 的值只能是 all（或 totals）：${t.arg}`, en: `--fix takes only =all (or =totals): ${t.arg}` };
  }, true);
}

// ------------------------------------------------------------------ output

interface FileResult {
  file: string;
  format: '2019' | '2021' | null;
  diagnostics: Diagnostic[];
}

const COLOUR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };

/** One compiler-style line: `file:line:col severity code message` (1-based line and column). */
export function formatDiagnostic(file: string, d: Diagnostic, lang: 'zh' | 'en', colour = false): string {
  const sev = colour ? `${COLOUR[d.severity]}${d.severity}\x1b[0m` : d.severity;
  const code = colour ? `\x1b[2m${d.code}\x1b[0m` : d.code;
  const text = printable(msg(d.message, lang).replace(/\r?\n|\r/g, ' '));
  return `${printable(file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${sev} ${code} ${text}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary line of the text output. */
export function summaryLine(counts: Record<Severity, number>, files: number, hiddenHints: number, unreadable: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    let s = `检查了 ${files} 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.information} 条提示信息`;
    if (hiddenHints) s += `（另有 ${hiddenHints} 条 hint 未显示，用 --hints 显示）`;
    else if (counts.hint) s += `，${counts.hint} 条 hint`;
    if (unreadable) s += `；${unreadable} 个文件无法读取`;
    return s;
  }
  let s = `Checked ${plural(files, 'file', 'files')}: ${plural(counts.error, 'error', 'errors')}, ${plural(counts.warning, 'warning', 'warnings')}, ${plural(counts.information, 'information message', 'information messages')}`;
  if (hiddenHints) s += ` (${plural(hiddenHints, 'hint', 'hints')} not shown; use --hints to show them)`;
  else if (counts.hint) s += `, ${plural(counts.hint, 'hint', 'hints')}`;
  if (unreadable) s += `; ${plural(unreadable, 'file', 'files')} could not be read`;
  return s;
}

function jsonOf(r: FileResult, lang: 'zh' | 'en', sourceOfDiagnostic?: (d: Diagnostic) => DiagnosticSource | undefined): object {
  return {
    file: r.file,
    format: r.format,
    diagnostics: r.diagnostics.map((d) => {
      const source = sourceOfDiagnostic?.(d);
      return {
        code: d.code,
        severity: d.severity,
        message: msg(d.message, lang),
        range: {
          start: { line: d.range.start.line, character: d.range.start.character },
          end: { line: d.range.end.line, character: d.range.end.character },
        },
        ...(source ? { source } : {}),
      };
    }),
  };
}

/** A text-output line with the diagnostic's place in the original after it, when it has one: `（洪泽区2024.pdf 第3页 表三 （四）1. 总计）`. */
export function withSource(line: string, file: string, where: string | undefined, lang: 'zh' | 'en'): string {
  if (!where) return line;
  return lang === 'zh' ? `${line}（${path.basename(file)} ${where}）` : `${line} (${path.basename(file)} ${where})`;
}

/** The diagnostic that stands for an unreadable file in the JSON output. */
function readErrorDiagnostic(e: FileError): Diagnostic {
  return {
    code: 'read-error',
    severity: 'error',
    message: { zh: `无法读取：${e.reason.zh}`, en: `Cannot read: ${e.reason.en}` },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

// ------------------------------------------------------------------ run

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.stderr(`${msg(parsed.error, io.lang)}\n\n${USAGE[io.lang]}\n`);
    return 2;
  }
  const lang = parsed.lang ?? io.lang;
  const t = (zh: string, en: string): string => (lang === 'zh' ? zh : en);
  if (parsed.help) {
    io.stdout(`${USAGE[lang]}\n`);
    return 0;
  }
  if (!parsed.paths.length) {
    io.stderr(`${t('缺少要检查的文件或目录', 'Missing the files or folders to check')}\n\n${USAGE[lang]}\n`);
    return 2;
  }
  if (parsed.fix && parsed.paths.includes('-')) {
    io.stderr(`${t('--fix 不能用于标准输入（-）', '--fix cannot be used with standard input (-)')}\n`);
    return 2;
  }
  // streamed on every core, whatever the files (text, PDF, web page, Word); --fix and standard
  // input are checked here, one by one
  if (!parsed.fix && !parsed.paths.includes('-')) return runStreaming(parsed, io);
  if (parsed.format === 'jsonl' || parsed.format === 'sarif') {
    io.stderr(`${t(`--format ${parsed.format} 不能与 --fix 或标准输入（-）同用`, `--format ${parsed.format} cannot be used with --fix or standard input (-)`)}\n`);
    return 2;
  }
  const json = parsed.format === 'json';
  const colour = !json && useColour(io);
  const options: CheckOptions = { format: parsed.formatVersion, rules: parsed.rules };

  // Standard input is read once, in its place among the arguments.
  const items: { file: string; error?: FileError; stdin?: boolean }[] = [];
  const pending: string[] = [];
  const flush = (): void => {
    for (const c of pending.length ? collectFiles(pending.splice(0)) : []) items.push(c); // (not push(...): a folder may hold more files than a call takes arguments)
  };
  for (const p of parsed.paths) {
    if (p === '-') {
      flush();
      if (!items.some((x) => x.stdin)) items.push({ file: '<stdin>', stdin: true });
    } else pending.push(p);
  }
  flush();

  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const results: object[] = [];
  let status = 0;
  let checked = 0;
  let unreadable = 0;
  let hiddenHints = 0;
  let fixedFiles = 0;
  let fixedEdits = 0;
  let unwritten = 0;
  const fixLines: string[] = [];

  // Read (and fix) every file first, then check each against the others too (carry-over between
  // one organ's consecutive years), then print in argument order.
  type Entry = { error: FileError } | { file: string; doc: ReportDocument; diagnostics: Diagnostic[]; map?: MapEntry[] };
  const entries: Entry[] = [];
  const fail = (e: FileError): void => {
    entries.push({ error: e });
  };

  for (const item of items) {
    if (item.error) {
      fail(item.error);
      continue;
    }
    let source: (TextFile & { bytes?: Buffer; converted?: undefined }) | ReportFile;
    try {
      if (item.stdin) {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(0);
        } catch (e) {
          throw new FileError(item.file, { zh: (e as Error).message, en: (e as Error).message });
        }
        source = decodeText(bytes, item.file);
      } else source = await readReportFile(item.file);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      fail(e);
      continue;
    }

    let text = source.text;
    if (parsed.fix && source.converted) {
      // a PDF, web page or Word file is never written into: import it to text, then fix that
      io.stderr(`${item.file}: ${t('--fix 不写入 PDF、网页或 Word 文件；请先用 import 转成文本再修复', '--fix does not write into PDF, web-page or Word files; import to text first, then fix')}\n`);
    } else if (parsed.fix && 'bytes' in source && source.bytes) {
      const fixed = fixAll(text, { ...options, scope: parsed.fix });
      if (fixed.text !== text) {
        try {
          writeTextFile(item.file, source as TextFile & { bytes: Buffer }, fixed.text);
          text = fixed.text;
          fixedFiles++;
          fixedEdits += fixed.applied;
          fixLines.push(t(`${printable(item.file)}：已修复 ${fixed.applied} 处`, `${printable(item.file)}: fixed ${plural(fixed.applied, 'edit', 'edits')}`));
        } catch (e) {
          if (!(e instanceof FileError)) throw e;
          status = 2;
          unwritten++;
          io.stderr(`${printable(e.file)}: ${t('无法写回：', 'cannot write: ')}${printable(msg(e.reason, lang))}\n`);
          // the file is unchanged: report the diagnostics of what is on disk
        }
      }
    }

    const { doc, diagnostics } = analyze(text, options);
    const bad = !source.converted && text === source.text ? badByteDiagnostics(source) : [];
    entries.push({ file: item.file, doc, diagnostics: bad.length ? [...bad, ...diagnostics].sort(byPosition) : diagnostics, map: source.converted?.map });
  }

  const reports = entries.filter((e): e is Extract<Entry, { doc: ReportDocument }> => 'doc' in e);
  if (reports.length > 1) {
    const cross = checkAcrossAll(reports.map((r) => ({ uri: r.file, doc: r.doc })), options);
    reports.forEach((r, k) => {
      if (cross[k].length) r.diagnostics = [...r.diagnostics, ...cross[k]].sort(byPosition);
    });
  }

  for (const entry of entries) {
    if ('error' in entry) {
      const e = entry.error;
      status = 2;
      unreadable++;
      io.stderr(`${printable(e.file)}: ${t('无法读取：', 'cannot read: ')}${printable(msg(e.reason, lang))}\n`);
      if (json) results.push(jsonOf({ file: e.file, format: null, diagnostics: [readErrorDiagnostic(e)] }, lang));
      continue;
    }
    const { file, doc, diagnostics, map } = entry;
    const item = { file };
    checked++;
    for (const d of diagnostics) counts[d.severity]++;
    if (diagnostics.some((d) => d.severity === 'error') && status === 0) status = 1;
    if (json) {
      results.push(jsonOf({ file: item.file, format: doc.format.version, diagnostics }, lang, map && ((d) => sourceOf(doc, map, d.range.start.line, d.range.start.character, lang))));
    } else {
      const lines: string[] = [];
      for (const d of diagnostics) {
        if (d.severity === 'hint' && !parsed.hints) {
          hiddenHints++;
          continue;
        }
        const where = map ? describeSource(doc, map, d.range.start.line, d.range.start.character, lang) : '';
        lines.push(withSource(formatDiagnostic(item.file, d, lang, colour), item.file, where, lang));
      }
      if (lines.length) io.stdout(`${lines.join('\n')}\n`);
    }
  }

  let fixSummary = '';
  if (parsed.fix) {
    fixSummary = fixedFiles
      ? t(`已修复 ${fixedFiles} 个文件，共 ${fixedEdits} 处修改`, `Fixed ${plural(fixedFiles, 'file', 'files')}, ${plural(fixedEdits, 'edit', 'edits')} in all`)
      : unwritten ? '' : t('没有需要修复的内容', 'Nothing to fix');
    if (unwritten) {
      const failed = t(`${unwritten} 个文件需要修复但无法写回，未修改`, `${plural(unwritten, 'file', 'files')} needed fixing but could not be written; left unchanged`);
      fixSummary = fixSummary ? `${fixSummary}${t('；', '; ')}${failed}` : failed;
    }
  }
  if (json) {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    if (parsed.fix) io.stderr(`${[...fixLines, fixSummary].join('\n')}\n`);
  } else {
    if (parsed.fix) io.stdout(`${[...fixLines, fixSummary].join('\n')}\n`);
    io.stdout(`${summaryLine(counts, checked, hiddenHints, unreadable, lang)}\n`);
  }
  return status;
}

// `check` without --fix and without standard input: the files are checked on every core
// (pool.ts) and streamed, each reduced to its diagnostics and dropped; carry-over is found across
// them as they come (stream.ts). Text and JSON output are the same as a check of the files one by
// one (in the files' order, carry-over in its file's place): the diagnostics wait in a temporary
// file until the end. `--format jsonl` writes one line per file as soon as it and the files
// before it are checked; `--format sarif` writes SARIF 2.1.0 results the same way.

import { msg } from '../core';
import type { CheckOptions, Lang, Severity } from '../core';
import type { CheckArgs } from './check';
import { formatDiagnostic, summaryLine, withSource } from './check';
import { type CliIo, printable, useColour } from './io';
import { type FileRecord, type SlimDiagnostic, defaultJobs, runPool } from './pool';
import { SarifWriter } from './sarif';
import { CarryTracker, Spool, mergeDiagnostics, runInputs } from './stream';

/** One file of the JSON and JSONL outputs (the shape `check --format json` has always had). */
export function fileJson(file: string, format: FileRecord['format'], diagnostics: SlimDiagnostic[]): object {
  return {
    file,
    format,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
      ...(d.source ? { source: d.source } : {}),
    })),
  };
}

function readError(reason: string, lang: Lang): SlimDiagnostic {
  return {
    code: 'read-error', severity: 'error', message: lang === 'zh' ? `无法读取：${reason}` : `Cannot read: ${reason}`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

export async function runStreaming(parsed: CheckArgs & { jobs?: number | null }, io: CliIo & { signal?: AbortSignal }): Promise<number> {
  const lang = parsed.lang ?? io.lang;
  const options: CheckOptions = { format: parsed.formatVersion, rules: parsed.rules };
  const format = parsed.format;
  const colour = format === 'text' && useColour(io);
  const { files, pre } = runInputs(parsed.paths, lang);

  const spool = format === 'text' || format === 'json' ? new Spool() : null;
  const tracker = new CarryTracker(options, lang, (i) => files[i]);
  const extras = new Map<number, SlimDiagnostic[]>();
  const sarif = format === 'sarif' ? new SarifWriter(io.stdout, lang) : null;
  sarif?.begin();
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let unreadable = 0;
  let checked = 0;
  const onRecord = (r: FileRecord): void => {
    spool?.write(r);
    const across = tracker.commit(r);
    for (const a of across) {
      extras.set(a.index, [...(extras.get(a.index) ?? []), ...a.diagnostics]);
      for (const d of a.diagnostics) counts[d.severity]++;
    }
    if (r.unreadable !== undefined) {
      unreadable++;
      io.stderr(`${printable(r.file)}: ${lang === 'zh' ? '无法读取：' : 'cannot read: '}${printable(r.unreadable)}\n`);
    } else {
      checked++;
      for (const s of Object.keys(counts) as Severity[]) counts[s] += r.counts[s];
    }
    if (format === 'jsonl') {
      let lines = `${JSON.stringify(r.unreadable !== undefined ? fileJson(r.file, null, [readError(r.unreadable, lang)]) : fileJson(r.file, r.format, r.diagnostics))}\n`;
      for (const a of across) lines += `${JSON.stringify({ ...fileJson(a.file, null, a.diagnostics), format: undefined, carryOver: true })}\n`;
      io.stdout(lines);
    } else if (sarif) {
      if (r.unreadable !== undefined) sarif.unreadable(r.file, r.unreadable);
      else for (const d of r.diagnostics) sarif.result(r.file, d);
      for (const a of across) for (const d of a.diagnostics) sarif.result(a.file, d);
    }
  };

  let interrupted = false;
  const pool = runPool(files, { options, lang, keep: 'all' }, parsed.jobs ?? defaultJobs(), onRecord, pre);
  const stop = (): void => {
    interrupted = true;
    pool.abort();
  };
  if (io.signal) io.signal.addEventListener('abort', stop, { once: true });
  else process.on('SIGINT', stop);
  try {
    await pool.done;
    if (interrupted) {
      io.stderr(lang === 'zh' ? '\n已中断\n' : '\nInterrupted\n');
      return 130;
    }
    let hiddenHints = 0;
    if (spool) {
      let first = true;
      if (format === 'json') io.stdout('[');
      for await (const r of spool.read()) {
        if (interrupted) return 130;
        if (format === 'json') {
          const obj = r.unreadable !== undefined ? fileJson(r.file, null, [readError(r.unreadable, lang)]) : fileJson(r.file, r.format, mergeDiagnostics(r, extras.get(r.index)));
          io.stdout(`${first ? '\n' : ',\n'}${JSON.stringify(obj, null, 2).replace(/^/gm, '  ')}`);
          first = false;
          continue;
        }
        if (r.unreadable !== undefined) continue;
        const lines: string[] = [];
        for (const d of mergeDiagnostics(r, extras.get(r.index))) {
          if (d.severity === 'hint' && !parsed.hints) {
            hiddenHints++;
            continue;
          }
          lines.push(withSource(formatDiagnostic(r.file, { code: d.code, severity: d.severity, range: d.range, message: { zh: d.message, en: d.message } }, lang, colour), r.file, d.source?.where, lang));
        }
        if (lines.length) io.stdout(`${lines.join('\n')}\n`);
      }
      if (format === 'json') io.stdout(first ? ']\n' : '\n]\n');
    }
    if (format === 'text') io.stdout(`${summaryLine(counts, checked, hiddenHints, unreadable, lang)}\n`);
    else {
      if (sarif) sarif.end();
      if (format !== 'json') io.stderr(`${summaryLine(counts, checked, 0, unreadable, lang)}\n`);
    }
    return unreadable ? 2 : counts.error ? 1 : 0;
  } finally {
    if (io.signal) io.signal.removeEventListener('abort', stop);
    else process.off('SIGINT', stop);
    pool.abort();
    spool?.remove();
  }
}

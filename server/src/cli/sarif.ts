// SARIF 2.1.0 output (`--format sarif`) for CI systems and code-scanning dashboards: one log, one
// run, the rules with their help URIs (docs/rules/<id>.md) and their description in the run's
// language (both languages under `properties`), one result per diagnostic with its physical
// location (1-based line and column, UTF-16 code units as the LSP counts them).
//
// The log, the run, its rules and each result are made with node-sarif-builder (typed by
// @types/sarif); the results are written one by one as the files are checked, so a run over
// 100,000 reports does not hold them all (the library's own `buildSarifJsonString` keeps every
// result and matches artifacts quadratically).

import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Log, Result } from 'sarif';
import { RULES, msg } from '../core';
import type { Lang, Msg, Severity } from '../core';
import { crossRules } from '../core/cross';
import type { SlimDiagnostic } from './pool';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The rule of an unreadable file. */
export const READ_ERROR: { id: string; description: Msg } = {
  id: 'read-error',
  description: { zh: '文件无法读取或解码', en: 'The file could not be read or decoded' },
};

/** The package's root (where docs/ is), found from the bundle (dist/) or the compiled file (out/…). */
function packageRoot(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'zwgk-report') return dir;
    } catch {
      // not here: go up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

function packageVersion(root: string | null): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root ?? '.', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** A file's location as a SARIF artifact URI: relative paths with forward slashes, absolute ones as file: URLs. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).toString();
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

/** Streams one SARIF log: `begin()`, `result()` for each diagnostic, `end()`. */
export class SarifWriter {
  private first = true;
  private tail = '';
  private readonly ruleIndex = new Map<string, number>();

  constructor(private readonly write: (s: string) => void, private readonly lang: Lang) {}

  /** The log with its run and rules but no results yet (what `begin` writes around). */
  skeleton(): Log {
    const root = packageRoot();
    const builder = new SarifBuilder({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [] });
    const run = new SarifRunBuilder().initSimple({
      toolDriverName: 'zwgk-report',
      toolDriverVersion: packageVersion(root),
    });
    run.run.tool.driver.informationUri = 'https://www.gov.cn/zhengce/zhengceku/2021-09/29/content_5640146.htm';
    const all = [...RULES.map((r) => ({ id: r.id, description: r.description })), ...crossRules, READ_ERROR];
    for (const r of all) {
      const help = root && r.id !== READ_ERROR.id ? pathToFileURL(path.join(root, 'docs', 'rules', `${r.id}.md`)).toString() : undefined;
      const rule = new SarifRuleBuilder().initSimple({
        ruleId: r.id,
        shortDescriptionText: msg(r.description, this.lang),
        fullDescriptionText: msg(r.description, this.lang),
        ...(help ? { helpUri: help } : {}),
      });
      rule.rule.properties = { description: { zh: r.description.zh, en: r.description.en } };
      if (help) rule.rule.help = { text: `${msg(r.description, this.lang)} (${help})` };
      run.addRule(rule);
      this.ruleIndex.set(r.id, this.ruleIndex.size);
    }
    run.run.columnKind = 'utf16CodeUnits';
    builder.addRun(run);
    return builder.buildSarifOutput();
  }

  begin(): void {
    const log = this.skeleton();
    log.runs[0].results = [];
    const MARK = '"results":[]';
    const json = JSON.stringify(log);
    const at = json.lastIndexOf(MARK);
    this.write(`${json.slice(0, at)}"results":[`);
    this.tail = `]${json.slice(at + MARK.length)}\n`;
  }

  private push(res: Result): void {
    this.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(res)}`);
    this.first = false;
  }

  /** One diagnostic of `file`. */
  result(file: string, d: SlimDiagnostic): void {
    const b = new SarifResultBuilder().initSimple({
      level: LEVEL[d.severity],
      messageText: d.message,
      ruleId: d.code,
      fileUri: artifactUri(file),
      startLine: d.range.start.line + 1,
      startColumn: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    });
    const k = this.ruleIndex.get(d.code);
    if (k !== undefined) b.result.ruleIndex = k;
    if (d.source && b.result.locations?.[0]) {
      // the place in the original of a converted file (a PDF page, a web-page table cell)
      b.result.locations[0].message = { text: `${path.basename(file)} ${d.source.where}` };
      b.result.properties = { ...b.result.properties, source: d.source };
    }
    if (d.related?.length) {
      b.result.relatedLocations = d.related.map((r, i) => ({
        id: i,
        physicalLocation: { artifactLocation: { uri: artifactUri(r.file) }, region: { startLine: r.line + 1, startColumn: r.character + 1 } },
      }));
    }
    this.push(b.result);
  }

  /** A file that could not be read: an error on the file itself. */
  unreadable(file: string, reason: string): void {
    const b = new SarifResultBuilder().initSimple({ level: 'error', messageText: reason, ruleId: READ_ERROR.id, fileUri: artifactUri(file) });
    b.result.ruleIndex = this.ruleIndex.get(READ_ERROR.id);
    this.push(b.result);
  }

  end(): void {
    this.write(`${this.first ? '' : '\n'}${this.tail}`);
  }
}

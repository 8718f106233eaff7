// Configuration: pulled per document with workspace/configuration (section `zwgk-report`), cached
// until workspace/didChangeConfiguration. Every value is validated: a bad setting falls back to
// its default, never crashes the server.

import type { Connection } from 'vscode-languageserver/node';
import type { CheckOptions, Lang, Severity } from '../core';

export const SECTION = 'zwgk-report';

export type RunMode = 'onType' | 'onSave';
export type LanguageSetting = 'auto' | 'zh' | 'en';

export interface Settings {
  format: 'auto' | '2019' | '2021';
  rules: Record<string, Severity | 'off'>;
  run: RunMode;
  inlayHints: { enabled: boolean };
  language: LanguageSetting;
  /** Formatter: write 0 into blank cells (off by default: a blank is not silently a figure). */
  formatter: { fillBlankCells: boolean };
  /** Check every report of the workspace folders, opened or not (the folder check). */
  checkFolder: boolean;
  /** At most this many diagnostics published per document (the rest summed up in one). */
  maxDiagnostics: number;
  /** Past this size (MB) a report is checked on open, on save and after a pause, not on every keystroke. */
  largeReportSize: number;
}

export const DEFAULTS: Settings = {
  format: 'auto',
  rules: {},
  run: 'onType',
  inlayHints: { enabled: false },
  language: 'auto',
  formatter: { fillBlankCells: false },
  checkFolder: true,
  maxDiagnostics: 1000,
  largeReportSize: 2,
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Normalise whatever the client sent into valid settings. */
export function normalizeSettings(raw: unknown): Settings {
  const r = obj(raw);
  const rules: Record<string, Severity | 'off'> = {};
  for (const [k, v] of Object.entries(obj(r.rules))) if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as Severity | 'off';
  const fmt = r.format;
  const formatter = obj(r.formatter);
  return {
    format: fmt === '2019' || fmt === '2021' ? fmt : 'auto',
    rules,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    inlayHints: { enabled: obj(r.inlayHints).enabled === true || r['inlayHints.enabled'] === true },
    language: r.language === 'zh' || r.language === 'en' ? r.language : 'auto',
    formatter: { fillBlankCells: formatter.fillBlankCells === true || r['formatter.fillBlankCells'] === true },
    checkFolder: r.checkFolder !== false,
    maxDiagnostics: typeof r.maxDiagnostics === 'number' && Number.isInteger(r.maxDiagnostics) && r.maxDiagnostics >= 1 ? r.maxDiagnostics : DEFAULTS.maxDiagnostics,
    largeReportSize: typeof r.largeReportSize === 'number' && Number.isFinite(r.largeReportSize) && r.largeReportSize > 0 ? r.largeReportSize : DEFAULTS.largeReportSize,
  };
}

export function checkOptions(s: Settings): CheckOptions {
  return { format: s.format, rules: s.rules };
}

/** Key of the options that change the parse (the cache reparses when it changes). */
export function parseKey(s: Settings): string {
  return s.format;
}

/** Key of the options that change the check. */
export function checkKey(s: Settings): string {
  return `${s.format}|${JSON.stringify(s.rules)}`;
}

export class SettingsStore {
  /** Set from the client capabilities at initialize. */
  pull = false;
  /** Client locale from InitializeParams.locale. */
  locale = '';
  private cache = new Map<string, Promise<Settings>>();
  /** Settings pushed with didChangeConfiguration (clients that cannot be asked). */
  private pushed: Settings = DEFAULTS;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION })
        .then(normalizeSettings, (e) => {
          this.connection.console.warn(`workspace/configuration failed: ${(e as Error)?.message ?? e}`);
          this.cache.delete(uri);
          return this.pushed;
        });
      this.cache.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: forget what was pulled; keep what was pushed. */
  changed(settings: unknown): void {
    this.cache.clear();
    const section = obj(settings)[SECTION];
    if (section !== undefined) this.pushed = normalizeSettings(section);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The message language: the setting, or zh when the client's locale is Chinese. */
  lang(s: Settings): Lang {
    if (s.language === 'zh' || s.language === 'en') return s.language;
    return /^zh/i.test(this.locale) ? 'zh' : 'en';
  }
}

// One language for everything the client shows (status bar, preview, commands, messages), chosen
// like the server's messages: the `zwgk-report.language` setting (zh | en), or with `auto` VS Code's
// display language. vscode.l10n.t follows the display language only, so the client translates from
// the same bundle (l10n/bundle.l10n.zh-cn.json) itself.

import * as vscode from 'vscode';
import zhBundle from '../../l10n/bundle.l10n.zh-cn.json';
import { CONFIG_SECTION } from './protocol';

export type UiLang = 'zh' | 'en';

const ZH: Record<string, string> = zhBundle;

/** The language of the UI for a document (or the window). */
export function uiLang(scope?: vscode.Uri): UiLang {
  const s = vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<string>('language', 'auto');
  if (s === 'zh' || s === 'en') return s;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** `message` (English, a key of the bundle) in the UI language, `{0}`… replaced by `args`. */
export function t(message: string, ...args: (string | number)[]): string {
  const text = uiLang() === 'zh' ? (ZH[message] ?? message) : message;
  return text.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** The Chinese or the English text, by the UI language. */
export function pick(zh: string, en: string, scope?: vscode.Uri): string {
  return uiLang(scope) === 'zh' ? zh : en;
}

/** Whether a configuration change may change the UI language. */
export function affectsLanguage(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${CONFIG_SECTION}.language`);
}

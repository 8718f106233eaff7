// The document cache: each open document is parsed ONCE per version (and per format setting) and
// checked once per version (and rule settings). Every feature asks the cache for the model.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { check, parse, type Diagnostic, type ReportDocument } from '../core';
import { checkKey, checkOptions, parseKey, type Settings } from './settings';

interface Entry {
  version: number;
  parseKey: string;
  doc: ReportDocument;
  checkKey?: string;
  diagnostics?: Diagnostic[];
}

export interface CacheStats {
  parses: number;
  checks: number;
  entries: number;
}

export class DocumentCache {
  private entries = new Map<string, Entry>();
  readonly stats = { parses: 0, checks: 0 };

  /** The parsed model of this version of the document. */
  doc(document: TextDocument, settings: Settings): ReportDocument {
    return this.entry(document, settings).doc;
  }

  /** The model and the core diagnostics of this version of the document. */
  analysis(document: TextDocument, settings: Settings): { doc: ReportDocument; diagnostics: Diagnostic[] } {
    const e = this.entry(document, settings);
    const key = checkKey(settings);
    if (!e.diagnostics || e.checkKey !== key) {
      e.diagnostics = check(e.doc, checkOptions(settings));
      e.checkKey = key;
      this.stats.checks++;
    }
    return { doc: e.doc, diagnostics: e.diagnostics };
  }

  /** The last model parsed for a document, whatever its version (or undefined). */
  peek(uri: string): ReportDocument | undefined {
    return this.entries.get(uri)?.doc;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  getStats(): CacheStats {
    return { ...this.stats, entries: this.entries.size };
  }

  private entry(document: TextDocument, settings: Settings): Entry {
    const pk = parseKey(settings);
    let e = this.entries.get(document.uri);
    if (!e || e.version !== document.version || e.parseKey !== pk) {
      e = { version: document.version, parseKey: pk, doc: parse(document.getText(), checkOptions(settings)) };
      this.stats.parses++;
      this.entries.set(document.uri, e);
    }
    return e;
  }
}

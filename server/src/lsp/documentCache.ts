// The document cache: each open document is parsed ONCE per version (and per format setting) and
// checked once per version (and rule settings). Every feature asks the cache for the model.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { check, parse, type Diagnostic, type ReportDocument } from '../core';
import { MAX_LINE_EDITS, type LineEdit } from './largeReports';
import { checkKey, checkOptions, parseKey, type Settings } from './settings';

interface Entry {
  version: number;
  parseKey: string;
  doc: ReportDocument;
  checkKey?: string;
  diagnostics?: Diagnostic[];
  /** The content changes received since this version was parsed (large reports carry positions through them). */
  edits: LineEdit[];
  /** A change replaced the whole text (or too many came): positions can no longer be carried. */
  lost: boolean;
}

/** The model of an earlier version of a document and the edits made since (see largeReports.ts). */
export interface Earlier {
  version: number;
  doc: ReportDocument;
  diagnostics?: Diagnostic[];
  edits: readonly LineEdit[];
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

  /**
   * The last model parsed for a document (and its diagnostics, when checked), with the edits made
   * since, when its positions can still be carried to the current text; else undefined.
   */
  earlier(uri: string, settings: Settings): Earlier | undefined {
    const e = this.entries.get(uri);
    if (!e || e.lost || e.parseKey !== parseKey(settings)) return undefined;
    return { version: e.version, doc: e.doc, diagnostics: e.checkKey === checkKey(settings) ? e.diagnostics : undefined, edits: e.edits };
  }

  /** A didChange of a document: its line edits (undefined: the whole text was replaced). */
  changed(uri: string, edits: LineEdit[] | undefined): void {
    const e = this.entries.get(uri);
    if (!e || e.lost) return;
    if (!edits || e.edits.length + edits.length > MAX_LINE_EDITS) {
      e.lost = true;
      e.edits = [];
    } else e.edits.push(...edits);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  getStats(): CacheStats {
    return { ...this.stats, entries: this.entries.size };
  }

  private entry(document: TextDocument, settings: Settings): Entry {
    const pk = parseKey(settings);
    const have = this.current(document.uri, document.version, pk);
    if (have) return have;
    // the old model goes first (nothing here refers to it): a large report's two models are not held at once
    this.entries.delete(document.uri);
    const fresh: Entry = { version: document.version, parseKey: pk, doc: parse(document.getText(), checkOptions(settings)), edits: [], lost: false };
    this.stats.parses++;
    this.entries.set(document.uri, fresh);
    return fresh;
  }

  private current(uri: string, version: number, pk: string): Entry | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version && e.parseKey === pk ? e : undefined;
  }
}

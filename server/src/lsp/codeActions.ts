// Code actions: each diagnostic's fixes as quick fixes, "fix all totals in this file" (quick fix on
// totals diagnostics and `source.fixAll.zwgk-report` for editor.codeActionsOnSave), and the
// `zwgk-report.server.fixAll` command that applies the same edit through workspace/applyEdit.

import {
  CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic,
  type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { msg, totalsEdits, TOTALS_RULES, type Diagnostic, type Lang, type ReportDocument, type TextEdit } from '../core';
import { FIX_ALL_KIND, sameRange, SOURCE } from './protocol';

export interface EditOptions {
  /** The client takes versioned `documentChanges`. */
  documentChanges: boolean;
}

export function workspaceEdit(document: TextDocument, edits: TextEdit[], opts: EditOptions): WorkspaceEdit {
  const lsp: LspTextEdit[] = edits.map((e) => ({ range: e.range, newText: e.newText }));
  if (opts.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lsp }] };
  }
  return { changes: { [document.uri]: lsp } };
}

export const FIX_ALL_TITLE = { zh: '修复本文件所有合计', en: 'Fix all totals in this file' };

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Find the core diagnostic a client diagnostic stands for (same rule, same range). */
function match(core: Diagnostic[], d: LspDiagnostic): Diagnostic | undefined {
  if (d.source !== undefined && d.source !== SOURCE) return undefined;
  return core.find((c) => c.code === d.code && sameRange(c.range, d.range));
}

export function codeActions(
  params: CodeActionParams, document: TextDocument, doc: ReportDocument, core: Diagnostic[], lang: Lang, opts: EditOptions,
): CodeAction[] {
  const out: CodeAction[] = [];
  const only = params.context.only;
  let totals: TextEdit[] | undefined;
  const fixAllTotals = (): TextEdit[] => (totals ??= totalsEdits(doc));

  if (wants(only, CodeActionKind.QuickFix)) {
    const totalsDiags: LspDiagnostic[] = [];
    for (const d of params.context.diagnostics) {
      const c = match(core, d);
      if (!c) continue;
      for (const f of c.fixes ?? []) {
        if (!f.edits.length) continue;
        const a: CodeAction = {
          title: msg(f.title, lang),
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: workspaceEdit(document, f.edits, opts),
        };
        if (f.isPreferred) a.isPreferred = true;
        out.push(a);
      }
      if (TOTALS_RULES.has(c.code)) totalsDiags.push(d);
    }
    if (totalsDiags.length && fixAllTotals().length) {
      out.push({
        title: msg(FIX_ALL_TITLE, lang),
        kind: CodeActionKind.QuickFix,
        diagnostics: totalsDiags,
        edit: workspaceEdit(document, fixAllTotals(), opts),
      });
    }
  }

  // source.fixAll.zwgk-report: only when asked for (codeActionsOnSave, "Fix All", source actions)
  if (only?.length && wants(only, FIX_ALL_KIND) && fixAllTotals().length) {
    out.push({
      title: msg(FIX_ALL_TITLE, lang),
      kind: FIX_ALL_KIND,
      edit: workspaceEdit(document, fixAllTotals(), opts),
    });
  }
  return out;
}

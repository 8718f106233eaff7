// What a rule is, and the helpers rules share to build diagnostics and fixes.

import { replaceCell } from '../layout/edit';
import type { Cell, Diagnostic, Fix, Msg, Range, ReportDocument, Severity, TextEdit } from '../types';

export interface Rule {
  /** Stable id: the CLI's JSON, the settings and the docs use it. */
  id: string;
  defaultSeverity: Severity;
  /** One line on what the rule checks (docs/rules/<id>.md says more). */
  description: Msg;
  check(doc: ReportDocument, report: Report): void;
}

/**
 * Report a diagnostic; the severity defaults to the rule's. Fixes may be given as a function that
 * builds them when they are first read (for rules with many diagnostics: blank-cell).
 */
export type Report = (d: Omit<Diagnostic, 'code' | 'severity' | 'fixes'> & { severity?: Severity; fixes?: Fix[] | (() => Fix[]) }) => void;

/** The fix that writes a recomputed total (`v`: the figure written out, see `figures.ts`). */
export function recomputeFix(cell: Cell, v: string): Fix {
  return {
    title: { zh: `重新计算合计：应为 ${v}`, en: `Recompute the total: ${v}` },
    edits: [replaceCell(cell, v)],
    isPreferred: true,
    totals: true,
  };
}

export function show(cell: Cell): string {
  if (cell.kind === 'blank') return '空白';
  return cell.raw.trim().replace(/\s*\n\s*/g, '');
}

export function showEn(cell: Cell): string {
  if (cell.kind === 'blank') return 'blank';
  return cell.raw.trim().replace(/\s*\n\s*/g, '');
}

export function replaceFix(title: Msg, range: Range, newText: string, isPreferred = true): Fix {
  return { title, edits: [{ range, newText }], isPreferred };
}

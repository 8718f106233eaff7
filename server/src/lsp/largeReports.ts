// Large reports (issue 17): past `zwgk-report.largeReportSize` (MB, default 2) a report is not parsed
// and checked on every keystroke: it is checked when opened, when saved and after a pause in typing
// (LARGE_PAUSE). Between two checks the features answer from the model of the last check, its lines
// carried through the edits typed since (a LineEdit per content change): a line an edit touched has
// no answer until the next check, the others keep theirs at their new place. The diagnostics of the
// last check are published again for each new version the same way, so every keystroke is answered
// at once and costs no parse.

import type { Range } from 'vscode-languageserver/node';

/** Pause in typing after which a large report is checked (ms). */
export const LARGE_PAUSE = 1500;

/** More edits than this since the last check: positions are no longer carried (the next check re-makes them). */
export const MAX_LINE_EDITS = 5000;

/** One content change in line terms: lines start..oldEnd of the text before became start..newEnd. */
export interface LineEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The content changes of a didChange, in order; undefined when one of them replaces the whole text. */
export function lineEditsOf(changes: readonly { range?: Range; text: string }[]): LineEdit[] | undefined {
  const out: LineEdit[] = [];
  for (const c of changes) {
    if (!c.range) return undefined;
    let newlines = 0;
    for (let i = c.text.indexOf('\n'); i >= 0; i = c.text.indexOf('\n', i + 1)) newlines++;
    // a lone CR is a line break too (the core splits on \r\n, \n and \r)
    if (c.text.includes('\r')) newlines = c.text.split(/\r\n|\r|\n/).length - 1;
    out.push({ start: c.range.start.line, oldEnd: c.range.end.line, newEnd: c.range.start.line + newlines });
  }
  return out;
}

/** Where line `line` of the old text is after `edits` (in order), or undefined when an edit touched it. */
export function forwardLine(edits: readonly LineEdit[], line: number, from = 0): number | undefined {
  let l = line;
  for (let i = from; i < edits.length; i++) {
    const e = edits[i];
    if (l < e.start) continue;
    if (l > e.oldEnd) l += e.newEnd - e.oldEnd;
    else return undefined;
  }
  return l;
}

/** The line of the old text that line `line` of the new text came from (the edit's first line when it was written by one). */
export function backLine(edits: readonly LineEdit[], line: number): number {
  let l = line;
  for (let i = edits.length - 1; i >= 0; i--) {
    const e = edits[i];
    if (l < e.start) continue;
    if (l > e.newEnd) l -= e.newEnd - e.oldEnd;
    else l = e.start;
  }
  return l;
}

/** A range of the old text carried through `edits` (lines moved, characters kept), or undefined when touched. */
export function forwardRange(edits: readonly LineEdit[], r: Range, from = 0): Range | undefined {
  const s = forwardLine(edits, r.start.line, from);
  if (s === undefined) return undefined;
  const e = r.end.line === r.start.line ? s : forwardLine(edits, r.end.line, from);
  if (e === undefined) return undefined;
  return { start: { line: s, character: r.start.character }, end: { line: e, character: r.end.character } };
}

/** The range of the old text that covers `r` of the new text. */
export function backRange(edits: readonly LineEdit[], r: Range): Range {
  return { start: { line: backLine(edits, r.start.line), character: 0 }, end: { line: backLine(edits, r.end.line) + 1, character: 0 } };
}

/** Diagnostics carried through edits: the ones on touched lines are dropped, except the summary `keep` says to keep. */
export function forwardDiagnostics<D extends { range: Range }>(diags: readonly D[], edits: readonly LineEdit[], from: number, keep: (d: D) => boolean): D[] {
  if (from >= edits.length) return diags as D[];
  const out: D[] = [];
  for (const d of diags) {
    const r = forwardRange(edits, d.range, from);
    if (r) out.push({ ...d, range: r });
    else if (keep(d)) out.push(d);
  }
  return out;
}

/** Size of a text in UTF-8 bytes, as on disk. */
export function byteSize(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Is a report of this many bytes a large one, for a limit in MB? */
export function isLarge(bytes: number, limitMB: number): boolean {
  return bytes > limitMB * 1024 * 1024;
}

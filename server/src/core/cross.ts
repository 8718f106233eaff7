// Checks across reports: carry-over between one organ's consecutive years.
// (Implemented with the narrative checks; this is the contract the server and the CLI call.)
import type { CheckOptions, Diagnostic, ReportDocument } from './types';

export interface ReportRef {
  /** A file URI or path: diagnostics' related information points into it. */
  uri: string;
  doc: ReportDocument;
}

/**
 * Diagnostics of `target` that need other reports (e.g. `carry-over`: 二、上年结转 of this year's
 * report equals 四、结转下年度继续办理 of the same organ's report for the year before).
 * Related information that points into another report carries that report's `uri` (RelatedInfo.uri).
 */
export function checkAcross(target: ReportRef, others: ReportRef[], options: CheckOptions = {}): Diagnostic[] {
  void target; void others; void options;
  return [];
}

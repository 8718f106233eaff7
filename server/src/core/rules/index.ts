// Every rule, in the order their diagnostics are listed.
import { rule as balance } from './balance';
import { rule as blankCell } from './blank-cell';
import { rule as cellNegative } from './cell-negative';
import { rule as cellNumber } from './cell-number';
import { rule as conversionDebris } from './conversion-debris';
import { rule as deadline } from './deadline';
import { rule as feeStatement } from './fee-statement';
import { rule as formatVersion } from './format-version';
import { rule as invisibleChar } from './invisible-char';
import { rule as invisibleSpace } from './invisible-space';
import { rule as narrativeMismatch } from './narrative-mismatch';
import { rule as reviewTotal } from './review-total';
import { rule as rowDuplicate } from './row-duplicate';
import type { Rule } from './rule';
import { sectionDuplicate, sectionMissing, sectionNumbering, sectionOrder } from './sections';
import { rule as sumColumn } from './sum-column';
import { rule as sumParent } from './sum-parent';
import { rule as sumRow } from './sum-row';
import { rule as tableLabel } from './table-label';
import { rule as tableMissing } from './table-missing';
import { rule as tableShape } from './table-shape';
import { rule as titleMissing } from './title-missing';
import { rule as yearMismatch } from './year-mismatch';

export const RULES: Rule[] = [
  titleMissing, sectionMissing, sectionOrder, sectionDuplicate, sectionNumbering,
  formatVersion, yearMismatch, deadline,
  tableMissing, tableShape, tableLabel, rowDuplicate,
  cellNumber, cellNegative,
  sumRow, sumColumn, balance, reviewTotal, sumParent,
  blankCell, conversionDebris, invisibleSpace, invisibleChar,
  narrativeMismatch, feeStatement,
];

/** Rules whose fixes recompute a total. */
export const TOTALS_RULES = new Set(['sum-row', 'sum-column', 'review-total', 'sum-parent']);

export type { Rule } from './rule';

import { normLabel, range } from '../text';
import type { Fix, ReportDocument, Row } from '../types';
import type { Rule } from './rule';

/**
 * A row of a statistics table written twice (pasted twice, or a row and its corrected copy): the
 * second copy is an error. The totals are checked with the first copy's figures, so a wrong copy
 * could otherwise pass unseen.
 */
export const rule: Rule = {
  id: 'row-duplicate',
  defaultSeverity: 'error',
  description: {
    zh: '表格的同一行不应出现两次（合计按第一次出现的行计算）',
    en: 'No table row is written twice (totals use the first copy)',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      const seen = new Map<string, Row>();
      for (const r of t.rows) {
        if (!r.id) continue;
        // (table 1's rows are named within their block: 行政许可 of 20.5 and of 20.6 are two rows)
        const key = `${r.block ?? ''}/${r.id}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, r);
          continue;
        }
        const label = r.labelPath[r.labelPath.length - 1] ?? r.id;
        const same = sameFigures(first, r);
        const at = r.labelCells.length ? r.labelCells[r.labelCells.length - 1].range : r.range;
        report({
          range: at,
          message: same
            ? { zh: `「${label}」行重复（与第 ${first.line + 1} 行相同）`, en: `Row "${label}" is written twice (the same as line ${first.line + 1})` }
            : { zh: `「${label}」行重复，且数字与第 ${first.line + 1} 行不同：合计按第 ${first.line + 1} 行计算，请删去错误的一行`, en: `Row "${label}" is written twice, with other figures than on line ${first.line + 1}: totals use line ${first.line + 1}; delete the wrong one` },
          related: [{ range: first.range, message: { zh: '第一次出现', en: 'First written here' } }],
          fixes: same ? deleteRow(doc, r) : [],
        });
      }
    }
  },
};

function sameFigures(a: Row, b: Row): boolean {
  return a.cells.length === b.cells.length && a.cells.every((c, k) => c.text === b.cells[k].text);
}

/** Delete the copy's lines, when they hold nothing but the copy (no other row, no group label of rows below). */
function deleteRow(doc: ReportDocument, r: Row): Fix[] {
  const others = doc.tables.flatMap((t) => t.rows).filter((x) => x !== r);
  if (others.some((x) => x.line <= r.endLine && x.endLine >= r.line)) return [];
  // (a group label written on the row's line heads the rows below it: deleting it would lose it)
  const groups = r.labelPath.slice(0, -1).map(normLabel);
  if (r.labelCells.some((c) => groups.includes(c.norm))) return [];
  const end = r.endLine + 1 < doc.lines.length ? range(r.line, 0, r.endLine + 1, 0) : range(r.line, 0, r.endLine, doc.lines[r.endLine].length);
  return [{ title: { zh: '删除重复的行', en: 'Delete the duplicated row' }, edits: [{ range: end, newText: '' }] }];
}

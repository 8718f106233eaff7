import { replaceCell } from '../layout/edit';
import { REQUEST_COLUMNS } from '../spec';
import { exactNumber, exactOf, exactText } from '../figures';
import { expectedValues } from '../totals';
import type { Row } from '../types';
import type { Rule } from './rule';

/**
 * 勾稽关系: in every column of the requests table, 一 + 二 = 三（七）总计 + 四.
 * Totals that are themselves wrong are taken at their recomputed value, so one slip is
 * reported once (by sum-row / sum-column), not again here.
 */
export const rule: Rule = {
  id: 'balance',
  defaultSeverity: 'error',
  description: {
    zh: '申请情况表每列应满足勾稽关系：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理',
    en: 'In every column of the requests table: (I) new + (II) carried over = (III)(7) total + (IV) carried forward',
  },
  check(doc, report) {
    const expected = expectedValues(doc);
    for (const t of doc.tables) {
      if (t.kind !== 'requests') continue;
      const get = (id: string): Row | undefined => t.rows.find((r) => r.id === id);
      const rows = [get('new'), get('carried'), get('r7'), get('next')];
      if (rows.some((r) => !r || r.cells.length !== REQUEST_COLUMNS.length)) continue;
      const [n, c, r7, next] = rows as Row[];
      for (let k = 0; k < REQUEST_COLUMNS.length; k++) {
        const cells = [n.cells[k], c.cells[k], r7.cells[k], next.cells[k]];
        if (cells.some((x) => x.kind === 'text')) continue;
        const v = cells.map((x) => expected.get(x) ?? exactOf(x) ?? 0n);
        const left = v[0] + v[1];
        const right = v[2] + v[3];
        if (left === right) continue;
        const col = REQUEST_COLUMNS[k].label;
        const fixNext = left - v[2];
        const f = exactText;
        report({
          range: next.cells[k].kind === 'blank' ? next.cells[k].range : next.cells[k].valueRange,
          message: {
            zh: `勾稽关系不成立（${col}列）：一（${f(v[0])}）+ 二（${f(v[1])}）= ${f(left)}，三（七）总计（${f(v[2])}）+ 四（${f(v[3])}）= ${f(right)}`,
            en: `Balance fails in column ${col}: new (${f(v[0])}) + carried over (${f(v[1])}) = ${f(left)}, but total handled (${f(v[2])}) + carried forward (${f(v[3])}) = ${f(right)}`,
          },
          related: [
            { range: n.cells[k].valueRange, message: { zh: '一、本年新收政府信息公开申请数量', en: '(I) new requests' } },
            { range: c.cells[k].valueRange, message: { zh: '二、上年结转政府信息公开申请数量', en: '(II) carried over from last year' } },
            { range: r7.cells[k].valueRange, message: { zh: '三、（七）总计', en: '(III)(7) total handled' } },
          ],
          fixes: fixNext >= 0n ? [{
            title: { zh: `将“四、结转下年度继续办理”改为 ${f(fixNext)}`, en: `Set "carried forward" to ${f(fixNext)}` },
            edits: [replaceCell(next.cells[k], f(fixNext))],
          }] : undefined,
          expected: exactNumber(fixNext),
          actual: exactNumber(v[3]),
        });
      }
    }
  },
};

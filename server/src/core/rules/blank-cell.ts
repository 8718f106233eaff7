import { replaceCell } from '../layout/edit';
import type { Cell, Fix, TextEdit } from '../types';
import type { Rule } from './rule';

/** A blank cell in a statistics table reads as 0: a hint, with fills for the cell and the table. */
const MESSAGE = { zh: '空白单元格，按 0 计', en: 'Blank cell, counted as 0' };
const FILL = { zh: '填为 0', en: 'Fill with 0' };

export const rule: Rule = {
  id: 'blank-cell',
  defaultSeverity: 'hint',
  description: {
    zh: '表格中的空白单元格按 0 计；建议填写 0',
    en: 'A blank table cell counts as 0; consider writing 0',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      if (t.kind === 'stats') continue; // blank value cells there are group headings
      const blanks: Cell[] = [];
      for (const { cell } of t.irregular) if (cell.kind === 'blank') blanks.push(cell);
      if (!blanks.length) continue;
      // the fixes are built when first asked for (a light bulb, fix-all): one edit per cell, shared
      // by the cell's own fill and the whole table's
      let edits: TextEdit[] | null = null;
      let all: Fix | null = null;
      const tableFill = (): Fix => {
        edits ??= blanks.map((c) => replaceCell(c, '0'));
        return (all ??= {
          title: { zh: `将本表 ${blanks.length} 个空白单元格填为 0`, en: `Fill the ${blanks.length} blank cells of this table with 0` },
          edits,
        });
      };
      for (let k = 0; k < blanks.length; k++) {
        report({
          range: blanks[k].range,
          message: MESSAGE,
          fixes: () => {
            const whole = tableFill();
            return [{ title: FILL, edits: [whole.edits[k]], isPreferred: true }, whole];
          },
        });
      }
    }
  },
};

import { replaceFix, show, type Rule } from './rule';

const ZERO_LIKE = /^[-－—–―/／\\无]$|^[—–-]{2}$/;

/** Text where a number must be (error); a unit inside a numeric cell (warning: its number still counts). */
export const rule: Rule = {
  id: 'cell-number',
  defaultSeverity: 'error',
  description: {
    zh: '数字单元格应只含数字：文字为错误；带单位（如“66.36万元”）为警告，数字照常计入',
    en: 'A numeric cell holds a number: text is an error; a unit inside it (e.g. 66.36万元) is a warning and the number still counts',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      for (const { cell: c } of t.irregular) {
        if (c.kind === 'text') {
          const text = show(c);
          report({
            range: c.valueRange,
            message: { zh: `此处应为数字，现为「${text}」`, en: `A number is expected here, found "${text}"` },
            fixes: ZERO_LIKE.test(text) ? [replaceFix({ zh: '改为 0', en: 'Replace with 0' }, c.valueRange, '0')] : undefined,
          });
        } else if (c.kind === 'unit' && t.kind !== 'stats') {
          const n = c.raw.trim().slice(0, c.raw.trim().length - (c.unit?.length ?? 0)).trim();
          report({
            severity: 'warning',
            range: c.valueRange,
            message: {
              zh: `数字单元格中含单位「${c.unit}」，按 ${n} 计；单位应写在表头`,
              en: `Unit "${c.unit}" inside a numeric cell; counted as ${n}. Put the unit in the column header`,
            },
            fixes: [replaceFix({ zh: `删除单位，改为 ${n}`, en: `Remove the unit: ${n}` }, c.valueRange, n)],
          });
        }
      }
    }
  },
};


import { FEE_KEYWORD, FEE_LINE } from '../template';
import type { Rule } from './rule';

/**
 * 国办公开办函〔2021〕30号: 各行政机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，
 * 在"六、其他需要报告的事项"专门报告. A 2021-format report whose section 六 never mentions
 * 信息处理费 gets one note on the section heading. Reports in the 2019 format are not concerned.
 */
export const rule: Rule = {
  id: 'fee-statement',
  defaultSeverity: 'information',
  description: {
    zh: '2021 年格式的报告应在“六、其他需要报告的事项”中说明收取信息处理费的情况',
    en: 'A 2021-format report states in section 6 (other matters) whether information processing fees were charged',
  },
  check(doc, report) {
    if (doc.format.version !== '2021') return;
    const s = doc.sections.find((x) => x.id === 'other');
    if (!s) return;
    for (let i = s.line; i <= s.endLine; i++) if (doc.lines[i].includes(FEE_KEYWORD)) return;
    const at = { line: s.line + 1, character: 0 };
    const nl = doc.eol;
    const insert = s.line + 1 < doc.lines.length
      ? { range: { start: at, end: at }, newText: `${FEE_LINE}${nl}` }
      : { range: { start: { line: s.line, character: doc.lines[s.line].length }, end: { line: s.line, character: doc.lines[s.line].length } }, newText: `${nl}${FEE_LINE}` };
    report({
      range: s.range,
      message: {
        zh: '第六部分未说明收取信息处理费的情况（国办公开办函〔2021〕30号要求依据《政府信息公开信息处理费管理办法》在此专门报告）',
        en: 'Section 6 does not say whether information processing fees were charged (the 2021 format requires it here)',
      },
      fixes: [{ title: { zh: '插入信息处理费情况说明（请核实）', en: 'Insert a statement on processing fees (check it)' }, edits: [insert] }],
    });
  },
};

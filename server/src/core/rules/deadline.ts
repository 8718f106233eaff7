import type { ReportDocument } from '../types';
import type { Rule } from './rule';

/**
 * 条例 第四十九条: departments, offices (人民政府办公室) and township governments publish by
 * 1月31日 of the following year; a 县级以上地方人民政府's own report by 3月31日.
 */
export function deadlineOf(doc: ReportDocument): { month: number; day: number; kind: 'government' | 'department' } | null {
  if (!doc.title || !doc.year) return null;
  const organ = doc.title.organ;
  const government = /人民政府$/.test(organ) && !/(镇|乡|街道|街道办事处)人民政府$/.test(organ) && /(省|自治区|市|州|盟|县|区|旗)人民政府$/.test(organ);
  return government ? { month: 3, day: 31, kind: 'government' } : { month: 1, day: 31, kind: 'department' };
}

export const rule: Rule = {
  id: 'deadline',
  defaultSeverity: 'warning',
  description: {
    zh: '《条例》第四十九条：部门、办公室和乡镇政府于次年 1 月 31 日前发布，县级以上地方人民政府本级报告于 3 月 31 日前发布',
    en: 'Regulation art. 49: departments, offices and townships publish by 31 January of the next year; a county-level-or-above government\'s own report by 31 March',
  },
  check(doc, report) {
    const d = doc.publicationDate;
    const dl = deadlineOf(doc);
    if (!d || !dl || !doc.year) return;
    const y = doc.year + 1;
    const late = d.year > y || (d.year === y && (d.month > dl.month || (d.month === dl.month && d.day > dl.day)));
    if (!late) return;
    const who = dl.kind === 'government' ? { zh: '县级以上地方人民政府', en: 'a county-level-or-above government' } : { zh: '政府部门、办公室及乡镇人民政府', en: 'departments, offices and township governments' };
    report({
      range: d.range,
      message: {
        zh: `发布日期 ${d.year}年${d.month}月${d.day}日 晚于法定期限 ${y}年${dl.month}月${dl.day}日（${who.zh}，《条例》第四十九条）`,
        en: `Published ${d.year}-${d.month}-${d.day}, after the legal deadline ${y}-${dl.month}-${dl.day} (${who.en}, Regulation art. 49)`,
      },
    });
  },
};

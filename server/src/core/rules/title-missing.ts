import type { Rule } from './rule';

/** No report title (…政府信息公开工作年度报告) in the first lines. */
export const rule: Rule = {
  id: 'title-missing',
  defaultSeverity: 'warning',
  description: {
    zh: '报告开头应有标题，如“××2021年政府信息公开工作年度报告”',
    en: 'The report opens with its title, e.g. "…2021年政府信息公开工作年度报告"',
  },
  check(doc, report) {
    if (doc.title || (!doc.sections.length && !doc.tables.length)) return;
    report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lines[0]?.length ?? 0 } },
      message: {
        zh: '未找到报告标题（应为“机关名称 + 年度 + 政府信息公开工作年度报告”）',
        en: 'No report title found (organ + year + 政府信息公开工作年度报告)',
      },
    });
  },
};

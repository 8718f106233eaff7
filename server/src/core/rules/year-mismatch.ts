import type { Rule } from './rule';

/** Title year, statistical period and publication date that disagree. */
export const rule: Rule = {
  id: 'year-mismatch',
  defaultSeverity: 'error',
  description: {
    zh: '标题年度、统计期限与发布日期应一致',
    en: 'The title year, the statistical period and the publication date agree',
  },
  check(doc, report) {
    const ty = doc.title?.year ?? null;
    const p = doc.period;
    if (ty && p && (p.startYear !== ty || p.endYear !== ty)) {
      report({
        range: p.range,
        message: {
          zh: `统计期限（${p.startYear === p.endYear ? p.startYear : `${p.startYear}—${p.endYear}`} 年）与标题年度（${ty} 年）不一致`,
          en: `The statistical period (${p.startYear === p.endYear ? p.startYear : `${p.startYear}–${p.endYear}`}) disagrees with the title year (${ty})`,
        },
        related: doc.title ? [{ range: doc.title.range, message: { zh: '标题', en: 'title' } }] : undefined,
      });
    } else if (!ty && p && p.startYear !== p.endYear) {
      report({
        range: p.range,
        message: { zh: `统计期限跨越 ${p.startYear}—${p.endYear} 年，应为一个自然年`, en: `The statistical period spans ${p.startYear}–${p.endYear}; it should be one calendar year` },
      });
    }
    const y = ty ?? p?.startYear ?? null;
    const d = doc.publicationDate;
    if (y && d && d.year <= y) {
      report({
        severity: 'warning',
        range: d.range,
        message: {
          zh: `发布日期 ${d.year}年${d.month}月${d.day}日 不晚于报告年度 ${y} 年末，年度报告应在次年发布`,
          en: `Publication date ${d.year}-${d.month}-${d.day} is within the report year ${y}; an annual report is published the following year`,
        },
      });
    }
  },
};

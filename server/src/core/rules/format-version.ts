import { NOTICES, formatForYear } from '../spec';
import type { Range } from '../types';
import type { Rule } from './rule';

/** A report on 2021 or later laid out in the 2019 format, or the reverse; a notice cited for the wrong years. */
export const rule: Rule = {
  id: 'format-version',
  defaultSeverity: 'error',
  description: {
    zh: '2021 年及以后的报告应使用国办公开办函〔2021〕30号格式，2019—2020 年的报告使用〔2019〕60号格式',
    en: 'Reports on 2021 and later use the 〔2021〕30号 format; reports on 2019–2020 use the 〔2019〕60号 format',
  },
  check(doc, report) {
    if (!doc.year || doc.year < 2019) return;
    const want = formatForYear(doc.year);
    const notice = NOTICES[want].text;
    if (doc.format.shape && doc.format.shape !== want) {
      const t = doc.tables.find((x) => x.shape === doc.format.shape);
      const range: Range = t?.headers.find((h) => h.length > 1)?.[1]?.range ?? t?.range ?? doc.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      report({
        range,
        message: {
          zh: `${doc.year} 年度报告应使用${notice}规定的格式，但表格是 ${NOTICES[doc.format.shape].text} 的格式`,
          en: `A report on ${doc.year} must use the format of ${notice}, but its tables follow ${NOTICES[doc.format.shape].text}`,
        },
      });
    }
    for (const n of doc.notices) {
      // only the two format notices themselves (〔2019〕60号, 〔2021〕30号): a report may cite others
      const isFormatNotice = (['2019', '2021'] as const).some((v) => NOTICES[v].year === n.year && NOTICES[v].number === n.number);
      if (isFormatNotice && n.year !== NOTICES[want].year) {
        report({
          severity: 'warning',
          range: n.range,
          message: {
            zh: `${doc.year} 年度报告应依据${notice}，此处引用的是国办公开办函〔${n.year}〕${n.number}号`,
            en: `A report on ${doc.year} follows ${notice}; this cites the notice of ${n.year}`,
          },
          fixes: [{ title: { zh: `改为「${notice}」`, en: `Change to "${notice}"` }, edits: [{ range: n.range, newText: notice }] }],
        });
      }
    }
  },
};

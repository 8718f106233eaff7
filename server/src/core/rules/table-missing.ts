import { SECTION_BY_ID } from '../spec';
import type { SectionId, TableKind } from '../types';
import type { Rule } from './rule';

const REQUIRED: { kind: TableKind; section: SectionId; name: { zh: string; en: string } }[] = [
  { kind: 'active', section: 'active', name: { zh: '主动公开政府信息情况表（第二十条各项）', en: 'the proactive disclosure table (Article 20 items)' } },
  { kind: 'requests', section: 'requests', name: { zh: '收到和处理政府信息公开申请情况表', en: 'the requests received and handled table' } },
  { kind: 'review', section: 'review', name: { zh: '行政复议、行政诉讼情况表', en: 'the administrative review and litigation table' } },
];

/** A required table absent from its section (a missing section is section-missing's). */
export const rule: Rule = {
  id: 'table-missing',
  defaultSeverity: 'error',
  description: {
    zh: '第二、三、四部分各应有格式规定的统计表',
    en: 'Sections 2, 3 and 4 each hold the table the format prescribes',
  },
  check(doc, report) {
    for (const req of REQUIRED) {
      if (doc.tables.some((t) => t.kind === req.kind)) continue;
      const s = doc.sections.find((x) => x.id === req.section);
      if (!s) continue;
      report({
        range: s.range,
        message: {
          zh: `「${SECTION_BY_ID[req.section].numeral}、${SECTION_BY_ID[req.section].title}」缺少${req.name.zh}`,
          en: `Section ${SECTION_BY_ID[req.section].index} (${SECTION_BY_ID[req.section].numeral}、${SECTION_BY_ID[req.section].title}) lacks ${req.name.en}`,
        },
      });
    }
  },
};

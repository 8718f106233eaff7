import { SECTION_BY_ID } from '../spec';
import { activeTable, requestsTable, reviewTable } from '../template';
import type { FormatVersion, ReportDocument, Section, SectionId, TableKind, TextEdit } from '../types';
import type { Rule } from './rule';

const TABLE_LINES: Record<'active' | 'requests' | 'review', (v: FormatVersion) => string[]> = {
  active: activeTable,
  requests: requestsTable,
  review: () => reviewTable(),
};

/** Whether the report writes its tables one row per line (cells separated by tabs), like sample 001. */
function rowsOnOneLine(doc: ReportDocument): boolean {
  let one = 0;
  let many = 0;
  for (const t of doc.tables) {
    for (const r of t.rows) {
      if (r.cells.length < 2) continue;
      if (r.cells[0].range.start.line === r.cells[r.cells.length - 1].range.start.line) one++;
      else many++;
    }
  }
  return one > many;
}

/**
 * The official empty table (every label, 0 in every cell; server/src/core/template.ts), laid out as
 * the report lays out its other tables (one cell per line, or one row per line), inserted after the
 * section's heading.
 */
function insertTable(doc: ReportDocument, kind: 'active' | 'requests' | 'review', s: Section): TextEdit {
  const version: FormatVersion = doc.format.version ?? '2021';
  let lines = TABLE_LINES[kind](version);
  if (rowsOnOneLine(doc)) {
    // the template's rows are separated by blank lines, one cell per line after a tab
    const rows: string[][] = [];
    let cur: string[] = [];
    for (const l of [...lines, '']) {
      if (l === '') { if (cur.length) rows.push(cur); cur = []; } else cur.push(l.replace(/^\t/, ''));
    }
    // a caption row (第二十条第（一）项) is as wide as the rows under it, its other cells empty
    lines = rows.map((r, k) => {
      const width = r.length === 1 && rows[k + 1] ? rows[k + 1].length : r.length;
      return [...r, ...new Array<string>(width - r.length).fill('')].join('\t');
    });
  }
  const nl = doc.eol;
  const end = s.range.end.line;
  const atEnd = end + 1 >= doc.lines.length;
  const text = lines.join(nl);
  return atEnd
    ? { range: { start: { line: end, character: doc.lines[end].length }, end: { line: end, character: doc.lines[end].length } }, newText: `${nl}${nl}${text}${nl}` }
    : { range: { start: { line: end + 1, character: 0 }, end: { line: end + 1, character: 0 } }, newText: `${nl}${text}${nl}${nl}` };
}

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
        fixes: () => [{
          title: { zh: `插入空白的${req.name.zh}（格式规定的标签，各栏为 0）`, en: `Insert ${req.name.en}, empty (the format's labels, 0 in every cell)` },
          edits: [insertTable(doc, req.kind as 'active' | 'requests' | 'review', s)],
        }],
      });
    }
  },
};

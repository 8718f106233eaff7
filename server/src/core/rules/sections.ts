// The four section rules share the same view of the report's six sections.
import { SECTIONS, SECTION_BY_ID } from '../spec';
import type { Fix, ReportDocument, Section, TextEdit } from '../types';
import type { Rule } from './rule';

/** Each section's numbered title (一、总体情况), made once. */
const FULL_TITLE = new Map(SECTIONS.map((s) => [s.id, `${s.numeral}、${s.title}`]));

function fullTitle(id: Section['id']): string {
  return FULL_TITLE.get(id)!;
}

/** Where each section's first occurrence is in `doc.sections`, by its index (1…6; -1: absent). */
function firstAt(doc: ReportDocument): Int32Array {
  const at = new Int32Array(SECTIONS.length + 1).fill(-1);
  const s = doc.sections;
  for (let k = 0; k < s.length; k++) if (at[s[k].index] < 0) at[s[k].index] = k;
  return at;
}

/** The first occurrence of each section, in document order (`at`: from `firstAt`). */
function firsts(doc: ReportDocument, at = firstAt(doc)): Section[] {
  return doc.sections.filter((s, k) => at[s.index] === k);
}

/** What section-missing says about each section, made once. */
const MISSING = new Map(SECTIONS.map((spec) => {
  const title = fullTitle(spec.id);
  return [spec.id, {
    message: Object.freeze({ zh: `缺少第${spec.numeral}部分「${title}」`, en: `Section ${spec.index} "${title}" is missing` }),
    fix: Object.freeze({ zh: `插入标题「${title}」`, en: `Insert the heading "${title}"` }),
  }];
}));

export const sectionMissing: Rule = {
  id: 'section-missing',
  defaultSeverity: 'error',
  description: { zh: '报告应包含格式规定的六个部分', en: 'The report has the six sections the format prescribes' },
  check(doc, report) {
    if (!doc.sections.length && !doc.tables.length) {
      // not (yet) a report: say it once, at the top
      report({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: doc.lines[0]?.length ?? 0 } },
        message: {
          zh: '未找到报告的六个部分（一、总体情况 … 六、其他需要报告的事项）',
          en: 'None of the six sections (1. Overview … 6. Other matters) was found',
        },
      });
      return;
    }
    const at = firstAt(doc);
    let first: Section[] | null = null;
    for (const spec of SECTIONS) {
      if (at[spec.index] >= 0) continue;
      const next = (first ??= firsts(doc, at)).find((s) => s.index > spec.index);
      const line = next ? next.line : doc.lines.length - 1;
      const where = next ? next.range : { start: { line, character: 0 }, end: { line, character: doc.lines[line].length } };
      const insertAt = { line: next ? next.line : doc.lines.length, character: 0 };
      const nl = doc.eol;
      const title = fullTitle(spec.id);
      const insert = next ? `${title}${nl}${nl}` : `${nl}${title}${nl}`;
      const said = MISSING.get(spec.id)!;
      report({
        range: where,
        message: said.message,
        fixes: [{
          title: said.fix,
          edits: [{ range: { start: next ? insertAt : { line: line, character: doc.lines[line].length }, end: next ? insertAt : { line, character: doc.lines[line].length } }, newText: insert }],
        }],
      });
    }
  },
};

export const sectionOrder: Rule = {
  id: 'section-order',
  defaultSeverity: 'error',
  description: { zh: '六个部分应按格式规定的顺序排列', en: 'The six sections come in the order the format prescribes' },
  check(doc, report) {
    let max: Section | null = null;
    for (const s of firsts(doc)) {
      if (max && s.index < max.index) {
        report({
          range: s.range,
          message: {
            zh: `「${fullTitle(s.id)}」应在「${fullTitle(max.id)}」之前`,
            en: `"${fullTitle(s.id)}" must come before "${fullTitle(max.id)}"`,
          },
          related: [{ range: max.range, message: { zh: '此部分应在其后', en: 'this section should follow it' } }],
          fixes: () => moveFix(doc, s),
        });
      } else max = s;
    }
  },
};

/**
 * Move an out-of-order section (its heading and everything up to the next section) to its place:
 * before the first section that the format puts after it.
 */
function moveFix(doc: ReportDocument, s: Section): Fix[] {
  const before = firsts(doc).find((o) => o.index > s.index && o.line < s.line);
  if (!before) return [];
  const nl = doc.eol;
  const last = Math.max(s.line, Math.min(s.endLine, doc.lines.length - 1));
  const lines = doc.lines.slice(s.line, last + 1);
  // the block ends with a line break, even when it is the end of the file
  const text = lines.join(nl) + nl;
  const atEof = last + 1 >= doc.lines.length;
  const cut: TextEdit = atEof
    // the last block: remove it with the line break before it
    ? { range: { start: { line: s.line - 1, character: doc.lines[s.line - 1].length }, end: { line: last, character: doc.lines[last].length } }, newText: '' }
    : { range: { start: { line: s.line, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  const at = { line: before.line, character: 0 };
  return [{
    title: { zh: `把「${fullTitle(s.id)}」移到「${fullTitle(before.id)}」之前`, en: `Move "${fullTitle(s.id)}" before "${fullTitle(before.id)}"` },
    edits: [{ range: { start: at, end: at }, newText: text }, cut],
    isPreferred: true,
  }];
}

export const sectionDuplicate: Rule = {
  id: 'section-duplicate',
  defaultSeverity: 'error',
  description: { zh: '每个部分只应出现一次', en: 'Each section appears once' },
  check(doc, report) {
    const at = firstAt(doc);
    const sections = doc.sections;
    for (let k = 0; k < sections.length; k++) {
      const s = sections[k];
      if (at[s.index] === k) continue;
      const f = sections[at[s.index]];
      report({
        range: s.range,
        message: { zh: `「${fullTitle(s.id)}」重复出现（第 ${f.line + 1} 行已有）`, en: `"${fullTitle(s.id)}" appears again (first at line ${f.line + 1})` },
        related: [{ range: f.range, message: { zh: '首次出现', en: 'first occurrence' } }],
      });
    }
  },
};

export const sectionNumbering: Rule = {
  id: 'section-numbering',
  defaultSeverity: 'warning',
  description: {
    zh: '六个部分的标题应带格式规定的序号“一、”至“六、”',
    en: 'Section headings carry the numbers 一、 to 六、 the format gives them',
  },
  check(doc, report) {
    for (const s of doc.sections) {
      const spec = SECTION_BY_ID[s.id];
      const want = `${spec.numeral}、`;
      if (s.writtenNumber === null) {
        report({
          range: s.range,
          message: { zh: `标题「${s.title}」缺少序号「${want}」`, en: `Heading "${s.title}" lacks its number "${want}"` },
          fixes: [{ title: { zh: `添加序号「${want}」`, en: `Add the number "${want}"` }, edits: [{ range: { start: s.range.start, end: s.range.start }, newText: want }], isPreferred: true }],
        });
      } else if (s.writtenNumber !== spec.index) {
        report({
          range: s.markerRange ?? s.range,
          message: { zh: `序号应为「${want}」，现为「${s.marker}」`, en: `The number should be "${want}", found "${s.marker}"` },
          fixes: [{ title: { zh: `改为「${want}」`, en: `Change to "${want}"` }, edits: [{ range: s.markerRange ?? s.range, newText: want }], isPreferred: true }],
        });
      }
    }
  },
};

import type { Rule } from './rule';

/** Leftovers of a Word/WPS conversion: `[bookmark: _GoBack]`, `[image: …]`. */
export const rule: Rule = {
  id: 'conversion-debris',
  defaultSeverity: 'information',
  description: {
    zh: '文档转换残留（如“[bookmark: _GoBack]”“[image: …]”）不应出现在发布的报告中',
    en: 'Conversion leftovers such as [bookmark: _GoBack] or [image: …] should not appear in a published report',
  },
  check(doc, report) {
    for (const d of doc.debris) {
      const line = d.range.start.line;
      const range = d.wholeLine && line + 1 < doc.lines.length
        ? { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }
        : d.range;
      report({
        range: d.range,
        message: {
          zh: `文档转换残留「${d.text}」${d.kind === 'image' ? '（原文此处为图片）' : ''}`,
          en: `Conversion leftover "${d.text}"${d.kind === 'image' ? ' (an image stood here)' : ''}`,
        },
        fixes: [{ title: { zh: '删除残留文字', en: 'Remove the leftover' }, edits: [{ range, newText: '' }], isPreferred: true }],
      });
    }
  },
};

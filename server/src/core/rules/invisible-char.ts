import { INVISIBLE_RE } from '../text';
import type { Range, ReportDocument, TextEdit } from '../types';
import type { Rule } from './rule';

/**
 * Invisible characters inside a table's labels and figures: zero-width spaces and joiners, bidi
 * marks, embeddings and isolates (U+202E can show a figure reversed), the soft hyphen, the word
 * joiner, a BOM. Pasted from web pages and Word, they make a label or a figure differ from what it
 * shows. The reader ignores them (the label is still recognised, the figure still read); this rule
 * says where they are, one warning per cell, with a fix that deletes them.
 */
const HAS_INVISIBLE = new RegExp(INVISIBLE_RE.source);

export const rule: Rule = {
  id: 'invisible-char',
  defaultSeverity: 'warning',
  description: {
    zh: '表格的标签和数字中不应有不可见字符（零宽字符、文字方向控制符、软连字符等）',
    en: 'No invisible characters (zero-width, bidi controls, soft hyphens …) inside table labels and figures',
  },
  check(doc, report) {
    // (a BOM at the very start is the file's, not a cell's)
    if (!HAS_INVISIBLE.test(doc.bom ? doc.text.slice(1) : doc.text)) return;
    for (const t of doc.tables) {
      const places: { text: string; range: Range }[] = [
        ...t.headers.flat().map((h) => ({ text: h.raw, range: h.range })),
        ...t.rows.flatMap((r) => [
          ...r.labelCells.map((h) => ({ text: h.raw, range: h.range })),
          ...r.cells.map((c) => ({ text: c.text, range: c.valueRange })),
        ]),
      ];
      for (const p of places) {
        if (!HAS_INVISIBLE.test(p.text)) continue;
        const edits = deletions(doc, p.range);
        if (!edits.length) continue;
        const codes = [...new Set(edits.map((e) => codeAt(doc, e.range)))].join('、');
        const shown = p.text.replace(INVISIBLE_RE, '');
        report({
          range: p.range,
          message: {
            zh: `「${shown}」中有不可见字符（${codes}）：看不出来，但与标准写法不同；已按去掉后的文字读取`,
            en: `"${shown}" holds invisible characters (${codes.replace(/、/g, ', ')}): they do not show but make it differ from the official text; read without them`,
          },
          fixes: [{ title: { zh: '删除不可见字符', en: 'Delete the invisible characters' }, edits, isPreferred: true }],
        });
      }
    }
  },
};

/** An edit deleting each invisible character inside `r`. */
function deletions(doc: ReportDocument, r: Range): TextEdit[] {
  const out: TextEdit[] = [];
  for (let l = r.start.line; l <= r.end.line && l < doc.lines.length; l++) {
    const line = doc.lines[l];
    const a = l === r.start.line ? r.start.character : 0;
    const b = l === r.end.line ? r.end.character : line.length;
    const re = new RegExp(INVISIBLE_RE.source, 'g');
    re.lastIndex = a;
    for (let m = re.exec(line); m && m.index < b; m = re.exec(line)) {
      out.push({ range: { start: { line: l, character: m.index }, end: { line: l, character: m.index + 1 } }, newText: '' });
    }
  }
  return out;
}

function codeAt(doc: ReportDocument, r: Range): string {
  return `U+${doc.lines[r.start.line].charCodeAt(r.start.character).toString(16).toUpperCase().padStart(4, '0')}`;
}

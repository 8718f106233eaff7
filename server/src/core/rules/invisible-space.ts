import { lineAt } from '../text';
import type { Fix, TextEdit } from '../types';
import type { Rule } from './rule';

const NBSP = '\u00a0';
const SPACES_RE = /[\u00a0\u200b]/g;
const HAS_SPACES_RE = /[\u00a0\u200b]/;

/**
 * No-break spaces (U+00A0, left by Word and web pages) and zero-width spaces (U+200B): they look like
 * a space or nothing, but a search for the text or a figure does not find them. Said once per
 * document (at the first), with one fix for all of them, rather than once per character. The
 * formatter already removes them around table cells.
 */
export const rule: Rule = {
  id: 'invisible-space',
  defaultSeverity: 'hint',
  description: {
    zh: '文本中不应有不间断空格（U+00A0）或零宽空格（U+200B）',
    en: 'The text has no no-break spaces (U+00A0) or zero-width spaces (U+200B)',
  },
  check(doc, report) {
    // the usual case, a text without any, costs one scan (a regex: indexOf('\u200b') in a text of
    // CJK and spaces was three times slower, V8 stopping at every space: U+0020 shares a byte with U+200B)
    if (!HAS_SPACES_RE.test(doc.text)) return;
    const edits: TextEdit[] = [];
    let nbsp = 0;
    let zwsp = 0;
    for (const m of doc.text.matchAll(SPACES_RE)) {
      const l = lineAt(doc.lineStarts, m.index);
      const c = m.index - doc.lineStarts[l];
      if (m[0] === NBSP) nbsp++; else zwsp++;
      edits.push({ range: { start: { line: l, character: c }, end: { line: l, character: c + 1 } }, newText: m[0] === NBSP ? ' ' : '' });
    }
    if (!edits.length) return;
    const n = nbsp + zwsp;
    const fixes = (): Fix[] => [{
      title: { zh: `把全部 ${n} 处替换为普通空格（零宽空格删除）`, en: `Replace all ${n} with ordinary spaces (zero-width spaces removed)` },
      edits,
      isPreferred: true,
    }];
    report({
      range: edits[0].range,
      message: {
        zh: `本文件有 ${nbsp} 处不间断空格（U+00A0）${zwsp ? `、${zwsp} 处零宽空格（U+200B）` : ''}：看起来是空格，但妨碍搜索与识别`,
        en: `This file has ${nbsp} no-break space${nbsp === 1 ? '' : 's'} (U+00A0)${zwsp ? ` and ${zwsp} zero-width space${zwsp === 1 ? '' : 's'} (U+200B)` : ''}: they look like spaces but hinder searching and reading`,
      },
      fixes,
    });
  },
};

import { ACTIVE_BLOCKS } from '../spec';
import { isLabelPieceOf, KNOWN_LABELS, KNOWN_NORMS, type KnownLabel } from '../specIndex';
import { editDistance, normLabel, range } from '../text';
import type { FormatVersion, HeaderCell, Range, ReportDocument, Row, Table } from '../types';
import type { Report, Rule } from './rule';

/** A cell that holds a figure, not a label. */
const FIGURE = /^[\d.,\-－+]+$/;

/**
 * Row and column labels that are not the format's: a row label close to the one expected at its
 * place (a typo; the row is read as that row), a label of the other format version, or a label
 * that matches nothing (reported with the nearest official label).
 */
export const rule: Rule = {
  id: 'table-label',
  defaultSeverity: 'warning',
  description: {
    zh: '表格的行、列标签应与格式一致（允许常见写法差异），不符时给出最接近的标准标签',
    en: 'Row and column labels match the format (common variants accepted); otherwise the nearest official label is suggested',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      const known = KNOWN_LABELS[t.kind];
      if (!known.length) continue;
      const norms = KNOWN_NORMS[t.kind];
      for (const h of t.headers) {
        for (const c of h) {
          if (!c.norm || norms.has(c.norm) || c.norm.includes('勾稽关系') || FIGURE.test(c.norm)) continue;
          // a header label may be printed in pieces (商业 / 企业, 社会 / 公益 / 组织)
          if (c.raw.split(/\s+/).every((w) => w === '' || isLabelPieceOf(t.kind, normLabel(w)))) continue;
          unknown(c.raw, c.norm, c.range, known, report);
        }
      }
      for (const r of t.rows) {
        if (!r.labelCells.length) continue;
        // (the group labels written before a row's own label are known labels)
        const own = r.labelCells.filter((c) => !norms.has(c.norm));
        if (r.officialLabel) misspelled(own.length ? own : r.labelCells, r.officialLabel, report);
        else if (!r.id && own.length) {
          const text = own.map((c) => c.raw).join('');
          const n = normLabel(text);
          if (n && !FIGURE.test(n)) unknown(text, n, labelRange(own), known, report);
        } else otherFormat(doc, t, r, report);
      }
    }
  },
};

/** The range of a label written in pieces (from the first to the last). */
function labelRange(cells: HeaderCell[]): Range {
  const a = cells[0].range;
  const b = cells[cells.length - 1].range;
  return range(a.start.line, a.start.character, b.end.line, b.end.character);
}

/** A row read as the row its label is close to: one warning, a fix to the official wording when the label is one piece. */
function misspelled(cells: HeaderCell[], official: string, report: Report): void {
  const cell = cells[cells.length - 1];
  const text = cells.map((c) => c.raw).join('');
  report({
    range: labelRange(cells),
    message: {
      zh: `表格标签「${text}」与标准标签「${official}」不一致（已按「${official}」读取本行）`,
      en: `Table label "${text}" differs from the official label "${official}" (the row is read as "${official}")`,
    },
    fixes: cells.length === 1
      ? [{ title: { zh: `改为「${official}」`, en: `Change to "${official}"` }, edits: [{ range: cell.range, newText: official }], isPreferred: true }]
      : undefined,
  });
}

/** Labels of the 2019 format that the 2021 one replaced (by block and row id), and the other way round. */
const OFFICIAL: Record<FormatVersion, Map<string, string>> = {
  '2019': new Map(ACTIVE_BLOCKS['2019'].flatMap((b) => b.rows.map((r): [string, string] => [`${b.id}.${r.id}`, r.label]))),
  '2021': new Map(ACTIVE_BLOCKS['2021'].flatMap((b) => b.rows.map((r): [string, string] => [`${b.id}.${r.id}`, r.label]))),
};

/** A row label of the other format version (规范性文件 in a report on 2021 or later). */
function otherFormat(doc: ReportDocument, t: Table, r: Row, report: Report): void {
  if (t.kind !== 'active' || !r.block || r.labelCells.length !== 1) return;
  const version = doc.format.version;
  if (!version) return;
  const other: FormatVersion = version === '2021' ? '2019' : '2021';
  const key = `${r.block}.${r.id}`;
  const want = OFFICIAL[version].get(key);
  const old = OFFICIAL[other].get(key);
  const cell = r.labelCells[0];
  if (!want || !old || want === old || cell.norm !== normLabel(old)) return;
  report({
    range: cell.range,
    message: {
      zh: `「${old}」是${other}年版格式的标签，${version}年版格式为「${want}」`,
      en: `"${old}" is the ${other} format's label; the ${version} format says "${want}"`,
    },
    fixes: [{ title: { zh: `改为「${want}」`, en: `Change to "${want}"` }, edits: [{ range: cell.range, newText: want }], isPreferred: true }],
  });
}

/** A label that matches nothing: reported with the nearest official label, and a fix to it. */
function unknown(raw: string, n: string, at: Range, known: KnownLabel[], report: Report): void {
  const nearest = searchNearest(n, known);
  const shown = raw.trim();
  report({
    range: at,
    message: nearest !== null
      ? { zh: `无法识别的表格标签「${shown}」，最接近的标准标签是「${nearest}」`, en: `Unknown table label "${shown}"; the nearest official label is "${nearest}"` }
      : { zh: `无法识别的表格标签「${shown}」`, en: `Unknown table label "${shown}"` },
    // (built when asked for: a pasted line of thousands of unknown labels must not build thousands of fixes)
    fixes: nearest !== null && at.start.line === at.end.line
      ? () => [{ title: { zh: `改为「${nearest}」`, en: `Change to "${nearest}"` }, edits: [{ range: at, newText: nearest }], isPreferred: true }]
      : undefined,
  });
}

function searchNearest(n: string, known: KnownLabel[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    // a label with stray text around it (e.g. "(四) 信息内容")
    if (n.includes(k.norm) && k.norm.length >= 2) {
      const d = (n.length - k.norm.length) * 0.5;
      if (d < bestD) { bestD = d; best = k.label; }
      continue;
    }
    const d = editDistance(n, k.norm, 12);
    if (d < bestD) { bestD = d; best = k.label; }
  }
  return best !== null && bestD <= Math.max(3, Math.ceil(n.length * 0.4)) ? best : null;
}

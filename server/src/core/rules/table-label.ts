import { ACTIVE_BLOCKS, REQUEST_HEADER_LABELS, REQUEST_ROWS, REVIEW_HEADER_LABELS } from '../spec';
import { detached, editDistance, Memo, normLabel } from '../text';
import type { HeaderCell, Msg, Table } from '../types';
import type { Report, Rule } from './rule';

/** A cell that holds a figure, not a label. */
const FIGURE = /^[\d.,\-－+]+$/;

/** A row or column label that matches no known label or variant, reported with the nearest one. */
export const rule: Rule = {
  id: 'table-label',
  defaultSeverity: 'warning',
  description: {
    zh: '表格的行、列标签应与格式一致（允许常见写法差异），不符时给出最接近的标准标签',
    en: 'Row and column labels match the format (common variants accepted); otherwise the nearest official label is suggested',
  },
  check(doc, report) {
    for (const t of doc.tables) {
      const known = knownLabels(t);
      if (!known.labels.length) continue;
      // (the cell's range is read only for a label that is reported: most are known)
      const check = (c: HeaderCell) => {
        const raw = c.raw;
        const n = c.norm ?? normLabel(raw);
        if (!n || known.normSet.has(n) || n.includes('勾稽关系') || FIGURE.test(n)) return;
        const u = unknownLabel(raw, n, known);
        const range = c.range;
        const nearest = u.nearest;
        report({
          range,
          message: u.message,
          fixes: nearest !== null ? [{ title: u.title!, edits: [{ range, newText: nearest }], isPreferred: true }] : undefined,
        });
      };
      for (const h of t.headers) for (const c of h) check(c);
      for (const r of t.rows) for (const l of r.labelCells) check(l);
    }
  },
};

/** A table kind's official labels and variants, with their normalised forms (built once per kind). */
interface Known {
  labels: string[];
  norms: string[];
  normSet: Set<string>;
}

const KNOWN = new Map<string, Known>();

function knownLabels(t: Table): Known {
  let k = KNOWN.get(t.kind);
  if (!k) {
    const labels = computeKnown(t);
    const norms = labels.map(normLabel);
    KNOWN.set(t.kind, (k = { labels, norms, normSet: new Set(norms) }));
  }
  return k;
}

function computeKnown(t: Table): string[] {
  const out: string[] = [];
  const add = (l: string, v?: string[]) => { out.push(l); if (v) out.push(...v); };
  if (t.kind === 'active') {
    for (const v of ['2019', '2021'] as const) {
      for (const b of ACTIVE_BLOCKS[v]) {
        add(b.title); add('信息内容');
        for (const c of b.columns) add(c.label, c.variants);
        for (const r of b.rows) add(r.label, r.variants);
      }
    }
  } else if (t.kind === 'requests') {
    REQUEST_HEADER_LABELS.forEach((l) => add(l));
    add('申请人情况'); add('法人或其他组织');
    for (const v of ['2019', '2021'] as const) for (const r of REQUEST_ROWS[v]) add(r.label, r.variants);
  } else if (t.kind === 'review') {
    REVIEW_HEADER_LABELS.forEach((l) => add(l));
  }
  return [...new Set(out)];
}

/** What is said about an unknown label: the nearest official label, the message, the fix's title. */
interface Unknown {
  nearest: string | null;
  message: Msg;
  /** (null when there is no nearest label) */
  title: Msg | null;
}

/**
 * What is said about an unknown label, remembered per table kind and label as written (`raw`, whose
 * normal form is `n`): the same unknown label is looked up again on every keystroke, and a search
 * costs a few microseconds. The remembered messages are frozen and shared.
 */
const UNKNOWN = new Map<Known, Memo<Unknown>>();

function unknownLabel(raw: string, n: string, known: Known): Unknown {
  let memo = UNKNOWN.get(known);
  if (!memo) UNKNOWN.set(known, (memo = new Memo(5000)));
  let u = memo.get(raw);
  if (u === undefined) {
    const nearest = searchNearest(n, known);
    // (kept across checks: nothing here may hold on to the document's text, see `detached`)
    const shown = detached(raw.trim());
    u = Object.freeze({
      nearest,
      message: Object.freeze(nearest !== null
        ? { zh: `无法识别的表格标签「${shown}」，最接近的标准标签是「${nearest}」`, en: `Unknown table label "${shown}"; the nearest official label is "${nearest}"` }
        : { zh: `无法识别的表格标签「${shown}」`, en: `Unknown table label "${shown}"` }),
      title: nearest !== null ? Object.freeze({ zh: `改为「${nearest}」`, en: `Change to "${nearest}"` }) : null,
    });
    memo.set(raw, u);
  }
  return u;
}

function searchNearest(n: string, known: Known): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (let i = 0; i < known.labels.length; i++) {
    const kn = known.norms[i];
    // a label with stray text around it (e.g. "(四) 信息内容")
    if (n.includes(kn) && kn.length >= 2) {
      const d = (n.length - kn.length) * 0.5;
      if (d < bestD) { bestD = d; best = known.labels[i]; }
      continue;
    }
    // the distance is at least the difference in length: skip labels that cannot do better
    if (Math.abs(n.length - kn.length) >= bestD) continue;
    const d = editDistance(n, kn, Math.min(12, bestD === Infinity ? 12 : bestD - 1));
    if (d < bestD) { bestD = d; best = known.labels[i]; }
  }
  return best !== null && bestD <= Math.max(3, Math.ceil(n.length * 0.4)) ? best : null;
}

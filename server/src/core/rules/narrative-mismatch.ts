// Figures stated in the prose that contradict the report's own tables, e.g. "共收到政府信息公开申请
// 12件" while 一、本年新收 总计 is 11. Only claims that read unambiguously are checked: the same
// clause names the subject and gives the count as "N件"; a sentence about other organs (全市…),
// another year, a comparison, a range or an approximate figure ("10余件") says nothing here, and
// a sentence that gives one subject two different counts is skipped.

import { REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS } from '../spec';
import { formatNumber, isSpace, lineAt } from '../text';
import { exactNumber } from '../figures';
import { expectedValues } from '../totals';
import { TABLE_NAMES } from '../tableNames';
import type { Cell, Msg, Range, ReportDocument, Row, Table } from '../types';
import type { Rule } from './rule';

export type ClaimKind = 'new' | 'handled' | 'next' | 'carried' | 'review' | 'litigation';

export interface Claim {
  kind: ClaimKind;
  value: number;
  /** The number in the text. */
  range: Range;
  /** The sentence says the figure includes last year's carry-over (new requests: 一 + 二). */
  withCarry: boolean;
}

interface Target {
  value: number;
  cells: Cell[];
  label: Msg;
  /**
   * What the table says once it is consistent (a wrong total recomputed, 四 from the balance):
   * a text that agrees with it points at a slip in the table, which the totals rules and
   * `balance` report; one slip is reported once.
   */
  alt: number[];
}

/** A figure for the whole city / county or several organs is not this report's. */
const OTHER_ORGANS = /全市|全县|全区|全省|全镇|全乡|全旗|全州|全盟|全国|各级|各部门|各单位|各乡镇|各镇|各街道|各县|下属|所属|市直|县直|区直|全系统|本系统|各地/;
/** A comparison with another year. */
const COMPARISON = /同比|较上年|比上年|较去年|比去年|去年|与上年|上年同期|较20\d\d|比20\d\d|增加|减少|增长|下降/;
/** A part of the whole (by channel, on time …): not the total. */
const SUBSET = /其中|按时|按期|期限内|逾期|延期|超期|及时|当场|当日|网上|网络|在线|信函|邮寄|当面|传真|电子邮件|邮件|现场|电话|平均/;
/** Nouns that make 答复/办结/收到 about something else than requests. */
const OTHER_NOUN = /建议|提案|留言|咨询|来信|来电|信访|投诉|热线|诉求|协查|函件|来函|舆情|问题|事项|网民/;
const REQUEST_SUBJECT = /依申请公开|依申请|政府信息公开申请|信息公开申请|公开申请/;
const NEW_VERB = /收到|受理|新收|接收|接到|共收/;
const HANDLED_VERB = /办结|答复/;
const NEXT_RE = /结转(?:至|到)?(?:下一?年度?|次年度?|(\d{4})年度?)|转入(?:下一?年度?|次年度?|(\d{4})年度?)/;
const CARRIED_RE = /(?:上一?年度?|(\d{4})年度?)结转/;
const REVIEW_RE = /行政复议/;
const LITIGATION_RE = /行政诉讼|提起诉讼|起诉/;
const DISCLOSURE = /信息公开|依申请/;
const INCLUDES_CARRY = /(?:含|包括|包含)[^，。；,;]{0,8}(?:上年|上一年度?|\d{4}年度?)(?:结转|遗留)/;
const YEAR_RE = /(\d{4})\s*年/g;
/**
 * What a clause needs for any claim: NEXT_RE and CARRIED_RE need 结转 or 转入, the review and
 * litigation claims REVIEW_RE or LITIGATION_RE, the others NEW_VERB or HANDLED_VERB.
 */
const SUBJECT_OR_VERB = /结转|转入|行政复议|行政诉讼|提起诉讼|起诉|收到|受理|新收|接收|接到|共收|办结|答复/;
/** "N件" with nothing approximate before or after. */
const COUNT_RE = /([0-9０-９]+)\s*(件|起)/g;

function digits(s: string): number {
  return Number(s.normalize('NFKC'));
}

/** A count in a clause: its value and where its digits are. */
interface Count {
  value: number;
  start: number;
  end: number;
}

/** A clause that is only 其中: the clause after it gives a part. */
const QIZHONG = /^\s*其中\s*$/;

/** The first exact count "N件" after `from` in the clause, with at most `maxGap` characters and no digit between. */
function countAfter(clause: string, from: number, maxGap = 18): Count | null {
  COUNT_RE.lastIndex = from;
  const m = COUNT_RE.exec(clause);
  if (!m) return null;
  const gap = clause.slice(from, m.index);
  if (gap.length > maxGap || /[0-9０-９]/.test(gap)) return null;
  const before = clause.slice(Math.max(0, m.index - 2), m.index);
  if (/[约近逾超余多\-－~～—至到、]$/.test(before) || /超过|不足|不到|将近|大约|多达|上下/.test(before)) return null;
  const after = clause.slice(m.index + m[0].length, m.index + m[0].length + 2);
  if (/^(?:以上|以下|左右|上下|余|多)/.test(after)) return null;
  // "10余件" / "10多件": the regex needs 件 right after the digits (spaces allowed), so these never match
  return { value: digits(m[1]), start: m.index, end: m.index + m[1].length };
}

/** Clause separators: ，,；;：: */
function isClauseEnd(c: number): boolean {
  return c === 0xff0c || c === 44 || c === 0xff1b || c === 59 || c === 0xff1a || c === 58;
}

const CLAUSE_END = /[，,；;：:]/g;
const SENTENCE_END = /[。！？!?]/g;

/**
 * The bounds of the piece of `s` around `k` that `ends` (a global regex of one character) cuts,
 * starting the search at `from` (no separator between `from` and the piece): [start, end) in
 * `bounds`. Found by the regex engine (a scan character by character cost more than the claims).
 */
function pieceAround(s: string, k: number, from: number, ends: RegExp, bounds: [number, number]): void {
  let a = from;
  let b = s.length;
  ends.lastIndex = from;
  while (ends.test(s)) {
    const at = ends.lastIndex - 1;
    if (at < k) a = at + 1;
    else { b = at; break; }
  }
  bounds[0] = a;
  bounds[1] = b;
}

/** Is the clause before the one starting at `a` only 其中 (so that this clause gives a part)? */
function afterQizhong(sentence: string, a: number): boolean {
  if (a === 0) return false;
  const end = a - 1; // the separator
  let s = end;
  while (s > 0 && !isClauseEnd(sentence.charCodeAt(s - 1))) s--;
  return QIZHONG.test(sentence.slice(s, end));
}

/** Does the clause name a year other than the report's? (an exec loop: matchAll clones the regex on every call) */
function mentionsOtherYear(clause: string, year: number): boolean {
  if (clause.indexOf('年') < 0) return false;
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(clause); m; m = YEAR_RE.exec(clause)) {
    if (Number(m[1]) !== year) return true;
  }
  return false;
}

/** Claims of one sentence (`text` is the sentence, `col` its start column on `line`). */
export function claimsOf(sentence: string, line: number, col: number, year: number, inReviewSection: boolean): Claim[] {
  const counts = countsIn(sentence);
  return claimsAt(sentence, 0, counts, 0, counts.length, year, inReviewSection).map((c) => placed(c, line, col));
}

/** A claim as a sentence makes it: its figure's place in the sentence (`start`, `end`). */
interface SentenceClaim {
  kind: ClaimKind;
  value: number;
  start: number;
  end: number;
  withCarry: boolean;
}

/** A sentence's claim at its place: the sentence starts at column `col` of `line`. */
function placed(c: SentenceClaim, line: number, col: number): Claim {
  return { kind: c.kind, value: c.value, range: { start: { line, character: col + c.start }, end: { line, character: col + c.end } }, withCarry: c.withCarry };
}

/** What each line of prose claims (its claims' places are columns of the line). */
function lineClaims(line: string, year: number, inReviewSection: boolean): readonly SentenceClaim[] {
  return readLine(line, year, inReviewSection);
}

/** The claims of a line of prose, placed at columns of the line. */
function readLine(l: string, year: number, inReviewSection: boolean): SentenceClaim[] {
  const counts = countsIn(l);
  const out: SentenceClaim[] = [];
  // only the sentences that hold a count (most of such a line's do not): found from the counts
  const bounds: [number, number] = [0, 0];
  for (let from = 0, j = 0; j < counts.length;) {
    pieceAround(l, counts[j], from, SENTENCE_END, bounds);
    const [a, b] = bounds;
    let e = j;
    while (e < counts.length && counts[e] < b) e++;
    const sentence = l.slice(a, b);
    const claims = claimsAt(sentence, a, counts, j, e, year, inReviewSection);
    for (const c of claims) out.push({ ...c, start: c.start + a, end: c.end + a });
    from = b;
    j = e;
  }
  return out;
}


/**
 * Claims of one sentence, given where its counts are: `counts[j…e)` are the positions of their
 * 件 or 起 in `sentence`, shifted by `base` (the sentence's offset in the list's string).
 */
function claimsAt(sentence: string, base: number, counts: number[], j: number, e: number, year: number, inReviewSection: boolean): SentenceClaim[] {
  const out: SentenceClaim[] = [];
  // what the whole sentence says, read once a clause may make a claim (most clauses with a count
  // name none of the subjects: "主动公开 170 件")
  let read = false;
  let withCarry = false;
  let aboutRequests = false;
  let aboutDisclosure = false;
  // only the clauses that hold a count (found from the counts, most clauses hold none)
  const bounds: [number, number] = [0, 0];
  for (let from = 0; j < e;) {
    pieceAround(sentence, counts[j] - base, from, CLAUSE_END, bounds);
    const [a, b] = bounds;
    from = b;
    while (j < e && counts[j] - base < b) j++;
    const clause = sentence.slice(a, b);
    // a claim needs one of the verbs or subjects below: without one, none of the branches pushes
    if (!SUBJECT_OR_VERB.test(clause)) continue;
    if (!read) {
      read = true;
      if (OTHER_ORGANS.test(sentence)) return [];
      withCarry = INCLUDES_CARRY.test(sentence);
      aboutRequests = REQUEST_SUBJECT.test(sentence);
      aboutDisclosure = DISCLOSURE.test(sentence) || inReviewSection;
    }
    // a year other than the report's (carry-over clauses name the neighbouring years themselves)
    const otherYear = mentionsOtherYear(clause, year);
    const push = (kind: ClaimKind, c: Count | null) => {
      if (c) out.push({ kind, value: c.value, start: a + c.start, end: a + c.end, withCarry });
    };
    const next = NEXT_RE.exec(clause);
    const carried = CARRIED_RE.exec(clause);
    if (next) {
      const y = next[1] ?? next[2];
      if (!y || Number(y) === year + 1) push('next', countAfter(clause, next.index + next[0].length, 12));
      continue;
    }
    if (carried && !withCarry) {
      const y = carried[1];
      if (!y || Number(y) === year - 1) push('carried', countAfter(clause, carried.index + carried[0].length, 16));
      continue;
    }
    if (otherYear || COMPARISON.test(clause)) continue;
    const rv = REVIEW_RE.exec(clause);
    const lt = LITIGATION_RE.exec(clause);
    if (rv && lt) continue; // 行政复议、行政诉讼共 N 件: both together
    if (rv || lt) {
      if (!aboutDisclosure || OTHER_NOUN.test(clause.replace(/问题/g, ''))) continue;
      const m = (rv ?? lt)!;
      push(rv ? 'review' : 'litigation', countAfter(clause, m.index + m[0].length, 14));
      continue;
    }
    if (SUBSET.test(clause) || afterQizhong(sentence, a) || OTHER_NOUN.test(clause)) continue;
    const nv = NEW_VERB.exec(clause);
    const hv = HANDLED_VERB.exec(clause);
    if (nv && hv) continue; // 受理并办结 N 件: two figures in one
    if (nv) {
      const subject = REQUEST_SUBJECT.exec(clause.slice(nv.index));
      if (!subject) continue;
      const from = nv.index + subject.index + subject[0].length;
      push('new', countAfter(clause, from, 10));
    } else if (hv) {
      if (!REQUEST_SUBJECT.test(clause) && !aboutRequests) continue;
      push('handled', countAfter(clause, hv.index + hv[0].length, 14));
    }
  }
  if (out.length < 2) return out;
  // one subject with two different counts in the sentence: ambiguous, say nothing
  const byKind = new Map<ClaimKind, Set<number>>();
  for (const c of out) {
    const s = byKind.get(c.kind) ?? new Set<number>();
    s.add(c.value);
    byKind.set(c.kind, s);
  }
  return out.filter((c) => byKind.get(c.kind)!.size === 1);
}

/**
 * Where the counts of `s` are: the positions of each 件 or 起 that follows a digit (spaces between
 * allowed), ascending. Found from the 件 and 起 by native search, once per line: a regex scan for a
 * digit class at every position cost more than the rest of the rule.
 */
export function countsIn(s: string): number[] {
  const a = unitsAfterDigits(s, '件');
  const b = unitsAfterDigits(s, '起');
  if (!b.length) return a;
  if (!a.length) return b;
  return mergeSorted(a, b);
}

/**
 * Where `unit` follows a digit (spaces between allowed) in `s`, ascending. With `lineStarts`, `s`
 * is a whole text and the digit must be on the unit's line (the spaces skipped back may have been
 * a line break).
 */
function unitsAfterDigits(s: string, unit: string, lineStarts?: number[]): number[] {
  const out: number[] = [];
  for (let at = s.indexOf(unit); at >= 0; at = s.indexOf(unit, at + 1)) {
    let k = at - 1;
    while (k >= 0 && isSpace(s.charCodeAt(k))) k--;
    const c = k >= 0 ? s.charCodeAt(k) : 0;
    if (!((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19))) continue;
    if (lineStarts && k < lineStarts[lineAt(lineStarts, at)]) continue;
    out.push(at);
  }
  return out;
}

/** All the claims the report's prose makes about its tables. */
export function narrativeClaims(doc: ReportDocument): Claim[] {
  if (!doc.year) return [];
  // the counts, found in the whole text by a native search for 件 and 起 (one pass each), as
  // ascending offsets; then read line by line
  const { text, lineStarts } = doc;
  const a = unitsAfterDigits(text, '件', lineStarts);
  const b = unitsAfterDigits(text, '起', lineStarts);
  if (!a.length && !b.length) return [];
  const offsets = !b.length ? a : !a.length ? b : mergeSorted(a, b);
  const review = doc.sections.find((s) => s.id === 'review');
  const out: Claim[] = [];
  let skip: NotProse | null = null;
  for (let q = 0; q < offsets.length;) {
    const i = lineAt(lineStarts, offsets[q]);
    const l = doc.lines[i];
    // past this line's counts (the line is read again, whole, when it is not remembered)
    const end = lineStarts[i] + l.length;
    while (q < offsets.length && offsets[q] < end) q++;
    if ((skip ??= new NotProse(doc)).has(i)) continue;
    const inReview = !!review && i > review.line && i <= review.endLine;
    for (const c of lineClaims(l, doc.year, inReview)) out.push(placed(c, i, 0));
  }
  return out;
}

/** Two ascending lists of numbers as one, each number once. */
function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

/**
 * Which lines are not prose (a table's, a heading's, the title's), asked in ascending order: the
 * tables and headings (in document order) are walked along with the lines, no mask allocated.
 */
class NotProse {
  private t = 0;
  private h = 0;
  constructor(private readonly doc: ReportDocument) {}

  has(i: number): boolean {
    const { tables, headings, title } = this.doc;
    while (this.t < tables.length && tables[this.t].endLine < i) this.t++;
    // tables do not overlap and come in order; a later one may start before an earlier one ends
    for (let k = this.t; k < tables.length && tables[k].startLine <= i; k++) if (tables[k].endLine >= i) return true;
    while (this.h < headings.length && headings[this.h].line < i) this.h++;
    if (this.h < headings.length && headings[this.h].line === i) return true;
    return !!title && title.lines.includes(i);
  }
}

const TOTAL = REQUEST_COLUMNS.findIndex((c) => c.id === 'total');
const rowLabel = (id: string): string => REQUEST_ROWS['2021'].find((r) => r.id === id)?.label ?? id;

const RQ = TABLE_NAMES.requests;
const RV = TABLE_NAMES.review;

/** What each claim is checked against, named for messages (the same for every claim: made once). */
const LABEL = {
  new: Object.freeze({ zh: `${RQ.zh}「${rowLabel('new')}」总计`, en: `${RQ.en} (I) new requests, total` }),
  newCarried: Object.freeze({ zh: `${RQ.zh}「${rowLabel('new')}」与「${rowLabel('carried')}」总计之和`, en: `${RQ.en} (I) new + (II) carried over, totals` }),
  handled: Object.freeze({ zh: `${RQ.zh}「${rowLabel('results')}${rowLabel('r7')}」`, en: `${RQ.en} (III)(7) total handled` }),
  next: Object.freeze({ zh: `${RQ.zh}「${rowLabel('next')}」总计`, en: `${RQ.en} (IV) carried forward, total` }),
  carried: Object.freeze({ zh: `${RQ.zh}「${rowLabel('carried')}」总计`, en: `${RQ.en} (II) carried over, total` }),
  review: Object.freeze({ zh: `${RV.zh}「行政复议」总计`, en: `${RV.en}: administrative review, total` }),
  litigation: Object.freeze({ zh: `${RV.zh}「行政诉讼」未经复议直接起诉与复议后起诉总计之和`, en: `${RV.en}: litigation, without + after review, totals` }),
} satisfies Record<string, Msg>;

function usable(c: Cell | undefined): c is Cell {
  return !!c && c.kind !== 'text' && c.value !== null;
}

function requestCell(t: Table | undefined, id: string): Cell | undefined {
  const r: Row | undefined = t?.rows.find((x) => x.id === id);
  const c = r && r.cells.length === REQUEST_COLUMNS.length ? r.cells[TOTAL] : undefined;
  return usable(c) ? c : undefined;
}

function reviewCell(t: Table | undefined, id: string): Cell | undefined {
  const r = t?.rows[0];
  const k = REVIEW_COLUMNS.findIndex((c) => c.id === id);
  const c = r && r.cells.length === REVIEW_COLUMNS.length ? r.cells[k] : undefined;
  return usable(c) ? c : undefined;
}

/** What the claims are checked against: the tables' cells and their consistent values, found once per document. */
interface Tables {
  req: Table | undefined;
  rev: Table | undefined;
  /** A cell's value once the table is consistent. */
  ev: (cell: Cell) => number;
  /** The balance 一 + 二 = （七） + 四 solved for each of its rows, from the recomputed totals. */
  solved: Partial<Record<string, number>>;
}

function tablesOf(doc: ReportDocument): Tables {
  const req = doc.tables.find((t) => t.kind === 'requests');
  const rev = doc.tables.find((t) => t.kind === 'review');
  const expected = expectedValues(doc);
  const ev = (cell: Cell): number => {
    const e = expected.get(cell);
    return e === undefined ? cell.value! : exactNumber(e);
  };
  const solved: Partial<Record<string, number>> = {};
  const n = requestCell(req, 'new');
  const k = requestCell(req, 'carried');
  const r7 = requestCell(req, 'r7');
  const next = requestCell(req, 'next');
  if (n && k && r7 && next) {
    const [vn, vk, v7, vx] = [ev(n), ev(k), ev(r7), ev(next)];
    Object.assign(solved, { new: v7 + vx - vk, carried: v7 + vx - vn, r7: vn + vk - vx, next: vn + vk - v7 });
  }
  return { req, rev, ev, solved };
}

function targetOf(tables: Tables, c: Claim): Target | null {
  const { req, rev, ev, solved } = tables;
  const alts = (cell: Cell, id?: string): number[] => {
    const v = id ? solved[id] : undefined;
    return v === undefined ? [ev(cell)] : [ev(cell), v];
  };
  const one = (cell: Cell | undefined, label: Msg, id?: string): Target | null =>
    (cell ? { value: cell.value!, cells: [cell], label, alt: alts(cell, id) } : null);
  switch (c.kind) {
    case 'new': {
      const n = requestCell(req, 'new');
      if (!c.withCarry) return one(n, LABEL.new, 'new');
      const k = requestCell(req, 'carried');
      if (!n || !k) return null;
      return {
        value: n.value! + k.value!, cells: [n, k], alt: [ev(n) + ev(k)],
        label: LABEL.newCarried,
      };
    }
    case 'handled':
      return one(requestCell(req, 'r7'), LABEL.handled, 'r7');
    case 'next':
      return one(requestCell(req, 'next'), LABEL.next, 'next');
    case 'carried':
      return one(requestCell(req, 'carried'), LABEL.carried, 'carried');
    case 'review':
      return one(reviewCell(rev, 'review.total'), LABEL.review);
    case 'litigation': {
      const a = reviewCell(rev, 'direct.total');
      const b = reviewCell(rev, 'after.total');
      if (!a || !b) return null;
      return {
        value: a.value! + b.value!, cells: [a, b], alt: [ev(a) + ev(b)],
        label: LABEL.litigation,
      };
    }
  }
}

const WHAT: Record<ClaimKind, Msg> = {
  new: { zh: '收到的政府信息公开申请', en: 'requests received' },
  handled: { zh: '办结（答复）的申请', en: 'requests handled' },
  next: { zh: '结转下年度继续办理的申请', en: 'requests carried forward' },
  carried: { zh: '上年结转的申请', en: 'requests carried over' },
  review: { zh: '政府信息公开行政复议案件', en: 'administrative review cases' },
  litigation: { zh: '政府信息公开行政诉讼案件', en: 'litigation cases' },
};

export const rule: Rule = {
  id: 'narrative-mismatch',
  defaultSeverity: 'warning',
  description: {
    zh: '正文中明确写出的数字（收到、办结申请件数，结转件数，行政复议、行政诉讼件数）应与统计表一致',
    en: 'Figures the prose states plainly (requests received and handled, carried forward, review and litigation cases) agree with the tables',
  },
  check(doc, report) {
    let tables: Tables | null = null;
    for (const c of narrativeClaims(doc)) {
      const t = targetOf((tables ??= tablesOf(doc)), c);
      if (!t || Math.abs(t.value - c.value) < 1e-9 || t.alt.some((v) => Math.abs(v - c.value) < 1e-9)) continue;
      const v = formatNumber(t.value);
      report({
        range: c.range,
        message: {
          zh: `正文所述${WHAT[c.kind].zh} ${c.value} 件与${t.label.zh}（${v}）不一致`,
          en: `The text gives ${c.value} ${WHAT[c.kind].en}, but ${t.label.en} is ${v}`,
        },
        related: t.cells.map((cell) => ({ range: cell.kind === 'blank' ? cell.range : cell.valueRange, message: t.label })),
        fixes: [{
          title: { zh: `将正文数字改为 ${v}（与表格一致）`, en: `Change the figure in the text to ${v} (as in the table)` },
          edits: [{ range: c.range, newText: v }],
        }],
        expected: t.value,
        actual: c.value,
      });
    }
  },
};

// Small text helpers shared by the parser and the rules: label normalisation, number parsing,
// positions. Everything here is linear in its input.

import type { Position, Range } from './types';

const SPACE_RE = /[\s\u3000\u00a0\ufeff\u200b]+/g;

/**
 * A copy of `s` that holds on to no other string, for what is kept after the text is dropped (the
 * folder check's slim copies of reports). In V8 a string sliced from a longer one points to the
 * whole string it was cut from; a string under 13 characters is always copied, a longer one is
 * copied here (prefixed, then cut: the cut flattens the prefixed string into a new one).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Characters that show nothing but can sit inside a label or a figure pasted from the web or Word:
 * zero-width spaces and joiners, bidi marks and isolates, the soft hyphen, the word joiner, BOM.
 */
export const INVISIBLE_RE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Normalise a label for comparison: NFKC (full-width → half-width digits, brackets, colon),
 * no white space or invisible characters, 其它 → 其他, quotes dropped, 。/． → '.', no trailing 、 or comma.
 */
export function normLabel(s: string): string {
  let n = s.normalize('NFKC').replace(DROPPED_RE, '');
  // (each replacement only when there is something to replace: most labels have none, and a
  // replace that finds nothing still costs a scan and a call; normLabel runs some 600 times a report)
  if (n.includes('其它')) n = n.replaceAll('其它', '其他');
  if (n.includes('。')) n = n.replaceAll('。', '.');
  if (NUMBER_MARK_RE.test(n)) n = n.replace('、', '.');
  if (TRAILING_PAUSE_RE.test(n)) n = n.slice(0, -1);
  return n;
}

/** `1、` as a row number (after NFKC), written `1.` by the format. */
const NUMBER_MARK_RE = /^\d{1,2}、/;
const TRAILING_PAUSE_RE = /[、,，]$/;

/** What a label drops: white space, invisible characters, quotes (after NFKC: ． is already '.'). */
const DROPPED_RE = /[\s\u3000\u00a0\ufeff\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"“”'‘’「」『』]+/g;

/** A looser key for headings and fuzzy matches: also drops 、和及与的 and punctuation. */
export function looseKey(s: string): string {
  return normLabel(s).replace(/[、和及与的,，:：;；.。()（）\[\]【】]/g, '');
}

/** Strip a leading list marker (`一、`, `（一）`, `1.`) from a normalised label. */
export function stripMarker(norm: string): string {
  return norm.replace(/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])/, '');
}

/** An ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isSpace(c: number): boolean {
  // most characters are printable ASCII or CJK (U+3001 and above; U+FEFF is the one space there)
  if ((c > 32 && c < 0x7f) || (c > 0x3000 && c !== 0xfeff)) return false;
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0 || c === 0xfeff || c === 0x200b
    || c === 11 || c === 12 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680 || c === 0x2028 || c === 0x2029;
}

export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** Leading and trailing white space widths (spaces, ideographic spaces, NBSP). */
export function trimBounds(s: string): [number, number] {
  const a = trimStart(s);
  return [a, trimEnd(s, a)];
}

/** Where the text of `s[from, to)` starts after leading white space (no tuple: for the per-cell hot path). */
export function trimStart(s: string, from = 0, to = s.length): number {
  let a = from;
  while (a < to && isSpace(s.charCodeAt(a))) a++;
  return a;
}

/** Where the text of `s[from, to)` ends before trailing white space, not before `from`. */
export function trimEnd(s: string, from = 0, to = s.length): number {
  let b = to;
  while (b > from && isSpace(s.charCodeAt(b - 1))) b--;
  return b;
}

export interface ParsedNumber {
  kind: 'number' | 'blank' | 'unit' | 'text';
  value: number | null;
  unit?: string;
  /** Where the numeric part starts and ends inside the trimmed string (both 0 for blank and text). */
  numStart: number;
  numEnd: number;
}

const NUM_RE = /^([+\-－—–]?)\s*([0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)(?:[.．]([0-9０-９]+))?/;
const UNITS = ['万元', '元', '件', '条', '个', '人次', '人', '次', '篇', '项', '%', '％', '家', '期'];

const BLANK: ParsedNumber = { kind: 'blank', value: 0, numStart: 0, numEnd: 0 };
/** Text (no figure: the numeric part is empty). */
const TEXT: ParsedNumber = { kind: 'text', value: null, numStart: 0, numEnd: 0 };

/**
 * Parse a cell's trimmed text: `12`, `－2`, `66.36万元`, `1,234`, '' (blank) or text. Invisible
 * characters around or inside the figure are ignored (a rule reports them).
 */
export function parseNumber(t: string): ParsedNumber {
  if (t === '') return BLANK;
  if (/^\d{1,15}$/.test(t)) return { kind: 'number', value: Number(t), numStart: 0, numEnd: t.length };
  const visible = t.replace(INVISIBLE_RE, '');
  if (visible !== t) {
    const p = parseNumber(visible.trim());
    return p.kind === 'text' || p.kind === 'blank' ? p : { ...p, numStart: 0, numEnd: t.length };
  }
  const m = NUM_RE.exec(t);
  if (!m) return TEXT;
  const sign = m[1] ? -1 : 1;
  const int = m[2].normalize('NFKC').replace(/,/g, '');
  const frac = m[3] ? m[3].normalize('NFKC') : '';
  const value = sign * Number(frac ? `${int}.${frac}` : int);
  const rest = t.slice(m[0].length).trim();
  if (rest === '') return { kind: 'number', value, numStart: 0, numEnd: m[0].length };
  if (UNITS.includes(rest)) return { kind: 'unit', value, unit: rest, numStart: 0, numEnd: m[0].length };
  return TEXT;
}

/** Format a number the way the report writes it: integers plainly, decimals without float noise. */
export function formatNumber(n: number): string {
  const r = Number.isInteger(n) ? n : Math.round(n * 10000) / 10000;
  // never exponent form (String(1e21) is '1e+21', which would not read back as a figure): the
  // same shortest digits, written out with their zeros (only integers reach 1e21)
  const m = /^(-?)(\d+)(?:\.(\d+))?e\+(\d+)$/.exec(String(r));
  if (!m) return String(r);
  const [, sign, int, frac = '', exp] = m;
  return sign + int + frac + '0'.repeat(Number(exp) - frac.length);
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function lineRange(line: number, start: number, end: number): Range {
  return range(line, start, line, end);
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max = 64): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length] > max ? max + 1 : prev[b.length];
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** The same by character code (a look-up keyed by a one-character string hashes a new string each time). */
const CN_DIGIT_CODES = new Map(Object.entries(CN_DIGITS).map(([c, v]) => [c.charCodeAt(0), v]));

/** 一 → 1 … 十 → 10 (the numerals section and sub-heading markers use). */
export function chineseNumeral(s: string): number | null {
  if (s.length === 1) return CN_DIGIT_CODES.get(s.charCodeAt(0)) ?? null;
  if (s.length === 2 && s[0] === '十') return 10 + (CN_DIGITS[s[1]] ?? 0);
  return null;
}

/** 二〇二一 → 2021, 三十 → 30, 十二 → 12. */
export function chineseNumber(s: string): number | null {
  if (/^[〇零一二三四五六七八九]{4}$/.test(s)) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return null;
  const tens = m[2] ? (m[1] ? CN_DIGITS[m[1]] : 1) : 0;
  const ones = m[3] ? CN_DIGITS[m[3]] : m[2] ? 0 : m[1] ? CN_DIGITS[m[1]] : 0;
  return tens * 10 + ones;
}

/**
 * The lines that contain `needle`, in order, each once: the text is scanned natively (a regex
 * test on every line cost more than the rest of a rule).
 */
export function linesWith(text: string, lineStarts: number[], needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0;) {
    const i = lineAt(lineStarts, at);
    out.push(i);
    if (i + 1 >= lineStarts.length) break;
    at = text.indexOf(needle, lineStarts[i + 1]);
  }
  return out;
}

/** The line an offset is on (binary search over the line starts). */
export function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Small text helpers shared by the parser and the rules: label normalisation, number parsing,
// positions. Everything here is linear in its input.

import type { Position, Range } from './types';

const SPACE_RE = /[\s\u3000\u00a0\ufeff\u200b]+/g;

/**
 * A copy of `s` that holds on to no other string, for what is kept across checks.
 *
 * In V8 a string sliced from a longer one (a line of the text, a label, a sentence) points to the
 * whole string it was cut from, and a concatenation points to its parts. A cache key cut from a
 * document would keep that version of the whole text alive until the cache is cleared: typing in
 * a 100 KB report kept about 200 KB per keystroke (a test checks that it no longer does). Strings
 * under 13 characters are always copied by V8; a longer one is copied here (prefixed, then cut:
 * the cut flattens the prefixed string into a new one, which is all the result points to).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * What the core remembers across checks, by a string of the document (a label, a figure, a line):
 * forgotten all at once when `max` entries are kept, and each key kept as a `detached` copy, so
 * that no cache keeps an old version of the text alive. A value must not hold on to the text either
 * (see `detached`).
 */
export class Memo<V> {
  private readonly m = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.m.get(key);
  }

  /** Remember `value` for `key`; returns `value`. */
  set(key: string, value: V): V {
    if (this.m.size >= this.max) this.m.clear();
    this.m.set(detached(key), value);
    return value;
  }
}

const CACHE_MAX = 20000;
const normCache = new Memo<string>(CACHE_MAX);
const looseCache = new Memo<string>(CACHE_MAX);

/** `f(s)`, remembered in `cache` (as a copy: the result may be `s` itself, or cut from it). */
function cached(cache: Memo<string>, s: string, f: (s: string) => string): string {
  return cache.get(s) ?? cache.set(s, detached(f(s)));
}

/** True when every character is a printable ASCII letter or digit-like char that NFKC leaves alone. */
function plainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c > 126 || c === 34 || c === 39 || c === 44) return false;
  }
  return true;
}

/**
 * Normalise a label for comparison: NFKC (full-width → half-width digits, brackets, colon),
 * no white space, 其它 → 其他, quotes dropped.
 */
export function normLabel(s: string): string {
  if (s.length <= 12 && plainAscii(s)) return s;
  if (alreadyNormal(s)) return s;
  return cached(normCache, s, normLabelUncached);
}

/**
 * True when `normLabelUncached(s) === s` can be seen from the characters alone: printable ASCII
 * (no quotes, comma or full stop is kept as is) and CJK unified ideographs (U+4E00–U+9FFF have no
 * NFKC decomposition), with 、 inside but not last, and no 它 (其它 → 其他). Most labels are such;
 * a look at their characters costs less than hashing them for the cache.
 */
function alreadyNormal(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      if (c === 0x5b83) return false; // 它
    } else if (c > 32 && c < 127) {
      if (c === 34 || c === 39 || c === 44) return false;
    } else if (c !== 0x3001 || i === n - 1) return false;
  }
  return true;
}

/**
 * Per basic-plane character, the ideograph sets (`ideographSet`) it belongs to, one bit each; bit 0
 * marks the characters NFKC may turn into an ideograph (radicals, enclosed and compatibility
 * ideographs, kanbun, and the surrogates of anything outside the basic plane), which every set
 * counts as a possible match. A look-up here costs less than a `Set`'s.
 */
const IDEOGRAPH_FLAGS = new Uint8Array(0x10000);
for (const [a, b] of [[0x2e80, 0x2fff], [0x3190, 0x33ff], [0xd800, 0xdfff], [0xf900, 0xfaff]]) IDEOGRAPH_FLAGS.fill(1, a, b + 1);
let ideographBits = 0;

/** A set of ideographs for `mayHaveIdeograph` (at most seven sets: made once, at load). */
export function ideographSet(chars: string): number {
  if (ideographBits >= 7) throw new Error('ideographSet: at most seven sets');
  const bit = 2 << ideographBits++;
  for (const c of chars) {
    const code = c.charCodeAt(0);
    if (c.length !== 1 || code < 0x2e80) throw new Error(`ideographSet: not a basic-plane ideograph: ${c}`);
    IDEOGRAPH_FLAGS[code] |= bit;
  }
  return bit | 1;
}

/**
 * Could `normLabel(s)` hold one of the ideographs of `set` (made by `ideographSet`)? False only
 * when it surely cannot: `s` has none of them, and no character that NFKC may turn into an
 * ideograph. Lets a caller skip normalising (and hashing) a label that cannot be the one it looks for.
 */
export function mayHaveIdeograph(s: string, set: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x2e80 && (IDEOGRAPH_FLAGS[c] & set) !== 0) return true;
  }
  return false;
}

/** `normLabel` without its fast paths and cache (exported for the property test that compares them). */
export function normLabelUncached(s: string): string {
  return s
    .normalize('NFKC')
    .replace(SPACE_RE, '')
    .replace(/其它/g, '其他')
    .replace(/["“”'‘’「」『』]/g, '')
    .replace(/[．。]/g, '.')
    .replace(/[、,，]$/, '');
}

/** A looser key for headings and fuzzy matches: also drops 、和及与的 and punctuation. */
export function looseKey(s: string): string {
  // a label of ideographs and plain ASCII without any of the dropped characters is its own key
  // (no hashing for the cache)
  if (alreadyNormal(s) && !hasLooseChar(s)) return s;
  return cached(looseCache, s, looseKeyUncached);
}

/**
 * Does `s` (a label `alreadyNormal` passed: ASCII, ideographs and 、) hold one of the characters
 * `looseKey` drops: 、和及与的 , : ; . ( ) [ ]?
 */
function hasLooseChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 ? c === 44 || c === 58 || c === 59 || c === 46 || c === 40 || c === 41 || c === 91 || c === 93
      : c === 0x3001 || c === 0x548c || c === 0x53ca || c === 0x4e0e || c === 0x7684) return true;
  }
  return false;
}

/** `looseKey` without its fast path and cache (exported for the property test that compares them). */
export function looseKeyUncached(s: string): string {
  return normLabel(s).replace(/[、和及与的,，:：;；.。()（）\[\]【】]/g, '');
}

const bareCache = new Memo<string>(CACHE_MAX);

/** Strip a leading list marker (`一、`, `（一）`, `1.`) from a normalised label. */
export function stripMarker(norm: string): string {
  // a marker starts with a numeral, '(' or a digit: any other label is its own (no hashing)
  return MARKER_START.has(norm.charCodeAt(0)) ? cached(bareCache, norm, stripMarkerUncached) : norm;
}

const MARKER_START = new Set([...'一二三四五六七八九十(0123456789'].map((c) => c.charCodeAt(0)));

/** `stripMarker` without its fast path and cache (exported for the property test that compares them). */
export function stripMarkerUncached(norm: string): string {
  return norm.replace(/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])/, '');
}

/** 一 … 十 (the numerals of section and sub-heading numbers). */
export function isNumeralCode(c: number): boolean {
  switch (c) {
    case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db: case 0x4e94: case 0x516d: case 0x4e03: case 0x516b: case 0x4e5d: case 0x5341:
      return true;
    default:
      return false;
  }
}

/** A character a regex's `\s` matches (JavaScript's white space and line terminators). */
export function isReSpace(c: number): boolean {
  if ((c > 32 && c < 0xa0) || (c > 0x3000 && c !== 0xfeff)) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** 、 . ． , ，: the separators after a section's number. */
export function isSectionSeparator(c: number): boolean {
  return c === 0x3001 || c === 46 || c === 0xff0e || c === 44 || c === 0xff0c;
}

/** ) ）: the bracket closing a sub-heading's number. */
function isCloseBracket(c: number): boolean {
  return c === 41 || c === 0xff09;
}

/**
 * Where the title of `t` starts after a section number like 一、 (one or two numerals, white space,
 * a separator, white space); -1 when `t` is not so numbered. As the regex
 * `^([一二三四五六七八九十]{1,2})\s*[、.．,，]\s*(.*)$` (its second group starts there), without
 * running a regex on each line (a test compares the two).
 */
export function sectionNumberEnd(t: string): number {
  let k = 0;
  while (k < 3 && isNumeralCode(t.charCodeAt(k))) k++;
  if (k === 0 || k > 2) return -1;
  return markerEnd(t, k, isSectionSeparator);
}

/**
 * Where the title of `t` starts after a sub-heading number like （一） or (1) (an opening bracket,
 * one or two numerals or digits, a closing bracket, white space between); -1 when `t` is not so
 * numbered. As the regex `^[（(]\s*([一二三四五六七八九十]{1,2}|\d{1,2})\s*[)）]\s*(.*)$`.
 */
export function subNumberEnd(t: string): number {
  const c = t.charCodeAt(0);
  if (c !== 0xff08 && c !== 40) return -1;
  let k = 1;
  while (k < t.length && isReSpace(t.charCodeAt(k))) k++;
  const s = k;
  while (k - s < 3 && isNumeralCode(t.charCodeAt(k))) k++;
  if (k === s) while (k - s < 3 && isDigit(t.charCodeAt(k))) k++;
  if (k === s || k - s > 2) return -1;
  return markerEnd(t, k, isCloseBracket);
}

/** An ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** After a number ending at `k`: white space, the closing character, white space; then a title on one line. */
function markerEnd(t: string, k: number, isClose: (c: number) => boolean): number {
  while (k < t.length && isReSpace(t.charCodeAt(k))) k++;
  if (k >= t.length || !isClose(t.charCodeAt(k))) return -1;
  k++;
  while (k < t.length && isReSpace(t.charCodeAt(k))) k++;
  // (the regex's `.` does not match a line terminator)
  for (let j = k; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return -1;
  }
  return k;
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
/** The longest unit's length (a figure is followed by no more). */
const MAX_UNIT = Math.max(...UNITS.map((u) => u.length));

const BLANK: ParsedNumber = Object.freeze({ kind: 'blank', value: 0, numStart: 0, numEnd: 0 }) as ParsedNumber;
/** Text (no figure: the numeric part is empty). */
const TEXT: ParsedNumber = Object.freeze({ kind: 'text', value: null, numStart: 0, numEnd: 0 }) as ParsedNumber;

/** Can a figure start with this character (a sign or a digit, half- or full-width)? */
function figureStart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 43 || c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013;
}

const numCache = new Memo<ParsedNumber>(CACHE_MAX);
/** 0 … 999 written plainly, without a leading zero (so the text is the number's own digits). */
const SMALL: (ParsedNumber | undefined)[] = new Array(1000);

/**
 * Parse a cell's trimmed text: `12`, `－2`, `66.36万元`, `1,234`, '' (blank) or text. Results are
 * shared per distinct text (most cells hold the same few figures) and must not be mutated.
 */
export function parseNumber(t: string): ParsedNumber {
  if (t === '') return BLANK;
  // most cells hold a small whole number: no hashing, no allocation
  if (t.length <= 3 && (t.length === 1 || t.charCodeAt(0) !== 48)) {
    let v = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) { v = -1; break; }
      v = v * 10 + c;
    }
    if (v >= 0) return SMALL[v] ??= Object.freeze({ kind: 'number', value: v, numStart: 0, numEnd: t.length }) as ParsedNumber;
  }
  // a label: no hashing (NUM_RE is anchored at a sign or a digit)
  if (!figureStart(t.charCodeAt(0))) return TEXT;
  // a label that starts with a digit (1. 属于国家秘密): a figure is followed by no more than a unit
  if (!unitAtMost(t)) return TEXT;
  if (t.length > 24) return parseNumberUncached(t);
  return numCache.get(t) ?? numCache.set(t, Object.freeze(parseNumberUncached(t)) as ParsedNumber);
}

/**
 * Could `t` be a figure and a unit? False when, after its longest start of characters a figure is
 * made of (signs, digits, separators, white space), more characters other than white space follow
 * than the longest unit has (万元, 人次), and NUM_RE's match lies within that start.
 */
function unitAtMost(t: string): boolean {
  let i = 0;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!(figureStart(c) || c === 44 || c === 0xff0c || c === 46 || c === 0xff0e || isSpace(c))) break;
  }
  let rest = 0;
  for (; i < t.length; i++) if (!isSpace(t.charCodeAt(i)) && ++rest > MAX_UNIT) return false;
  return true;
}

/** `parseNumber` without its fast paths and cache (exported for the property test that compares them). */
export function parseNumberUncached(t: string): ParsedNumber {
  // fast path: plain ASCII digits
  let digits = t.length <= 15;
  for (let i = 0; digits && i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) digits = false;
  }
  if (digits) return { kind: 'number', value: Number(t), numStart: 0, numEnd: t.length };
  const m = NUM_RE.exec(t);
  if (m) {
    const sign = m[1] ? -1 : 1;
    const int = m[2].normalize('NFKC').replace(/,/g, '');
    const frac = m[3] ? m[3].normalize('NFKC') : '';
    const value = sign * Number(frac ? `${int}.${frac}` : int);
    const rest = t.slice(m[0].length).trim();
    if (rest === '') return { kind: 'number', value, numStart: 0, numEnd: m[0].length };
    // (the unit as the list writes it: the cached figure must not hold on to the cell's text)
    const unit = UNITS.find((u) => u === rest);
    if (unit !== undefined) return { kind: 'unit', value, unit, numStart: 0, numEnd: m[0].length };
  }
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

export function sum(values: number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return roundSum(s);
}

/** A sum without float noise (figures have at most four decimals). */
export function roundSum(s: number): number {
  return Math.round(s * 10000) / 10000;
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

// Text → document model. The layout readers (`layout/`) find the tables' lines and read them
// into rows of cells; the other lines give the title, headings, sections and dates; a reader per
// table (`tables/`) maps the rows onto the format specification. Linear in the text, never
// throws: what it cannot read stays in the model for the rules to report.

import { readRegions, type RawRow } from './layout/regions';
import { SECTIONS, formatForYear, type SectionSpec } from './spec';
import { namesTable, newTable, splitRegion, tableStart } from './tables/common';
import { readActive } from './tables/active';
import { readRequests, requestShape } from './tables/requests';
import { readReview } from './tables/review';
import { readStats } from './tables/stats';
import {
  chineseNumber, chineseNumeral, isBlank, lineRange, linesWith, looseKey,
  normLabel, range, trimBounds,
} from './text';
import type { DateRef, Debris, FormatVersion, Heading, ParseOptions, Range, ReportDocument, Section, Table } from './types';

// ------------------------------------------------------------------ lines

function splitLines(text: string): { lines: string[]; starts: number[]; eol: '\n' | '\r\n' } {
  const cr = text.indexOf('\r');
  let lines: string[];
  let eol: '\n' | '\r\n' = '\n';
  let sep: number[] | null = null; // separator widths when they vary
  if (cr < 0) lines = text.split('\n');
  else {
    const nl = text.indexOf('\n');
    if (text.charCodeAt(cr + 1) === 10 && (nl < 0 || nl > cr)) eol = '\r\n';
    lines = [];
    sep = [];
    const re = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      lines.push(text.slice(start, m.index));
      sep.push(m[0].length);
      start = m.index + m[0].length;
    }
    lines.push(text.slice(start));
  }
  const starts = new Array<number>(lines.length);
  let off = 0;
  for (let k = 0; k < lines.length; k++) {
    starts[k] = off;
    off += lines[k].length + (sep ? sep[k] ?? 0 : 1);
  }
  return { lines, starts, eol };
}

// ------------------------------------------------------------------ headings

// (section numbers like 一、 and sub-heading numbers like （一） are read by sectionNumberEnd and
// subNumberEnd, without a regex)
const ITEM_RE = /^(\d{1,2})\s*[.．、]\s*(\D.*)$/;
const MAX_HEADING = 40;

interface SectionMatch {
  spec: SectionSpec;
  exact: boolean;
}

/** Every section title variant's loose key, to its section (the first section listed wins). */
const SECTION_BY_KEY = new Map<string, SectionSpec>();
for (const s of SECTIONS) for (const v of s.variants) if (!SECTION_BY_KEY.has(looseKey(v))) SECTION_BY_KEY.set(looseKey(v), s);

/** `s` without trailing 。.:：;； (the same string when it has none). */
function trimTitleEnd(s: string): string {
  let b = s.length;
  for (;;) {
    const c = s.charCodeAt(b - 1);
    if (c === 0x3002 || c === 46 || c === 58 || c === 0xff1a || c === 59 || c === 0xff1b) b--;
    else break;
  }
  return b === s.length ? s : s.slice(0, b);
}

function matchSectionTitle(title: string, numbered: boolean): SectionMatch | null {
  const t = trimTitleEnd(title);
  const key = looseKey(t);
  if (!key) return null;
  const spec = SECTION_BY_KEY.get(key);
  if (spec) return { spec, exact: true };
  if (!numbered || t.length > 30) return null;
  const n = normLabel(t);
  for (const s of SECTIONS) if (s.keywords.some((k) => n.includes(k))) return { spec: s, exact: false };
  return null;
}

// ------------------------------------------------------------------ parser

export function parse(text: string, options: ParseOptions = {}): ReportDocument {
  const { lines, starts, eol } = splitLines(text);
  const doc: ReportDocument = {
    text,
    lineStarts: starts,
    lines,
    eol,
    bom: text.charCodeAt(0) === 0xfeff,
    // (every field set here, found or not: a document has one shape whatever it holds, so the
    // code that reads documents sees one shape, not one per combination of what was found)
    title: undefined,
    period: undefined,
    publicationDate: undefined,
    year: null,
    notices: [],
    headings: [],
    sections: [],
    tables: [],
    debris: [],
    format: { version: null, shape: null, source: 'none' },
    memo: { totals: null, expected: null },
  };

  // 1. table regions: lines read by the layout readers, grouped into rows
  const { regions, tableLines } = readRegions(lines, { isHeading: looksLikeHeading, startsTable: (cells) => tableStart(cells) !== null, mayStartTable: namesTable });

  // 2. title, headings, sections, dates, notices, debris from the other lines
  const titleLines = readTitle(doc, tableLines);
  for (let i = 0; i < lines.length; i++) {
    if (tableLines.has(i) || titleLines.has(i)) continue;
    readHeading(doc, i, lines[i]);
  }
  finishSections(doc);
  readMeta(doc);

  // 3. tables
  const pending = readTables(doc, regions);

  // 4. format
  // table 1's columns tell the format best; the applications table (which differs only in （六）) when it does not
  const shapes = (kind: string) => doc.tables.filter((t) => t.kind === kind).map((t) => t.shape).filter((s): s is FormatVersion => !!s);
  const votes = shapes('active').length ? shapes('active') : doc.tables.map((t) => t.shape).filter((s): s is FormatVersion => !!s);
  const shape = votes.length ? (votes.filter((v) => v === '2021').length > votes.length / 2 ? '2021' : '2019') : null;
  doc.format.shape = shape;
  const notice = doc.notices.find((n) => n.year === 2019 || n.year === 2021);
  if (options.format && options.format !== 'auto') doc.format = { version: options.format, shape, source: 'override' };
  else if (shape) doc.format = { version: shape, shape, source: 'shape' };
  else if (notice) doc.format = { version: notice.year === 2021 ? '2021' : '2019', shape, source: 'notice' };
  else if (doc.year) doc.format = { version: formatForYear(doc.year), shape, source: 'year' };
  // request tables: read in their own shape, else in the document's format
  for (const [t, rows] of pending) readRequests(doc, t, rows, t.shape ?? doc.format.version ?? '2021');
  return doc;
}

/** Is the line a section heading: 'exact' (a title the format or its variants give), 'loose' (a numbered line with a section's keyword), or not (null)? */
function looksLikeHeading(line: string): 'exact' | 'loose' | null {
  const t = line.trim();
  if (t.length > MAX_HEADING + 20) return null; // (a line of prose)
  const m = SECTION_NUMBER_RE.exec(t);
  const numbered = m && chineseNumeral(m[1]) ? matchSectionTitle(t.slice(m[0].length), true) : null;
  if (numbered) return numbered.exact ? 'exact' : 'loose';
  return matchSectionTitle(t, false) ? 'exact' : null;
}

// ------------------------------------------------------------------ title and metadata

function readTitle(doc: ReportDocument, tableLines: Set<number>): Set<number> {
  const picked: number[] = [];
  let joined = '';
  for (let i = 0; i < doc.lines.length && picked.length < 3; i++) {
    if (isBlank(doc.lines[i])) continue;
    if (tableLines.has(i)) break;
    const t = doc.lines[i].trim(); // (trim also drops a BOM)
    if (t.length > 60) break;
    const k = SECTION_NUMBER_RE.exec(t)?.[0].length ?? -1;
    if (k >= 0 && matchSectionTitle(t.slice(k), true)) break;
    picked.push(i);
    joined += t;
    if (isReportTitle(joined)) break;
  }
  // (信息公开 is in 政府信息公开; 政务公开 is the other name)
  if (!picked.length || !isReportTitle(joined) || !(joined.includes('信息公开') || joined.includes('政务公开'))) return new Set();
  const compact = joined.replace(/[\s\u3000]+/g, '');
  const ym = /(\d{4})年/.exec(compact);
  // (compact has no BOM: \s matches it)
  const organ = ym ? compact.slice(0, ym.index) : compact.split('政府信息公开')[0];
  const first = picked[0];
  const last = picked[picked.length - 1];
  const [a] = trimBounds(doc.lines[first]);
  const [, b] = trimBounds(doc.lines[last]);
  doc.title = { text: compact, organ, year: ym ? Number(ym[1]) : null, range: range(first, a, last, b), lines: picked };
  doc.year = doc.title.year;
  return new Set(picked);
}

/** Does a title's text name an annual report (年度报告, 年报)? */
function isReportTitle(s: string): boolean {
  return s.includes('年度报告') || s.includes('年报');
}

const DATE_RE = /(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三十]{1,3})\s*月\s*(\d{1,2}|[一二三十]{1,3})\s*日/;

function toInt(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : chineseNumber(s);
}

function readMeta(doc: ReportDocument): void {
  const { lines } = doc;
  // statistical period (in the opening part)
  const head = Math.min(lines.length, 80);
  for (let i = 0; i < head && !doc.period; i++) {
    const l = lines[i];
    if (l.indexOf('统计') < 0) continue;
    const k = l.search(/统计(?:期限|时限|期间|时间|区间)/);
    if (k < 0) continue;
    const m = /(\d{4})\s{0,3}年\s{0,3}1\s{0,3}月\s{0,3}1\s{0,3}日[^。；;]{0,40}?(?:(\d{4})\s{0,3}年\s{0,3})?12\s{0,3}月\s{0,3}31\s{0,3}日/.exec(l.slice(k, k + 200));
    if (!m) continue;
    const startYear = Number(m[1]);
    doc.period = { startYear, endYear: m[2] ? Number(m[2]) : startYear, range: lineRange(i, k + m.index, k + m.index + m[0].length) };
  }
  if (doc.year === null && doc.period) doc.year = doc.period.startYear;

  // publication date: a line holding only a date, among the last non-blank lines
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 6; i--) {
    const t = lines[i].trim();
    if (!t) continue;
    seen++;
    // a date alone on its line is short: a long line is prose, whatever dates it holds
    const m = t.length <= 40 ? DATE_RE.exec(t) : null;
    if (m && m[0].length >= t.length - 1) {
      const y = toInt(m[1]);
      const mo = toInt(m[2]);
      const d = toInt(m[3]);
      if (y && mo && d) {
        const c = lines[i].indexOf(m[0]);
        doc.publicationDate = { year: y, month: mo, day: d, range: lineRange(i, c, c + m[0].length) } satisfies DateRef;
      }
      break;
    }
  }

  // notice numbers and conversion debris
  const noticeRe = /国办公开办函\s*[〔\[（(【]\s*(\d{4})\s*[〕\]）)】]\s*(\d+)\s*号/g;
  // bounded: an unclosed "[image: " repeated along a line must not make this quadratic
  const debrisRe = /\[(bookmark|image|图片|shape|picture)\s{0,4}[:：][^\]\n]{0,300}\]/gi;
  // found by scanning the whole text (native), then read on the lines they are on
  for (const i of linesWith(doc.text, doc.lineStarts, '国办公开办函')) {
    for (const m of lines[i].matchAll(noticeRe)) {
      doc.notices.push({ year: Number(m[1]), number: Number(m[2]), range: lineRange(i, m.index!, m.index! + m[0].length) });
    }
  }
  for (const i of linesWith(doc.text, doc.lineStarts, '[')) {
    const l = lines[i];
    for (const m of l.matchAll(debrisRe)) {
      const kind = /bookmark/i.test(m[1]) ? 'bookmark' : /image|图片|picture/i.test(m[1]) ? 'image' : 'other';
      doc.debris.push({
        kind, text: m[0], range: lineRange(i, m.index!, m.index! + m[0].length),
        wholeLine: l.trim() === m[0],
      } satisfies Debris);
    }
  }
}

/** A section number (一、 to 十、, also 一. 一，) and the white space after it. */
const SECTION_NUMBER_RE = /^([一二三四五六七八九十]{1,2})\s*[、.．,，]\s*/;
/** A sub-heading number: （一） (1) （１）, and the white space after it. */
const SUB_NUMBER_RE = /^[（(]\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*[)）]\s*/;

function readHeading(doc: ReportDocument, i: number, line: string): void {
  const [a, b] = trimBounds(line);
  const t = line.slice(a, b);
  if (!t || t.length > MAX_HEADING + 20) return;
  const section = SECTION_NUMBER_RE.exec(t);
  if (section) {
    const markerLen = section[0].length;
    const num = chineseNumeral(section[1]);
    const title = t.slice(markerLen);
    const sm = num ? matchSectionTitle(title, true) : null;
    const marker = t.slice(0, markerLen).trim();
    if (sm && title.length <= MAX_HEADING) {
      pushSection(doc, i, a, b, t, marker, markerLen, sm.spec, num);
    } else if (num && t.length <= MAX_HEADING && !/[。；;]/.test(t)) {
      doc.headings.push(heading(2, t, marker, i, a, b, markerLen));
    }
    return;
  }
  if (t.length > MAX_HEADING) return;
  const sub = SUB_NUMBER_RE.exec(t);
  if (sub && sub[0].length < t.length) {
    doc.headings.push(heading(2, t, sub[0].trim(), i, a, b, sub[0].length));
    return;
  }
  // an unnumbered section title (a line starting with a numeral or a digit is none)
  const sm = /^[一二三四五六七八九十0-9０-９]/.test(t) ? null : matchSectionTitle(t, false);
  if (sm) {
    pushSection(doc, i, a, b, t, '', 0, sm.spec, null);
    return;
  }
  const m = ITEM_RE.exec(t);
  if (m && t.length <= 30 && !/[。；;，,]/.test(m[2])) {
    doc.headings.push(heading(3, t, t.slice(0, t.length - m[2].length).trim(), i, a, b, t.length - m[2].length));
  }
}

/**
 * A heading of the model: its ranges (the line's, the marker's, the title's) are built when first
 * asked for, from where the heading starts (`a`) and ends (`b`) on its line.
 */
class HeadingNode implements Heading {
  private r: Range | null = null;
  constructor(
    public level: number,
    public text: string,
    public marker: string,
    public title: string,
    public line: number,
    private readonly a: number,
    private readonly b: number,
    private readonly markerLen: number,
  ) {}

  get range(): Range {
    return (this.r ??= lineRange(this.line, this.a, this.b));
  }

  get markerRange(): Range | undefined {
    return this.marker ? lineRange(this.line, this.a, this.a + this.markerLen) : undefined;
  }

  get titleRange(): Range {
    return lineRange(this.line, this.a + this.markerLen, this.b);
  }
}

/** A report section's heading (一、…六、). */
class SectionNode extends HeadingNode implements Section {
  constructor(
    level: number, text: string, marker: string, title: string, line: number, a: number, b: number, markerLen: number,
    public id: Section['id'],
    public index: number,
    public writtenNumber: number | null,
    public endLine: number,
  ) {
    super(level, text, marker, title, line, a, b, markerLen);
  }
}

function heading(level: number, t: string, marker: string, i: number, a: number, b: number, markerLen: number): Heading {
  return new HeadingNode(level, t, marker, t.slice(markerLen), i, a, b, markerLen);
}

function pushSection(
  doc: ReportDocument, i: number, a: number, b: number, t: string, marker: string, markerLen: number,
  spec: SectionSpec, num: number | null,
): void {
  const s = new SectionNode(1, t, marker, t.slice(markerLen), i, a, b, markerLen, spec.id, spec.index, num, doc.lines.length - 1);
  doc.headings.push(s);
  doc.sections.push(s);
}

function finishSections(doc: ReportDocument): void {
  const s = doc.sections;
  for (let k = 0; k < s.length; k++) s[k].endLine = k + 1 < s.length ? s[k + 1].line - 1 : doc.lines.length - 1;
}

// ------------------------------------------------------------------ tables

function readTables(doc: ReportDocument, regions: RawRow[][]): [Table, RawRow[]][] {
  const pending: [Table, RawRow[]][] = [];
  for (const region of regions) {
    for (const { kind, rows } of splitRegion(region)) {
      if (!rows.length) continue;
      const t = newTable(kind, rows, doc.lines);
      if (kind === 'active') readActive(doc, t, rows);
      else if (kind === 'requests') {
        // read once the document's format is known (a table whose shape does not tell is read in it)
        t.shape = requestShape(rows);
        pending.push([t, rows]);
      } else if (kind === 'review') readReview(doc, t, rows);
      else readStats(t, rows);
      doc.tables.push(t);
    }
  }
  return pending;
}

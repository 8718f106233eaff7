/*
 * Tests for syntaxes/zwgk-report.tmLanguage.json.
 *
 * The grammar is loaded with vscode-textmate + vscode-oniguruma (the same engine VS Code uses) and
 * real lines of the sample reports in test/fixtures/samples are tokenized in file order, so that
 * multi-line state (table blocks, wrapped cells) is the same as in the editor. Assertions compare
 * the exact scope list of the token(s) covering a given substring.
 *
 * Compiled by `npx tsc -p .` to out/test/grammar/grammar.test.js, run with
 * `node --test out/test/grammar/grammar.test.js`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_PATH = path.join(REPO_ROOT, 'syntaxes', 'zwgk-report.tmLanguage.json');
const SAMPLES_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'samples');
const FORMATS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'formats');
const SCOPE_NAME = 'text.zwgk-report';

/** `sc('markup.heading.section')` -> ['text.zwgk-report', 'markup.heading.section.zwgk-report'] */
function sc(...names: string[]): string[] {
  return [SCOPE_NAME, ...names.map((n) => `${n}.zwgk-report`)];
}

// ---------------------------------------------------------------------------------------------
// Grammar loading and tokenizing helpers
// ---------------------------------------------------------------------------------------------

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  if (!grammarPromise) {
    grammarPromise = (async () => {
      const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
      await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
      const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
          createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
          createOnigString: (s: string) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName: string) => {
          if (scopeName !== SCOPE_NAME) return null;
          return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
        },
      });
      const grammar = await registry.loadGrammar(SCOPE_NAME);
      if (!grammar) throw new Error(`could not load grammar ${SCOPE_NAME}`);
      return grammar;
    })();
  }
  return grammarPromise;
}

interface Line {
  /** 1-based line number, for messages */
  no: number;
  text: string;
  tokens: vsctm.IToken[];
}

function splitLines(content: string): string[] {
  return content.replace(/^\uFEFF/, '').split(/\r?\n/);
}

async function tokenizeLines(texts: string[]): Promise<Line[]> {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return texts.map((text, i) => {
    const r = grammar.tokenizeLine(text, state);
    state = r.ruleStack;
    return { no: i + 1, text, tokens: r.tokens };
  });
}

const fileCache = new Map<string, Promise<Line[]>>();

/** Tokenize a whole sample file (by file-name prefix, e.g. '000') in order. */
function sample(prefix: string): Promise<Line[]> {
  const name = fs.readdirSync(SAMPLES_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  assert.ok(name, `no sample file starting with ${prefix}`);
  const file = path.join(SAMPLES_DIR, name);
  let p = fileCache.get(file);
  if (!p) {
    p = tokenizeLines(splitLines(fs.readFileSync(file, 'utf8')));
    fileCache.set(file, p);
  }
  return p;
}

/** First line satisfying `pred` (optionally the n-th one). */
function findLine(lines: Line[], pred: (text: string) => boolean, what: string, nth = 0): Line {
  const found = lines.filter((l) => pred(l.text));
  assert.ok(found.length > nth, `line not found: ${what}`);
  return found[nth];
}

const lineEq = (s: string) => (t: string) => t === s;
const lineStarts = (s: string) => (t: string) => t.startsWith(s);

function show(line: Line): string {
  return line.tokens
    .map((t) => `[${JSON.stringify(line.text.slice(t.startIndex, t.endIndex))} ${t.scopes.slice(1).join(' ')}]`)
    .join(' ');
}

/**
 * Scopes of the substring `sub` of the line (searched from `from`). All tokens covering the
 * substring must have the same scopes, otherwise the assertion fails (the substring would be split
 * into differently-scoped tokens).
 */
function scopesOf(line: Line, sub: string, from = 0): string[] {
  const start = line.text.indexOf(sub, from);
  assert.ok(start >= 0, `"${sub}" not in line ${line.no}: ${JSON.stringify(line.text)}`);
  return scopesAtRange(line, start, start + sub.length);
}

function scopesAtRange(line: Line, start: number, end: number): string[] {
  const covering = line.tokens.filter((t) => t.startIndex < end && t.endIndex > start);
  assert.ok(covering.length > 0, `no token at ${start}-${end} in line ${line.no}`);
  const first = covering[0].scopes;
  for (const t of covering) {
    assert.deepEqual(
      t.scopes,
      first,
      `substring ${JSON.stringify(line.text.slice(start, end))} of line ${line.no} is split into differently scoped tokens: ${show(line)}`,
    );
  }
  // the substring must not be only partially covered by the first/last token's scope
  assert.ok(covering[0].startIndex <= start && covering[covering.length - 1].endIndex >= end);
  return first;
}

/** Scopes of the n-th TAB character of the line. */
function scopesOfTab(line: Line, n = 0): string[] {
  let idx = -1;
  for (let i = 0; i <= n; i++) {
    idx = line.text.indexOf('\t', idx + 1);
    assert.ok(idx >= 0, `line ${line.no} has fewer than ${n + 1} tabs`);
  }
  return scopesAtRange(line, idx, idx + 1);
}

function allScopes(line: Line): string[] {
  return [...new Set(line.tokens.flatMap((t) => t.scopes))];
}

function assertNoHeading(line: Line): void {
  const headings = allScopes(line).filter((s) => s.startsWith('markup.heading'));
  assert.deepEqual(headings, [], `line ${line.no} should not contain a heading: ${show(line)}`);
}

// ---------------------------------------------------------------------------------------------
// Grammar file
// ---------------------------------------------------------------------------------------------

test('grammar file: scopeName matches package.json and every scope ends in .zwgk-report', () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  assert.equal(raw.scopeName, SCOPE_NAME);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const contribution = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === SCOPE_NAME);
  assert.ok(contribution, 'package.json contributes the grammar');
  assert.equal(path.resolve(REPO_ROOT, contribution.path), GRAMMAR_PATH);

  const names: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'name' && typeof x === 'string' && v !== raw) names.push(x);
        else walk(x);
      }
    }
  };
  walk(raw);
  assert.ok(names.length > 10);
  for (const n of names) assert.match(n, /^[a-z]+(\.[a-z-]+)*\.zwgk-report$/, `scope name ${n}`);
});

// ---------------------------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------------------------

test('numbered section heading 一、总体情况 (sample 001)', async () => {
  const line = findLine(await sample('001'), lineEq('一、总体情况'), '一、总体情况');
  assert.deepEqual(scopesOf(line, '一、'), sc('markup.heading.section', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(line, '总体情况'), sc('markup.heading.section', 'entity.name.section'));
});

test('numbered section headings in other samples, including one with a leading space (sample 004)', async () => {
  const s003 = findLine(await sample('003'), lineEq('四、政府信息公开行政复议、行政诉讼情况'), '四、…');
  assert.deepEqual(scopesOf(s003, '四、'), sc('markup.heading.section', 'punctuation.definition.heading'));
  assert.deepEqual(
    scopesOf(s003, '政府信息公开行政复议、行政诉讼情况'),
    sc('markup.heading.section', 'entity.name.section'),
  );
  const s004 = findLine(await sample('004'), (t) => /^\s+二、主动公开政府信息情况$/.test(t), ' 二、…');
  assert.deepEqual(scopesOf(s004, '二、'), sc('markup.heading.section', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(s004, '主动公开政府信息情况'), sc('markup.heading.section', 'entity.name.section'));
});

test('unnumbered official section titles alone on a line (sample 000)', async () => {
  const lines = await sample('000');
  for (const title of [
    '总体情况',
    '主动公开政府信息情况',
    '收到和处理政府信息公开申请情况',
    '政府信息公开行政复议和行政诉讼情况',
    '存在的主要问题及改进情况',
    '其他需要报告的事项',
  ]) {
    const line = findLine(lines, lineEq(title), title);
    assert.deepEqual(scopesOf(line, title), sc('markup.heading.section', 'entity.name.section'), title);
  }
  // sample 002 spells it 行政复议、行政诉讼
  const s002 = findLine(await sample('002'), lineEq('政府信息公开行政复议、行政诉讼情况'), '…、行政诉讼情况');
  assert.deepEqual(scopesOf(s002, s002.text), sc('markup.heading.section', 'entity.name.section'));
});

test('a short line that is not an official title is plain text (sample 000 主动公开)', async () => {
  const line = findLine(await sample('000'), lineEq('主动公开'), '主动公开');
  assert.deepEqual(scopesOf(line, '主动公开'), [SCOPE_NAME]);
});

test('document title line', async () => {
  const line = findLine(await sample('000'), lineEq('2020年政府信息公开工作年度报告'), 'title');
  assert.deepEqual(scopesOf(line, line.text), sc('markup.heading.title'));
});

test('sub-headings （一）/(五)/（3） with run-in text (sample 001, 003)', async () => {
  const s001 = await sample('001');
  const a = findLine(s001, lineStarts('（一）主动公开。'), '（一）主动公开。');
  assert.deepEqual(scopesOf(a, '（一）'), sc('markup.heading.subsection', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(a, '主动公开'), sc('markup.heading.subsection', 'entity.name.section'));
  // the text after the title is prose, not heading
  assert.deepEqual(scopesOf(a, '市政府办公室持续深入推进决策'), [SCOPE_NAME]);
  assert.deepEqual(scopesOf(a, '2020 年'), sc('constant.other.date'));

  const b = findLine(s001, lineStarts('(五) 机构建设'), '(五) 机构建设及人员配置情况');
  assert.deepEqual(scopesOf(b, '(五)'), sc('markup.heading.subsection', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(b, '机构建设及人员配置情况'), sc('markup.heading.subsection', 'entity.name.section'));

  const c = findLine(await sample('003'), lineStarts('（3）'), '（3） 本行政机关…');
  assert.deepEqual(scopesOf(c, '（3）'), sc('markup.heading.subsection', 'punctuation.definition.heading'));
  assert.deepEqual(
    scopesOf(c, '本行政机关人大代表建议和政协提案办理结果公开情况'),
    sc('markup.heading.subsection', 'entity.name.section'),
  );
});

test('numbered items 1. at line start are sub-headings (sample 001, 002)', async () => {
  const a = findLine(await sample('001'), lineStarts('1. 及时公开机构概况。'), '1. 及时公开机构概况');
  assert.deepEqual(scopesOf(a, '1.'), sc('markup.heading.subsection.item', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(a, '及时公开机构概况'), sc('markup.heading.subsection.item', 'entity.name.section'));
  assert.deepEqual(scopesOf(a, '根据'), [SCOPE_NAME]);

  // a long run-in item with no short title: only the marker is a heading, the rest is prose
  const b = findLine(await sample('002'), lineStarts('1. 2020年度，'), '1. 2020年度…');
  assert.deepEqual(scopesOf(b, '1.'), sc('markup.heading.subsection.item', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(b, '2020年'), sc('constant.other.date'));
  assert.deepEqual(scopesOf(b, '720'), sc('constant.numeric'));
});

// ---------------------------------------------------------------------------------------------
// Tables: one cell per line
// ---------------------------------------------------------------------------------------------

test('table cell line \\t三、本年度办理结果 is a label, not a section heading', async () => {
  for (const prefix of ['000', '002', '003', '004']) {
    const line = findLine(await sample(prefix), lineEq('\t三、本年度办理结果'), `${prefix}: \\t三、本年度办理结果`);
    assert.deepEqual(scopesOfTab(line), sc('meta.table', 'punctuation.separator.cell'), prefix);
    assert.deepEqual(scopesOf(line, '三、本年度办理结果'), sc('meta.table', 'entity.name.tag.label'), prefix);
    assertNoHeading(line);
  }
});

test('table cell lines starting with （一） or 1. are labels, not sub-headings', async () => {
  const lines = await sample('000');
  const a = findLine(lines, lineEq('\t（一）予以公开'), '\\t（一）予以公开');
  assert.deepEqual(scopesOf(a, '（一）予以公开'), sc('meta.table', 'entity.name.tag.label'));
  assertNoHeading(a);
  const b = findLine(lines, lineEq('\t1.属于国家秘密'), '\\t1.属于国家秘密');
  assert.deepEqual(scopesOf(b, '1.属于国家秘密'), sc('meta.table', 'entity.name.tag.label'));
  assertNoHeading(b);
});

test('number cells: integer, decimal, full-width minus －2, ASCII minus, number with unit 66.36万元', async () => {
  const s002 = await sample('002');
  const n = findLine(s002, lineEq('\t134'), '\\t134');
  assert.deepEqual(scopesOfTab(n), sc('meta.table', 'punctuation.separator.cell'));
  assert.deepEqual(scopesOf(n, '134'), sc('meta.table', 'constant.numeric.cell'));

  const minusFull = findLine(s002, lineEq('\t－2'), '\\t－2');
  assert.deepEqual(scopesOf(minusFull, '－2'), sc('meta.table', 'constant.numeric.cell'));

  const minus = findLine(s002, lineEq('\t-19'), '\\t-19');
  assert.deepEqual(scopesOf(minus, '-19'), sc('meta.table', 'constant.numeric.cell'));

  const money = findLine(s002, lineEq('\t66.36万元'), '\\t66.36万元');
  assert.deepEqual(scopesOf(money, '66.36'), sc('meta.table', 'constant.numeric.cell'));
  assert.deepEqual(scopesOf(money, '万元'), sc('meta.table', 'constant.numeric.cell', 'keyword.other.unit'));

  const dec = findLine(await sample('000'), lineEq('\t2220.68'), '\\t2220.68');
  assert.deepEqual(scopesOf(dec, '2220.68'), sc('meta.table', 'constant.numeric.cell'));
});

test('a unit alone in a cell (\\t万元, \\t条) is a label, not a number', async () => {
  const lines = await sample('003');
  for (const unit of ['万元', '条', '人次']) {
    const line = findLine(lines, lineEq(`\t${unit}`), `\\t${unit}`);
    assert.deepEqual(scopesOf(line, unit), sc('meta.table', 'entity.name.tag.label'), unit);
  }
});

test('number cells with stray (no-break) spaces: "\\t 0" and "\\t0 " (sample 004)', async () => {
  const lines = await sample('004');
  const lead = findLine(lines, (t) => /^\t\s+0$/.test(t), '\\t␣0');
  assert.deepEqual(scopesOfTab(lead), sc('meta.table', 'punctuation.separator.cell'));
  assert.deepEqual(scopesOf(lead, '0'), sc('meta.table', 'constant.numeric.cell'));
  const trail = findLine(lines, (t) => /^\t0\s+$/.test(t), '\\t0␣');
  assert.deepEqual(scopesOf(trail, '0'), sc('meta.table', 'constant.numeric.cell'));
  assert.deepEqual(scopesAtRange(trail, 2, trail.text.length), sc('meta.table'));
});

test('blank cell: a line holding only a tab; the tab itself gets the blank-cell scope', async () => {
  const line = findLine(await sample('000'), lineEq('\t'), 'blank cell');
  assert.equal(line.tokens.length, 1, show(line));
  assert.deepEqual(scopesOfTab(line), sc('meta.table', 'invalid.deprecated.blank-cell'));
});

test('wrapped cell continuation lines without a tab (\\t商业 / 企业, \\t本年新 / 制作数量)', async () => {
  const s003 = await sample('003');
  const idx = s003.findIndex((l) => l.text === '\t商业');
  assert.ok(idx >= 0);
  const cont = s003[idx + 1];
  assert.equal(cont.text, '企业');
  assert.deepEqual(scopesOf(s003[idx], '商业'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(cont, '企业'), sc('meta.table', 'entity.name.tag.label.continuation'));
  // the cell after the continuation is a normal cell again
  assert.deepEqual(scopesOf(s003[idx + 2], '科研'), sc('meta.table', 'entity.name.tag.label'));

  const s002 = await sample('002');
  const wrapped = findLine(s002, lineEq('制作数量'), '制作数量');
  assert.deepEqual(scopesOf(wrapped, '制作数量'), sc('meta.table', 'entity.name.tag.label.continuation'));

  // continuation indented with ideographic spaces (sample 003 统计表)
  const paren = findLine(s003, (t) => /^\u3000+（不同渠道和方式公开相同信息计1条）$/.test(t), '（不同渠道…）');
  assert.deepEqual(
    scopesOf(paren, '（不同渠道和方式公开相同信息计1条）'),
    sc('meta.table', 'entity.name.tag.label.continuation'),
  );
});

test('a blank line ends the table; a heading right after a cell line is still a heading', async () => {
  const s002 = await sample('002');
  // in the file: "\t1" (last cell), "", "", "政府信息公开行政复议、行政诉讼情况"
  const title = findLine(s002, lineEq('政府信息公开行政复议、行政诉讼情况'), 'title');
  assert.deepEqual(scopesOf(title, title.text), sc('markup.heading.section', 'entity.name.section'));

  // the same real lines glued together without the blank lines in between
  const heading = findLine(s002, lineEq('五、存在的主要问题及改进情况'), '五、…').text;
  const prose = s002.find((l) => l.text.startsWith('当前我局在政府信息公开工作上'))!.text;
  const sub = findLine(s002, lineStarts('（一）不断完善信息公开指南。'), '（一）…').text;
  const glued = await tokenizeLines(['\t0', heading, '\t0', prose, '\t0', sub, '\t0', '其他需要报告的事项']);
  assert.deepEqual(scopesOf(glued[1], '五、'), sc('markup.heading.section', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(glued[3], '当前我局'), [SCOPE_NAME]);
  assert.deepEqual(scopesOf(glued[5], '（一）'), sc('markup.heading.subsection', 'punctuation.definition.heading'));
  assert.deepEqual(scopesOf(glued[7], '其他需要报告的事项'), sc('markup.heading.section', 'entity.name.section'));
});

test('every cell line of every sample is inside meta.table and never a heading', async () => {
  for (const prefix of ['000', '001', '002', '003', '004']) {
    for (const line of await sample(prefix)) {
      if (!line.text.includes('\t')) continue;
      for (const t of line.tokens) {
        assert.ok(t.scopes.includes('meta.table.zwgk-report'), `${prefix}:${line.no} ${show(line)}`);
      }
      assertNoHeading(line);
      // a cell holding only a number is a number cell
      const m = /^\t[\s]*([－-]?\d+(?:\.\d+)?)[\s]*$/.exec(line.text);
      if (m) assert.deepEqual(scopesOf(line, m[1]), sc('meta.table', 'constant.numeric.cell'), `${prefix}:${line.no}`);
      if (/^\s*\t\s*$/.test(line.text)) {
        assert.deepEqual(scopesOfTab(line), sc('meta.table', 'invalid.deprecated.blank-cell'), `${prefix}:${line.no}`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Tables: tab-separated rows (sample 001)
// ---------------------------------------------------------------------------------------------

test('tab-separated row 三、 本年 度办 理结 果\\t(一) 予以公开\\t3… : labels + numbers, no heading', async () => {
  const line = findLine(await sample('001'), lineStarts('三、 本年 度办 理结 果\t'), 'tab row 三、');
  assertNoHeading(line);
  assert.deepEqual(scopesOf(line, '三、 本年 度办 理结 果'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOfTab(line, 0), sc('meta.table', 'punctuation.separator.cell'));
  assert.deepEqual(scopesOf(line, '(一) 予以公开'), sc('meta.table', 'entity.name.tag.label'));
  const three = line.text.indexOf('\t3\t') + 1;
  assert.deepEqual(scopesAtRange(line, three, three + 1), sc('meta.table', 'constant.numeric.cell'));
  // the row ends with a tab: a trailing blank cell
  assert.deepEqual(scopesOfTab(line, 8), sc('meta.table', 'invalid.deprecated.blank-cell'));
});

test('tab-separated rows: 二、上年结转… with empty second cell; 6. 属于… is not an item heading', async () => {
  const lines = await sample('001');
  const row = findLine(lines, lineStarts('二、上年结转政府信息公开申请数量\t\t'), 'tab row 二、');
  assertNoHeading(row);
  assert.deepEqual(scopesOf(row, '二、上年结转政府信息公开申请数量'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOfTab(row, 0), sc('meta.table', 'invalid.deprecated.blank-cell'));
  assert.deepEqual(scopesOfTab(row, 1), sc('meta.table', 'punctuation.separator.cell'));
  assert.deepEqual(scopesOf(row, '0', row.text.indexOf('\t\t') + 2), sc('meta.table', 'constant.numeric.cell'));

  const item = findLine(lines, lineStarts('6. 属于四类过程性信息\t'), 'tab row 6.');
  assertNoHeading(item);
  assert.deepEqual(scopesOf(item, '6. 属于四类过程性信息'), sc('meta.table', 'entity.name.tag.label'));

  const paren = findLine(lines, lineStarts('(四) 第二十条第(一)项\t'), 'tab row (四)');
  assertNoHeading(paren);
  assert.deepEqual(scopesOfTab(paren, 0), sc('meta.table', 'invalid.deprecated.blank-cell'));

  const header = findLine(lines, lineStarts('\t\t自然人\t'), 'header row');
  assert.deepEqual(scopesOfTab(header, 0), sc('meta.table', 'invalid.deprecated.blank-cell'));
  assert.deepEqual(scopesOf(header, '自然人'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(header, '法人或其他组织'), sc('meta.table', 'entity.name.tag.label'));
});

// ---------------------------------------------------------------------------------------------
// Prose: notice numbers, dates, numbers, debris, links
// ---------------------------------------------------------------------------------------------

test('notice numbers 国办公开办函〔2019〕60号 / 〔2021〕30号', async () => {
  const a = findLine(await sample('000'), (t) => t.includes('〔2019〕60号'), '〔2019〕60号');
  assert.deepEqual(scopesOf(a, '国办公开办函〔2019〕60号'), sc('string.other.notice-number'));
  assert.deepEqual(scopesOf(a, '（'), [SCOPE_NAME], 'the surrounding parenthesis is not part of it');
  const b = findLine(await sample('003'), (t) => t.includes('〔2021〕30号'), '〔2021〕30号');
  assert.deepEqual(scopesOf(b, '国办公开办函〔2021〕30号'), sc('string.other.notice-number'));
});

test('notice numbers with [] or () brackets and without issuer prefix', async () => {
  const real = findLine(await sample('000'), (t) => t.includes('〔2019〕60号'), '〔2019〕60号').text;
  const variants: [string, string][] = [
    ['国办公开办函[2019]60号', real.replace('〔2019〕', '[2019]')],
    ['国办公开办函(2019)60号', real.replace('〔2019〕', '(2019)')],
    ['国办公开办函（2019）60号', real.replace('〔2019〕', '（2019）')],
    ['〔2019〕60号', real.replace('（国办公开办函〔2019〕60号）', '〔2019〕60号')],
  ];
  for (const [sub, text] of variants) {
    const [line] = await tokenizeLines([text]);
    assert.deepEqual(scopesOf(line, sub), sc('string.other.notice-number'), text);
  }
  // without an issuer the notice number starts at the bracket: the preceding 》 is not included
  const [bare] = await tokenizeLines([variants[3][1]]);
  assert.deepEqual(scopesOf(bare, '》', bare.text.indexOf('》〔')), [SCOPE_NAME]);
});

test('dates: 2021年1月30日, 2020 年 1 月 1 日, 12月26日, 2020年', async () => {
  const s000 = await sample('000');
  const sig = findLine(s000, (t) => t.trim() === '2021年1月30日', 'signature date');
  assert.deepEqual(scopesOf(sig, '2021年1月30日'), sc('constant.other.date'));

  const s001 = findLine(await sample('001'), (t) => t.includes('2020 年 1 月 1 日'), 'spaced date');
  assert.deepEqual(scopesOf(s001, '2020 年 1 月 1 日'), sc('constant.other.date'));
  assert.deepEqual(scopesOf(s001, '2020 年 12 月 31 日'), sc('constant.other.date'));

  const md = findLine(await sample('002'), (t) => t.includes('12月26日'), '12月26日');
  assert.deepEqual(scopesOf(md, '12月26日'), sc('constant.other.date'));

  const year = findLine(s000, lineStarts('2020年，济宁市'), '2020年，');
  assert.deepEqual(scopesOf(year, '2020年'), sc('constant.other.date'));
});

test('numbers in prose', async () => {
  const line = findLine(await sample('000'), lineStarts('2020年市政府办公室共受理依申请公开53件'), '53件');
  assert.deepEqual(scopesOf(line, '53'), sc('constant.numeric'));
  assert.deepEqual(scopesOf(line, '100%'), sc('constant.numeric'));
  assert.deepEqual(scopesOf(line, '件'), [SCOPE_NAME]);
});

test('conversion debris [bookmark: _GoBack] and [image: …] (sample 003)', async () => {
  const lines = await sample('003');
  const bm = findLine(lines, lineStarts('[bookmark: _GoBack]'), 'bookmark');
  assert.deepEqual(scopesOf(bm, '[bookmark: _GoBack]'), sc('invalid.illegal.debris'));
  assert.deepEqual(scopesOf(bm, '创新公开形式'), [SCOPE_NAME]);
  assertNoHeading(bm);
  const img = findLine(lines, lineStarts('[image: '), 'image');
  assert.deepEqual(scopesOf(img, img.text), sc('invalid.illegal.debris'));
});

test('links and e-mail addresses', async () => {
  const a = findLine(await sample('000'), (t) => t.includes('http://www.jining.gov.cn/'), 'url');
  assert.deepEqual(scopesOf(a, 'http://www.jining.gov.cn/'), sc('markup.underline.link'));
  const b = findLine(await sample('001'), (t) => t.includes('aqszfzgwkb@wf.shandong.cn'), 'email');
  assert.deepEqual(scopesOf(b, 'aqszfzgwkb@wf.shandong.cn'), sc('markup.underline.link.email'));
});

// ---------------------------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------------------------

test('tokenizing every line of every sample and format notice never throws and covers each line', async () => {
  const files = [
    ...fs.readdirSync(SAMPLES_DIR).map((f) => path.join(SAMPLES_DIR, f)),
    ...fs.readdirSync(FORMATS_DIR).map((f) => path.join(FORMATS_DIR, f)),
  ].filter((f) => f.endsWith('.txt'));
  assert.ok(files.length >= 7);
  const grammar = await loadGrammar();
  for (const file of files) {
    let state = vsctm.INITIAL;
    splitLines(fs.readFileSync(file, 'utf8')).forEach((text, i) => {
      const r = grammar.tokenizeLine(text, state);
      state = r.ruleStack;
      const where = `${path.basename(file)}:${i + 1}`;
      assert.equal(r.stoppedEarly, false, where);
      assert.ok(r.tokens.length > 0, where);
      assert.equal(r.tokens[0].startIndex, 0, where);
      for (let k = 1; k < r.tokens.length; k++) {
        assert.equal(r.tokens[k].startIndex, r.tokens[k - 1].endIndex, where);
      }
      // vscode-textmate's last token ends at length (or length + 1 for the implicit newline)
      assert.ok(r.tokens[r.tokens.length - 1].endIndex >= text.length, where);
      for (const t of r.tokens) assert.equal(t.scopes[0], SCOPE_NAME, where);
    });
  }
});

test('long pathological lines (repeated partial matches) tokenize to completion', async () => {
  const n = 6000;
  const lines = [
    'a'.repeat(n),
    'a@'.repeat(n / 2),
    '1.'.repeat(n / 2),
    '1 '.repeat(n / 2),
    '[image:'.repeat(n / 7),
    ('，' + '国'.repeat(11) + '〔').repeat(n / 13),
    '2020 年 '.repeat(n / 7),
    '一、' + '国'.repeat(n),
    '（一）' + '国'.repeat(n),
    '\t'.repeat(n),
    '\t 1'.repeat(n / 3),
    ('\t' + ' '.repeat(50)).repeat(n / 51),
    ' '.repeat(n) + '\t',
    '国'.repeat(n) + '年度报告',
  ];
  // each line alone, and all of them inside one table block
  for (const text of lines) {
    const [line] = await tokenizeLines([text]);
    assert.ok(line.tokens.length > 0);
  }
  const inTable = await tokenizeLines(['\t0', ...lines]);
  assert.equal(inTable.length, lines.length + 1);
});

test('Markdown pipe rows: labels, number cells, blank cells, the delimiter row; no heading', async () => {
  const [head, rule, row, blank] = await tokenizeLines([
    '| 第二十条第（一）项 |  |  |  |',
    '|---|:---:|---|---|',
    '| （一）予以公开 | 12 | 0 | 1,234 |',
    '| 规章 |  | 3 |',
  ]);
  assertNoHeading(row);
  assert.deepEqual(scopesOf(head, '第二十条第（一）项'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(rule, '---'), sc('meta.table', 'punctuation.definition.table.delimiter'));
  assert.deepEqual(scopesOf(row, '（一）予以公开'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(row, '12'), sc('meta.table', 'constant.numeric.cell'));
  assert.deepEqual(scopesOf(row, '1,234'), sc('meta.table', 'constant.numeric.cell'));
  assert.deepEqual(scopesAtRange(blank, 6, 7), sc('meta.table', 'invalid.deprecated.blank-cell'));
});

test('space-aligned rows (pdftotext -layout): a label and its figures; （一）… is not a sub-heading there', async () => {
  const [row, sub, item] = await tokenizeLines([
    '一、本年新收政府信息公开申请数量                3001        53       0        0    61       4   3119',
    '      （一）予以公开                   1288        21       0',
    '             1.属于国家秘密            2          0        0',
  ]);
  assertNoHeading(sub);
  assertNoHeading(item);
  assert.deepEqual(scopesOf(item, '1.属于国家秘密'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(row, '一、本年新收政府信息公开申请数量'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(row, '3119'), sc('meta.table', 'constant.numeric.cell'));
  assert.deepEqual(scopesOf(sub, '（一）予以公开'), sc('meta.table', 'entity.name.tag.label'));
  assert.deepEqual(scopesOf(sub, '1288'), sc('meta.table', 'constant.numeric.cell'));
});

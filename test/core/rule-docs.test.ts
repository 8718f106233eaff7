// docs/rules keeps in step with the code: one page per rule (RULES and the cross-report rules),
// each with its title, a Chinese and an English section and the rule's default severity; the
// index lists every rule; no page for an id that is not a rule; every rule describes itself.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES, type Msg, type Severity } from '../../server/src/core';
import * as cross from '../../server/src/core/cross';

const ROOT = path.resolve(__dirname, '../../..');
const DOCS = path.join(ROOT, 'docs/rules');
const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint'];

interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  description: Msg;
  from: string;
}

/** The cross-report rules, when `cross` exports them (checked at run time so this compiles either way). */
function crossRules(): RuleInfo[] {
  const list: unknown = (cross as Record<string, unknown>).crossRules;
  if (list === undefined) return [];
  assert.ok(Array.isArray(list), 'crossRules is an array');
  return (list as RuleInfo[]).map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, from: 'crossRules' }));
}

const ALL: RuleInfo[] = [
  ...RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, description: r.description, from: 'RULES' })),
  ...crossRules(),
];

/** The page's text without fenced code blocks (examples may hold anything). */
function prose(md: string): string {
  return md.replace(/^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm, '');
}

/** The `## ` sections of a page, by heading. */
function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = prose(md).split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set((nl < 0 ? p : p.slice(0, nl)).trim(), nl < 0 ? '' : p.slice(nl + 1));
  }
  return out;
}

function read(file: string): string {
  return readFileSync(path.join(DOCS, file), 'utf8').replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
}

test('the rules to document are known', () => {
  assert.ok(RULES.length >= 20, `RULES has ${RULES.length} rules`);
  const ids = ALL.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, `rule ids are unique: ${ids.join(', ')}`);
  for (const r of ALL) {
    assert.match(r.id, /^[a-z][a-z0-9-]*$/, `${r.from}: id ${r.id}`);
    assert.ok(SEVERITIES.includes(r.defaultSeverity), `${r.id}: default severity ${r.defaultSeverity}`);
  }
});

test('every rule describes itself in Chinese and in English', () => {
  for (const r of ALL) {
    assert.equal(typeof r.description?.zh, 'string', `${r.id}: description.zh`);
    assert.equal(typeof r.description?.en, 'string', `${r.id}: description.en`);
    assert.ok(r.description.zh.trim().length > 0, `${r.id}: description.zh is empty`);
    assert.ok(r.description.en.trim().length > 0, `${r.id}: description.en is empty`);
  }
});

test('every rule has its page: title, Chinese then English section, default severity', () => {
  for (const r of ALL) {
    const file = path.join(DOCS, `${r.id}.md`);
    assert.ok(existsSync(file), `docs/rules/${r.id}.md is missing (${r.from})`);
    const md = read(`${r.id}.md`);
    const first = md.split('\n', 1)[0].trim();
    assert.equal(first, `# ${r.id}`, `docs/rules/${r.id}.md starts with "# ${r.id}"`);

    const s = sections(md);
    const zh = s.get('中文');
    const en = s.get('English');
    assert.ok(zh !== undefined, `docs/rules/${r.id}.md has a "## 中文" section`);
    assert.ok(en !== undefined, `docs/rules/${r.id}.md has a "## English" section`);
    const keys = [...s.keys()];
    assert.ok(keys.indexOf('中文') < keys.indexOf('English'), `docs/rules/${r.id}.md: Chinese first, English second`);

    // the Chinese section: 规则说明, 默认级别, 示例, 修复, 配置; the English one likewise
    for (const h of ['规则说明', '默认级别', '示例', '修复', '配置']) {
      assert.match(zh!, new RegExp(`^### ${h}\\s*$`, 'm'), `docs/rules/${r.id}.md, 中文: "### ${h}"`);
    }
    for (const h of ['What it checks', 'Default severity', 'Example', 'Fix', 'Configuration']) {
      assert.match(en!, new RegExp(`^### ${h}\\s*$`, 'm'), `docs/rules/${r.id}.md, English: "### ${h}"`);
    }

    // the default severity, stated in both languages (and no other severity as the default)
    for (const [lang, body] of [['中文', zh!], ['English', en!]] as const) {
      const head = lang === '中文' ? '默认级别' : 'Default severity';
      const part = body.split(new RegExp(`^### ${head}\\s*$`, 'm'))[1]?.split(/^### /m)[0] ?? '';
      assert.ok(part.includes(`\`${r.defaultSeverity}\``), `docs/rules/${r.id}.md, ${lang}: default severity \`${r.defaultSeverity}\``);
      for (const other of SEVERITIES.filter((x) => x !== r.defaultSeverity)) {
        assert.ok(!part.includes(`\`${other}\``), `docs/rules/${r.id}.md, ${lang}: says \`${other}\`, but the code's default is \`${r.defaultSeverity}\``);
      }
    }

    // how to turn it off: the setting and the CLI
    assert.ok(md.includes(`"zwgk-report.rules": { "${r.id}": "off" }`), `docs/rules/${r.id}.md: the setting to turn it off`);
    assert.ok(md.includes(`--rule ${r.id}=off`), `docs/rules/${r.id}.md: the CLI option to turn it off`);
  }
});

test('the index lists every rule with its default severity and links to its page', () => {
  assert.ok(existsSync(path.join(DOCS, 'README.md')), 'docs/rules/README.md is missing');
  const md = read('README.md');
  const s = sections(md);
  assert.ok(s.has('中文') && s.has('English'), 'docs/rules/README.md has a Chinese and an English section');
  for (const [lang, body] of s) {
    if (lang !== '中文' && lang !== 'English') continue;
    const rows = body.split('\n').filter((l) => l.startsWith('|'));
    for (const r of ALL) {
      const row = rows.find((l) => l.includes(`[\`${r.id}\`](${r.id}.md)`));
      assert.ok(row, `docs/rules/README.md, ${lang}: no row for ${r.id}`);
      assert.ok(row!.includes(`\`${r.defaultSeverity}\``), `docs/rules/README.md, ${lang}: ${r.id} is \`${r.defaultSeverity}\``);
    }
  }
});

test('no stale page: every page is a rule', () => {
  const ids = new Set(ALL.map((r) => r.id));
  const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const stale = pages.map((f) => f.slice(0, -3)).filter((id) => !ids.has(id));
  assert.deepEqual(stale, [], `docs/rules has pages for ids that are not rules: ${stale.join(', ')}`);
  // and the index has no row for such an id
  const linked = [...read('README.md').matchAll(/\]\(([a-z][a-z0-9-]*)\.md\)/g)].map((m) => m[1]);
  assert.deepEqual(linked.filter((id) => !ids.has(id)), [], 'docs/rules/README.md links only to rules');
});

// The .vsix produced by `npm run package` holds the bundled extension and nothing it should not.
// Compiled to out/test/package/vsix.test.js; run by `npm run test:unit` (node:test).
// ZWGK_VSIX=<path>: check that file instead of packaging anew.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';

const root = path.resolve(__dirname, '../../..');
const vsixPath = process.env.ZWGK_VSIX || path.join(root, 'dist', 'zwgk-report.vsix');

test('npm run package: the .vsix holds the bundled client, server, grammar and translations only', { timeout: 180_000 }, async () => {
  if (!process.env.ZWGK_VSIX) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', 'package'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
  }
  const zip = await JSZip.loadAsync(fs.readFileSync(vsixPath));
  const files = Object.keys(zip.files).filter((f) => !zip.files[f].dir);
  const list = files.join('\n');

  for (const f of [
    'extension/package.json',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/dist/pdfjs.js', // pdf.js, loaded by the server when the first PDF is opened as a report
    'extension/syntaxes/zwgk-report.tmLanguage.json',
    'extension/language-configuration.json',
    'extension/package.nls.json',
    'extension/package.nls.zh-cn.json',
    'extension/l10n/bundle.l10n.zh-cn.json',
    'extension/media/grid.js', // the table grid's script and style (在表格中编辑)
    'extension/media/grid.css',
  ]) assert.ok(files.includes(f), `${f} missing from the vsix:\n${list}`);
  if (fs.existsSync(path.join(root, 'README.md'))) assert.ok(files.some((f) => /^extension\/readme\.md$/i.test(f)), 'README.md missing');

  const bad = files.filter((f) =>
    /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ||
    /\.map$/.test(f) ||
    /(^|\/)node_modules\//.test(f) ||
    /^extension\/(out|client|server|test|scripts|\.vscode-test)\//.test(f) ||
    /fixtures|\.test\.js$|\.spec\.js$|\.vsix$|tsconfig|package-lock/.test(f));
  assert.deepEqual(bad, [], `files that must not be packaged:\n${bad.join('\n')}`);
  // nothing the extension does not load: the bundles are the client, the server and pdf.js (the
  // Word, web-page and PDF readers run in the server: dist/docx.js is no more)
  assert.deepEqual(files.filter((f) => f.startsWith('extension/dist/')).sort(),
    ['extension/dist/extension.js', 'extension/dist/pdfjs.js', 'extension/dist/server.js']);
  // every picture shipped is one a shipped page links to
  const pages = await Promise.all(files.filter((f) => /\.md$/i.test(f)).map((f) => zip.file(f)!.async('string')));
  const unlinked = files.filter((f) => f.endsWith('.png') && !pages.some((p) => p.includes(path.basename(f))));
  assert.deepEqual(unlinked, [], 'pictures no page links to');

  // the manifest in the vsix is the one with the commands and the settings
  const manifest = JSON.parse(await zip.file('extension/package.json')!.async('string'));
  assert.equal(manifest.main, './dist/extension.js');
  assert.ok(manifest.contributes.commands.some((c: { command: string }) => c.command === 'zwgk-report.fixAll'));
  assert.ok(!manifest.activationEvents.includes('*') && !manifest.activationEvents.includes('onStartupFinished'));
  // every file VS Code reads from the manifest ("./…" in main, icon, l10n and contributes: grammars,
  // snippets, language configuration…) is in the vsix; a folder (l10n) holds at least one file.
  // (`bin`, the CLI, is for the npm package, not the extension.)
  const referenced = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') { if (v.startsWith('./')) referenced.add(v.slice(2).replace(/\/$/, '')); }
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk([manifest.main, manifest.browser, manifest.icon, manifest.l10n, manifest.contributes]);
  assert.ok(referenced.has('snippets/zwgk-report.json') && referenced.has('dist/extension.js'), [...referenced].join(', '));
  const missingRefs = [...referenced].filter((r) => !files.includes(`extension/${r}`) && !files.some((f) => f.startsWith(`extension/${r}/`)));
  assert.deepEqual(missingRefs, [], `files package.json references but the vsix lacks:\n${list}`);
  // the bundled client does not require vscode-languageclient at run time (no node_modules shipped)
  const client = await zip.file('extension/dist/extension.js')!.async('string');
  assert.ok(!/require\(["']vscode-languageclient/.test(client), 'vscode-languageclient is not bundled');
});

test('translations: every %key% of package.json and every l10n.t() string of the client has its Chinese text', () => {
  const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
  const en = JSON.parse(read('package.nls.json'));
  const zh = JSON.parse(read('package.nls.zh-cn.json'));
  const keys = [...read('package.json').matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
  for (const k of keys) {
    assert.ok(k in en, `package.nls.json lacks ${k}`);
    assert.ok(k in zh, `package.nls.zh-cn.json lacks ${k}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'package.nls.json and package.nls.zh-cn.json have different keys');
  // the inlay hints show column names (server/src/lsp/inlayHints.ts), and the setting says so
  assert.match(en['configuration.inlayHints.enabled'], /column name/);
  assert.match(zh['configuration.inlayHints.enabled'], /列名/);
  assert.doesNotMatch(en['configuration.inlayHints.enabled'], /computed total/);

  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json'));
  const dir = path.join(root, 'client', 'src');
  const used = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    // only modules translating through the bundle (client/src/lang.ts's t(…), or vscode.l10n.t), not a local t(zh, en)
    if (!/\bl10n\.t\b|import \{[^}]*\bt\b[^}]*\} from '\.\/lang'/.test(src) || /function t\(|const t = \(zh/.test(src)) continue;
    for (const m of src.matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\(.)/g, '$1'));
  }
  assert.ok(used.size > 5, 'no l10n.t() calls found in client/src');
  const missing = [...used].filter((s) => !(s in bundle));
  assert.deepEqual(missing, [], 'strings missing from l10n/bundle.l10n.zh-cn.json');
});

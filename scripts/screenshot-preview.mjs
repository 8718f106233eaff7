// Renders a sample report with the preview renderer and saves a screenshot of its tables.
// Usage: npx tsc -p . && node scripts/screenshot-preview.mjs [sample-prefix] [out.png] [--dark]
// Needs Chromium at /usr/bin/chromium (or CHROMIUM=/path).
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/src/core/index.js'));
const { renderStandalone } = require(path.join(root, 'out/server/src/render/html.js'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dark = process.argv.includes('--dark');
const prefix = args[0] ?? '000';
const out = path.resolve(root, args[1] ?? 'docs/screenshots/preview-tables.png');
const dir = path.join(root, 'test/fixtures/samples');
const file = readdirSync(dir).find((f) => f.startsWith(prefix));
if (!file) throw new Error(`no sample ${prefix}`);
const text = readFileSync(path.join(dir, file), 'utf8');
const { doc, diagnostics } = analyze(text);
let html = renderStandalone(doc, diagnostics, { lang: 'zh' });
if (dark) {
  // What VS Code's dark theme defines on the webview's <html> element.
  html = html.replace('<html ', '<html style="--vscode-editor-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-editorError-foreground:#f85149;--vscode-editorWarning-foreground:#cca700" ');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1040, height: 900 }, deviceScaleFactor: 1 });
  await page.setContent(html, { waitUntil: 'load' });
  // From the heading above table 1 to the end of table 4 (or of the last table).
  const clip = await page.evaluate(() => {
    const wraps = [...document.querySelectorAll('.table-wrap')].filter((w) => !w.querySelector('table.table-stats'));
    if (!wraps.length) return null;
    const first = wraps[0].previousElementSibling ?? wraps[0];
    const a = first.getBoundingClientRect();
    const b = wraps[wraps.length - 1].getBoundingClientRect();
    return { x: 0, y: Math.max(0, a.top + window.scrollY - 12), width: document.documentElement.clientWidth, height: b.bottom - a.top + 28 };
  });
  const top = clip?.y ?? 0;
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true, ...(clip ? { clip } : {}) });
  void top;
  console.log(`saved ${path.relative(root, out)} (${file})`);
} finally {
  await browser.close();
}

// Renders a sample report as the preview webview shows it (same renderer, same CSS, same script)
// and saves a screenshot of its tables, with the mouse over the first cell marked as an error.
// Usage: npx tsc -p . && node scripts/screenshot-preview.mjs [sample-prefix] [out.png] [--dark]
// Default: sample 004 (a short row in table 1) → docs/screenshots/preview-tables.png.
// Needs Chromium at /usr/bin/chromium (or CHROMIUM=/path) and a CJK font (fonts-noto-cjk).
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/src/core/index.js'));
const { renderBody, renderWebviewPage } = require(path.join(root, 'out/server/src/render/html.js'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dark = process.argv.includes('--dark');
const prefix = args[0] ?? '004';
const out = path.resolve(root, args[1] ?? 'docs/screenshots/preview-tables.png');
const dir = path.join(root, 'test/fixtures/samples');
const file = readdirSync(dir).find((f) => f.startsWith(prefix));
if (!file) throw new Error(`no sample ${prefix}`);
const { doc, diagnostics } = analyze(readFileSync(path.join(dir, file), 'utf8'));
let html = renderWebviewPage({
  body: renderBody(doc, diagnostics, { lang: 'zh' }),
  cspSource: 'https://preview.invalid', nonce: 'screenshot', scriptUri: 'https://preview.invalid/media/preview.js', lang: 'zh',
});
// What VS Code defines on the webview's <html> element (a light or a dark theme).
const theme = dark
  ? '--vscode-editor-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-editorError-foreground:#f85149;--vscode-editorWarning-foreground:#cca700;--vscode-editorHoverWidget-background:#252526;--vscode-font-family:system-ui'
  : '--vscode-editor-foreground:#3b3b3b;--vscode-editor-background:#ffffff;--vscode-editorError-foreground:#e51400;--vscode-editorWarning-foreground:#bf8803;--vscode-editorHoverWidget-background:#f8f8f8;--vscode-font-family:system-ui';
html = html.replace('<html ', `<html style="${theme}" `);
const script = readFileSync(path.join(root, 'media/preview.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1040, height: 900 }, deviceScaleFactor: 1 });
  await page.addInitScript(() => { window.acquireVsCodeApi = () => ({ postMessage() {} }); });
  await page.route('https://preview.invalid/**', (route) => route.fulfill(route.request().url().endsWith('.js')
    ? { status: 200, contentType: 'application/javascript', body: script }
    : { status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto('https://preview.invalid/index.html', { waitUntil: 'load' });
  // A viewport as tall as the page: nothing scrolls, so the (fixed) hover tooltip lands where it shows.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1040, height });
  // From the heading above table 1 to the end of table 4 (or of the last table).
  const clip = await page.evaluate(() => {
    const wraps = [...document.querySelectorAll('.table-wrap')].filter((w) => !w.querySelector('table.table-stats'));
    if (!wraps.length) return null;
    const first = wraps[0].previousElementSibling ?? wraps[0];
    const a = first.getBoundingClientRect();
    const b = wraps[wraps.length - 1].getBoundingClientRect();
    return { x: 0, y: Math.max(0, a.top - 12), width: document.documentElement.clientWidth, height: b.bottom - a.top + 28 };
  });
  const marked = page.locator('td.cell-error, td.cell-warning').first();
  if (await marked.count()) {
    const box = await marked.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 - 20, box.y + box.height / 2 + 2);
  }
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, ...(clip ? { clip } : { fullPage: true }) });
  console.log(`saved ${path.relative(root, out) || out} (${file})`);
} finally {
  await browser.close();
}

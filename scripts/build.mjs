// Bundles the extension client, the language server and the CLI with esbuild.
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify') || process.env.NODE_ENV === 'production';

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js', external: [] },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', external: [], banner: '#!/usr/bin/env node' },
  // pdf.js (and its worker's code, run in-process), required by the CLI and the server when the first PDF is read
  { in: 'server/src/import/pdfjs.ts', out: 'dist/pdfjs.js', external: [] },
  // the audit site's report page, in the browser (audit --out copies it to DIR/report.js): the
  // core's parser and the preview's renderer. The renderer's one use of Node's crypto (the hash in
  // a standalone page's CSP) is never reached there, so `crypto` is a module that says so.
  {
    in: 'server/src/cli/site-viewer.ts', out: 'dist/audit-report.js', external: [],
    options: { platform: 'browser', format: 'iife', target: 'es2020', minify: true, sourcemap: false, plugins: [noNodeCrypto()] },
  },
];

function noNodeCrypto() {
  return {
    name: 'no-node-crypto',
    setup(b) {
      b.onResolve({ filter: /^crypto$/ }, () => ({ path: 'crypto', namespace: 'no-node' }));
      b.onLoad({ filter: /.*/, namespace: 'no-node' }, () => ({
        contents: 'export function createHash() { throw new Error("crypto is not available in the audit site\'s report page"); }',
        loader: 'js',
      }));
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !minify,
  minify,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = entries.filter((e) => existsSync(e.in)).map((e) => ({
  ...common,
  entryPoints: [e.in],
  outfile: e.out,
  external: e.external,
  banner: e.banner ? { js: e.banner } : undefined,
  ...e.options,
}));

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('esbuild: watching', builds.map((b) => b.outfile).join(', '));
} else {
  // Each output is written to a temporary file and renamed over the old one, and only when it
  // changed: tests run in parallel rebuild dist/ while others run dist/cli.js, which must never be
  // seen half written.
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, write: false })));
  for (const f of results.flatMap((r) => r.outputFiles)) {
    let old;
    try {
      old = readFileSync(f.path);
    } catch {
      old = undefined;
    }
    if (old && Buffer.compare(old, f.contents) === 0) continue;
    mkdirSync(path.dirname(f.path), { recursive: true });
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    if (f.path.endsWith(`${path.sep}cli.js`)) chmodSync(tmp, 0o755);
    renameSync(tmp, f.path);
  }
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}

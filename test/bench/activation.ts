// Extension activation cost: load the bundled dist/extension.js and call activate() with a stub
// `vscode` module that answers every API call with another stub. This measures our own work at
// activation (bundle load, listeners, commands; the language server starts later, when a report is
// open), not VS Code's. The tests in real VS Code (npm run test:vscode) check that activation works.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '../../..');

function stub(name: string): unknown {
  const fn = function () { return stub(`${name}()`); };
  const set = new Map<PropertyKey, unknown>();
  return new Proxy(fn, {
    set(_t, k, v) { set.set(k, v); return true; },
    get(_t, k) {
      if (set.has(k)) return set.get(k);
      if (k === 'then') return undefined; // not a promise
      if (k === Symbol.toPrimitive) return () => name;
      if (k === 'dispose') return () => undefined;
      if (k === 'textDocuments' || k === 'visibleTextEditors' || k === 'workspaceFolders' || k === 'subscriptions') return [];
      if (k === 'language') return 'zh-cn';
      return stub(`${name}.${String(k)}`);
    },
    construct() { return stub(`new ${name}`) as object; },
    apply() { return stub(`${name}()`); },
  });
}

// every name the real module exports (the bundle copies the module's own properties), each a stub
const vscode: Record<string, unknown> = {};
const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
for (const m of dts.matchAll(/export (?:class|namespace|enum|function|const|let|var) (\w+)/g)) vscode[m[1]] = stub(`vscode.${m[1]}`);

const load = (Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load;
(Module as unknown as { _load: (r: string, ...a: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, ...rest);
};

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ext = require(path.join(ROOT, 'dist/extension.js')) as { activate(ctx: unknown): unknown };
const t1 = performance.now();
const context = { subscriptions: [] as unknown[], extensionPath: ROOT, extensionUri: stub('uri'), asAbsolutePath: (p: string) => path.join(ROOT, p), globalState: stub('state'), workspaceState: stub('state') };
ext.activate(context);
const t2 = performance.now();
console.log(`load dist/extension.js ${(t1 - t0).toFixed(1)} ms, activate() ${(t2 - t1).toFixed(1)} ms, total ${(t2 - t0).toFixed(1)} ms (target < 100 ms)`);

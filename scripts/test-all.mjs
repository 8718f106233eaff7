// `npm test`: Chromium check, compile, the unit/protocol/CLI/render tests (Node's test runner), then
// the extension tests inside real VS Code (mocha), the UI check and the audit site in Chromium; ends with one overall line
// "total: N passed, M failed" so a log reader sees the whole run at a glance.
import { spawn } from 'node:child_process';

function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
    let out = '';
    if (capture) {
      p.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
      p.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    }
    p.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
const steps = [];
let passed = 0;
let failed = 0;

const pre = await run('bash', ['scripts/ensure-chromium.sh']);
if (pre.code !== 0) process.exit(pre.code);
const compile = await run('npm', ['run', '--silent', 'compile']);
if (compile.code !== 0) { console.log('total: 0 passed, 1 failed'); process.exit(compile.code); }

const unit = await run(process.execPath, ['scripts/test-unit.mjs'], { capture: true });
const u = strip(unit.out);
const up = Number(/ℹ pass (\d+)/.exec(u)?.[1] ?? 0);
const uf = Number(/ℹ fail (\d+)/.exec(u)?.[1] ?? (unit.code ? 1 : 0)) + Number(/ℹ cancelled (\d+)/.exec(u)?.[1] ?? 0);
passed += up; failed += uf || (unit.code ? 1 : 0);
steps.push(`unit: ${up} passed, ${uf} failed`);

const vs = await run(process.execPath, ['scripts/test-vscode.mjs'], { capture: true });
const v = strip(vs.out);
const vp = Number(/(\d+) passing/.exec(v)?.[1] ?? 0);
const vf = Number(/(\d+) failing/.exec(v)?.[1] ?? 0);
const ui = /ui-check exit code (\d+)/.exec(v);
passed += vp; failed += vf;
steps.push(`vscode: ${vp} passed, ${vf} failed`);
if (ui) { if (ui[1] === '0') passed++; else failed++; steps.push(`ui-check: ${ui[1] === '0' ? '1 passed, 0 failed' : '0 passed, 1 failed'}`); }
if (vs.code !== 0 && vf === 0 && !(ui && ui[1] !== '0')) { failed++; steps.push('vscode: the run itself failed'); }

// The audit site in headless Chromium from file:// (scripts/ui-check-audit.mjs): the table, and the
// report page rendering reports from their shards under the page's CSP.
const site = await run(process.execPath, ['scripts/ui-check-audit.mjs'], { capture: true });
const sf = (strip(site.out).match(/^FAIL /gm) ?? []).length;
if (site.code === 0) passed++; else failed++;
steps.push(`audit site in Chromium: ${site.code === 0 ? '1 passed, 0 failed' : `0 passed, 1 failed (${sf} checks failed)`}`);

console.log(`\n${steps.join('\n')}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(unit.code || vs.code || site.code || (failed ? 1 : 0));

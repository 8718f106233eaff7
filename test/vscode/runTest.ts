// Runs the extension test suite (test/vscode/suite) inside VS Code with @vscode/test-electron.
// - VSCODE_EXECUTABLE_PATH set: that executable (desktop VS Code, or scripts/code-server-shim.js on a
//   machine that cannot download VS Code; scripts/test-vscode.mjs decides and sets it);
// - otherwise test-electron downloads VS Code.
// The workspace is a fresh temporary copy of the sample reports (fixtures are never edited in place).
// Compiled to out/test/vscode/runTest.js.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../../..');

/** Copy of test/fixtures/samples plus the layout the suite expects. */
export function makeWorkspace(parent: string): string {
  const ws = path.join(parent, 'workspace');
  fs.mkdirSync(path.join(ws, 'samples'), { recursive: true });
  const samples = path.join(root, 'test', 'fixtures', 'samples');
  for (const f of fs.readdirSync(samples)) fs.copyFileSync(path.join(samples, f), path.join(ws, 'samples', f));
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'files.autoSave': 'off' }, null, 2));
  return ws;
}

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-vscode-test-'));
  const ws = makeWorkspace(tmp);
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      version: process.env.VSCODE_VERSION || undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.resolve(__dirname, 'suite', 'index'),
      launchArgs: [
        ws,
        '--disable-extensions',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
      extensionTestsEnv: { ZWGK_TEST_WORKSPACE: ws },
    });
  } catch (err) {
    console.error('VS Code tests failed:', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    if (!process.env.ZWGK_KEEP_TEST_WORKSPACE) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) main().then((code) => process.exit(code));

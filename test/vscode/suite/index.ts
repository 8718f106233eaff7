// Mocha entry point loaded by VS Code's extension host (`--extensionTestsPath`): runs every compiled
// `*.spec.js` next to this file (named .spec, not .test, so `npm run test:unit` does not pick them up).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 120_000, slow: 5_000 });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.spec.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}

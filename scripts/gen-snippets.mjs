// Writes snippets/zwgk-report.json from the report template (server/src/core/template.ts).
// Run after `npx tsc -p .`: node scripts/gen-snippets.mjs. test/core/template.test.ts checks the file is current.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { snippets } = require(path.join(root, 'out/server/src/core/template.js'));
mkdirSync(path.join(root, 'snippets'), { recursive: true });
writeFileSync(path.join(root, 'snippets/zwgk-report.json'), JSON.stringify(snippets(), null, 2) + '\n');
console.log('snippets/zwgk-report.json:', Object.keys(snippets()).length, 'snippets');

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../../server/src/core';
import { FIXTURES } from './fixtures';

test('every rule has its fixture folder and its own test file', () => {
  for (const r of RULES) {
    assert.ok(existsSync(path.join(FIXTURES, r.id)), `test/fixtures/rules/${r.id}/`);
    assert.ok(existsSync(path.join(__dirname, `${r.id}.test.js`)), `test/core/rules/${r.id}.test.ts`);
  }
});

// The mended samples that fixes.test.ts and properties.test.ts start from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clean2019, clean2021, codes } from './helpers';

test('the mended samples are clean', () => {
  assert.deepEqual(codes(clean2021()), []);
  assert.deepEqual(codes(clean2019()), []);
});

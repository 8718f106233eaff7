import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('table-missing: every fixture gives exactly its markers', () => {
  checkFixtures('table-missing');
});

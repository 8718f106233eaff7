import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('table-label: every fixture gives exactly its markers', () => {
  checkFixtures('table-label');
});

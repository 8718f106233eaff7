import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('table-shape: every fixture gives exactly its markers', () => {
  checkFixtures('table-shape');
});

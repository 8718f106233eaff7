import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('sum-column: every fixture gives exactly its markers', () => {
  checkFixtures('sum-column');
});

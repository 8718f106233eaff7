import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('fee-statement: every fixture gives exactly its markers', () => {
  checkFixtures('fee-statement');
});

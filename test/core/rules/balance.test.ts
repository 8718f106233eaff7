import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('balance: every fixture gives exactly its markers', () => {
  checkFixtures('balance');
});

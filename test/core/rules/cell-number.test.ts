import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('cell-number: every fixture gives exactly its markers', () => {
  checkFixtures('cell-number');
});

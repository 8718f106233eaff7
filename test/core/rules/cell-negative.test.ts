import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('cell-negative: every fixture gives exactly its markers', () => {
  checkFixtures('cell-negative');
});

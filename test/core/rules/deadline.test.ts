import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('deadline: every fixture gives exactly its markers', () => {
  checkFixtures('deadline');
});

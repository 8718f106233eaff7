import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('year-mismatch: every fixture gives exactly its markers', () => {
  checkFixtures('year-mismatch');
});

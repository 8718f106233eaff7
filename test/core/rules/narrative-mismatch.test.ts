import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('narrative-mismatch: every fixture gives exactly its markers', () => {
  checkFixtures('narrative-mismatch');
});

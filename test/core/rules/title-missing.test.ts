import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('title-missing: every fixture gives exactly its markers', () => {
  checkFixtures('title-missing');
});

import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('section-missing: every fixture gives exactly its markers', () => {
  checkFixtures('section-missing');
});

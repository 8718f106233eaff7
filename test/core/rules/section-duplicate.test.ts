import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('section-duplicate: every fixture gives exactly its markers', () => {
  checkFixtures('section-duplicate');
});

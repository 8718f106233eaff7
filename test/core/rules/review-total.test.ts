import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('review-total: every fixture gives exactly its markers', () => {
  checkFixtures('review-total');
});

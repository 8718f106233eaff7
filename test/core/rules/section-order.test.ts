import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('section-order: every fixture gives exactly its markers', () => {
  checkFixtures('section-order');
});

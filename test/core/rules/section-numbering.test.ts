import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('section-numbering: every fixture gives exactly its markers', () => {
  checkFixtures('section-numbering');
});

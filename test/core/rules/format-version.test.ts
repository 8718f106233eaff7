import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('format-version: every fixture gives exactly its markers', () => {
  checkFixtures('format-version');
});

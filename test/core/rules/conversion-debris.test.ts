import { test } from 'node:test';
import { checkFixtures } from './fixtures';

test('conversion-debris: every fixture gives exactly its markers', () => {
  checkFixtures('conversion-debris');
});

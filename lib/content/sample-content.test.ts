import path from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { formatProblem, getSnapshot } from './store';

afterEach(() => {
  delete process.env.CONTENT_DIR;
});

it('the sample content in content/ has no errors and covers what editors use', () => {
  process.env.CONTENT_DIR = path.resolve('content');
  const snapshot = getSnapshot();
  expect(snapshot.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
  expect(snapshot.articles.length).toBeGreaterThanOrEqual(13);
  expect(snapshot.categories.size).toBeGreaterThanOrEqual(4);
  expect(new Set(snapshot.articles.map((a) => a.format))).toEqual(new Set(['markdown', 'html']));
  expect(snapshot.articles.filter((a) => a.breaking).length).toBeGreaterThanOrEqual(2);
  expect(snapshot.articles.some((a) => a.breaking && a.breakingUntil)).toBe(true);
  expect(snapshot.articles.some((a) => a.lang === 'en')).toBe(true);
  expect(snapshot.articles.some((a) => a.lang === 'ar' && a.dir === 'rtl')).toBe(true);
  expect(snapshot.articles.some((a) => a.tags.length > 0 && a.author)).toBe(true);
});

import fs from 'node:fs';
import path from 'node:path';

import { expect, it } from 'vitest';

import { checkContent } from './check';
import { formatProblem } from './snapshot';

it('the sample content in content/ has no errors and covers what editors use', () => {
  const checked = checkContent(path.resolve('content'));
  expect(checked.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
  const { articles } = checked;
  expect(articles.length).toBeGreaterThanOrEqual(16);
  expect(new Set(articles.flatMap((a) => a.categories.map((c) => c.slug))).size).toBeGreaterThanOrEqual(4);
  expect(new Set(articles.map((a) => a.format))).toEqual(new Set(['markdown', 'html']));
  expect(articles.filter((a) => a.breaking).length).toBeGreaterThanOrEqual(2);
  expect(articles.some((a) => a.breaking && a.breakingUntil)).toBe(true);
  expect(articles.some((a) => a.lang === 'en')).toBe(true);
  expect(articles.some((a) => a.lang === 'ar' && a.dir === 'rtl')).toBe(true);
  expect(articles.some((a) => a.tags.length > 0 && a.author)).toBe(true);
  // One series of three, numbered, with its _series file read.
  const series = articles.filter((a) => a.series?.id === 'winter-heating');
  expect(series.map((a) => a.series?.order).sort()).toEqual([1, 2, 3]);
  expect(fs.readFileSync(path.resolve('content/_series/winter-heating.yml'), 'utf8')).toMatch(/^name: /m);
});

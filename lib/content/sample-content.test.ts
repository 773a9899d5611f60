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
  // Every kind of article, agency copy, and each kind of correction, one of them pending.
  expect(new Set(articles.map((a) => a.kind))).toEqual(new Set(['기사', '사설', '칼럼', '기고', '인터뷰', '보도자료', '광고/협찬']));
  expect(articles.some((a) => a.agency === '연합뉴스')).toBe(true);
  const corrections = articles.flatMap((a) => a.corrections);
  expect(new Set(corrections.map((c) => c.kind))).toEqual(new Set(['바로잡습니다', '정정보도', '반론보도', '추후보도']));
  expect(corrections.some((c) => c.pending)).toBe(true);
  expect(checked.site?.editors.length).toBeGreaterThanOrEqual(2);
  // One series of three, numbered, with its _series file read.
  const series = articles.filter((a) => a.series?.id === 'winter-heating');
  expect(series.map((a) => a.series?.order).sort()).toEqual([1, 2, 3]);
  expect(fs.readFileSync(path.resolve('content/_series/winter-heating.yml'), 'utf8')).toMatch(/^name: /m);
});

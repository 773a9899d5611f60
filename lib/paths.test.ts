import { expect, it } from 'vitest';

import { feedPath, liveApiPath, searchPath } from './paths';

it('builds search URLs whose query cannot break out of its parameter', () => {
  expect(searchPath()).toBe('/search');
  expect(searchPath('예산 & 세금')).toBe('/search?q=%EC%98%88%EC%82%B0+%26+%EC%84%B8%EA%B8%88');
  expect(searchPath('a#b?c', 3)).toBe('/search?q=a%23b%3Fc&page=3');
  expect(searchPath('x', 1)).toBe('/search?q=x');
});

it('builds feed and live-coverage paths with the slug as one encoded segment', () => {
  expect(feedPath('rss')).toBe('/feed.xml');
  expect(feedPath('atom', { taxonomy: 'tag', slug: '세금/../x' })).toBe(
    '/tag/%EC%84%B8%EA%B8%88%2F..%2Fx/atom.xml',
  );
  expect(feedPath('json', { taxonomy: 'reporters', slug: 'hong' })).toBe(
    '/reporters/hong/feed.json',
  );
  expect(liveApiPath('속보/?x')).toBe('/api/live/%EC%86%8D%EB%B3%B4%2F%3Fx');
});

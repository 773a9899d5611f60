import { expect, it } from 'vitest';

import { feedPath, liveApiPath, readSitemapPart, searchPath, sitemapPartPath } from './paths';

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

it('reads back the sitemap part it writes, and no other spelling of a number', () => {
  for (const part of [1, 2, 10, 99_999])
    expect(readSitemapPart(sitemapPartPath(part).split('/').pop() ?? '')).toBe(part);
  for (const segment of [
    '0.xml',
    '01.xml',
    '-1.xml',
    '1.5.xml',
    '1e3.xml',
    '0x1.xml',
    '１.xml',
    '100000.xml',
    '1',
    '1.xml.gz',
    'x.xml',
    '.xml',
    '',
    ' 1.xml',
    '1.xml\n',
    '9'.repeat(400) + '.xml',
  ]) {
    expect(readSitemapPart(segment), JSON.stringify(segment)).toBeUndefined();
  }
});

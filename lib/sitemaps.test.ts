import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getViewAt } from '@/lib/content';

import { getNewsArticles, renderNewsSitemap, renderSitemap, renderSitemapPart } from './sitemaps';

const now = new Date('2026-11-27T12:00:00+09:00');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitemap-test-'));
  process.env.CONTENT_DIR = dir;
  const write = (name: string, front: string) =>
    fs.writeFileSync(path.join(dir, name), `---\n${front}\n---\n본문\n`);
  write('fresh.md', 'title: 방금 기사\ndate: 2026-11-27 11:00\ncategories: 경제');
  write('edge.md', 'title: 47시간 전 기사\ndate: 2026-11-25 13:00\ncategories: 경제');
  write('old.md', 'title: 49시간 전 기사\ndate: 2026-11-25 11:00\ncategories: 사회');
  write('future.md', 'title: 예약 기사\ndate: 2026-11-27 13:00');
  write('english.md', 'title: English story\ndate: 2026-11-27 10:00\nlang: en-GB');
});

afterAll(() => {
  delete process.env.CONTENT_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('news sitemap', () => {
  it('takes articles of the last 48 hours only, never future ones', () => {
    expect(getNewsArticles(getViewAt(now)).map((a) => a.title)).toEqual([
      '방금 기사',
      'English story',
      '47시간 전 기사',
    ]);
  });

  it('writes news:publication with the site name and each article’s language', async () => {
    const xml = renderNewsSitemap(getViewAt(now));
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(xml).toContain('<news:name>한빛일보</news:name><news:language>ko</news:language>');
    expect(xml).toContain('<news:language>en</news:language>');
    expect(xml).toContain(
      '<news:publication_date>2026-11-27T02:00:00.000Z</news:publication_date>',
    );
    expect(xml).toContain('<news:title>방금 기사</news:title>');
    expect(xml).not.toContain('49시간 전 기사');
  });
});

describe('sitemap', () => {
  it('lists home, categories and every published article with lastmod', async () => {
    const xml = renderSitemap(getViewAt(now));
    expect(xml).toContain('<urlset');
    expect(xml).toContain('/articles/old</loc><lastmod>2026-11-25T02:00:00.000Z</lastmod>');
    expect(xml).toContain(`/category/${encodeURIComponent('사회')}</loc>`);
    expect(xml).not.toContain('/articles/future');
  });

  it('becomes an index of parts once there are more URLs than one file may hold', async () => {
    const index = renderSitemap(getViewAt(now), 3);
    expect(index).toContain('<sitemapindex');
    expect(index).toContain('/sitemaps/1.xml</loc>');
    expect(index).toContain('/sitemaps/3.xml</loc>');
    expect(renderSitemapPart(getViewAt(now), 3, 3)).toContain('<urlset');
    expect(renderSitemapPart(getViewAt(now), 4, 3)).toBeUndefined();
  });
});

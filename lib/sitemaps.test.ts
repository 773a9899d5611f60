import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getViewAt, listArticleStamps, type ContentView } from '@/lib/content';
import { viewsOfFolder } from '@/lib/content/testing/both-views';
import { getSiteSettings } from '@/lib/site';

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

describe('sitemap parts, over the snapshot and the on-disk index alike', () => {
  const at = new Date('2026-11-27T12:00:00+09:00');
  const front = (lines: string) => `---\n${lines}\n---\n본문\n`;
  const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });
  type Parsed = {
    urlset?: { url?: { loc: string }[] };
    sitemapindex?: { sitemap: { loc: string }[] };
  };
  function parse(xml: string | undefined): Parsed {
    if (xml === undefined) return {};
    expect(XMLValidator.validate(xml)).toBe(true);
    return parser.parse(xml) as Parsed;
  }
  const locsOf = (xml: string | undefined) => (parse(xml).urlset?.url ?? []).map((url) => url.loc);
  /** Every URL of every part, in order, read as a crawler reads the index; and that nothing follows the last. */
  function crawl(view: ContentView, limit: number) {
    const parts = parse(renderSitemap(view, limit)).sitemapindex?.sitemap ?? [];
    const locs = parts.flatMap((_, i) => locsOf(renderSitemapPart(view, i + 1, limit)));
    expect(renderSitemapPart(view, parts.length + 1, limit)).toBeUndefined();
    return { parts: parts.map((part) => part.loc), locs };
  }
  const articleSlugs = (locs: string[]) =>
    locs.flatMap((loc) =>
      loc.includes('/articles/') ? [decodeURIComponent(loc.split('/articles/')[1] ?? '')] : [],
    );

  const opened: { close(): void }[] = [];
  afterAll(() => opened.forEach((folder) => folder.close()));
  function folderOf(files: Record<string, string>, settings?: Parameters<typeof viewsOfFolder>[2]) {
    const folder = viewsOfFolder(files, at, settings);
    opened.push(folder);
    return folder;
  }

  it('splits a run of articles published at one moment without skipping or repeating one', () => {
    const files: Record<string, string> = {
      'newest.md': front('title: 가장 새 기사\ndate: 2026-11-27 11:00\ncategories: 경제'),
      'oldest.md': front('title: 가장 옛 기사\ndate: 2026-11-20 09:00\ncategories: 경제'),
    };
    // File names in another order than the slugs: a tie is broken by slug, whatever the paths.
    ['m', 'b', 'z', 'a', 'k', 'c', 'y', '가', 'x9'].forEach((slug, i) => {
      files[`tie/${9 - i}.md`] = front(
        `title: 동시 ${slug}\nslug: ${slug}\ndate: 2026-11-26 09:00\ncategories: 경제`,
      );
    });
    for (const { reader, view } of folderOf(files).views) {
      const whole = locsOf(renderSitemap(view));
      expect(articleSlugs(whole), reader).toEqual([
        'newest',
        'a',
        'b',
        'c',
        'k',
        'm',
        'x9',
        'y',
        'z',
        '가',
        'oldest',
      ]);
      for (const limit of [2, 3, 4, 5, 7]) {
        const { parts, locs } = crawl(view, limit);
        expect(parts, `${reader}, ${limit} a part`).toHaveLength(Math.ceil(whole.length / limit));
        expect(locs, `${reader}, ${limit} a part`).toEqual(whole);
      }
    }
  });

  it('never lists a draft, a scheduled article, or either file of a published slug collision', () => {
    const files: Record<string, string> = {
      'draft.md': front('title: 초안\nslug: draft\ndraft: true\ndate: 2026-11-26 10:00'),
      'later.md': front('title: 예약\nslug: later\ndate: 2026-11-27 13:00'),
      'twin-1.md': front('title: 쌍둥이 1\nslug: twin\ndate: 2026-11-26 10:00'),
      'twin-2.md': front('title: 쌍둥이 2\nslug: twin\ndate: 2026-11-25 10:00'),
      'owner.md': front('title: 주인\nslug: shared\ndate: 2026-11-26 10:00'),
      'owner-later.md': front('title: 예약된 같은 주소\nslug: shared\ndate: 2026-11-27 14:00'),
    };
    for (let day = 1; day <= 6; day += 1)
      files[`filler-${day}.md`] = front(
        `title: 기사 ${day}\nslug: filler-${day}\ndate: 2026-11-2${day} 10:00`,
      );
    const older = ['filler-5', 'filler-4', 'filler-3', 'filler-2', 'filler-1'];
    const folder = folderOf(files);
    for (const { reader, view } of folder.views) {
      // The published 'shared' owns its slug while the other file waits for its time.
      expect(articleSlugs(crawl(view, 2).locs), reader).toEqual(['filler-6', 'shared', ...older]);
    }
    // Once both are out, the scheduled article is listed, and the two files named 'shared' hide each other.
    for (const { reader, view } of folder.at(new Date('2026-11-27T15:00:00+09:00'))) {
      expect(articleSlugs(crawl(view, 2).locs), reader).toEqual(['later', 'filler-6', ...older]);
    }
  });

  it('answers no part for a made-up number, and reads nothing past the end', () => {
    const files: Record<string, string> = {};
    for (let day = 1; day <= 9; day += 1)
      files[`a${day}.md`] = front(`title: 기사 ${day}\ndate: 2026-11-1${day} 10:00`);
    for (const { reader, view } of folderOf(files).views) {
      const { parts } = crawl(view, 4);
      expect(parts, reader).toHaveLength(3);
      for (const part of [
        0,
        -1,
        1.5,
        Number.NaN,
        Infinity,
        -Infinity,
        4,
        99_999,
        Number.MAX_SAFE_INTEGER,
        2 ** 60,
        1e300,
      ]) {
        expect(renderSitemapPart(view, part, 4), `${reader} part ${part}`).toBeUndefined();
      }
      // One file holds every URL: there are no parts at all, not even a first.
      expect(renderSitemapPart(view, 1), reader).toBeUndefined();
      const windows: [number, number][] = [
        [5, 9],
        [5, 10],
        [5, 1e9],
        [5, Number.MAX_SAFE_INTEGER],
        [0, 0],
        [-1, 0],
        [1.5, 0],
        [5, -1],
        [5, 0.5],
        [Number.NaN, 0],
        [Infinity, 0],
      ];
      for (const [limit, offset] of windows) {
        expect(listArticleStamps(view, limit, offset), `${reader} ${limit} from ${offset}`).toEqual(
          [],
        );
      }
      expect(
        listArticleStamps(view, Number.MAX_SAFE_INTEGER, 8).map((stamp) => stamp.slug),
        reader,
      ).toEqual(['a1']);
    }
  });

  it('points every part at the site’s own address when SITE_URL is not a usable one', () => {
    const files: Record<string, string> = {
      '_site.yml': 'name: 한글 뉴스\nurl: https://news.example.com\n',
    };
    for (let day = 1; day <= 5; day += 1)
      files[`a${day}.md`] = front(`title: 기사 ${day}\ndate: 2026-11-1${day} 10:00`);
    const settings = getSiteSettings({ SITE_URL: 'https://news.example.kr/base/' });
    for (const { reader, view } of folderOf(files, settings).views) {
      const { parts, locs } = crawl(view, 2);
      expect(parts, reader).toEqual([
        'https://news.example.com/sitemaps/1.xml',
        'https://news.example.com/sitemaps/2.xml',
        'https://news.example.com/sitemaps/3.xml',
      ]);
      expect(
        locs.every((loc) => loc.startsWith('https://news.example.com/')),
        reader,
      ).toBe(true);
      expect(locs, reader).toHaveLength(6);
    }
  });
});

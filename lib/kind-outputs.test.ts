import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';

import { getArticle } from '@/lib/content';
import { viewsOfFolder } from '@/lib/content/testing/both-views';

import { renderFeed } from './feeds';
import { getBreakingItems } from './breaking';
import { getArticleBody } from './render';
import { renderNewsSitemap } from './sitemaps';
import { toNewsArticleJsonLd } from './structured-data';

const now = new Date('2026-11-27T12:00:00+09:00');
const front = (lines: string, body = '본문') => `---\n${lines}\n---\n${body}\n`;

// Every kind once, a hostile label and agency: what feeds, JSON-LD and the news sitemap say of each.
const folder = viewsOfFolder(
  {
    '_site.yml':
      'name: 시험일보\nurl: https://news.example.kr\nlabels:\n  칼럼: "<b>칼럼</b> & 시론"\n',
    'news.md': front('title: 보도\ndate: 2026-11-27 11:00\nsource: "<i>연합뉴스</i>"'),
    'editorial.md': front('title: 사설 하나\ndate: 2026-11-27 10:00\nkind: 사설'),
    'column.md': front('title: 칼럼 하나\ndate: 2026-11-27 09:00\nkind: 칼럼'),
    'guest.md': front('title: 기고 하나\ndate: 2026-11-27 08:00\nkind: 기고'),
    'interview.md': front('title: 인터뷰 하나\ndate: 2026-11-27 07:00\nkind: 인터뷰'),
    'release.md': front('title: 보도자료 하나\ndate: 2026-11-27 06:00\nkind: 보도자료'),
    'ad.md': front(
      'title: 협찬 기사\ndate: 2026-11-27 05:00\nkind: 협찬',
      '[후원사](https://sponsor.example/) [우리 기사](/articles/news) [상대 경로](https://news.example.kr/about)',
    ),
  },
  now,
);

afterAll(() => folder.close());

describe.each(folder.views)(
  'what readers and machines are told of a kind ($reader)',
  ({ view }) => {
    const find = (slug: string) => {
      const article = getArticle(view, slug);
      if (!article) throw new Error(`no ${slug}`);
      return article;
    };

    it('JSON-LD: OpinionNewsArticle for 사설, 칼럼 and 기고, AdvertiserContentArticle for 광고/협찬, the agency as sourceOrganization', () => {
      const types = ['news', 'editorial', 'column', 'guest', 'interview', 'release', 'ad'].map(
        (slug) => toNewsArticleJsonLd(view, find(slug), '')['@type'],
      );
      expect(types).toEqual([
        'NewsArticle',
        'OpinionNewsArticle',
        'OpinionNewsArticle',
        'OpinionNewsArticle',
        'NewsArticle',
        'NewsArticle',
        'AdvertiserContentArticle',
      ]);
      expect(toNewsArticleJsonLd(view, find('news'), '')).toMatchObject({
        sourceOrganization: { '@type': 'NewsMediaOrganization', name: '<i>연합뉴스</i>' },
      });
      expect(toNewsArticleJsonLd(view, find('editorial'), '')).not.toHaveProperty(
        'sourceOrganization',
      );
    });

    it('feeds: the label is a category (RSS, Atom) and a tag (JSON Feed), as text; a plain 기사 has none', async () => {
      const parser = new XMLParser({
        ignoreAttributes: false,
        isArray: (name) => name === 'item' || name === 'category' || name === 'entry',
      });
      const rss = parser.parse((await renderFeed(view, 'rss')) ?? '') as {
        rss: {
          channel: { item: { title: string; category?: (string | { '#text': string })[] }[] };
        };
      };
      const categories = (title: string) =>
        rss.rss.channel.item
          .find((i) => i.title === title)
          ?.category?.map((c) => (typeof c === 'string' ? c : c['#text']));
      expect(categories('사설 하나')).toEqual(['사설']);
      expect(categories('협찬 기사')).toEqual(['광고']);
      // The writer escapes it; parsed back it is the label's text, markup and all, never markup.
      expect(categories('칼럼 하나')).toEqual(['<b>칼럼</b> & 시론']);
      expect(categories('보도')).toBeUndefined();
      expect(categories('인터뷰 하나')).toBeUndefined();

      const atom = parser.parse((await renderFeed(view, 'atom')) ?? '') as {
        feed: {
          entry: {
            title: { '#text': string };
            category?: { '@_term': string; '@_label': string }[];
          }[];
        };
      };
      expect(atom.feed.entry.find((e) => e.title['#text'] === '기고 하나')?.category).toEqual([
        { '@_term': '기고', '@_label': '기고' },
      ]);

      const json = JSON.parse((await renderFeed(view, 'json')) ?? '') as {
        items: { title: string; tags: string[] }[];
      };
      expect(json.items.find((i) => i.title === '협찬 기사')?.tags).toEqual(['광고']);
      expect(json.items.find((i) => i.title === '보도')?.tags).toEqual([]);
    });

    it('the news sitemap leaves 광고/협찬 out and keeps every other kind', () => {
      const xml = renderNewsSitemap(view);
      for (const slug of ['news', 'editorial', 'column', 'guest', 'interview', 'release']) {
        expect(xml).toContain(`https://news.example.kr/articles/${slug}</loc>`);
      }
      expect(xml).not.toContain('/articles/ad<');
      expect(xml).not.toContain('협찬 기사');
    });

    it('links elsewhere in 광고/협찬 are rel="sponsored"; its own links and other kinds’ links are not', async () => {
      const ad = (await getArticleBody(find('ad'), 'https://news.example.kr')).html;
      expect(ad).toContain(
        '<a href="https://sponsor.example/" rel="noopener noreferrer nofollow ugc sponsored" target="_blank">후원사</a>',
      );
      expect(ad).toContain('<a href="/articles/news">우리 기사</a>');
      expect(ad).toContain('<a href="https://news.example.kr/about">상대 경로</a>');
    });
  },
);

// A 광고/협찬 or opinion piece marked breaking is listed in the 속보 strip and /api/breaking: it
// carries its label there as on every other list.
const breakingFolder = viewsOfFolder(
  {
    '_site.yml': 'name: 시험일보\nurl: https://news.example.kr\nlabels:\n  광고: "<i>AD</i>"\n',
    'ad.md': front('title: 협찬 속보\ndate: 2026-11-27 11:00\nkind: 협찬\nbreaking: true'),
    'editorial.md': front('title: 사설 속보\ndate: 2026-11-27 10:00\nkind: 사설\nbreaking: true'),
    'news.md': front('title: 보도 속보\ndate: 2026-11-27 09:00\nbreaking: true'),
  },
  now,
);

afterAll(() => breakingFolder.close());

describe.each(breakingFolder.views)('the breaking strip ($reader)', ({ view }) => {
  it('gives each item its kind label, as text; a plain 기사 has none', () => {
    expect(getBreakingItems(view).map((item) => [item.title, item.label])).toEqual([
      ['협찬 속보', '<i>AD</i>'],
      ['사설 속보', '사설'],
      ['보도 속보', undefined],
    ]);
  });
});

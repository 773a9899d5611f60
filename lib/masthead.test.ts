import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getView, getViewAt } from '@/lib/content';
import { getBreakingItems } from '@/lib/breaking';
import { getArticle, getMasthead } from '@/lib/content/testing/process-queries';
import { getContentStore } from '@/lib/content/process-store';
import { renderFeed } from '@/lib/feeds';
import { absoluteUrl, articlePath, categoryPath, pagePath, socialImagePath } from '@/lib/paths';
import { getArticleBody } from '@/lib/render';
import { renderNewsSitemap, renderSitemap } from '@/lib/sitemaps';
import { toNewsArticleJsonLd } from '@/lib/structured-data';

let dir: string;
const now = new Date('2026-11-27T12:00:00+09:00');

/** Forgets the in-process store, as a server restart would. */
function restart() {
  getContentStore().close();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news.content-store')];
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
  process.env.CONTENT_DIR = dir;
  fs.writeFileSync(
    path.join(dir, '_site.yml'),
    'name: 시험일보\ndescription: 시험용 신문\nurl: https://news.example.kr/\n',
  );
  fs.writeFileSync(
    path.join(dir, 'a.md'),
    '---\ntitle: 가\ndate: 2026-11-27 10:00\n---\n[안](https://news.example.kr/about) [밖](https://other.example/)\n',
  );
});

afterEach(() => {
  restart();
  delete process.env.CONTENT_DIR;
  delete process.env.SITE_URL;
  delete process.env.SITE_NAME;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the publication's name and URL come from _site.yml", () => {
  it('reach absolute links, feeds, the news sitemap and JSON-LD', async () => {
    expect(getMasthead()).toMatchObject({
      name: '시험일보',
      description: '시험용 신문',
      url: 'https://news.example.kr',
    });
    expect(absoluteUrl(getView(), '/articles/a')).toBe('https://news.example.kr/articles/a');

    const feed = JSON.parse((await renderFeed(getViewAt(now), 'json', undefined)) ?? '') as Record<
      string,
      unknown
    >;
    expect(feed).toMatchObject({
      title: '시험일보',
      description: '시험용 신문',
      home_page_url: 'https://news.example.kr/',
      feed_url: 'https://news.example.kr/feed.json',
    });
    const rss = (await renderFeed(getViewAt(now), 'rss', undefined)) ?? '';
    expect(rss).toContain('<copyright>ⓒ 시험일보. 무단전재 및 재배포 금지</copyright>');
    expect(renderNewsSitemap(getViewAt(new Date('2026-11-27T13:00:00+09:00')))).toContain(
      '<news:name>시험일보</news:name>',
    );

    const article = getArticle('a', now);
    if (!article) throw new Error('article missing');
    const jsonLd = toNewsArticleJsonLd(getView(), article, '');
    expect(jsonLd.publisher).toMatchObject({ name: '시험일보', url: 'https://news.example.kr/' });
    expect(jsonLd.url).toBe('https://news.example.kr/articles/a');
  });

  it('judges which body links lead elsewhere by that URL', async () => {
    const article = getArticle('a', now);
    if (!article) throw new Error('article missing');
    const { html } = await getArticleBody(article, getMasthead().url);
    expect(html).toContain('<a href="https://news.example.kr/about">안</a>');
    expect(html).toMatch(
      /<a href="https:\/\/other\.example\/" rel="[^"]*noopener[^"]*" target="_blank">밖<\/a>/,
    );
  });

  it('gives way to SITE_URL and SITE_NAME, which operators set', () => {
    restart();
    process.env.SITE_URL = 'https://mirror.example.kr';
    process.env.SITE_NAME = '거울일보';
    expect(getMasthead()).toMatchObject({ name: '거울일보', url: 'https://mirror.example.kr' });
    expect(absoluteUrl(getView(), '/')).toBe('https://mirror.example.kr/');
  });
});

/** Everything that builds an absolute URL on a request: none of it may throw. */
async function renderEverything() {
  const article = getArticle('a', now);
  if (!article) throw new Error('article missing');
  return {
    home: absoluteUrl(getView(), '/'),
    feeds: await Promise.all(
      (['rss', 'atom', 'json'] as const).map((format) =>
        renderFeed(getViewAt(now), format, undefined),
      ),
    ),
    sitemap: renderSitemap(getView()),
    news: renderNewsSitemap(getViewAt(now)),
    breaking: getBreakingItems(getViewAt(now)),
    jsonLd: toNewsArticleJsonLd(getView(), article, ''),
    body: (await getArticleBody(article, getMasthead().url, { absolute: true })).html,
  };
}

describe('only an http(s) URL is the site URL', () => {
  it.each([
    'mailto:x@y.z',
    'javascript:alert(1)',
    'ftp://news.example.kr',
    '/news',
    'news.example.kr',
    'https://news.example.kr/?utm=1',
  ])('url: %s in _site.yml is an error at its line, and the site keeps working', async (url) => {
    restart();
    fs.writeFileSync(path.join(dir, '_site.yml'), `name: 시험일보\nurl: "${url}"\n`);
    const problems = getContentStore().getProblems();
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: '_site.yml',
        line: 2,
        severity: 'error',
        message: 'url: 경로 없는 http(s) 주소여야 합니다 (예: https://news.example.com)',
      }),
    );
    // No good identity yet: the built-in one serves.
    expect(getMasthead().url).toBe('http://localhost:3000');
    const rendered = await renderEverything();
    expect(rendered.home).toBe('http://localhost:3000/');
    expect(rendered.feeds.every((feed) => feed?.includes('http://localhost:3000/articles/a'))).toBe(
      true,
    );
  });

  it('keeps the last good identity when url turns into mailto:', async () => {
    expect(getMasthead()).toMatchObject({ name: '시험일보', url: 'https://news.example.kr' });
    fs.writeFileSync(path.join(dir, '_site.yml'), 'name: 바뀐일보\nurl: "mailto:x@y.z"\n');
    await vi.waitFor(
      () =>
        expect(
          getContentStore()
            .getProblems()
            .some((p) => p.file === '_site.yml' && p.severity === 'error'),
        ).toBe(true),
      { timeout: 5000 },
    );
    expect(getMasthead()).toMatchObject({ name: '시험일보', url: 'https://news.example.kr' });
    const rendered = await renderEverything();
    expect(rendered.breaking).toEqual([]);
    expect(rendered.jsonLd.url).toBe('https://news.example.kr/articles/a');
  });

  it('ignores a SITE_URL that is not http(s), saying so once in the log', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // A path too: the site has no base path, and half its links would leave it out.
      for (const bad of ['mailto:x@y.z', 'javascript:alert(1)', 'https://news.example.com/sub/']) {
        restart();
        process.env.SITE_URL = bad;
        expect(getMasthead().url).toBe('https://news.example.kr');
        expect(absoluteUrl(getView(), '/articles/a')).toBe('https://news.example.kr/articles/a');
        restart();
        expect(getMasthead().url).toBe('https://news.example.kr');
      }
      expect(log.mock.calls.map((call) => String(call[0]))).toEqual([
        'SITE_URL "mailto:x@y.z"은 경로 없는 http(s) 주소가 아니어서 쓰지 않습니다 (예: https://news.example.com)',
        'SITE_URL "javascript:alert(1)"은 경로 없는 http(s) 주소가 아니어서 쓰지 않습니다 (예: https://news.example.com)',
        'SITE_URL "https://news.example.com/sub/"은 경로 없는 http(s) 주소가 아니어서 쓰지 않습니다 (예: https://news.example.com)',
      ]);
    } finally {
      log.mockRestore();
    }
  });
});

describe('absolute URLs never throw, whatever the path', () => {
  const hostile = [
    '%',
    '%E0%A4%A',
    '\uD800',
    '\u1112\u1161\u11AB\u1100\u1173\u11AF', // 한글 in NFD
    'a'.repeat(100_000),
    '../../etc/passwd',
    '?#',
    ' ',
  ];
  it.each(hostile.map((slug) => [JSON.stringify(slug).slice(0, 40), slug]))(
    'slug %s',
    (_name, slug) => {
      for (const path of [
        articlePath(slug),
        categoryPath(slug, 2),
        pagePath(slug),
        socialImagePath(slug),
      ]) {
        const url = new URL(absoluteUrl(getView(), path));
        expect(url.origin).toBe('https://news.example.kr');
      }
    },
  );

  it.each(['//[', 'http://[', 'https://exa mple.kr/', 'http://%zz/'])(
    'a URL no parser accepts (%s) gives the home page',
    (bad) => {
      expect(absoluteUrl(getView(), bad)).toBe('https://news.example.kr/');
    },
  );
});

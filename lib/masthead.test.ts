import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { getArticle, getMasthead } from '@/lib/content';
import { getContentStore } from '@/lib/content/process-store';
import { renderFeed } from '@/lib/feeds';
import { absoluteUrl } from '@/lib/paths';
import { getArticleBody } from '@/lib/render';
import { renderNewsSitemap } from '@/lib/sitemaps';
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
    expect(getMasthead()).toMatchObject({ name: '시험일보', description: '시험용 신문', url: 'https://news.example.kr' });
    expect(absoluteUrl('/articles/a')).toBe('https://news.example.kr/articles/a');

    const feed = JSON.parse((await renderFeed('json', undefined, now)) ?? '') as Record<string, unknown>;
    expect(feed).toMatchObject({
      title: '시험일보',
      description: '시험용 신문',
      home_page_url: 'https://news.example.kr/',
      feed_url: 'https://news.example.kr/feed.json',
    });
    const rss = (await renderFeed('rss', undefined, now)) ?? '';
    expect(rss).toContain('<copyright>ⓒ 시험일보. 무단전재 및 재배포 금지</copyright>');
    expect(renderNewsSitemap(new Date('2026-11-27T13:00:00+09:00'))).toContain('<news:name>시험일보</news:name>');

    const article = getArticle('a', now);
    if (!article) throw new Error('article missing');
    const jsonLd = toNewsArticleJsonLd(article, '');
    expect(jsonLd.publisher).toMatchObject({ name: '시험일보', url: 'https://news.example.kr/' });
    expect(jsonLd.url).toBe('https://news.example.kr/articles/a');
  });

  it('judges which body links lead elsewhere by that URL', async () => {
    const article = getArticle('a', now);
    if (!article) throw new Error('article missing');
    const { html } = await getArticleBody(article);
    expect(html).toContain('<a href="https://news.example.kr/about">안</a>');
    expect(html).toMatch(/<a href="https:\/\/other\.example\/" rel="[^"]*noopener[^"]*" target="_blank">밖<\/a>/);
  });

  it('gives way to SITE_URL and SITE_NAME, which operators set', () => {
    restart();
    process.env.SITE_URL = 'https://mirror.example.kr';
    process.env.SITE_NAME = '거울일보';
    expect(getMasthead()).toMatchObject({ name: '거울일보', url: 'https://mirror.example.kr' });
    expect(absoluteUrl('/')).toBe('https://mirror.example.kr/');
  });
});

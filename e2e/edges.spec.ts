import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { dateFromNow, parseFeed, parseXmlStrictly, writeArticle } from './support';

const EDGE = encodeURIComponent('경계');
// What the fixture's title says once its control characters are gone (e2e/fixtures/content/edges).
const EDGE_TITLE = '경계 시험 A]]><link>https://evil.example/</link>]]>B끝';

test.describe('feeds and sitemaps stay valid for any content', () => {
  for (const url of [
    '/feed.xml',
    '/atom.xml',
    `/category/${EDGE}/feed.xml`,
    `/category/${EDGE}/atom.xml`,
    '/sitemap.xml',
    '/news-sitemap.xml',
  ]) {
    test(`${url} is well-formed XML to a strict parser`, async ({ request }) => {
      const response = await request.get(url);
      expect(response.status()).toBe(200);
      const body = await response.text();
      expect(body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      expect(() => parseXmlStrictly(body)).not.toThrow();
    });
  }

  for (const file of ['feed.xml', 'atom.xml']) {
    test(`${file}: a title with ]]> twice injects nothing, and text stays text`, async ({
      request,
    }) => {
      const feed = parseFeed(await (await request.get(`/category/${EDGE}/${file}`)).text());
      expect(feed.bozo_exception).toBe('');
      expect(feed.entries).toHaveLength(1);
      const [entry] = feed.entries;
      expect(entry?.title_shown).toBe(EDGE_TITLE);
      expect(entry?.title_tags).toEqual([]);
      expect(entry?.link).toBe('http://127.0.0.1:3100/articles/feed-injection');
      expect(entry?.links.every((href) => !href.includes('evil.example'))).toBe(true);
      // The excerpt is text: the reader shows the markup's letters, and no element.
      expect(entry?.summary_shown).toContain('<img src=x onerror=alert(1)>');
      expect(entry?.summary_shown).toContain('<meta http-equiv="refresh"');
      expect(entry?.summary_tags).toEqual([]);
    });
  }

  test('the news sitemap is an empty urlset, not an error, when nothing is new', async ({
    request,
  }) => {
    const response = await request.get('/news-sitemap.xml');
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('<urlset');
  });
});

test.describe('unpublished content never leaks or harms', () => {
  for (const category of ['비공개분류', '예약분류']) {
    test(`a category used only by a ${category === '비공개분류' ? 'draft' : 'scheduled article'} is 404 everywhere`, async ({
      request,
    }) => {
      const slug = encodeURIComponent(category);
      for (const url of [
        `/category/${slug}`,
        `/category/${slug}/page/1`,
        `/category/${slug}/page/2`,
        `/category/${slug}/feed.xml`,
        `/category/${slug}/atom.xml`,
        `/category/${slug}/feed.json`,
      ]) {
        expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
      }
      for (const url of ['/categories', '/sitemap.xml', '/feed.xml', '/feed.json']) {
        expect(await (await request.get(url)).text(), url).not.toContain(category);
      }
      // Search echoes the query, so what matters is that it finds nothing.
      const results = await (await request.get(`/search?q=${slug}`)).text();
      expect(results).toContain('맞는 기사가 없습니다');
    });
  }

  test('a draft and a scheduled file with a published article’s slug leave it up', async ({
    request,
  }) => {
    const response = await request.get('/articles/semiconductor-exports-record');
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('반도체 수출 역대 최대');
  });

  test('a share card asked for before its article publishes works once it does', async ({
    request,
  }) => {
    const slug = `og-scheduled-${Date.now()}`;
    const remove = writeArticle(
      `edges/${slug}.md`,
      `---\ntitle: 곧 게시될 기사\ndate: ${dateFromNow(4000)}\n---\n\n본문.\n`,
    );
    try {
      const early = await request.get(`/og/${slug}`);
      expect(early.status()).toBe(404);
      expect(early.headers()['cache-control']).toBe('no-store');
      await expect
        .poll(async () => (await request.get(`/og/${slug}`)).status(), { timeout: 15_000 })
        .toBe(200);
    } finally {
      remove();
    }
  });
});

test.describe('the content folder never breaks the build or the server', () => {
  test('links out of the folder are not articles; the rest of the site works', async ({
    request,
  }) => {
    expect((await request.get('/articles/outside-link')).status()).toBe(404);
    expect((await request.get('/articles/outside-folder-article')).status()).toBe(404);
    expect((await request.get('/')).status()).toBe(200);
  });

  test('outside links spelled //host or /\\t/host open safely, and an editor’s rel never survives', async ({
    page,
  }) => {
    await page.goto('/articles/feed-injection');
    for (const name of ['밖으로 가는 링크', '탭이 든 링크']) {
      const link = page.getByRole('link', { name });
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow ugc');
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('href', /^http:\/\/evil\.example\//);
    }
  });
});

test.describe('requests stay bounded', () => {
  test('the image optimizer is off: /_next/image resizes nothing', async ({ request }) => {
    const response = await request.get('/_next/image?url=%2Fimages%2Fchips.svg&w=3840&q=75');
    expect(response.status()).toBeGreaterThanOrEqual(400);
  });

  test('other spellings of a Hangul URL redirect permanently to the NFC one', async ({
    request,
  }) => {
    const nfc = '한글-주소-기사';
    const nfd = encodeURIComponent(nfc.normalize('NFD'));
    const response = await request.get(`/articles/${nfd}`, { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    expect(response.headers().location).toContain(`/articles/${encodeURIComponent(nfc)}`);
    const category = await request.get(`/category/${encodeURIComponent('경제'.normalize('NFD'))}`, {
      maxRedirects: 0,
    });
    expect(category.status()).toBe(308);
  });

  test('1,000 made-up URLs add no entry to the page cache', async ({ request }) => {
    // A thousand renders of not-found pages take most of a minute on two busy cores.
    test.setTimeout(240_000);
    const cacheDir = path.resolve('.next/server/app');
    const count = () => fs.readdirSync(cacheDir, { recursive: true }).length;
    // Warm the real pages first, so only made-up URLs are left to add anything.
    for (const url of [
      '/',
      '/articles/semiconductor-exports-record',
      `/category/${encodeURIComponent('경제')}`,
    ])
      await request.get(url);
    const before = count();
    const syllables = [...'한글주소기사'];
    const urls: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const kind = i % 5;
      if (kind === 0) urls.push(`/articles/made-up-${i}`);
      else if (kind === 1) urls.push(`/category/made-up-${i}/page/${1 + (i % 3)}`);
      else if (kind === 2) urls.push(`/og/made-up-${i}`);
      else if (kind === 3) urls.push(`/category/${encodeURIComponent('경제')}/page/${1000 + i}`);
      else {
        // A different mix of NFC and NFD syllables each time: the same article, spelled anew.
        const spelled = syllables
          .map((s, j) => (j === 0 || (i >> j) & 1 ? s.normalize('NFD') : s))
          .join('');
        urls.push(
          `/articles/${encodeURIComponent(`${spelled.slice(0, 2)}-${spelled.slice(2, 4)}-${spelled.slice(4)}`)}`,
        );
      }
    }
    for (let i = 0; i < urls.length; i += 20) {
      const statuses = await Promise.all(
        urls
          .slice(i, i + 20)
          .map(async (url) => (await request.get(url, { maxRedirects: 0 })).status()),
      );
      for (const status of statuses) expect([308, 404]).toContain(status);
    }
    expect(count()).toBe(before);
  });
});

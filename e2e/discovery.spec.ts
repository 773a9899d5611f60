import { expect, test } from '@playwright/test';

import { dateFromNow, parseFeed, recordDialogs, writeArticle } from './support';

test.describe('search', () => {
  test('finds Korean words with particles attached, from the masthead form', async ({ page }) => {
    await page.goto('/');
    const form = page.getByRole('search').first();
    await form.getByRole('searchbox', { name: '기사 검색' }).fill('네이버');
    await form.getByRole('button', { name: '검색' }).click();
    await expect(page).toHaveURL(/\/search\?q=%EB%84%A4%EC%9D%B4%EB%B2%84/);
    const results = page.getByRole('main').getByRole('listitem');
    await expect(
      results.getByRole('link', { name: '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자' }),
    ).toBeVisible();
    await expect(page.getByRole('main').locator('mark').first()).toHaveText('네이버');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });

  test('matches partial words, mixed scripts and Latin in any case, titles first', async ({
    page,
  }) => {
    for (const [query, title] of [
      ['소버', '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자'],
      ['소버린 AI', '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자'],
      ['llm', '국산 거대언어모델, 한국어 이해 평가서 해외 모델 앞질러'],
      ['서울의', '수도권 첫눈과 함께 한파특보… 내일 아침 서울 영하 9도'],
      ['SUBWAY', "Seoul's newest subway line runs without drivers from day one"],
    ] as const) {
      await page.goto(`/search?q=${encodeURIComponent(query)}`);
      await expect(
        page.getByRole('main').getByRole('link', { name: title, exact: true }),
      ).toBeVisible();
    }
    await page.goto(`/search?q=${encodeURIComponent('반도체')}`);
    await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toHaveText(
      '반도체 수출 역대 최대… 11월 1~20일 전년 대비 31% 증가',
    );
  });

  test('answers empty, overlong and hostile queries with a calm page', async ({ page }) => {
    const dialogs = recordDialogs(page);
    for (const query of [
      '',
      '   ',
      '가나다'.repeat(400),
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '%E0%A4%A',
      '*'.repeat(300),
    ]) {
      const response = await page.goto(`/search?q=${encodeURIComponent(query)}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('검색');
    }
    await page.goto(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    await expect(page.getByRole('main')).toContainText('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
  });

  test('finds a newly written article without a rebuild, and works without JavaScript', async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const word = `검색시험${Date.now()}`;
    const remove = writeArticle(
      `live/search-${word}.md`,
      `---\ntitle: ${word}을 다룬 기사\ndate: ${dateFromNow(-60_000)}\n---\n본문\n`,
    );
    try {
      await expect(async () => {
        await page.goto(`/search?q=${encodeURIComponent(word)}`);
        await expect(page.getByRole('link', { name: `${word}을 다룬 기사` })).toBeVisible({
          timeout: 500,
        });
      }).toPass({ timeout: 5_000 });
    } finally {
      remove();
      await context.close();
    }
  });
});

test.describe('feeds', () => {
  for (const [file, version] of [
    ['feed.xml', 'rss20'],
    ['atom.xml', 'atom10'],
  ] as const) {
    test(`/${file} parses in a real feed reader with full, dated, absolute items`, async ({
      request,
    }) => {
      const response = await request.get(`/${file}`);
      expect(response.status()).toBe(200);
      const feed = parseFeed(await response.text());
      expect(feed.bozo_exception).toBe('');
      expect(feed.version).toBe(version);
      expect(feed.title).toBe('한빛일보');
      expect(feed.entries.length).toBeGreaterThanOrEqual(10);
      expect(feed.entries.length).toBeLessThanOrEqual(50);
      const chips = feed.entries.find((e) => e.title.startsWith('반도체 수출 역대 최대'));
      expect(chips?.link).toBe('http://127.0.0.1:3100/articles/semiconductor-exports-record');
      expect(chips?.published_parsed?.slice(0, 5)).toEqual([2026, 11, 27, 0, 10]);
      expect(chips?.tags).toContain('경제');
      const content = chips?.content.join('') || chips?.summary || '';
      expect(content).toContain('품목별 수출 증감');
      for (const entry of feed.entries) {
        expect(entry.link).toMatch(/^http:\/\/127\.0\.0\.1:3100\/articles\//);
        expect(entry.content.join('')).not.toMatch(/(src|href)="\//);
        expect(entry.content.join('').toLowerCase()).not.toContain('<script');
      }
      const withAuthor = feed.entries.find((e) => e.title.startsWith('한국은행'));
      expect(withAuthor?.author).toContain('박준호');
      const times = feed.entries.map((e) =>
        Date.UTC(
          ...((e.published_parsed ?? [0, 1, 1, 0, 0, 0]) as [
            number,
            number,
            number,
            number,
            number,
            number,
          ]),
        ),
      );
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });
  }

  test('/feed.json is JSON Feed 1.1 with full, dated, absolute items', async ({ request }) => {
    // Debian's feedparser (6.0) predates JSON Feed, so the fields the 1.1 spec requires are checked here.
    const response = await request.get('/feed.json');
    expect(response.headers()['content-type']).toContain('application/feed+json');
    const feed = (await response.json()) as {
      version: string;
      title: string;
      feed_url: string;
      items: {
        id: string;
        url: string;
        title: string;
        content_html: string;
        date_published: string;
        authors?: { name: string }[];
        tags: string[];
      }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('한빛일보');
    expect(feed.feed_url).toBe('http://127.0.0.1:3100/feed.json');
    const chips = feed.items.find((item) => item.title.startsWith('반도체 수출 역대 최대'));
    expect(chips).toMatchObject({
      id: 'http://127.0.0.1:3100/articles/semiconductor-exports-record',
      url: 'http://127.0.0.1:3100/articles/semiconductor-exports-record',
      date_published: '2026-11-27T00:10:00.000Z',
    });
    expect(chips?.tags).toContain('경제');
    expect(chips?.content_html).toContain('품목별 수출 증감');
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.content_html).not.toMatch(/(src|href)="\//);
    }
    const dates = feed.items.map((item) => Date.parse(item.date_published));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  test('each category has its own feeds, linked from the page head', async ({ page, request }) => {
    await page.goto(`/category/${encodeURIComponent('경제')}`);
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
      await expect(page.locator(`head link[rel="alternate"][type="${type}"]`)).toHaveCount(2);
    }
    const feed = parseFeed(
      await (await request.get(`/category/${encodeURIComponent('경제')}/feed.xml`)).text(),
    );
    expect(feed.entries.map((e) => e.title).sort()).toEqual(
      [
        '반도체 수출 역대 최대… 11월 1~20일 전년 대비 31% 증가',
        '올해 김장 비용 4인 가족 31만 원… 배추값 내려 작년보다 6% 싸',
        '한국은행, 기준금리 연 2.50% 동결… "환율 변동성 주시"',
      ].sort(),
    );
    expect((await request.get('/category/no-such/feed.xml')).status()).toBe(404);
  });

  test('a hostile title stays text in the feed', async ({ request }) => {
    const feed = parseFeed(
      await (await request.get('/category/%EC%8B%9C%ED%97%98/feed.xml')).text(),
    );
    expect(feed.bozo_exception).toBe('');
    // RSS titles are HTML to readers: the reader shows the literal text, and no tag is in it.
    const shown = feed.entries.map((e) => e.title_shown);
    expect(shown).toContain("</title><script>window.__pwned='title'</script>");
    expect(shown).toContain(
      "\"><img src=x onerror=\"window.__pwned='fm-title'\"><script>window.__pwned='fm-title2'</script>",
    );
    expect(feed.entries.flatMap((e) => e.title_tags)).toEqual([]);
  });
});

test.describe('sitemaps and robots', () => {
  test('sitemap.xml lists articles with lastmod and category pages', async ({ request }) => {
    const xml = await (await request.get('/sitemap.xml')).text();
    expect(xml).toContain(
      // Its lastmod is its correction's time (14:30 KST), not its publication's.
      '<loc>http://127.0.0.1:3100/articles/semiconductor-exports-record</loc><lastmod>2026-11-27T05:30:00.000Z</lastmod>',
    );
    expect(xml).toContain(
      `<loc>http://127.0.0.1:3100/category/${encodeURIComponent('경제')}</loc>`,
    );
    expect(xml).not.toContain('draft-article');
    expect(xml).not.toContain('scheduled-for-2099');
  });

  test('news-sitemap.xml has articles of the last 48 hours only', async ({ request }) => {
    const fresh = `news-fresh-${Date.now()}`;
    const stale = `news-stale-${Date.now()}`;
    const removeFresh = writeArticle(
      `live/${fresh}.md`,
      `---\ntitle: 따끈한 기사\ndate: ${dateFromNow(-3600_000)}\n---\n본문\n`,
    );
    const removeStale = writeArticle(
      `live/${stale}.md`,
      `---\ntitle: 사흘 지난 기사\ndate: ${dateFromNow(-72 * 3600_000)}\n---\n본문\n`,
    );
    try {
      await expect(async () => {
        const xml = await (await request.get('/news-sitemap.xml')).text();
        expect(xml).toContain(
          `/articles/${fresh}</loc><news:news><news:publication><news:name>한빛일보</news:name><news:language>ko</news:language>`,
        );
        expect(xml).toContain('<news:title>따끈한 기사</news:title>');
        expect(xml).not.toContain(stale);
      }).toPass({ timeout: 5_000 });
    } finally {
      removeFresh();
      removeStale();
    }
  });

  test('robots.txt names both sitemaps and keeps crawlers out of previews', async ({ request }) => {
    const text = await (await request.get('/robots.txt')).text();
    expect(text).toContain('Sitemap: http://127.0.0.1:3100/sitemap.xml');
    expect(text).toContain('Sitemap: http://127.0.0.1:3100/news-sitemap.xml');
    expect(text).toContain('Disallow: /preview/');
  });
});

test.describe('metadata', () => {
  async function jsonLd(page: import('@playwright/test').Page) {
    const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
    return texts.map((t) => JSON.parse(t) as Record<string, unknown>);
  }

  test('an article has NewsArticle and BreadcrumbList structured data with Korea-time dates', async ({
    page,
  }) => {
    await page.goto('/articles/2026-11-26-base-rate-freeze');
    const [article, breadcrumb] = await jsonLd(page);
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      headline: '한국은행, 기준금리 연 2.50% 동결… "환율 변동성 주시"',
      image: ['http://127.0.0.1:3100/images/bank.svg'],
      datePublished: '2026-11-26T10:20:00+09:00',
      dateModified: '2026-11-26T14:05:00+09:00',
      author: [
        {
          '@type': 'Person',
          name: '박준호',
          jobTitle: '선임기자',
          url: 'http://127.0.0.1:3100/reporters/park-junho',
          email: 'junho.park@hanbit-news.example',
        },
      ],
      publisher: { name: '한빛일보', logo: { url: 'http://127.0.0.1:3100/logo.png' } },
      mainEntityOfPage: { '@id': 'http://127.0.0.1:3100/articles/2026-11-26-base-rate-freeze' },
      articleSection: ['경제'],
      inLanguage: 'ko',
    });
    expect(breadcrumb).toMatchObject({ '@type': 'BreadcrumbList' });
    expect((breadcrumb?.itemListElement as unknown[]).length).toBe(3);
    const logo = await page.request.get('/logo.png');
    expect(logo.headers()['content-type']).toBe('image/png');
  });

  test('an article has Open Graph article tags, a Twitter card, a canonical URL and hreflang', async ({
    page,
  }) => {
    await page.goto('/articles/seoul-driverless-subway');
    const meta = (property: string) =>
      page.locator(`meta[property="${property}"], meta[name="${property}"]`).first();
    await expect(meta('og:type')).toHaveAttribute('content', 'article');
    await expect(meta('article:published_time')).toHaveAttribute(
      'content',
      '2026-11-24T06:00:00.000Z',
    );
    await expect(meta('article:section')).toHaveAttribute('content', '국제');
    await expect(page.locator('meta[property="article:tag"]')).toHaveCount(4); // its category and its three tags
    await expect(meta('og:image')).toHaveAttribute(
      'content',
      'http://127.0.0.1:3100/images/subway.svg',
    );
    await expect(meta('og:locale')).toHaveAttribute('content', 'en_US');
    await expect(meta('twitter:card')).toHaveAttribute('content', 'summary_large_image');
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
      'href',
      'http://127.0.0.1:3100/articles/seoul-driverless-subway',
    );
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute(
      'href',
      /\/articles\/seoul-driverless-subway$/,
    );
    await expect(page).toHaveTitle(
      "Seoul's newest subway line runs without drivers from day one | 한빛일보",
    );
  });

  test('an article without an image gets a generated share card with its Korean title', async ({
    page,
  }) => {
    await page.goto(`/articles/${encodeURIComponent('한글-주소-기사')}`);
    const image = await page.locator('meta[property="og:image"]').first().getAttribute('content');
    expect(image).toBe(`http://127.0.0.1:3100/og/${encodeURIComponent('한글-주소-기사')}`);
    const response = await page.request.get(image ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    expect((await response.body()).length).toBeGreaterThan(5000);
  });

  test('home has WebSite structured data with a SearchAction that works', async ({ page }) => {
    await page.goto('/');
    const [site] = await jsonLd(page);
    expect(site).toMatchObject({
      '@type': 'WebSite',
      potentialAction: {
        '@type': 'SearchAction',
        target: { urlTemplate: 'http://127.0.0.1:3100/search?q={search_term_string}' },
      },
    });
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
      'href',
      'http://127.0.0.1:3100',
    );
  });

  test('a hostile title cannot break out of the JSON-LD script', async ({ page }) => {
    await page.goto('/articles/hostile-markdown');
    const [article] = await jsonLd(page);
    expect(article?.headline).toBe("</title><script>window.__pwned='title'</script>");
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
    ).toBeUndefined();
  });
});

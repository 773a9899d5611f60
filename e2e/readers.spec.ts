import { expect, test } from '@playwright/test';

import { dateFromNow, writeArticle } from './support';

test.describe("editors' colours", () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`coloured emphasis from a Tistory post shows as palette classes (${colorScheme})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto('/articles/kimjang-cost-survey');
      const body = page.locator('article .prose');
      await expect(body.locator('[style]')).toHaveCount(0);
      const red = body.locator('span.ed-red', { hasText: '31만 2천 원' });
      const highlight = body.locator('span.ed-bg-yellow');
      await expect(red).toBeVisible();
      await expect(highlight).toBeVisible();
      await expect(body.locator('td.ed-blue')).toHaveCount(2);
      const colours = await page.evaluate(() => {
        const get = (selector: string, property: 'color' | 'backgroundColor') => {
          const el = document.querySelector(selector);
          return el ? getComputedStyle(el)[property] : '';
        };
        return {
          red: get('article .prose span.ed-red', 'color'),
          text: get('article .prose p', 'color'),
          highlight: get('article .prose span.ed-bg-yellow', 'backgroundColor'),
        };
      });
      expect(colours.red).not.toBe(colours.text);
      expect(colours.red).toBe(colorScheme === 'light' ? 'rgb(161, 26, 26)' : 'rgb(252, 165, 165)');
      expect(colours.highlight).toBe(colorScheme === 'light' ? 'rgb(254, 240, 138)' : 'rgb(66, 32, 6)');
      await context.close();
    });
  }
});

test.describe('video embeds, privacy first', () => {
  test('the facade loads nothing from the provider until clicked, then only the nocookie player', async ({
    page,
    baseURL,
  }) => {
    const origin = new URL(baseURL ?? '').origin;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.route('https://www.youtube-nocookie.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>player</title>' }),
    );
    await page.goto('/articles/nuri-rocket-launch-prep');
    const facade = page.getByRole('link', { name: /누리호 5차 발사체 조립 현장.*재생/ });
    await expect(facade).toBeVisible();
    await expect(facade).toHaveAttribute('href', 'https://www.youtube.com/watch?v=KARI_nuri05');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);

    await facade.click();
    const frame = page.locator('article iframe');
    await expect(frame).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/KARI_nuri05?autoplay=1&rel=0');
    await expect(frame).toHaveAttribute('sandbox', /allow-scripts/);
    await expect(frame).toBeFocused();
    const outside = [...new Set(requests.map((url) => new URL(url).origin))].filter((o) => o !== origin);
    expect(outside).toEqual(['https://www.youtube-nocookie.com']);
  });

  test('without JavaScript the facade is a plain link to the video', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/articles/nuri-rocket-launch-prep');
    const facade = page.getByRole('link', { name: /재생 \(YouTube\)/ });
    await expect(facade).toHaveAttribute('href', 'https://www.youtube.com/watch?v=KARI_nuri05');
    await expect(page.locator('iframe')).toHaveCount(0);
    await context.close();
  });
});

// The one request off the site an editor can cause: a photo they linked from another host, as the
// seed's banner is. The site itself adds none (no fonts, scripts, trackers or players).
const EDITORS_REMOTE_IMAGES = ['https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg'];

test.describe('no third-party requests', () => {
  for (const path of [
    '/',
    '/articles/000_b421e53fca27d6b0',
    '/articles/nuri-rocket-launch-prep',
    '/articles/kimjang-cost-survey',
    `/category/${encodeURIComponent('경제')}`,
    '/reporters/park-junho',
    '/about',
    `/search?q=${encodeURIComponent('반도체')}`,
  ]) {
    test(`${decodeURIComponent(path)} loads from its own origin only`, async ({ page, baseURL }) => {
      const origin = new URL(baseURL ?? '').origin;
      const outside: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        const editors = request.resourceType() === 'image' && EDITORS_REMOTE_IMAGES.includes(url);
        if (new URL(url).origin !== origin && !editors) outside.push(url);
      });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(outside).toEqual([]);
    });
  }
});

test.describe('article toolbar', () => {
  const path = '/articles/2026-11-26-base-rate-freeze';

  test('URL 복사 puts the canonical URL on the clipboard and says so to everyone', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const page = await context.newPage();
    await page.goto(path);
    const tools = page.getByRole('group', { name: '기사 도구' });
    await tools.getByRole('button', { name: 'URL 복사' }).click();
    await expect(tools.getByRole('status')).toHaveText('기사 주소를 복사했습니다');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}${path}`);
    const x = tools.getByRole('link', { name: 'X에 공유 (새 창)' });
    expect(new URL((await x.getAttribute('href')) ?? '').searchParams.get('url')).toBe(`${baseURL}${path}`);
    await context.close();
  });

  test('글자 크기 is remembered across a reload and applied before the first paint', async ({ page }) => {
    await page.goto(path);
    const body = page.locator('article .article-text');
    const fontSize = () => body.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    const normal = await fontSize();
    const tools = page.getByRole('group', { name: '기사 도구' });
    await tools.getByRole('button', { name: '글자 크게' }).click();
    await tools.getByRole('button', { name: '글자 크게' }).press('Enter');
    await expect(tools.getByRole('status')).toHaveText('글자 크기: 가장 크게');
    await expect(tools.getByRole('button', { name: '글자 크게' })).toBeDisabled();
    const large = await fontSize();
    expect(large).toBeGreaterThan(normal * 1.2);

    await page.reload();
    // The size is already there in the first paint: no layout shift at all, and the same size.
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shift).toBe(0);
    expect(await fontSize()).toBe(large);
    await tools.getByRole('button', { name: '글자 작게' }).click();
    expect(await fontSize()).toBeLessThan(large);
  });

  test('print shows the article and its address, and hides navigation, banner and toolbar', async ({
    page,
    baseURL,
  }) => {
    await page.goto(path);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('article header')).toContainText('박준호 선임기자');
    await expect(page.getByText(`기사 주소: ${baseURL}${path}`)).toBeVisible();
    await expect(page.getByRole('navigation', { name: '분류' })).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(page.getByRole('group', { name: '기사 도구' })).toBeHidden();
    await expect(page.getByRole('heading', { name: '관련 기사' })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByText(`기사 주소: ${baseURL}${path}`)).toBeHidden();
  });
});

test.describe('많이 본 뉴스', () => {
  const baseball = '/articles/2026-11-20-baseball-korean-series';
  const election = '/articles/local-election-preparations';
  const reader = (n: number) =>
    `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.${n}.0 Safari/537.36`;

  // Readers are told apart by their address, never by their browser. The test talks to Node from
  // loopback, which is trusted as a proxy by default (TRUSTED_PROXIES), so each reader's address
  // is the one X-Forwarded-For names, as nginx would send it.
  const address = (n: number) => `203.0.113.${n - 100}`;

  test('ranks what distinct readers viewed; a reader who keeps reloading counts once, whatever its User-Agent', async ({
    browser,
    page,
    request,
  }) => {
    const view = async (path: string, n: number, times = 1) => {
      const context = await browser.newContext({ userAgent: reader(n), extraHTTPHeaders: { 'x-forwarded-for': address(n) } });
      const tab = await context.newPage();
      for (let i = 0; i < times; i += 1) {
        const counted = tab.waitForResponse((r) => r.url().endsWith('/api/views'));
        await tab.goto(path);
        expect((await counted).status()).toBe(204);
      }
      await context.close();
    };
    // The election story: three readers. The baseball story: two, one of them reloading four times.
    for (const n of [101, 102, 103]) await view(election, n);
    await view(baseball, 101, 4);
    await view(baseball, 104);
    // Reader 101 again: 30 beacons for the baseball story, each with another User-Agent (a key of
    // address + User-Agent counted every one and put the story first).
    for (let i = 0; i < 30; i += 1) {
      const response = await request.post('/api/views', {
        data: baseball.split('/').pop(),
        headers: { 'content-type': 'text/plain', 'user-agent': reader(1000 + i), 'x-forwarded-for': address(101) },
      });
      expect([204, 429]).toContain(response.status());
    }

    await expect(async () => {
      await page.goto('/');
      const list = page.getByRole('complementary', { name: '많이 본 뉴스' }).getByRole('link');
      await expect(list.nth(0)).toHaveText('지방선거 D-190… 선관위, 사전투표소 늘리고 개표 검증 강화', { timeout: 1000 });
      await expect(list.nth(1)).toHaveText('9회 말 끝내기 안타… 17년 만의 한국시리즈 우승', { timeout: 1000 });
      await expect(list).toHaveCount(10);
    }).toPass({ timeout: 30_000 });

    // On an article page the list leaves out the article itself.
    // (The page was cached when the first reader saw it; it is re-rendered within seconds.)
    await expect(async () => {
      await page.goto(election);
      const onArticle = page.getByRole('complementary', { name: '많이 본 뉴스' });
      await expect(onArticle.getByRole('link').first()).toHaveText('9회 말 끝내기 안타… 17년 만의 한국시리즈 우승', {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
  });

  test('the beacon refuses made-up and unpublished slugs, and anything but POST', async ({ request }) => {
    const post = (data: string) =>
      request.post('/api/views', { data, headers: { 'content-type': 'text/plain', 'user-agent': reader(1) } });
    expect((await post('no-such-article')).status()).toBe(404);
    expect((await post('draft-article')).status()).toBe(404);
    expect((await request.get('/api/views')).status()).toBe(405);
  });
});

test.describe('live coverage (실시간)', () => {
  test('shows the lead, then updates pinned first and newest first with KST times, and LiveBlogPosting', async ({
    page,
  }) => {
    await page.goto('/articles/heavy-snow-commute');
    const live = page.getByRole('region', { name: '실시간' });
    await expect(live).toContainText('중계를 마쳤습니다');
    await expect(live.getByRole('heading', { level: 3 })).toHaveText([
      '출근길 안전 수칙',
      '대설경보 해제, 오후부터 기온 뚝',
      '김포공항 국내선 12편 결항',
      '북악산로·인왕산로 등 도로 4곳 통제',
      '지하철 출근 시간대 30분 연장 운행',
      '서울 전역 대설경보, 제설 비상근무 2단계',
    ]);
    await expect(live.locator('ol.live-updates > li').nth(1).locator('time')).toHaveAttribute('datetime', '2026-11-28T11:50:00+09:00');
    await expect(live.locator('ol.live-updates > li').nth(1)).toContainText('2026.11.28 11:50');
    await expect(live.locator('span.ed-red')).toHaveText('북악산로, 인왕산로, 삼청터널, 감사원길');
    // The lead comes before the updates.
    const lead = await page.getByText('밤사이 서울과 경기 북부에').boundingBox();
    const first = await live.boundingBox();
    expect(lead && first && lead.y < first.y).toBe(true);

    const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
    const posting = jsonLd.map((text) => JSON.parse(text) as Record<string, unknown>).find((d) => d['@type'] === 'LiveBlogPosting');
    expect(posting).toMatchObject({
      coverageStartTime: '2026-11-28T05:30:00+09:00',
      coverageEndTime: '2026-11-28T12:00:00+09:00',
      dateModified: '2026-11-28T11:50:00+09:00',
    });
    const updates = posting?.liveBlogUpdate as { headline: string; datePublished: string }[];
    expect(updates).toHaveLength(6);
    expect(updates[0]).toMatchObject({ headline: '출근길 안전 수칙', datePublished: '2026-11-28T06:00:00+09:00' });
  });

  test('a live article is in the feed once, and its updates are not', async ({ request }) => {
    const feed = (await (await request.get('/feed.json')).json()) as { items: { title: string }[] };
    const titles = feed.items.map((item) => item.title);
    expect(titles.filter((t) => t === '[실시간] 수도권 대설특보… 출근길 교통 상황')).toHaveLength(1);
    expect(titles).not.toContain('출근길 안전 수칙');
    expect((await request.get('/articles/heavy-snow-commute.live')).status()).toBe(404);
    expect((await request.get('/api/live/no-such-article')).status()).toBe(404);
    const version = (await (await request.get('/api/live/heavy-snow-commute')).json()) as Record<string, unknown>;
    expect(version).toMatchObject({ live: false, updates: 6 });
  });

  test('a new update file appears on an open page within a minute, without a reload', async ({ page }) => {
    test.setTimeout(90_000);
    const removeArticle = writeArticle(
      'fixtures/live-now.md',
      `---\ntitle: 실시간 시험 중계\ndate: ${dateFromNow(-60 * 60_000)}\nlive: true\n---\n\n시험 중계의 머리글.\n`,
    );
    const removeFirst = writeArticle(
      'fixtures/live-now.live/first.md',
      `---\ndate: ${dateFromNow(-30 * 60_000)}\ntitle: 첫 소식\n---\n\n첫 소식 본문.\n`,
    );
    let removeSecond = () => {};
    try {
      await expect(async () => {
        const response = await page.goto('/articles/live-now');
        expect(response?.status()).toBe(200);
      }).toPass({ timeout: 10_000 });
      const live = page.getByRole('region', { name: '실시간' });
      await expect(live.getByText('LIVE')).toBeVisible();
      await expect(live.getByRole('heading', { level: 3 })).toHaveText(['첫 소식']);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

      removeSecond = writeArticle(
        'fixtures/live-now.live/second.md',
        `---\ndate: ${dateFromNow(-1000)}\ntitle: 둘째 소식\n---\n\n둘째 소식 본문.\n`,
      );
      await expect(live.getByRole('heading', { level: 3 })).toHaveText(['둘째 소식', '첫 소식'], { timeout: 60_000 });
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      await expect(live.getByRole('status')).toHaveText('새 소식이 올라왔습니다');
    } finally {
      removeSecond();
      removeFirst();
      removeArticle();
    }
  });
});

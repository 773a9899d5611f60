import { expect, test } from '@playwright/test';

const SEED = '/articles/000_b421e53fca27d6b0';

test.describe('article page', () => {
  test('shows the seed article: title, lede, table and a safe outside link', async ({ page }) => {
    await page.goto(SEED);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자',
    );
    await expect(
      page.getByRole('heading', { level: 2, name: '네이버의 소버린 AI 전략' }),
    ).toBeVisible();
    const table = page.getByRole('table');
    await expect(table.getByRole('columnheader', { name: '협약 내용' })).toBeVisible();
    await expect(
      table.getByRole('cell', { name: '사우디 아람코 자회사와 파트너십 체결' }),
    ).toBeVisible();
    const outside = page.getByRole('link', { name: 'https://newsdao.kr' });
    await expect(outside).toHaveAttribute('rel', /noopener/);
    await expect(outside).toHaveAttribute('rel', /noreferrer/);
    await expect(outside).toHaveAttribute('target', '_blank');
    await expect(page.locator('[data-ke-size]')).toHaveCount(0);
    await expect(page.getByText('입력 시각 미지정')).toBeVisible();
    await expect(page.getByRole('link', { name: 'News' }).first()).toHaveAttribute(
      'href',
      '/category/news',
    );
  });

  test('shows published and updated times in Korea time, with tags and author', async ({
    page,
  }) => {
    await page.goto('/articles/2026-11-26-base-rate-freeze');
    await expect(page.getByRole('link', { name: '박준호 선임기자' })).toBeVisible();
    const published = page.locator('time', { hasText: '2026.11.26 10:20' }).first();
    await expect(published).toHaveAttribute('datetime', '2026-11-26T10:20:00+09:00');
    await expect(page.getByText('수정 2026.11.26 14:05')).toBeVisible();
    await expect(page.getByRole('list', { name: '태그' })).toContainText('#기준금리');
  });

  test('keeps the table column alignment the editor asked for', async ({ page }) => {
    await page.goto('/articles/semiconductor-exports-record');
    const align = (name: string) =>
      page.getByRole('cell', { name }).evaluate((el) => getComputedStyle(el).textAlign);
    expect(await align('+31.0%')).toBe('right');
    expect(await align('역대 최대')).toBe('center');
  });

  test('renders Korean bold before a particle as bold', async ({ page }) => {
    await page.goto('/articles/korean-llm-benchmark');
    await expect(page.locator('strong', { hasText: '거대언어모델(LLM)' })).toBeVisible();
    await expect(page.locator('main')).not.toContainText('**');
  });

  test('reserves the hero image space so the layout does not shift', async ({ page }) => {
    await page.goto('/articles/semiconductor-exports-record');
    const frame = page.locator('figure').first().locator('div').first();
    const box = await frame.boundingBox();
    expect(box && Math.round((box.width / box.height) * 9)).toBe(16);
  });

  test('gives an Arabic article its own lang and right-to-left direction', async ({ page }) => {
    await page.goto('/articles/korean-culture-gulf');
    const article = page.getByRole('article').first();
    await expect(article).toHaveAttribute('lang', 'ar');
    await expect(article).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  });

  test('links related articles and the previous and next article', async ({ page }) => {
    await page.goto('/articles/2026-11-26-base-rate-freeze');
    await expect(
      page.getByRole('region', { name: '관련 기사' }).getByRole('link', { name: /반도체 수출/ }),
    ).toBeVisible();
    const nav = page.getByRole('navigation', { name: '이전 기사와 다음 기사' });
    await expect(nav.getByRole('link', { name: /이전 기사/ })).toBeVisible();
    await expect(nav.getByRole('link', { name: /다음 기사/ })).toBeVisible();
  });

  test('opens an article whose slug is Hangul', async ({ page }) => {
    const response = await page.goto(`/articles/${encodeURIComponent('한글-주소-기사')}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('한글 주소로 찾아가는 기사');
  });
});

test.describe('corrections and photos', () => {
  test('a corrected article shows 바로잡습니다 with the time in KST, and says so in JSON-LD', async ({
    page,
  }) => {
    await page.goto('/articles/semiconductor-exports-record');
    const box = page.getByRole('complementary', { name: '바로잡습니다' });
    await expect(box).toContainText('증가율을 13%로 적었으나 31%가 맞아 바로잡습니다.');
    await expect(box.locator('time')).toHaveAttribute('datetime', '2026-11-27T14:30:00+09:00');
    await expect(box.locator('time')).toHaveText('2026.11.27 14:30');
    // The box comes before the body.
    const boxTop = (await box.boundingBox())?.y ?? Infinity;
    const bodyTop = (await page.getByText('관세청이 27일 발표한').boundingBox())?.y ?? 0;
    expect(boxTop).toBeLessThan(bodyTop);
    await expect(page.locator('article header').getByText(/^수정/)).toContainText(
      '2026.11.27 14:30',
    );
    const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
    const article = jsonLd
      .map((t) => JSON.parse(t) as Record<string, unknown>)
      .find((d) => d['@type'] === 'NewsArticle');
    expect(article?.dateModified).toBe('2026-11-27T14:30:00+09:00');
  });

  test('the hero photo has its alt text, caption and 사진= credit', async ({ page }) => {
    await page.goto('/articles/semiconductor-exports-record');
    const hero = page.getByRole('main').locator('figure').first();
    await expect(hero.getByRole('img')).toHaveAttribute(
      'alt',
      '반도체 웨이퍼와 메모리 칩을 그린 그림',
    );
    await expect(hero.locator('figcaption')).toHaveText(
      '고대역폭메모리(HBM) 칩이 실린 반도체 웨이퍼. 사진=한빛일보 그래픽팀',
    );
  });
});

test.describe('bylines and reporters', () => {
  test('byline → reporter page → article, the way Korean news sites show it', async ({ page }) => {
    await page.goto('/articles/2026-11-26-base-rate-freeze');
    const header = page.locator('article header');
    await expect(header).toContainText('박준호 선임기자 junho.park@hanbit-news.example');
    await header.getByRole('link', { name: '박준호 선임기자' }).click();
    await expect(page).toHaveURL('/reporters/park-junho');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('박준호');
    await expect(page.getByRole('main')).toContainText('경제부 · 선임기자');
    await expect(page.getByRole('main')).toContainText('통화정책과 금융시장을');
    const articles = page.getByRole('main').getByRole('heading', { level: 2 });
    // Newest first; the first names two reporters.
    await expect(articles).toHaveText([
      '수도권 첫눈과 함께 한파특보… 내일 아침 서울 영하 9도',
      '한국은행, 기준금리 연 2.50% 동결… "환율 변동성 주시"',
    ]);
    await articles.nth(1).getByRole('link').click();
    await expect(page).toHaveURL('/articles/2026-11-26-base-rate-freeze');
  });

  test('an e-mail the profile keeps private is shown nowhere, and a plain name still works', async ({
    page,
  }) => {
    await page.goto('/articles/first-snow-cold-wave');
    const header = page.locator('article header');
    await expect(header.getByRole('link', { name: '김서연 기자' })).toHaveAttribute(
      'href',
      '/reporters/kim-seoyeon',
    );
    await expect(page.locator('body')).not.toContainText('seoyeon.kim@');
    await page.goto('/articles/seoul-driverless-subway');
    await expect(page.locator('article header')).toContainText('Staff reporter');
  });

  test('/reporters lists every reporter with a profile, and each has a feed', async ({
    page,
    request,
  }) => {
    await page.goto('/reporters');
    for (const name of ['김서연 기자', '박준호 선임기자', '이하늘 기자']) {
      await expect(
        page.getByRole('main').getByRole('link', { name: new RegExp(name) }),
      ).toBeVisible();
    }
    const feed = await request.get('/reporters/park-junho/feed.xml');
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('한국은행, 기준금리');
    expect((await request.get('/reporters/no-such-reporter')).status()).toBe(404);
  });

  test('a new reporter with no published article has a profile page, and her draft stays hidden', async ({
    page,
    request,
  }) => {
    await page.goto('/reporters');
    await page.getByRole('main').getByRole('link', { name: /최미래 수습기자/ }).click();
    await expect(page).toHaveURL('/reporters/choi-mirae');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('최미래');
    await expect(page.getByRole('main')).toContainText('이번 달 입사한 수습기자입니다.');
    await expect(page.getByRole('main')).toContainText('아직 실린 기사가 없습니다.');
    await expect(page.getByRole('main')).not.toContainText('수습기자의 초안');
    const feed = await request.get('/reporters/choi-mirae/feed.json');
    expect(feed.status()).toBe(200);
    expect(((await feed.json()) as { items: unknown[] }).items).toEqual([]);
  });
});

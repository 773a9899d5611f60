import { expect, test } from '@playwright/test';

test.describe('home page', () => {
  test('shows the breaking banner above the masthead with current items only', async ({ page }) => {
    await page.goto('/');
    const banner = page.getByRole('region', { name: '속보', exact: true });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('link', { name: /반도체 수출 역대 최대/ })).toBeVisible();
    await expect(banner.getByRole('link', { name: /수도권 첫눈과 함께 한파특보/ })).toBeVisible();
    await expect(banner).not.toContainText('지난 속보는 띠에 없어야 한다');
    const bannerBox = await banner.boundingBox();
    const mastheadBox = await page.getByRole('banner').boundingBox();
    expect(bannerBox && mastheadBox && bannerBox.y < mastheadBox.y).toBe(true);
  });

  test('lists the latest articles newest first, with Korea-time timestamps', async ({ page }) => {
    await page.goto('/');
    const latest = page.getByRole('region', { name: '최신 기사' });
    const times = await latest
      .locator('time')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    expect(times.length).toBeGreaterThanOrEqual(6);
    for (const time of times) expect(time).toMatch(/\+09:00$/);
    const sorted = [...times].sort((a, b) => Date.parse(b) - Date.parse(a));
    expect(times).toEqual(sorted);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  });

  test('never shows drafts, scheduled or broken articles', async ({ page }) => {
    await page.goto('/');
    const body = page.locator('body');
    await expect(body).not.toContainText('게시하지 않은 초안');
    await expect(body).not.toContainText('2099년에 게시될 예약 기사');
    await expect(body).not.toContainText('닫히지 않은 괄호');
  });

  test('has a section per category linking to its listing', async ({ page }) => {
    await page.goto('/');
    const section = page.getByRole('region', { name: '경제' });
    await expect(section.getByRole('link', { name: /한국은행, 기준금리/ })).toBeVisible();
    await section.getByRole('heading', { name: '경제' }).getByRole('link').click();
    await expect(page).toHaveURL(/\/category\/%EA%B2%BD%EC%A0%9C$/);
  });

  test('lets keyboard users skip to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '본문 바로가기' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('renders the banner and articles with JavaScript off', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expect(
      page.getByRole('region', { name: '속보', exact: true }).getByRole('link').first(),
    ).toBeVisible();
    await expect(
      page.getByRole('region', { name: '최신 기사' }).getByRole('article').first(),
    ).toBeVisible();
    await context.close();
  });
});

test.describe('editors’ control of the front page', () => {
  test('the pinned article (top: true) leads the home page', async ({ page }) => {
    await page.goto('/');
    const lead = page.getByRole('region', { name: '머리기사' });
    await expect(lead.getByRole('heading', { level: 2 })).toHaveText(
      '국산 거대언어모델, 한국어 이해 평가서 해외 모델 앞질러',
    );
  });

  test('an old URL from redirect_from answers a permanent redirect to the article', async ({
    request,
  }) => {
    const response = await request.get('/articles/korean-llm-eval', { maxRedirects: 0 });
    expect(response.status()).toBe(308);
    // Next writes the Location header twice for a redirect from a render; both name the article.
    expect(response.headers().location).toContain('/articles/korean-llm-benchmark');
    const followed = await request.get('/articles/korean-llm-eval');
    expect(await followed.text()).toContain('국산 거대언어모델');
  });
});

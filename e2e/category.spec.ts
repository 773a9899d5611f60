import { expect, test } from '@playwright/test';

test.describe('category pages', () => {
  test('lists only the category’s articles', async ({ page }) => {
    await page.goto(`/category/${encodeURIComponent('경제')}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('경제');
    const titles = await page
      .getByRole('main')
      .getByRole('heading', { level: 2 })
      .allTextContents();
    expect(titles.sort()).toEqual(
      [
        '반도체 수출 역대 최대… 11월 1~20일 전년 대비 31% 증가',
        '올해 김장 비용 4인 가족 31만 원… 배추값 내려 작년보다 6% 싸',
        '한국은행, 기준금리 연 2.50% 동결… "환율 변동성 주시"',
      ].sort(),
    );
  });

  test('shows 20 articles a page, newest first, and page 2 works', async ({ page }) => {
    await page.goto(`/category/${encodeURIComponent('연재')}`);
    const headings = page.getByRole('main').getByRole('heading', { level: 2 });
    await expect(headings).toHaveCount(20);
    await expect(headings.first()).toHaveText('연재 기사 23회');
    await page.getByRole('link', { name: '다음 쪽 →' }).click();
    await expect(page).toHaveURL(/\/page\/2$/);
    await expect(headings).toHaveText(['연재 기사 3회', '연재 기사 2회', '연재 기사 1회']);
    await expect(page.getByRole('link', { name: '2쪽' })).toHaveAttribute('aria-current', 'page');
  });

  test('lists every category from the masthead', async ({ page }) => {
    await page.goto('/');
    await page
      .getByRole('navigation', { name: '분류' })
      .getByRole('link', { name: '전체 분류' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('전체 분류');
    for (const name of ['경제', '사회', '국제', 'IT·과학', 'News', '연재']) {
      await expect(
        page.getByRole('main').getByRole('link', { name: new RegExp(`^${name}`) }),
      ).toBeVisible();
    }
  });
});

test.describe('not found', () => {
  for (const path of [
    '/articles/no-such-article',
    '/articles/draft-article',
    '/articles/scheduled-for-2099',
    '/articles/broken-yaml',
    '/category/no-such-category',
    `/category/${encodeURIComponent('연재')}/page/9`,
    `/category/${encodeURIComponent('연재')}/page/abc`,
  ]) {
    test(`${path} answers 404 with a Korean page that links home`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('페이지를 찾을 수 없습니다');
      await expect(page.getByRole('link', { name: '첫 화면으로 가기' })).toHaveAttribute(
        'href',
        '/',
      );
    });
  }
});

import { expect, test } from '@playwright/test';

const PAGES: [string, string][] = [
  ['회사 소개', '/about'],
  ['윤리강령', '/ethics'],
  ['정정·반론 보도 청구 안내', '/corrections'],
  ['개인정보처리방침', '/privacy'],
  ['청소년보호정책', '/youth-protection'],
  ['제보·문의', '/contact'],
];

test.describe('pages that are not articles', () => {
  for (const from of [
    '/',
    '/articles/semiconductor-exports-record',
    `/category/${encodeURIComponent('경제')}`,
    `/tag/${encodeURIComponent('반도체')}`,
    '/about',
  ]) {
    test(`every policy page is linked from the footer of ${from}`, async ({ page }) => {
      await page.goto(from);
      const footer = page.getByRole('contentinfo').getByRole('navigation', { name: '사이트 정보' });
      for (const [title, path] of PAGES) {
        await expect(footer.getByRole('link', { name: title, exact: true })).toHaveAttribute(
          'href',
          path,
        );
      }
    });
  }

  test('a page opens from the footer with its title and body', async ({ page }) => {
    await page.goto('/');
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: '윤리강령', exact: true })
      .click();
    await expect(page).toHaveURL('/ethics');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('윤리강령');
    await expect(page.getByRole('main')).toContainText('진실 보도');
  });

  test('pages are in the sitemap, never in article feeds, the news sitemap or search', async ({
    request,
  }) => {
    const sitemap = await (await request.get('/sitemap.xml')).text();
    for (const [, path] of PAGES) expect(sitemap).toContain(`http://127.0.0.1:3100${path}</loc>`);
    for (const url of ['/feed.xml', '/atom.xml', '/feed.json', '/news-sitemap.xml']) {
      const body = await (await request.get(url)).text();
      for (const [title] of PAGES) expect(body, url).not.toContain(`${title}<`);
      expect(body, url).not.toContain('127.0.0.1:3100/ethics');
    }
    const search = await (await request.get(`/search?q=${encodeURIComponent('윤리강령')}`)).text();
    expect(search).not.toContain('href="/ethics"><');
    expect(search).toContain('맞는 기사가 없습니다');
  });

  test('an unknown top-level path is a 404', async ({ request }) => {
    expect((await request.get('/no-such-page')).status()).toBe(404);
  });
});

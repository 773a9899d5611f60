import { expect, test } from '@playwright/test';

import { parseFeed } from './support';

const SERIES = encodeURIComponent('연재물');

test.describe('tag pages', () => {
  test('an article’s tags link to tag pages that list it, and back', async ({ page }) => {
    await page.goto('/articles/semiconductor-exports-record');
    await page.getByRole('list', { name: '태그' }).getByRole('link', { name: '#반도체' }).click();
    await expect(page).toHaveURL(`/tag/${encodeURIComponent('반도체')}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('#반도체');
    await page
      .getByRole('main')
      .getByRole('link', { name: /반도체 수출 역대 최대/ })
      .first()
      .click();
    await expect(page).toHaveURL('/articles/semiconductor-exports-record');
  });

  test('shows 20 articles a page, newest first, and page 2 works', async ({ page }) => {
    await page.goto(`/tag/${SERIES}`);
    const headings = page.getByRole('main').getByRole('heading', { level: 2 });
    await expect(headings).toHaveCount(20);
    await expect(headings.first()).toHaveText('연재 기사 23회');
    await page.getByRole('link', { name: '다음 쪽 →' }).click();
    await expect(page).toHaveURL(/\/tag\/.+\/page\/2$/);
    await expect(headings).toHaveText(['연재 기사 3회', '연재 기사 2회', '연재 기사 1회']);
  });

  test('has feeds, linked from its head, and unknown tags and page 1 behave', async ({
    page,
    request,
  }) => {
    await page.goto(`/tag/${SERIES}`);
    await expect(
      page.locator(`link[rel="alternate"][href$="/tag/${SERIES}/feed.xml"]`),
    ).toHaveCount(1);
    const feed = parseFeed(await (await request.get(`/tag/${SERIES}/feed.xml`)).text());
    expect(feed.bozo_exception).toBe('');
    expect(feed.title).toBe('#연재물 | 한빛일보');
    expect(feed.entries).toHaveLength(23);
    const atom = await request.get(`/tag/${SERIES}/atom.xml`);
    expect(atom.headers()['content-type']).toContain('application/atom+xml');
    expect((await request.get(`/tag/${SERIES}/feed.json`)).status()).toBe(200);
    for (const url of ['/tag/no-such-tag', '/tag/no-such-tag/feed.xml', `/tag/${SERIES}/page/9`]) {
      expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
    }
    const first = await request.get(`/tag/${SERIES}/page/1`, { maxRedirects: 0 });
    expect(first.status()).toBe(308);
    expect(first.headers().location).toContain(`/tag/${SERIES}`);
  });

  test('tag pages are in the sitemap', async ({ request }) => {
    expect(await (await request.get('/sitemap.xml')).text()).toContain(`/tag/${SERIES}</loc>`);
  });
});

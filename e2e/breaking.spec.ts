import { expect, test } from '@playwright/test';

import { writeArticle } from './support';

test.describe('breaking news', () => {
  test('/api/breaking returns the current items as JSON a CDN may cache', async ({ request }) => {
    const response = await request.get('/api/breaking');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toMatch(/s-maxage=\d+/);
    expect(response.headers()['cache-control']).toMatch(/stale-while-revalidate=\d+/);
    const { items } = (await response.json()) as {
      items: { title: string; url: string; published: string; until: string | null }[];
    };
    const titles = items.map((item) => item.title);
    expect(titles).toContain('반도체 수출 역대 최대… 11월 1~20일 전년 대비 31% 증가');
    expect(titles).not.toContain('지난 속보는 띠에 없어야 한다');
    const chips = items.find((item) => item.title.startsWith('반도체'));
    expect(chips).toMatchObject({
      url: expect.stringMatching(/^http:\/\/.+\/articles\/semiconductor-exports-record$/),
      published: '2026-11-27T09:10:00+09:00',
      until: '2030-12-31T18:00:00+09:00',
    });
    const times = items.map((item) => Date.parse(item.published));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  test('a new breaking story appears in an open page within a minute, without a reload', async ({
    page,
  }) => {
    await page.clock.install();
    await page.goto('/');
    const banner = page.getByRole('region', { name: '속보', exact: true });
    await expect(banner).toBeVisible();
    const title = `방금 들어온 속보 ${Date.now()}`;
    const remove = writeArticle(
      'live/live-breaking.md',
      `---\ntitle: ${title}\ncategories: 시험\ndate: 2020-06-01 09:00\nbreaking: true\n---\n\n속보 본문.\n`,
    );
    try {
      // Once the server has the story, the open page must pick it up on its own next poll.
      await expect(async () => {
        const { items } = (await (await page.request.get('/api/breaking')).json()) as {
          items: { title: string }[];
        };
        expect(items.map((item) => item.title)).toContain(title);
      }).toPass({ timeout: 5_000 });
      await expect(banner.getByRole('link', { name: title })).toHaveCount(0);
      await page.clock.fastForward('00:45');
      await expect(banner.getByRole('link', { name: title })).toBeVisible({ timeout: 10_000 });
      await expect(page.getByRole('link', { name: title })).toHaveAttribute(
        'href',
        '/articles/live-breaking',
      );
    } finally {
      remove();
    }
  });
});

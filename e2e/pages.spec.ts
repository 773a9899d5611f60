import { expect, test } from '@playwright/test';

const PAGES: [string, string][] = [
  ['회사 소개', '/about'],
  ['윤리강령', '/ethics'],
  ['정정·반론 보도 청구 안내', '/corrections'],
  ['개인정보처리방침', '/privacy'],
  ['청소년보호정책', '/youth-protection'],
  ['제보·문의', '/contact'],
];

/** One page of each type: home, article, category, tag, reporter and page. */
const EVERY_PAGE_TYPE = [
  '/',
  '/articles/semiconductor-exports-record',
  `/category/${encodeURIComponent('경제')}`,
  `/tag/${encodeURIComponent('반도체')}`,
  '/reporters/park-junho',
  '/ethics',
];

test.describe('pages that are not articles', () => {
  for (const from of EVERY_PAGE_TYPE) {
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

  for (const from of EVERY_PAGE_TYPE) {
    test(`the footer of ${from} shows the legal masthead from _site.yml and the copyright line`, async ({
      page,
    }) => {
      await page.goto(from);
      const masthead = page.getByRole('contentinfo').getByRole('definition');
      const footer = page.getByRole('contentinfo');
      for (const [label, value] of [
        ['제호', '한빛일보'],
        ['등록번호', '서울, 아00000'],
        ['등록일', '2026-11-01'],
        ['발행인', '김한빛'],
        ['편집인', '이서연(보도) · 최도윤(논설·오피니언)'],
        ['기사배열책임자', '이서연'],
        ['청소년보호책임자', '박지민 youth@hanbit-news.example'],
        ['주소', '서울특별시 중구 세종대로 000'],
        ['전화', '02-000-0000'],
      ]) {
        await expect(
          footer.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }),
        ).toHaveCount(1);
        await expect(masthead.filter({ hasText: value }).first()).toBeVisible();
      }
      await expect(footer).toContainText('ⓒ 한빛일보. 무단전재 및 재배포 금지 · AI 학습 이용 금지');
    });
  }

  test('ai_training: disallow keeps known AI crawlers out in robots.txt', async ({ request }) => {
    const robots = await (await request.get('/robots.txt')).text();
    expect(robots).toMatch(/User-Agent: GPTBot\n(?:User-Agent: .+\n)*Disallow: \//);
    expect(robots).toContain('User-Agent: ClaudeBot');
    expect(robots).toContain('User-Agent: Google-Extended');
  });

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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test, type Locator, type Page } from '@playwright/test';

import { dateFromNow, startStandaloneCopy, writeArticle, type StandaloneCopy } from './support';

const EDITORIAL = '/articles/2026-12-01-editorial-ai-basic-act';
const COLUMN = '/articles/2026-12-02-column-winter-commute';
const SPONSORED = '/articles/2026-12-04-sponsored-smart-farm';
const AGENCY = '/articles/2026-12-04-yonhap-hokkaido-snow';
const EDITORIAL_TITLE = 'AI 기본법 시행령, 혁신과 안전의 균형을 놓치지 말아야';
const SPONSORED_TITLE = '겨울에도 딸기 따는 스마트팜, 귀농 청년들의 새 선택';

async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return texts.map((t) => JSON.parse(t) as Record<string, unknown>);
}

/** The heading of the card (or list item) that links to `title`, within `scope`. */
const cardHeading = (scope: Locator, title: string) =>
  scope
    .getByRole('heading')
    .filter({ has: scope.page().getByRole('link', { name: title, exact: true }) });

test.describe('labels the law and readers expect', () => {
  test('an editorial says 사설 before its headline, and is OpinionNewsArticle in JSON-LD', async ({
    page,
  }) => {
    await page.goto(EDITORIAL);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`사설 ${EDITORIAL_TITLE}`);
    await expect(
      page.getByRole('heading', { level: 1 }).getByText('사설', { exact: true }),
    ).toBeVisible();
    const [article] = await jsonLd(page);
    expect(article).toMatchObject({ '@type': 'OpinionNewsArticle', headline: EDITORIAL_TITLE });
  });

  test('sponsored content is labelled in _site.yml’s words, says so under its headline, and its links elsewhere are rel=sponsored', async ({
    page,
  }) => {
    await page.goto(SPONSORED);
    await expect(
      page.getByRole('heading', { level: 1 }).getByText('광고·협찬', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('note')).toHaveText(
      '이 글은 광고·협찬으로 만든 콘텐츠이며, 편집국의 기사가 아닙니다.',
    );
    const sponsor = page.getByRole('link', { name: '한빛스마트팜 누리집' });
    await expect(sponsor).toHaveAttribute('rel', /\bsponsored\b/);
    await expect(
      page.getByRole('link', { name: '수도권 첫눈과 함께 한파특보', exact: true }),
    ).not.toHaveAttribute('rel', /sponsored/);
    const [article] = await jsonLd(page);
    expect(article).toMatchObject({ '@type': 'AdvertiserContentArticle' });
  });

  test('agency copy says 연합뉴스 제공 in the byline and names its source in JSON-LD; a pending 정정보도 says so', async ({
    page,
  }) => {
    await page.goto(AGENCY);
    await expect(page.locator('article header')).toContainText('김지훈 · 연합뉴스 제공');
    const [article] = await jsonLd(page);
    expect(article).toMatchObject({
      '@type': 'NewsArticle',
      sourceOrganization: { name: '연합뉴스' },
    });
    const box = page.getByRole('complementary', { name: '정정보도' });
    await expect(box).toContainText('정정보도 청구 중');
    await expect(box).toContainText('2026.12.05 09:00');
  });

  test('정정보도, 추후보도 and 바로잡습니다 each show in their own box, with heading, time and text; 반론보도 too', async ({
    page,
  }) => {
    await page.goto('/articles/2026-11-30-jeonse-fraud-probe');
    await expect(page.getByRole('complementary', { name: '정정보도문' })).toContainText(
      '40여 채로 밝혀져',
    );
    await expect(page.getByRole('complementary', { name: '추후보도' })).toContainText(
      '혐의없음으로 불송치',
    );
    await expect(page.getByRole('complementary', { name: '바로잡습니다' })).toContainText(
      '30여 명이 맞아',
    );
    await expect(page.getByText('청구 중')).toHaveCount(0);
    await page.goto('/articles/2026-12-03-interview-robot-startup');
    await expect(page.getByRole('complementary', { name: '반론보도문' })).toContainText(
      '2025년 국내 안전 인증',
    );
  });

  test('every kind of card carries the label: home, category, tag, reporter, search, previous/next', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(cardHeading(page.getByRole('main'), EDITORIAL_TITLE).first()).toContainText(
      '사설',
    );

    await page.goto(`/category/${encodeURIComponent('오피니언')}`);
    const main = page.getByRole('main');
    await expect(cardHeading(main, EDITORIAL_TITLE)).toContainText('사설');
    await expect(cardHeading(main, '첫눈 출근길이 남긴 숙제')).toContainText('칼럼');
    await expect(cardHeading(main, '지역 의료, 원격진료만으로는 채울 수 없다')).toContainText(
      '기고',
    );

    await page.goto(`/tag/${encodeURIComponent('스마트팜')}`);
    await expect(cardHeading(page.getByRole('main'), SPONSORED_TITLE)).toContainText('광고·협찬');

    await page.goto('/reporters/jung-wooseok');
    await expect(cardHeading(page.getByRole('main'), '첫눈 출근길이 남긴 숙제')).toContainText(
      '칼럼',
    );

    await page.goto(`/search?q=${encodeURIComponent('스마트팜')}`);
    await expect(cardHeading(page.getByRole('main'), SPONSORED_TITLE)).toContainText('광고·협찬');

    // The column's older neighbour is the editorial (fixtures are dated years before).
    await page.goto(COLUMN);
    const nav = page.getByRole('navigation', { name: '이전 기사와 다음 기사' });
    await expect(nav.getByRole('link', { name: new RegExp(EDITORIAL_TITLE) })).toContainText(
      '사설',
    );

    // A plain 기사 carries none.
    await page.goto(`/category/${encodeURIComponent('사회')}`);
    await expect(page.locator('[data-kind]')).toHaveCount(0);
  });

  test('most-read carries the label too', async ({ page, request }) => {
    const slug = EDITORIAL.split('/').pop() ?? '';
    const counted = await request.post('/api/views', {
      data: slug,
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': '203.0.113.222' },
    });
    expect(counted.status()).toBe(204);
    await expect(async () => {
      await page.goto('/');
      const list = page.getByRole('complementary', { name: '많이 본 뉴스' });
      await expect(
        list
          .getByRole('listitem')
          .filter({ has: page.getByRole('link', { name: EDITORIAL_TITLE }) }),
      ).toContainText('사설', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
  });

  test('the news sitemap never lists sponsored content; other kinds of the last 48 hours are there', async ({
    request,
  }) => {
    const id = Date.now();
    const removeAd = writeArticle(
      `live/labels-ad-${id}.md`,
      `---\ntitle: 광고 기사 ${id}\nkind: 광고\ndate: ${dateFromNow(-3600_000)}\n---\n본문\n`,
    );
    const removeOpinion = writeArticle(
      `live/labels-column-${id}.md`,
      `---\ntitle: 칼럼 ${id}\nkind: 칼럼\ndate: ${dateFromNow(-3600_000)}\n---\n본문\n`,
    );
    try {
      await expect(async () => {
        expect((await request.get(`/articles/labels-ad-${id}`)).status()).toBe(200);
        const xml = await (await request.get('/news-sitemap.xml')).text();
        expect(xml).toContain(`/articles/labels-column-${id}</loc>`);
        expect(xml).not.toContain(`labels-ad-${id}`);
      }).toPass({ timeout: 10_000 });
      const feed = await (await request.get('/feed.xml')).text();
      expect(feed).toMatch(
        new RegExp(`<title>광고 기사 ${id}</title>[\\s\\S]*?<category>광고·협찬</category>`),
      );
    } finally {
      removeAd();
      removeOpinion();
    }
  });
});

// A server of its own, so that a wrong labels: setting never changes what the other specs' servers show.
test.describe('a wrong labels: setting in _site.yml', () => {
  let work = '';
  let content = '';
  let server: StandaloneCopy | undefined;
  const write = (file: string, text: string) => fs.writeFileSync(path.join(content, file), text);

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-labels-'));
    content = path.join(work, 'content');
    fs.mkdirSync(content);
    write('_site.yml', 'name: 시험일보\nlabels:\n  사설: 오늘의 사설\n');
    write(
      'opinion.md',
      '---\ntitle: 사설 한 편\nkind: 사설\ndate: 2026-01-01 09:00\n---\n\n본문.\n',
    );
    server = await startStandaloneCopy(work, {
      CONTENT_DIR: content,
      DATA_DIR: path.join(work, 'data'),
    });
  });

  test.afterAll(() => {
    server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('is an error naming the file and the key; the site serves with the last good labels', async ({
    request,
  }) => {
    const base = server!.base;
    expect(await (await request.get(`${base}/articles/opinion`)).text()).toContain('오늘의 사설');
    write('_site.yml', 'name: 바뀐일보\nlabels:\n  속보: 긴급\n  사설: 바뀐 사설\n');
    // A file written after it: once it shows, the server has read the broken _site.yml too.
    write('second.md', '---\ntitle: 둘째 기사\ndate: 2026-01-01 10:00\n---\n\n본문.\n');
    await expect
      .poll(async () => (await request.get(`${base}/articles/second`)).status(), {
        timeout: 10_000,
      })
      .toBe(200);
    for (const page of ['/', '/articles/opinion', '/feed.xml', '/news-sitemap.xml']) {
      const response = await request.get(`${base}${page}`);
      expect(response.status(), page).toBe(200);
      expect(await response.text(), page).not.toContain('바뀐');
    }
    expect(await (await request.get(`${base}/articles/opinion`)).text()).toContain('오늘의 사설');
    await expect
      .poll(() => server!.log(), { timeout: 5_000 })
      .toContain('_site.yml:3: error: labels: "속보"는 기사 종류가 아닙니다');
  });
});

import { expect, test, type Page } from '@playwright/test';

import { dateFromNow, PORT, PREVIEW_TOKEN, STANDALONE_PORT, writeArticle } from './support';

/** The freshness promise: a change in content/ shows within this long, with no restart or rebuild. */
const FRESH_MS = 5_000;

function article(title: string, extra = '') {
  return `---\ntitle: ${title}\ncategories: 속보시험\ndate: ${dateFromNow(-60_000)}\n${extra}\n---\n\n${title} 본문.\n`;
}

async function status(page: Page, url: string): Promise<number | undefined> {
  return (await page.request.get(url)).status();
}

for (const [server, port] of [
  ['npm start', PORT],
  ['standalone server', STANDALONE_PORT],
] as const) {
  test.describe(`publishing on the ${server}`, () => {
    const base = `http://127.0.0.1:${port}`;

    test('a new file shows on its URL, home and category within 5 s; breaking reaches the banner; deleting answers 404', async ({
      page,
    }) => {
      const id = `${port}-${Date.now()}`;
      const slug = `drop-${id}`;
      const title = `방금 올린 기사 ${id}`;
      const remove = writeArticle(`live/${slug}.md`, article(title));
      try {
        await expect(async () => {
          expect(await status(page, `${base}/articles/${slug}`)).toBe(200);
        }).toPass({ timeout: FRESH_MS, intervals: [250] });
        await page.goto(`${base}/articles/${slug}`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
        await page.goto(`${base}/`);
        await expect(page.getByRole('link', { name: title }).first()).toBeVisible({
          timeout: FRESH_MS,
        });
        await page.goto(`${base}/category/${encodeURIComponent('속보시험')}`);
        await expect(page.getByRole('heading', { name: title })).toBeVisible({ timeout: FRESH_MS });

        writeArticle(`live/${slug}.md`, article(title, 'breaking: true'));
        await expect(async () => {
          await page.goto(`${base}/`);
          await expect(
            page.getByRole('region', { name: '속보', exact: true }).getByRole('link', { name: title }),
          ).toBeVisible({ timeout: 500 });
        }).toPass({ timeout: FRESH_MS, intervals: [250] });
        await expect(async () => {
          const response = await page.request.get(`${base}/api/breaking`);
          const { items } = (await response.json()) as { items: { title: string }[] };
          expect(items.map((item) => item.title)).toContain(title);
        }).toPass({ timeout: FRESH_MS, intervals: [100] });
      } finally {
        remove();
      }
      await expect(async () => {
        expect(await status(page, `${base}/articles/${slug}`)).toBe(404);
      }).toPass({ timeout: FRESH_MS, intervals: [250] });
      await page.goto(`${base}/`);
      await expect(page.getByRole('link', { name: title })).toHaveCount(0);
    });

    test('an edit and a rename show within 5 s', async ({ page }) => {
      const id = `${port}-${Date.now()}`;
      const removeOld = writeArticle(`live/edit-${id}.md`, article(`고치기 전 ${id}`));
      let removeNew = () => {};
      try {
        await expect(async () =>
          expect(await status(page, `${base}/articles/edit-${id}`)).toBe(200),
        ).toPass({ timeout: FRESH_MS });
        writeArticle(`live/edit-${id}.md`, article(`고친 뒤 ${id}`));
        await expect(async () => {
          await page.goto(`${base}/articles/edit-${id}`);
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(`고친 뒤 ${id}`, {
            timeout: 500,
          });
        }).toPass({ timeout: FRESH_MS, intervals: [250] });

        removeOld();
        removeNew = writeArticle(`live/renamed-${id}.md`, article(`고친 뒤 ${id}`));
        await expect(async () => {
          expect(await status(page, `${base}/articles/edit-${id}`)).toBe(404);
          expect(await status(page, `${base}/articles/renamed-${id}`)).toBe(200);
        }).toPass({ timeout: FRESH_MS, intervals: [250] });
      } finally {
        removeOld();
        removeNew();
      }
    });
  });
}

test.describe('drafts and schedules', () => {
  test('a draft and a future-dated article appear nowhere', async ({ page }) => {
    const id = Date.now();
    const removeDraft = writeArticle(
      `live/draft-${id}.md`,
      article(`초안 ${id}`, 'draft: true\nbreaking: true'),
    );
    const removeFuture = writeArticle(
      `live/future-${id}.md`,
      `---\ntitle: 미래 기사 ${id}\ncategories: 속보시험\ndate: ${dateFromNow(24 * 3600_000)}\nbreaking: true\n---\n본문\n`,
    );
    try {
      // Give the server time to see both files, then check every place they could leak.
      const marker = writeArticle(`live/marker-${id}.md`, article(`표지 ${id}`));
      await expect(async () =>
        expect(await status(page, `/articles/marker-${id}`)).toBe(200),
      ).toPass({ timeout: FRESH_MS });
      marker();
      expect(await status(page, `/articles/draft-${id}`)).toBe(404);
      expect(await status(page, `/articles/future-${id}`)).toBe(404);
      for (const path of ['/', `/category/${encodeURIComponent('속보시험')}`, '/api/breaking']) {
        const text = await (await page.request.get(path)).text();
        expect(text).not.toContain(`초안 ${id}`);
        expect(text).not.toContain(`미래 기사 ${id}`);
      }
    } finally {
      removeDraft();
      removeFuture();
    }
  });

  test('a scheduled article appears by itself when its time comes', async ({ page }) => {
    const id = Date.now();
    const remove = writeArticle(
      `live/scheduled-${id}.md`,
      `---\ntitle: 예약 기사 ${id}\ncategories: 속보시험\ndate: ${dateFromNow(4_000)}\n---\n본문\n`,
    );
    try {
      await page.waitForTimeout(1_000);
      expect(await status(page, `/articles/scheduled-${id}`)).toBe(404);
      await page.goto('/');
      await expect(page.getByRole('link', { name: `예약 기사 ${id}` })).toHaveCount(0);
      // No file changes from here on: only the clock moves.
      await expect(async () =>
        expect(await status(page, `/articles/scheduled-${id}`)).toBe(200),
      ).toPass({
        timeout: 10_000,
        intervals: [500],
      });
      await expect(async () => {
        await page.goto('/');
        await expect(page.getByRole('link', { name: `예약 기사 ${id}` }).first()).toBeVisible({
          timeout: 500,
        });
      }).toPass({ timeout: 5_000, intervals: [250] });
    } finally {
      remove();
    }
  });
});

test.describe('preview', () => {
  test('shows an unpublished article with the right token, never cached and never indexed', async ({
    page,
  }) => {
    const id = Date.now();
    const remove = writeArticle(
      `live/preview-${id}.md`,
      article(`미리보기 기사 ${id}`, 'draft: true'),
    );
    try {
      await expect(async () => {
        const response = await page.goto(`/preview/preview-${id}?token=${PREVIEW_TOKEN}`);
        expect(response?.status()).toBe(200);
      }).toPass({ timeout: FRESH_MS });
      const response = await page.goto(`/preview/preview-${id}?token=${PREVIEW_TOKEN}`);
      expect(response?.headers()['cache-control']).toMatch(/private|no-store/);
      expect(response?.headers()['cache-control']).not.toMatch(/s-maxage|public/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`미리보기 기사 ${id}`);
      // (The article toolbar has a status line of its own, empty until a tool is used.)
      await expect(page.getByRole('status').filter({ hasText: '초안' })).toBeVisible();
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
      expect(await status(page, `/articles/preview-${id}`)).toBe(404);
    } finally {
      remove();
    }
  });

  test('answers 404 without the token or with a wrong one', async ({ page }) => {
    for (const query of ['', '?token=', '?token=wrong', `?token=${PREVIEW_TOKEN}x`]) {
      expect(await status(page, `/preview/draft-article${query}`)).toBe(404);
    }
    expect(await status(page, `/preview/draft-article?token=${PREVIEW_TOKEN}`)).toBe(200);
  });
});

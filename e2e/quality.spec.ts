import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { hasHorizontalScroll } from './support';

const PAGES = {
  home: '/',
  article: '/articles/000_b421e53fca27d6b0',
  colours: '/articles/kimjang-cost-survey',
  live: '/articles/heavy-snow-commute',
  video: '/articles/nuri-rocket-launch-prep',
  category: `/category/${encodeURIComponent('경제')}`,
  tag: `/tag/${encodeURIComponent('반도체')}`,
  page: '/corrections',
  reporter: '/reporters/park-junho',
  search: `/search?q=${encodeURIComponent('네이버')}`,
  // Kind labels (사설, 광고·협찬) and the legal correction boxes, in both colour schemes.
  sponsored: '/articles/2026-12-04-sponsored-smart-farm',
  opinion: `/category/${encodeURIComponent('오피니언')}`,
  corrected: '/articles/2026-11-30-jeonse-fraud-probe',
};

test.describe('accessibility', () => {
  for (const [name, path] of Object.entries(PAGES)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`${name} (${colorScheme}) has no serious or critical axe violations`, async ({
        browser,
      }) => {
        const context = await browser.newContext({ colorScheme });
        const page = await context.newPage();
        await page.goto(path);
        const results = await new AxeBuilder({ page }).analyze();
        const severe = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(severe).toEqual([]);
        await context.close();
      });
    }
  }
});

test.describe('phones', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const [name, path] of Object.entries({
    ...PAGES,
    arabic: '/articles/korean-culture-gulf',
    table: '/articles/semiconductor-exports-record',
  })) {
    test(`${name} has no horizontal scroll at 360 px`, async ({ page }) => {
      await page.goto(path);
      expect(await hasHorizontalScroll(page)).toBe(false);
    });
  }
});

test.describe('typography', () => {
  test("keeps Hangul words whole in the reader's own Korean font, downloading none", async ({
    page,
  }) => {
    const fonts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(request.url());
    });
    await page.goto(PAGES.article);
    const style = await page.locator('body').evaluate((el) => {
      const css = getComputedStyle(el);
      return {
        wordBreak: css.wordBreak,
        overflowWrap: css.overflowWrap,
        fontFamily: css.fontFamily,
      };
    });
    expect(style.wordBreak).toBe('keep-all');
    expect(style.overflowWrap).toBe('anywhere');
    expect(style.fontFamily).toMatch(/Apple SD Gothic Neo.*Noto Sans CJK KR.*Malgun Gothic/);
    expect(fonts).toEqual([]);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  });
});

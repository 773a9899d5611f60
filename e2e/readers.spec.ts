import { expect, test } from '@playwright/test';

test.describe("editors' colours", () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`coloured emphasis from a Tistory post shows as palette classes (${colorScheme})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto('/articles/kimjang-cost-survey');
      const body = page.locator('article .prose');
      await expect(body.locator('[style]')).toHaveCount(0);
      const red = body.locator('span.ed-red', { hasText: '31만 2천 원' });
      const highlight = body.locator('span.ed-bg-yellow');
      await expect(red).toBeVisible();
      await expect(highlight).toBeVisible();
      await expect(body.locator('td.ed-blue')).toHaveCount(2);
      const colours = await page.evaluate(() => {
        const get = (selector: string, property: 'color' | 'backgroundColor') => {
          const el = document.querySelector(selector);
          return el ? getComputedStyle(el)[property] : '';
        };
        return {
          red: get('article .prose span.ed-red', 'color'),
          text: get('article .prose p', 'color'),
          highlight: get('article .prose span.ed-bg-yellow', 'backgroundColor'),
        };
      });
      expect(colours.red).not.toBe(colours.text);
      expect(colours.red).toBe(colorScheme === 'light' ? 'rgb(161, 26, 26)' : 'rgb(252, 165, 165)');
      expect(colours.highlight).toBe(colorScheme === 'light' ? 'rgb(254, 240, 138)' : 'rgb(66, 32, 6)');
      await context.close();
    });
  }
});

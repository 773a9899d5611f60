import { expect, test } from '@playwright/test';

import { recordDialogs } from './support';

test.describe('hostile content', () => {
  for (const path of ['/articles/hostile-body', '/articles/hostile-markdown']) {
    test(`${path}: nothing from the file runs or navigates`, async ({ page }) => {
      const dialogs = recordDialogs(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const main = page.getByRole('main');
      for (const link of await main.locator('a').all()) {
        const href = (await link.getAttribute('href')) ?? '';
        expect(href.toLowerCase()).not.toContain('javascript:');
      }
      await page.waitForTimeout(1500);
      expect(page.url()).toContain(path);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
      ).toBeUndefined();
      expect(dialogs).toEqual([]);
      await expect(
        page.locator(
          'main iframe, main form, main svg, main base, main meta, main script:not([type="application/ld+json"])',
        ),
      ).toHaveCount(0);
      await expect(page.locator('main [style]')).toHaveCount(0);
    });
  }

  test('a title that tries to close the <title> element stays text', async ({ page }) => {
    await page.goto('/articles/hostile-markdown');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      "</title><script>window.__pwned='title'</script>",
    );
    expect(await page.title()).toContain('</title>');
  });
});

import { expect, test } from '@playwright/test';

import { STANDALONE_PORT } from './support';

test('a copy of the standalone server (node server.js, as operators deploy it) serves articles and assets', async ({
  page,
}) => {
  const base = `http://127.0.0.1:${STANDALONE_PORT}`;
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(base) && response.status() >= 400)
      failed.push(`${response.status()} ${response.url()}`);
  });
  const response = await page.goto(`${base}/articles/000_b421e53fca27d6b0`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자',
  );
  const image = await page.request.get(`${base}/images/chips.svg`);
  expect(image.status()).toBe(200);
  expect(failed).toEqual([]);
  expect((await page.request.get(`${base}/articles/no-such-article`)).status()).toBe(404);
});

import fs from 'node:fs';
import path from 'node:path';

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

// Found while benchmarking a million articles: the build's file tracer followed the server's own
// paths (the data folder, a clone's .git) and copied whatever matched in the checkout into the
// standalone folder: the checkout's .git (its config, where a remote's token may be), the view
// counter's secret, and a bench's 11 GB of indexes (the build then died out of memory).
test('the standalone folder carries the server, not the checkout’s history, data or secrets', () => {
  const standalone = path.join(process.cwd(), '.next', 'standalone');
  const top = fs.readdirSync(standalone);
  expect(top).toContain('server.js');
  for (const name of ['.git', 'data', 'bench', 'content', '.e2e', 'e2e']) expect(top).not.toContain(name);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/^(views-secret|deployment-id)$|\.sqlite(-wal|-shm)?$|\.db$/.test(entry.name)) found.push(path.relative(standalone, file));
    }
  };
  walk(standalone);
  expect(found).toEqual([]);
});

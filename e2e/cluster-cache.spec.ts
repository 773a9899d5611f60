import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import Redis from 'ioredis';

import { startLocalCluster } from '../deploy/local-cluster.mjs';

// The page cache several instances share in Redis serves only what it wrote, for whom it wrote
// it: an entry changed by whoever can write to Redis is a miss, and a second deployment of the
// same build on the same Redis (same prefix) never serves the first one's pages. Two instances
// and Redis from deploy/local-cluster.mjs, all started here and stopped by their own pids.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const ARTICLE = '/articles/000_b421e53fca27d6b0';
const TITLE = '네이버 이해진 최신 관심사는 무엇일까? 은둔의 경영자';

type Cluster = Awaited<ReturnType<typeof startLocalCluster>>;
let cluster: Cluster;
let redis: Redis;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startLocalCluster({ count: 2 });
  redis = new Redis(`redis://127.0.0.1:${cluster.redis.port}`);
});

test.afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
});

/** The Redis keys of `urlPath`'s page (Next 16: /route-cache/APP_PAGE/<route hash>/$<path>). */
const pageKeys = (urlPath: string) => redis.keys(`*:page:*$${urlPath}`);

/**
 * What someone who can write to Redis, but has no secret, does to a stored page: the JSON after
 * the signature (or the whole value, were it unsigned) edited, the rest left as it was.
 */
async function tamper(key: string, change: (value: { html: string; headers?: Record<string, string> }) => void) {
  const text = (await redis.get(key))!;
  const start = text.indexOf('{');
  const record = JSON.parse(text.slice(start));
  change(record.entry.value);
  await redis.set(key, `${text.slice(0, start)}${JSON.stringify(record)}`, 'KEEPTTL');
}

test('a page edited in Redis (a script, a cookie) is a miss on another instance, and the script never runs', async ({ page }) => {
  const [one, two] = cluster.instances;
  expect((await fetch(`${one!.base}${ARTICLE}`)).status).toBe(200);
  await expect.poll(async () => (await pageKeys(ARTICLE)).length, { timeout: 10_000 }).toBe(1);
  const [key] = await pageKeys(ARTICLE);
  await tamper(key!, (value) => {
    value.html = value.html.replace('</body>', '<script>window.__tampered = true</script></body>');
    value.headers = { ...value.headers, 'set-cookie': 'tampered=1; Path=/' };
  });
  expect(await redis.get(key!)).toContain('__tampered');

  const response = await page.goto(`${two!.base}${ARTICLE}`);
  expect(response?.status()).toBe(200);
  // Rendered here and now: MISS, or REVALIDATED where this instance held the build's own copy of
  // the page, expired by the content's version. HIT or STALE would mean the edited entry was used.
  expect(['MISS', 'REVALIDATED']).toContain(response?.headers()['x-nextjs-cache']);
  expect(response?.headers()['set-cookie']).toBeUndefined();
  const html = await response!.text();
  expect(html).toContain(TITLE);
  expect(html).not.toContain('__tampered');
  expect(await page.evaluate(() => (window as { __tampered?: boolean }).__tampered)).toBeUndefined();
  // Instance two rendered the page itself and stored it again, signed: the edit is gone.
  await expect.poll(async () => (await redis.get(key!)) ?? '', { timeout: 10_000 }).not.toContain('__tampered');
});

test('a second deployment (same build, Redis and prefix; other content) never serves the first one’s pages', async () => {
  // Two sites from plain folders: production, and a staging copy with an edited headline and an
  // article production has not published. Both folders exist before either server starts.
  const production = path.join(cluster.work, 'production-content');
  const staging = path.join(cluster.work, 'staging-content');
  const sample = path.resolve('content');
  fs.cpSync(sample, production, { recursive: true });
  fs.cpSync(sample, staging, { recursive: true });
  const article = path.join(staging, '000_b421e53fca27d6b0.html');
  fs.writeFileSync(article, fs.readFileSync(article, 'utf8').replace(`title: ${TITLE}`, 'title: 스테이징에서 고친 제목'));
  fs.mkdirSync(path.join(staging, 'social'), { recursive: true });
  fs.writeFileSync(
    path.join(staging, 'social', 'staging-only.md'),
    `---\ntitle: 스테이징 전용 미공개 기사\ndate: ${new Date().toISOString()}\ncategories: 사회\n---\n\n아직 내보내지 않은 기사.\n`,
  );
  const folderSite = (name: string, dir: string) =>
    cluster.makeInstance(name, { CONTENT_GIT_URL: '', CONTENT_DIR: dir, SITE_URL: 'http://127.0.0.1:8080' });
  const live = await folderSite('production-site', production);
  const preview = await folderSite('staging-site', staging);
  await Promise.all([cluster.start(live), cluster.start(preview)]);
  try {
    for (const urlPath of ['/', ARTICLE, '/articles/staging-only']) {
      const response = await fetch(`${preview.base}${urlPath}`);
      expect(response.status, urlPath).toBe(200);
    }
    expect(await (await fetch(`${preview.base}/`)).text()).toContain('스테이징 전용 미공개 기사');
    expect(await (await fetch(`${preview.base}${ARTICLE}`)).text()).toContain('스테이징에서 고친 제목');
    // Staging's article is in Redis before production is asked for it.
    const stored = async () => (await Promise.all((await pageKeys(ARTICLE)).map((key) => redis.get(key)))).join('\n');
    await expect.poll(stored, { timeout: 10_000 }).toContain('스테이징에서 고친 제목');

    for (const urlPath of ['/', ARTICLE]) {
      const response = await fetch(`${live.base}${urlPath}`);
      const html = await response.text();
      expect(response.headers.get('x-nextjs-cache'), urlPath).not.toBe('HIT');
      expect(html, urlPath).not.toContain('스테이징');
    }
    expect(await (await fetch(`${live.base}${ARTICLE}`)).text()).toContain(TITLE);
    expect((await fetch(`${live.base}/articles/staging-only`)).status).toBe(404);
  } finally {
    await Promise.all([cluster.kill(live), cluster.kill(preview)]);
  }
});

import { expect, test } from '@playwright/test';
import Redis from 'ioredis';

import { signHook, startLocalCluster } from '../deploy/local-cluster.mjs';

import { PORT } from './support';

// Several instances, as README's "Several servers" runs them (deploy/local-cluster.mjs): a bare
// git repository as the remote, redis-server, three standalone servers each with its own page
// cache and clone, nginx in front; all started here and stopped by their own process ids.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const INTERVAL_S = 3;
const ARTICLE = '/articles/000_b421e53fca27d6b0';

type Cluster = Awaited<ReturnType<typeof startLocalCluster>>;
type Instance = Cluster['instances'][number];
let cluster: Cluster;

// Dated now, so that it is the newest article and home lists it: an undated file sorts as 1970,
// below the sample content's articles once they are more than home shows.
const article = (title: string) =>
  `---\ntitle: ${title}\ndate: ${new Date().toISOString()}\ncategories: 사회\n---\n\n${title} 본문.\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const shows = (urlPath: string, text: string) => async (instance: Instance) => {
  const response = await fetch(`${instance.base}${urlPath}`);
  return response.status === 200 && (await response.text()).includes(text);
};

/** Milliseconds until `check` holds on every instance, polled every 100 ms. */
async function timeUntilAll(check: (instance: Instance) => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const pending = new Set(cluster.instances);
  while (pending.size > 0) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`not on ${[...pending].map((i) => i.name).join(', ')} after ${timeoutMs} ms`);
    }
    for (const instance of [...pending]) if (await check(instance).catch(() => false)) pending.delete(instance);
    if (pending.size > 0) await sleep(100);
  }
  return Date.now() - started;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startLocalCluster({ count: 3, intervalSeconds: INTERVAL_S });
});

test.afterAll(async () => {
  await cluster?.stop();
});

test('a page rendered on one instance is a cache hit on another', async () => {
  const [one, two] = cluster.instances;
  expect((await fetch(`${one!.base}${ARTICLE}`)).status).toBe(200);
  // Wait until instance one has stored it in Redis; then instance two's very first request for it.
  const client = new Redis(`redis://127.0.0.1:${cluster.redis.port}`);
  try {
    // Next 16 keys a page as /route-cache/APP_PAGE/<route hash>/$<path>.
    await expect.poll(async () => (await client.keys(`*:page:*${ARTICLE}`)).length, { timeout: 10_000 }).toBe(1);
  } finally {
    client.disconnect();
  }
  const second = await fetch(`${two!.base}${ARTICLE}`);
  expect(second.status).toBe(200);
  expect(second.headers.get('x-nextjs-cache')).toBe('HIT');
  expect(await second.text()).toContain('네이버 이해진');
});

test('a pushed commit and one webhook reach all three instances within 5 s; without it, within the interval', async () => {
  cluster.push({ 'social/cluster-hooked.md': article('웹훅으로 알린 기사') });
  expect((await cluster.hook(cluster.nginxBase)).status).toBe(202);
  expect(await timeUntilAll(shows('/articles/cluster-hooked', '웹훅으로 알린 기사'), 5000)).toBeLessThan(5000);
  // Home, cached on every instance and in Redis before the commit, shows it too.
  await timeUntilAll(shows('/', '웹훅으로 알린 기사'), 5000);

  cluster.push({ 'social/cluster-polled.md': article('주기적으로 가져온 기사') });
  const limit = INTERVAL_S * 1000 + 3000;
  expect(await timeUntilAll(shows('/articles/cluster-polled', '주기적으로 가져온 기사'), limit)).toBeLessThan(limit);
});

test('killing one instance under load through nginx fails no reader request; it rejoins on the newest commit', async () => {
  const three = cluster.instances[2]!;
  const failures: string[] = [];
  let served = 0;
  let n = 0;
  const until = Date.now() + 6000;
  // A query string nginx has not cached yet: every request reaches an instance.
  const loop = async () => {
    while (Date.now() < until) {
      n += 1;
      const target = `${cluster.nginxBase}${n % 2 ? ARTICLE : '/'}?load=${n}`;
      try {
        const response = await fetch(target);
        await response.arrayBuffer();
        if (response.status === 200) served += 1;
        else failures.push(`${response.status} ${target}`);
      } catch (error) {
        failures.push(`${String(error)} ${target}`);
      }
    }
  };
  const load = Promise.all(Array.from({ length: 8 }, loop));
  await sleep(1500);
  await cluster.kill(three);
  await load;
  expect(failures).toEqual([]);
  expect(served).toBeGreaterThan(50);

  // A commit while it is down: it starts on that commit, not on the one it stopped at.
  cluster.push({ 'social/cluster-rejoin.md': article('다시 합류한 뒤의 기사') });
  await cluster.start(three);
  expect(await shows('/articles/cluster-rejoin', '다시 합류한 뒤의 기사')(three)).toBe(true);
});

test('with Redis down every page answers, a commit arrives by the fallback fetch, and nothing stale survives', async () => {
  await cluster.stopRedis();
  for (const instance of cluster.instances) {
    for (const urlPath of ['/', ARTICLE, '/articles/cluster-hooked', '/category/%EC%82%AC%ED%9A%8C']) {
      expect((await fetch(`${instance.base}${urlPath}`)).status, `${instance.name} ${urlPath}`).toBe(200);
    }
  }
  cluster.push({ 'social/cluster-hooked.md': article('장애 중에 고친 제목') });
  // The instance told fetches at once; the others, unreachable through Redis, by their interval.
  expect((await cluster.hook(cluster.instances[0]!.base)).status).toBe(202);
  await timeUntilAll(shows('/articles/cluster-hooked', '장애 중에 고친 제목'), INTERVAL_S * 1000 + 3000);

  // Redis back, empty: every instance serves the new title, never a copy from before the outage.
  await cluster.startRedis();
  await sleep(2500);
  for (const instance of cluster.instances) {
    for (const urlPath of ['/articles/cluster-hooked', '/']) {
      const text = await (await fetch(`${instance.base}${urlPath}`)).text();
      expect(text, `${instance.name} ${urlPath}`).toContain('장애 중에 고친 제목');
      expect(text, `${instance.name} ${urlPath}`).not.toContain('웹훅으로 알린 기사');
    }
  }
});

test('a forged, unsigned or oversized webhook changes nothing; a signed one does', async () => {
  // An instance that fetches only when told, so nothing but the hook could bring a commit.
  const quiet = await cluster.makeInstance('quiet', { CONTENT_GIT_INTERVAL: '3600', REDIS_URL: '' });
  await cluster.start(quiet);
  try {
    cluster.push({ 'social/cluster-forged.md': article('위조된 알림의 기사') });
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    expect((await cluster.hook(quiet.base, body, '')).status).toBe(401);
    expect((await cluster.hook(quiet.base, body, signHook(body, 'guessed-secret'))).status).toBe(401);
    expect((await cluster.hook(quiet.base, `${body} `, signHook(body, cluster.secret))).status).toBe(401);
    expect((await cluster.hook(quiet.base, body, 'sha256=deadbeef')).status).toBe(401);
    expect((await cluster.hook(quiet.base, 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await fetch(`${quiet.base}/api/content-hook`)).status).toBe(405);
    await sleep(1000);
    expect((await fetch(`${quiet.base}/articles/cluster-forged`)).status).toBe(404);

    expect((await cluster.hook(quiet.base, body)).status).toBe(202);
    expect(await shows('/articles/cluster-forged', '위조된 알림의 기사')(quiet)).toBe(true);
  } finally {
    await cluster.kill(quiet);
  }
  // A server whose content is a plain folder has no hook at all.
  expect((await cluster.hook(`http://127.0.0.1:${PORT}`, '{}')).status).toBe(404);
});

import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { expect, test } from '@playwright/test';
import sharp from 'sharp';

import { startLocalNginx } from '../deploy/local-nginx.mjs';

import { contentDir, freePort, PORT, PREVIEW_TOKEN, writeArticle } from './support';

// deploy/nginx.conf itself, in front of the e2e server, started and stopped by this file.
let base = '';
let stop: () => void = () => {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const port = await freePort();
  const nginx = startLocalNginx({ upstreamPort: PORT, listenPort: port });
  stop = nginx.stop;
  base = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (await fetch(`${base}/api/breaking`).catch(() => undefined))?.status, {
      timeout: 15_000,
    })
    .toBe(200);
});

test.afterAll(() => stop());

/** A raw GET through nginx: fetch would ask for gzip itself and decode it silently. */
async function rawGet(path: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('one client’s Accept-Encoding never decides what the next client gets', async () => {
  const path = '/articles/semiconductor-exports-record';
  // A client asks for deflate first, as an attacker would to poison the cache.
  const first = await rawGet(path, { 'Accept-Encoding': 'deflate' });
  expect(first.status).toBe(200);
  expect(first.headers['content-encoding']).toBeUndefined();
  // A client that sends no Accept-Encoding gets plain bytes, from the cache.
  const plain = await rawGet(path);
  expect(plain.headers['x-cache-status']).toBe('HIT');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString('utf8')).toContain('반도체 수출 역대 최대');
  // A client that asks for gzip gets gzip it can read.
  const gzip = await rawGet(path, { 'Accept-Encoding': 'gzip' });
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gzip.body).toString('utf8')).toContain('반도체 수출 역대 최대');
});

test('nginx does not name its version', async () => {
  const response = await rawGet('/');
  expect(String(response.headers.server)).toBe('nginx');
  const error = await rawGet('/%');
  expect(error.body.toString('utf8')).not.toMatch(/nginx\/\d/);
});

test('previews never enter the shared cache, however the token argument is spelled', async () => {
  for (const query of [
    `token=${PREVIEW_TOKEN}`,
    `%74oken=${PREVIEW_TOKEN}`,
    `t%6Fken=${PREVIEW_TOKEN}`,
  ]) {
    const path = `/preview/draft-article?${query}`;
    for (let i = 0; i < 2; i += 1) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['x-cache-status'], path).toBeUndefined();
    }
  }
  // And nobody without the token ever gets a preview from the cache.
  expect((await rawGet('/preview/draft-article')).status).toBe(404);
});

test('a photo variant is cached by nginx whatever the query; a made-up one is 404 every time and never cached', async () => {
  const slug = `nginx-photo-${Date.now()}`;
  const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#357' } }).jpeg().toBuffer();
  const removeArticle = writeArticle(`nginx-photo/${slug}.md`, `---\ntitle: 캐시할 사진\nimage: ./${slug}.jpg\n---\n\n본문.\n`);
  fs.writeFileSync(path.join(contentDir, 'nginx-photo', `${slug}.jpg`), photo);
  try {
    let variant = '';
    // Asked of the app itself: nginx keeps the page without the photo for its s-maxage.
    await expect(async () => {
      const html = await (await fetch(`http://127.0.0.1:${PORT}/articles/${slug}`)).text();
      variant = /\/media\/[0-9a-f]{32}\/800\.jpg/.exec(html)?.[0] ?? '';
      expect(variant).not.toBe('');
    }).toPass({ timeout: 15_000, intervals: [250] });
    const first = await rawGet(variant);
    expect(first.status).toBe(200);
    const again = await rawGet(`${variant}?x=${Date.now()}`);
    expect(again.headers['x-cache-status']).toBe('HIT');
    expect(again.body.equals(first.body)).toBe(true);
  } finally {
    removeArticle();
    fs.rmSync(path.join(contentDir, 'nginx-photo'), { recursive: true, force: true });
  }
  const madeUp = `/media/${'ab'.repeat(16)}/800.webp`;
  for (const query of ['', '?x=1', '']) {
    const response = await rawGet(`${madeUp}${query}`);
    expect(response.status).toBe(404);
    expect(response.headers['x-cache-status']).not.toBe('HIT');
  }
});

test('one client looping over searches is held to its share (429), and the rest of the site answers', async () => {
  const statuses = await Promise.all(
    Array.from({ length: 40 }, (_, i) => rawGet(`/search?q=${encodeURIComponent(`관련 ${i}`)}`)),
  ).then((responses) => responses.map((r) => r.status));
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
  expect(statuses).toContain(429);
  expect((await rawGet('/')).status).toBe(200);
});

test('view beacons pass through to the app, every other write is refused at nginx', async () => {
  const post = (path: string, body: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 Chrome/156' },
    });
  // The app answers: a made-up slug is 404, a published one is counted (204), never cached.
  expect((await post('/api/views', 'no-such-article')).status).toBe(404);
  const counted = await post('/api/views', 'semiconductor-exports-record');
  expect(counted.status).toBe(204);
  expect(counted.headers.get('x-cache-status')).toBeNull();
  expect((await post('/api/views', 'x'.repeat(2048))).status).toBe(413);
  expect((await post('/search', 'q=1')).status).toBe(405);
  expect((await fetch(`${base}/`, { method: 'DELETE' })).status).toBe(405);
});

test('a share card is one cache entry whatever the query, so ?x=N cannot make Node draw again', async () => {
  const path = '/og/semiconductor-exports-record';
  const first = await rawGet(`${path}?x=1`);
  expect(first.status).toBe(200);
  expect(first.headers['content-type']).toBe('image/png');
  const second = await rawGet(`${path}?x=2`);
  expect(second.status).toBe(200);
  expect(second.headers['x-cache-status']).toBe('HIT');
  expect(second.body.equals(first.body)).toBe(true);
});

test('a stale page is served only as long as the app’s Cache-Control allows, Node down or not', async () => {
  // The app's pages: s-maxage plus stale-while-revalidate is how long nginx may serve a copy,
  // here a minute. An article taken down must be gone within that even while Node is down.
  const page = await fetch(`http://127.0.0.1:${PORT}/articles/semiconductor-exports-record`);
  const cacheControl = page.headers.get('cache-control') ?? '';
  const seconds = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(cacheControl)?.[1]);
  expect(seconds('s-maxage') + seconds('stale-while-revalidate'), cacheControl).toBeLessThanOrEqual(
    300,
  );
  expect(cacheControl).not.toContain('stale-if-error');

  // The same nginx configuration in front of a small stand-in for Node that says the same with
  // shorter times (1 s fresh, 3 s stale), so the test takes seconds, not a minute.
  const http = await import('node:http');
  const upstream = http.createServer((_request, response) => {
    response.setHeader('Cache-Control', 's-maxage=1, stale-while-revalidate=3');
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end('<p>정정보도 전의 기사</p>');
  });
  const upstreamPort = await freePort();
  await new Promise<void>((resolve) => upstream.listen(upstreamPort, '127.0.0.1', resolve));
  const listen = await freePort();
  const nginx = startLocalNginx({ upstreamPort, listenPort: listen });
  const get = async (path = '/articles/taken-down') => {
    const response = await fetch(`http://127.0.0.1:${listen}${path}`).catch(() => undefined);
    return {
      status: response?.status,
      cache: response?.headers.get('x-cache-status'),
      body: await response?.text(),
    };
  };
  const sleepUntil = (at: number) =>
    new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
  try {
    await expect.poll(async () => (await get('/warm-up')).status, { timeout: 10_000 }).toBe(200);
    expect((await get()).cache).toBe('MISS');
    // nginx keeps times in whole seconds: the copy is stale from 2 s after it was fetched at the
    // latest, and an error from 5 s (1 s fresh + 3 s stale + 1 s of rounding).
    const fetched = Date.now();
    expect((await get()).cache).toBe('HIT');
    // Node goes down.
    upstream.close();
    upstream.closeAllConnections();
    await sleepUntil(fetched + 2200);
    const stale = await get();
    expect(stale.status).toBe(200);
    expect(stale.cache).toBe('STALE');
    // Past s-maxage + stale-while-revalidate: an error, not the old page.
    await sleepUntil(fetched + 5200);
    for (let i = 0; i < 3; i += 1) {
      const late = await get();
      expect([502, 504]).toContain(late.status);
      expect(late.body).not.toContain('정정보도 전의 기사');
    }
  } finally {
    nginx.stop();
    upstream.close();
  }
});

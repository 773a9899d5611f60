import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';
import sharp from 'sharp';

import {
  makeCameraJpeg,
  makePngBomb,
  PHP_AS_JPEG,
  SVG_WITH_SCRIPT,
  TEST_SERIAL,
} from '../lib/media/test-photos';
import { startTestHttpsServer, type TestHttpsServer } from '../lib/media/test-https-server';

import { contentDir, dataDir, startStandaloneCopy, writeArticle, type StandaloneCopy } from './support';

// Photos are content (issue 20): a photo dropped beside an article on the running production
// server is on its page within 5 s, as variants of our own, with nothing of its EXIF.
const FRESH_MS = 5_000;
const mediaDir = path.join(dataDir, 'media');

test.describe.configure({ mode: 'serial' });

/** Every file under the media folder, with its size: what a request must never change. */
function listing(): string[] {
  if (!fs.existsSync(mediaDir)) return [];
  return fs
    .readdirSync(mediaDir, { recursive: true, withFileTypes: true })
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => `${path.relative(mediaDir, file)} ${fs.statSync(file).size}`)
    .sort();
}

/** The URLs of a `srcset`, with their widths. */
function readSrcSet(srcset: string | null): { url: string; width: number }[] {
  return (srcset ?? '')
    .split(',')
    .map((entry) => entry.trim().split(/\s+/))
    .map(([url = '', width = '']) => ({ url, width: Number(width.replace(/w$/, '')) }));
}

/** Every tag exiftool finds in each file. */
function exifOf(files: string[]): Record<string, unknown>[] {
  const out = execFileSync('/usr/bin/exiftool', ['-json', '-q', '-a', '-G1', '-b', ...files], { encoding: 'utf8' });
  return JSON.parse(out) as Record<string, unknown>[];
}

async function waitForBreaking(request: APIRequestContext, base = '') {
  const response = await request.get(`${base}/api/breaking`);
  expect(response.status()).toBe(200);
}

const slug = `photo-drop-${Date.now()}`;
const folder = `photos-e2e/${slug}`;
let hash = '';

test.afterAll(() => {
  fs.rmSync(path.join(contentDir, 'photos-e2e'), { recursive: true, force: true });
});

test('a camera JPEG dropped beside a new article is on its page within 5 s: our variants, no EXIF, Discover-ready', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const original = await makeCameraJpeg();
  writeArticle(
    `${folder}/${slug}.md`,
    `---\ntitle: 사진 넣은 기사 ${slug}\nimage: ./harbour.jpg\nimage_caption: 새벽 부두\nimage_credit: 김사진\n---\n\n부두의 새벽.\n`,
  );
  await expect.poll(async () => (await request.get(`/articles/${slug}`)).status(), { timeout: FRESH_MS }).toBe(200);

  // Written under a temporary name and renamed, as a copy into a shared folder lands whole.
  const target = path.join(contentDir, folder, 'harbour.jpg');
  fs.writeFileSync(`${target}.part`, original);
  fs.renameSync(`${target}.part`, target);
  const dropped = Date.now();
  // Within 5 s: a <picture> with at least three widths in a modern format (WebP comes first).
  await expect(async () => {
    const html = await (await request.get(`/articles/${slug}`)).text();
    const webp = /<source type="image\/webp" srcset="([^"]+)"/i.exec(html)?.[1] ?? null;
    expect(readSrcSet(webp).length).toBeGreaterThanOrEqual(3);
  }).toPass({ timeout: FRESH_MS, intervals: [250] });
  test.info().annotations.push({ type: 'dropped → on the page', description: `${Date.now() - dropped} ms` });
  // The AVIFs, most of the work, follow in the background.
  await expect(async () => {
    expect(await (await request.get(`/articles/${slug}`)).text()).toContain('type="image/avif"');
  }).toPass({ timeout: 20_000, intervals: [250] });

  await page.goto(`/articles/${slug}`);
  const hero = page.locator('figure picture').first();
  const img = hero.locator('img');
  await expect(img).toHaveAttribute('fetchpriority', 'high');
  await expect(img).toHaveAttribute('loading', 'eager');
  expect(Number(await img.getAttribute('width'))).toBe(1600);
  expect(Number(await img.getAttribute('height'))).toBe(1200);
  await expect(page.locator('figure figcaption')).toHaveText('새벽 부두 사진=김사진');
  // The browser picked one of ours and drew it.
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  expect(new URL(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).pathname).toMatch(/^\/media\/[0-9a-f]{32}\/\d+\.avif$/);

  const avif = readSrcSet(await hero.locator('source[type="image/avif"]').getAttribute('srcset'));
  const webp = readSrcSet(await hero.locator('source[type="image/webp"]').getAttribute('srcset'));
  const jpeg = readSrcSet(await img.getAttribute('srcset'));
  expect(avif.map((v) => v.width)).toEqual([480, 800, 1200, 1600]);
  expect(webp.map((v) => v.width)).toEqual([480, 800, 1200, 1600]);
  expect(await img.getAttribute('sizes')).toBe('(min-width: 800px) 768px, calc(100vw - 32px)');

  const urls = [...avif, ...webp, ...jpeg].map((v) => v.url);
  hash = urls[0]?.split('/')[2] ?? '';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-photos-'));
  try {
    const files: string[] = [];
    for (const url of urls) {
      expect(url, 'same-origin, content-hashed').toMatch(/^\/media\/[0-9a-f]{32}\/\d+\.(avif|webp|jpg)$/);
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      const bytes = await response.body();
      expect(bytes.includes(TEST_SERIAL), url).toBe(false);
      const file = path.join(work, url.split('/').slice(2).join('-'));
      fs.writeFileSync(file, bytes);
      files.push(file);
    }
    for (const tags of exifOf(files)) {
      const revealing = Object.entries(tags).filter(
        ([key, value]) => /GPS|Serial|Make|Model/i.test(key) || String(value).includes(TEST_SERIAL),
      );
      expect(revealing, String(tags.SourceFile)).toEqual([]);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  // Discover and sharing: a ≥ 1200 px variant with its true size, large previews allowed.
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  const ogWidth = Number(await page.locator('meta[property="og:image:width"]').getAttribute('content'));
  const ogHeight = Number(await page.locator('meta[property="og:image:height"]').getAttribute('content'));
  expect(ogWidth).toBeGreaterThanOrEqual(1200);
  const shared = await sharp(await (await request.get(new URL(og ?? '').pathname)).body()).metadata();
  expect([shared.width, shared.height]).toEqual([ogWidth, ogHeight]);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /max-image-preview:large/);
  const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
  const article = jsonLd.map((text) => JSON.parse(text) as { '@type': string; image?: { url: string; width: number; height: number }[] }).find((data) => data['@type'] === 'NewsArticle');
  expect(article?.image?.map((image) => [new URL(image.url).pathname.split('/')[3], image.width, image.height])).toEqual([
    ['16x9.jpg', 1200, 675],
    ['4x3.jpg', 1200, 900],
    ['1x1.jpg', 1200, 1200],
  ]);
  for (const image of article?.image ?? []) {
    const response = await request.get(new URL(image.url).pathname);
    expect(response.status()).toBe(200);
    const size = await sharp(await response.body()).metadata();
    expect([size.width, size.height]).toEqual([image.width, image.height]);
  }
});

test('made-up variant URLs are 404 and add nothing to disk', async ({ request }) => {
  expect(hash).toMatch(/^[0-9a-f]{32}$/);
  const before = listing();
  const madeUp = [
    `/media/${hash}/999.webp`,
    `/media/${hash}/2000.avif`,
    `/media/${hash}/480.png`,
    `/media/${hash}/0480.webp`,
    `/media/${hash}/16x10.jpg`,
    `/media/${hash}/16x9.webp`,
    `/media/${hash}/photo.json`,
    `/media/${randomBytes(16).toString('hex')}/480.webp`,
    `/media/${hash.toUpperCase()}/480.webp`,
    `/media/..%2F..%2Fetc/passwd`,
  ];
  for (const url of madeUp) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expect(response.headers()['cache-control'], url).toContain('no-store');
  }
  expect(listing()).toEqual(before);
});

test('hostile files are refused while the site keeps answering, and their article shows no broken image', async ({
  request,
}) => {
  test.setTimeout(90_000);
  const hostileSlug = `${slug}-hostile`;
  const good = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a6' } }).jpeg().toBuffer();
  const camera = await makeCameraJpeg({ width: 1600, height: 1200 });
  const hostile: Record<string, Buffer | string> = {
    'a-truncated.jpg': camera.subarray(0, Math.floor(camera.length / 2)),
    'b-shell.jpg': PHP_AS_JPEG,
    'c-bomb.png': makePngBomb(),
    'd-script.svg': SVG_WITH_SCRIPT,
  };
  const body = [...Object.keys(hostile), 'z-good.jpg'].map((name) => `![${name}](./${name})`).join('\n\n');
  writeArticle(`${folder}-hostile/${hostileSlug}.md`, `---\ntitle: 위험한 사진들\n---\n\n${body}\n`);
  for (const [name, bytes] of Object.entries(hostile)) {
    fs.writeFileSync(path.join(contentDir, `${folder}-hostile`, name), bytes);
  }
  // Made after the hostile ones (one at a time, in path order): once it shows, they were judged.
  fs.writeFileSync(path.join(contentDir, `${folder}-hostile`, 'z-good.jpg'), good);
  let answered = 0;
  await expect(async () => {
    await waitForBreaking(request);
    answered += 1;
    const html = await (await request.get(`/articles/${hostileSlug}`)).text();
    expect(html).toContain('<picture>');
  }).toPass({ timeout: 15_000, intervals: [100] });
  expect(answered).toBeGreaterThan(0);

  const html = await (await request.get(`/articles/${hostileSlug}`)).text();
  expect(html.match(/<picture>/g)).toHaveLength(1);
  for (const name of Object.keys(hostile)) expect(html).not.toContain(name);
  expect(html).not.toContain('<svg');
  expect(html).not.toContain('<?php');
  // Nothing of theirs was written: no folder holds more than one photo's files.
  for (const entry of fs.readdirSync(mediaDir)) expect(entry).not.toMatch(/^\.incoming-/);
});

test.describe('a wrong setting: DATA_DIR is a file', () => {
  let work = '';
  let base = '';
  let server: StandaloneCopy | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-photos-data-'));
    const content = path.join(work, 'content');
    fs.mkdirSync(content);
    fs.writeFileSync(path.join(content, 'harbour.md'), '---\ntitle: 부두 사진\nimage: ./harbour.jpg\n---\n\n본문.\n');
    fs.writeFileSync(path.join(content, 'harbour.jpg'), await makeCameraJpeg({ width: 1300, height: 900 }));
    fs.writeFileSync(path.join(work, 'data'), 'not a folder');
    server = await startStandaloneCopy(work, {
      CONTENT_DIR: content,
      DATA_DIR: path.join(work, 'data'),
      SITE_URL: 'http://127.0.0.1:3100',
    });
    base = server.base;
  });

  test.afterAll(() => {
    server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('says in the log where it cannot write, once; the page answers without the photo', async ({ request }) => {
    test.setTimeout(60_000);
    await expect(async () => {
      expect((await request.get(`${base}/articles/harbour`)).status()).toBe(200);
      expect(server!.log()).toContain('harbour.jpg: error: 사진 변환본을 저장할 수 없습니다');
    }).toPass({ timeout: 30_000, intervals: [500] });
    const html = await (await request.get(`${base}/articles/harbour`)).text();
    expect(html).toContain('부두 사진');
    expect(html).not.toContain('<picture>');
    expect(html).not.toContain('harbour.jpg');
    expect(server!.log().split('사진 변환본을 저장할 수 없습니다')).toHaveLength(2);
    expect((await request.get(`${base}/api/breaking`)).status()).toBe(200);
  });
});

test.describe('REMOTE_IMAGES=import: another site’s image becomes our own, and a wrong value is said', () => {
  let work = '';
  let origin: TestHttpsServer | undefined;
  let server: StandaloneCopy | undefined;
  const article = (url: string) =>
    `---\ntitle: 원격 사진 기사\nimage: ${url}\n---\n\n<p><img src="${url}" alt="원격 사진"></p>\n`;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-remote-'));
    // The other site: a local https server with a certificate made now, trusted by this server only.
    origin = await startTestHttpsServer(await makeCameraJpeg({ width: 1600, height: 1200 }));
    fs.writeFileSync(path.join(work, 'ca.pem'), origin.ca);
    const content = path.join(work, 'content');
    fs.mkdirSync(content);
    fs.writeFileSync(path.join(content, 'remote.md'), article(`https://127.0.0.1:${origin.port}/photo.jpg`));
    server = await startStandaloneCopy(work, {
      CONTENT_DIR: content,
      DATA_DIR: path.join(work, 'data'),
      SITE_URL: 'http://127.0.0.1:3100',
      REMOTE_IMAGES: 'import',
      // The test-only allowance: loopback is otherwise never fetched.
      REMOTE_IMAGES_TEST_ALLOW_HOSTS: `127.0.0.1:${origin.port}`,
      REMOTE_IMAGES_TEST_ALLOW_IN_PRODUCTION: '1',
      NODE_EXTRA_CA_CERTS: path.join(work, 'ca.pem'),
    });
  });

  test.afterAll(async () => {
    server?.stop();
    await origin?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('the page soon names no other host: the hero (a body copy of it is dropped) is our variants, fetched once', async ({ request }) => {
    test.setTimeout(90_000);
    const remote = `127.0.0.1:${origin!.port}`;
    await expect(async () => {
      const html = await (await request.get(`${server!.base}/articles/remote`)).text();
      expect(html).toContain('<picture>');
      expect(html).not.toContain(remote);
      // Its AVIFs come in a second job, and reach the page too.
      expect(html).toMatch(/\/media\/[0-9a-f]{32}\/800\.avif/);
    }).toPass({ timeout: 60_000, intervals: [500] });
    const html = await (await request.get(`${server!.base}/articles/remote`)).text();
    const variant = /\/media\/[0-9a-f]{32}\/800\.avif/.exec(html)?.[0];
    expect(variant).toBeDefined();
    const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
    expect(og).toMatch(/\/media\/[0-9a-f]{32}\/1200\.jpg$/);
    expect((await request.get(`${server!.base}${variant}`)).status()).toBe(200);
    expect(origin!.hits.get('/photo.jpg')).toBe(1);
  });

  test('an unknown REMOTE_IMAGES value is said at start, naming the setting, and imports nothing', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-remote-wrong-'));
    const content = path.join(other, 'content');
    fs.mkdirSync(content);
    fs.writeFileSync(path.join(content, 'remote.md'), article(`https://127.0.0.1:${origin!.port}/other.jpg`));
    const wrong = await startStandaloneCopy(other, {
      CONTENT_DIR: content,
      DATA_DIR: path.join(other, 'data'),
      SITE_URL: 'http://127.0.0.1:3100',
      REMOTE_IMAGES: 'yes',
    });
    try {
      const html = await (await fetch(`${wrong.base}/articles/remote`)).text();
      expect(html).toContain(`https://127.0.0.1:${origin!.port}/other.jpg`);
      expect(html).toMatch(/referrerpolicy="no-referrer"/i);
      expect(wrong.log()).toContain('REMOTE_IMAGES "yes"');
      expect(wrong.log()).toContain('off, import');
      expect(origin!.hits.get('/other.jpg')).toBeUndefined();
    } finally {
      wrong.stop();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

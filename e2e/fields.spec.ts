import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { startStandaloneCopy, type StandaloneCopy } from './support';

test.describe('a field over its cap', () => {
  test('a breaking article with a 650 KB headline is refused: home stays small, the article is nowhere', async ({
    request,
  }) => {
    for (const page of ['/', '/articles/000_b421e53fca27d6b0', '/api/breaking', '/feed.xml']) {
      const response = await request.get(page);
      expect(response.status(), page).toBe(200);
      const body = await response.text();
      // The feed carries whole bodies (the e2e content's heaviest accepted ones among them), so
      // only pages that show headlines are weighed.
      if (page !== '/feed.xml') expect(Buffer.byteLength(body), page).toBeLessThan(300_000);
      expect(body, page).not.toContain('거대속보');
    }
    expect((await request.get('/articles/huge-headline')).status()).toBe(404);
  });
});

// A server of its own (a copy of the standalone build, its own content and page cache), so that
// breaking `_site.yml` on purpose never changes what the other specs' servers show.
test.describe('the site URL', () => {
  test.describe.configure({ mode: 'serial' });

  const GOOD_SITE = 'name: 시험일보\nurl: https://news.example.kr\npublisher: 김발행\nai_training: disallow\n';
  const PATHS = [
    '/',
    '/articles/first',
    `/category/${encodeURIComponent('시험')}`,
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/news-sitemap.xml',
    '/robots.txt',
    '/api/breaking',
    '/og/first',
  ];
  let work = '';
  let content = '';
  let base = '';
  let server: StandaloneCopy | undefined;

  const write = (file: string, text: string) => fs.writeFileSync(path.join(content, file), text);
  const article = (slug: string, extra = '') =>
    `---\ntitle: ${slug} 기사\ncategories: 시험\ndate: 2026-01-01 09:00\n${extra}\n---\n\n본문.\n`;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-site-url-'));
    content = path.join(work, 'content');
    fs.mkdirSync(content);
    write('_site.yml', GOOD_SITE);
    write('first.md', article('first', 'breaking: true'));
    server = await startStandaloneCopy(work, {
      CONTENT_DIR: content,
      DATA_DIR: path.join(work, 'data'),
      // A wrong setting: an operator's mailto: is not a site URL, so _site.yml's url serves.
      SITE_URL: 'mailto:ops@example.kr',
    });
    base = server.base;
  });

  test.afterAll(() => {
    server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('a SITE_URL that is not http(s) is ignored with one log line; _site.yml’s url serves', async ({
    request,
  }) => {
    for (const page of PATHS) expect((await request.get(`${base}${page}`)).status(), page).toBe(200);
    const robots = await (await request.get(`${base}/robots.txt`)).text();
    expect(robots).toContain('Sitemap: https://news.example.kr/sitemap.xml');
    expect(server!.log().split('SITE_URL "mailto:ops@example.kr"은 경로 없는 http(s) 주소가 아니어서 쓰지 않습니다')).toHaveLength(2);
  });

  test('url: "mailto:…" in _site.yml is an error: every page, feed, robots.txt and /api/breaking answer 200 with the last good identity', async ({
    request,
  }) => {
    try {
      write('_site.yml', 'name: 바뀐일보\nurl: "mailto:x@y.z"\n');
      // A file written after it: once it shows, the server has read the broken _site.yml too.
      write('second.md', article('second'));
      await expect
        .poll(async () => (await request.get(`${base}/articles/second`)).status(), { timeout: 10_000 })
        .toBe(200);
      for (const page of PATHS) {
        const response = await request.get(`${base}${page}`);
        expect(response.status(), page).toBe(200);
        expect(await response.text(), page).not.toContain('바뀐일보');
      }
      const home = await (await request.get(`${base}/`)).text();
      expect(home).toContain('시험일보');
      expect(home).toContain('김발행');
      const robots = await (await request.get(`${base}/robots.txt`)).text();
      expect(robots).toContain('Sitemap: https://news.example.kr/sitemap.xml');
      expect(robots).toContain('GPTBot');
      const { items } = (await (await request.get(`${base}/api/breaking`)).json()) as { items: { url: string }[] };
      expect(items.map((item) => item.url)).toEqual(['https://news.example.kr/articles/first']);
    } finally {
      write('_site.yml', GOOD_SITE);
    }
  });
});

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { startStandaloneCopy, type StandaloneCopy } from './support';

// Issue 22: found by search engines as soon as it publishes. A server of its own (its own content
// folder and settings), whose IndexNow endpoint is a recorder this test starts on a free port.

const KEY = 'e2e-indexnow-7c1d9a4b';
const SITE = 'http://127.0.0.1:3100';

interface Announcement {
  host: string;
  key: string;
  keyLocation: string;
  urlList: string[];
}

function article(title: string, extra = ''): string {
  return `---\ntitle: ${title}\ndate: 2026-11-20 09:00\ncategories: [알림]${extra}\n---\n${title}의 본문입니다.\n`;
}

test.describe('search engines: verification and IndexNow', () => {
  // One server and one recorder for the three steps.
  test.describe.configure({ mode: 'serial' });

  let work: string;
  let content: string;
  let server: StandaloneCopy | undefined;
  let recorder: http.Server | undefined;
  const announced: Announcement[] = [];
  const sentUrls = () => announced.flatMap((a) => a.urlList);

  test.beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-indexnow-'));
    content = path.join(work, 'content');
    fs.mkdirSync(content, { recursive: true });
    fs.writeFileSync(
      path.join(content, '_site.yml'),
      [
        'name: 알림일보',
        'verification:',
        '  naver: 0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4',
        '  google: g00gle-Token_1',
        '  bing: FILE-BING-TOKEN',
        '  foo: foo-token',
        '  daum: \'"><script>alert(1)</script>\'',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(content, 'kept.md'), article('그대로 둘 기사'));
    fs.writeFileSync(path.join(content, 'edited.md'), article('고칠 기사'));
    fs.writeFileSync(path.join(content, 'removed.md'), article('지울 기사'));

    recorder = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.method === 'POST' && request.url === '/indexnow') announced.push(JSON.parse(body) as Announcement);
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => recorder?.listen(0, '127.0.0.1', resolve));
    const { port } = recorder.address() as AddressInfo;

    server = await startStandaloneCopy(work, {
      CONTENT_DIR: content,
      DATA_DIR: path.join(work, 'data'),
      SITE_URL: SITE,
      INDEXNOW_KEY: KEY,
      INDEXNOW_ENDPOINTS: `http://127.0.0.1:${port}/indexnow`,
      // The operator's token replaces the file's for that engine.
      SITE_VERIFICATION_BING: 'ENV-BING-TOKEN',
    });
    // Changes are followed from the moment the content was first read; what was there is not news.
    await expect.poll(() => server?.log() ?? '', { timeout: 30_000 }).toContain('[indexnow] 게시된 기사 3개에서 시작해');
  });

  test.afterAll(() => {
    server?.stop();
    recorder?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('the home page carries each engine’s verification meta tag; a hostile token is refused at its line', async ({ page }) => {
    await page.goto(`${server?.base}/`);
    const meta = (name: string) => page.locator(`meta[name="${name}"]`);
    await expect(meta('naver-site-verification')).toHaveAttribute('content', '0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4');
    await expect(meta('google-site-verification')).toHaveAttribute('content', 'g00gle-Token_1');
    await expect(meta('msvalidate.01')).toHaveAttribute('content', 'ENV-BING-TOKEN');
    await expect(meta('foo-site-verification')).toHaveAttribute('content', 'foo-token');
    await expect(meta('daum-site-verification')).toHaveCount(0);
    // The rest of _site.yml still counts, and the mistake is in the log at its line.
    await expect(page.getByRole('heading', { level: 1 })).toContainText('알림일보');
    expect(server?.log()).toMatch(/_site\.yml:7(:\d+)?: error: verification\.daum: 토큰을 쓸 수 없습니다/);
    // Articles do not repeat them.
    await page.goto(`${server?.base}/articles/kept`);
    await expect(meta('naver-site-verification')).toHaveCount(0);
  });

  test('the key file is served as text at /<key>.txt; any other name is 404', async ({ request }) => {
    const file = await request.get(`${server?.base}/${KEY}.txt`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toMatch(/^text\/plain/);
    expect(await file.text()).toBe(KEY);
    expect((await request.get(`${server?.base}/e2e-indexnow-0000000.txt`)).status()).toBe(404);
    expect((await request.get(`${server?.base}/${KEY}x.txt`)).status()).toBe(404);
    expect((await request.get(`${server?.base}/robots.txt`)).status()).toBe(200);
  });

  test('a publish, an edit and a deletion are announced to the endpoint; a draft never is', async () => {
    const url = (slug: string) => `${SITE}/articles/${slug}`;
    fs.writeFileSync(path.join(content, 'draft.md'), article('초안 기사', '\ndraft: true'));
    // Given a look of its own before the publish, so that a draft announced would be seen.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    fs.writeFileSync(path.join(content, 'published.md'), article('새로 낸 기사'));
    await expect.poll(sentUrls, { timeout: 20_000 }).toContain(url('published'));

    fs.writeFileSync(path.join(content, 'edited.md'), article('고친 기사'));
    await expect.poll(sentUrls, { timeout: 20_000 }).toContain(url('edited'));

    fs.rmSync(path.join(content, 'removed.md'));
    await expect.poll(sentUrls, { timeout: 20_000 }).toContain(url('removed'));

    expect(sentUrls()).not.toContain(url('draft'));
    expect(sentUrls()).not.toContain(url('kept'));
    expect(announced[0]).toEqual({
      host: '127.0.0.1:3100',
      key: KEY,
      keyLocation: `${SITE}/${KEY}.txt`,
      urlList: [url('published')],
    });
  });
});

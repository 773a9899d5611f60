import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { startStandaloneCopy, type StandaloneCopy } from './support';

// Issue 21: a server keeps what it read of its content in an index on disk (DATA_DIR/content-index)
// and answers from it at once after a restart, while it reads the folder behind it.

function article(title: string, date: string): string {
  return `---\ntitle: ${title}\ndate: ${date}\ncategories: [색인]\n---\n${title}의 본문입니다.\n`;
}

test.describe('the content index across restarts', () => {
  let work: string;
  let server: StandaloneCopy | undefined;

  test.beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-content-index-'));
  });

  test.afterAll(() => {
    server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('a killed server restarts from its index and finds what was added, edited and removed while it was down', async ({
    request,
  }) => {
    const content = path.join(work, 'content');
    const data = path.join(work, 'data');
    fs.mkdirSync(path.join(content, '2026', '11'), { recursive: true });
    const file = (name: string) => path.join(content, '2026', '11', name);
    fs.writeFileSync(file('first.md'), article('색인 첫째 기사', '2026-11-01 09:00'));
    fs.writeFileSync(file('second.md'), article('색인 둘째 기사', '2026-11-02 09:00'));
    fs.writeFileSync(file('third.md'), article('색인 셋째 기사', '2026-11-03 09:00'));
    const env = { CONTENT_DIR: content, DATA_DIR: data, SITE_URL: 'http://127.0.0.1:3100' };

    server = await startStandaloneCopy(work, env);
    const home = async () => (await request.get(`${server?.base}/category/색인`)).text();
    await expect.poll(home, { timeout: 20_000 }).toContain('색인 셋째 기사');
    expect(await home()).toContain('색인 첫째 기사');
    expect(
      fs.readdirSync(path.join(data, 'content-index')).some((name) => name.endsWith('.sqlite')),
    ).toBe(true);
    // What the server has read, for operators: done reading, three articles, search caught up.
    const status = async () => (await request.get(`${server?.base}/api/status`)).json();
    await expect
      .poll(status, { timeout: 20_000 })
      .toEqual({ reading: false, articles: 3, searchCaughtUp: true });

    // Killed, not stopped: the index must survive a crash as well as a shutdown.
    server.stop();
    fs.rmSync(file('first.md'));
    fs.writeFileSync(file('second.md'), article('고쳐 쓴 둘째 기사', '2026-11-02 09:00'));
    fs.writeFileSync(file('fourth.md'), article('서버가 멈춘 사이 쓴 기사', '2026-11-04 09:00'));

    server = await startStandaloneCopy(work, env);
    await expect.poll(home, { timeout: 20_000 }).toContain('서버가 멈춘 사이 쓴 기사');
    const listed = await home();
    expect(listed).toContain('고쳐 쓴 둘째 기사');
    expect(listed).toContain('색인 셋째 기사');
    expect(listed).not.toContain('색인 첫째 기사');
    expect((await request.get(`${server.base}/articles/first`)).status()).toBe(404);
    expect((await request.get(`${server.base}/articles/fourth`)).status()).toBe(200);
  });

  test('a damaged index is rebuilt from the files, and the site keeps answering', async ({
    request,
  }) => {
    const content = path.join(work, 'damaged-content');
    const data = path.join(work, 'damaged-data');
    fs.mkdirSync(content, { recursive: true });
    fs.writeFileSync(
      path.join(content, 'only.md'),
      article('망가진 색인 뒤의 기사', '2026-11-05 09:00'),
    );
    const index = path.join(data, 'content-index');
    fs.mkdirSync(index, { recursive: true });
    const env = { CONTENT_DIR: content, DATA_DIR: data, SITE_URL: 'http://127.0.0.1:3100' };

    server?.stop();
    server = await startStandaloneCopy(path.join(work, 'damaged'), env);
    await expect
      .poll(async () => (await request.get(`${server?.base}/articles/only`)).status(), {
        timeout: 20_000,
      })
      .toBe(200);
    server.stop();
    for (const name of fs.readdirSync(index))
      fs.writeFileSync(path.join(index, name), 'not a database at all');

    server = await startStandaloneCopy(path.join(work, 'damaged'), env);
    await expect
      .poll(async () => (await request.get(`${server?.base}/articles/only`)).text(), {
        timeout: 20_000,
      })
      .toContain('망가진 색인 뒤의 기사');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';

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

  test('a new build answers from the index the last one left, and reads every file again behind it', async ({
    request,
  }) => {
    const content = path.join(work, 'upgrade-content');
    const data = path.join(work, 'upgrade-data');
    const folder = path.join(content, '2026', '10');
    fs.mkdirSync(folder, { recursive: true });
    // Enough files that the read behind the first answer takes a while.
    for (let i = 0; i < 5000; i++)
      fs.writeFileSync(
        path.join(folder, `old-${i}.md`),
        article(`지난 기사 ${i}`, '2026-10-01 09:00'),
      );
    fs.writeFileSync(
      path.join(content, 'kept.md'),
      article('빌드를 넘어 남은 기사', '2026-11-05 09:00'),
    );
    const env = { CONTENT_DIR: content, DATA_DIR: data, SITE_URL: 'http://127.0.0.1:3100' };
    const status = async () => (await request.get(`${server?.base}/api/status`)).json();

    server?.stop();
    server = await startStandaloneCopy(path.join(work, 'upgrade'), env);
    await expect
      .poll(status, { timeout: 60_000 })
      .toMatchObject({ reading: false, articles: 5001 });
    server.stop();

    // As another build's parsing code left it: stamped with that code, and reading one title its
    // own way (the file itself is untouched, so only reading it again can change that title).
    const [name] = fs
      .readdirSync(path.join(data, 'content-index'))
      .filter((n) => /^[0-9a-f]+\.sqlite$/.test(n));
    const db = new Database(path.join(data, 'content-index', name!));
    db.prepare("UPDATE meta SET value = 'an-older-build' WHERE key = 'parser'").run();
    db.prepare('UPDATE files SET result = replace(result, ?, ?)').run(
      '빌드를 넘어 남은 기사',
      '이전 빌드가 읽은 기사',
    );
    db.close();

    server = await startStandaloneCopy(path.join(work, 'upgrade'), env);
    // Its first answer: the article as the index has it, not a 404 while the new build reads.
    const first = await request.get(`${server.base}/articles/kept`);
    expect(first.status()).toBe(200);
    expect(await first.text()).toContain('이전 빌드가 읽은 기사');
    await expect
      .poll(status, { timeout: 60_000 })
      .toMatchObject({ reading: false, articles: 5001 });
    await expect
      .poll(async () => (await request.get(`${server?.base}/articles/kept`)).text(), {
        timeout: 20_000,
      })
      .toContain('빌드를 넘어 남은 기사');
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

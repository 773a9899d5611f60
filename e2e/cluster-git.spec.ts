import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';
import sharp from 'sharp';

import { git, signHook, startLocalCluster } from '../deploy/local-cluster.mjs';

// Git mode under abuse, on the cluster of README's "Several servers" (deploy/local-cluster.mjs):
// replayed webhooks, the Gitea/Forgejo and GitLab forms, and a CONTENT_DIR it must not touch.
// Each instance runs git through a wrapper on its PATH that notes every command, so the fetches an
// instance made are counted, not guessed from timing.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SECRET = 'cluster-git-webhook-5d1e9a3c7f2b48e6a0c4';
const BODY = JSON.stringify({ ref: 'refs/heads/main' });

type Cluster = Awaited<ReturnType<typeof startLocalCluster>>;
type Instance = Cluster['instances'][number];
let cluster: Cluster;
let calls: string;

const article = (title: string) =>
  `---\ntitle: ${title}\ncategories: 사회\n---\n\n${title} 본문.\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many times `instance` has run `git fetch`, as its wrapper noted. */
function fetches(instance: Instance): number {
  const file = path.join(calls, String(instance.port));
  if (!fs.existsSync(file)) return 0;
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line === 'fetch').length;
}

function post(url: string, headers: Record<string, string>, body = BODY): Promise<Response> {
  const send = () =>
    fetch(`${url}/api/content-hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  return send().catch(send);
}

async function untilEvery(urlPath: string, text: string, timeoutMs: number): Promise<void> {
  for (const instance of cluster.instances) {
    await expect
      .poll(async () => (await (await fetch(`${instance.base}${urlPath}`)).text()).includes(text), {
        timeout: timeoutMs,
        message: `${instance.name} ${urlPath}`,
      })
      .toBe(true);
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const bin = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'git-calls-'));
  calls = path.join(bin, 'calls');
  fs.mkdirSync(calls);
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  fs.writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nprintf '%s\\n' "$1" >> "$GIT_CALLS_DIR/$PORT"\nexec ${real} "$@"\n`,
    { mode: 0o755 },
  );
  // Fetches only when told: no interval fetch can blur the count.
  cluster = await startLocalCluster({
    count: 3,
    intervalSeconds: 3600,
    secret: SECRET,
    env: { PATH: `${bin}:${process.env.PATH}`, GIT_CALLS_DIR: calls },
  });
  // Each instance fetches once as its Redis signal connects; let that pass before counting.
  await sleep(4000);
});

test.afterAll(async () => {
  await cluster?.stop();
});

test('one signed delivery replayed 50 times through nginx makes each instance fetch at most twice', async () => {
  cluster.push({ 'social/cluster-replayed.md': article('50번 되풀이된 알림의 기사') });
  const before = cluster.instances.map(fetches);
  const headers = {
    'x-hub-signature-256': signHook(BODY, SECRET),
    'x-github-delivery': randomUUID(),
  };
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => post(cluster.nginxBase, headers)),
  );
  const statuses = answers.map((a) => a.status);
  expect(
    statuses.every((s) => s === 200 || s === 202),
    statuses.join(','),
  ).toBe(true);
  // nginx spreads them: each instance acts on the delivery once, and says the rest are duplicates.
  expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(1);
  expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(cluster.instances.length);
  await untilEvery('/articles/cluster-replayed', '50번 되풀이된 알림의 기사', 10_000);
  // Signals from the others, merged into one trailing fetch, land within the 3 s gap.
  await sleep(4500);
  const made = cluster.instances.map((instance, i) => fetches(instance) - (before[i] ?? 0));
  console.log(`fetches per instance for 50 replays: ${made.join(', ')}`);
  for (const count of made) {
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(2);
  }
});

test('a Gitea-signed and a GitLab-token webhook each publish a commit to every instance', async () => {
  cluster.push({ 'social/cluster-gitea.md': article('기테아가 알린 기사') });
  const gitea = createHmac('sha256', SECRET).update(BODY).digest('hex');
  const forged = await post(cluster.nginxBase, {
    'x-gitea-signature': createHmac('sha256', 'guess').update(BODY).digest('hex'),
  });
  expect(forged.status).toBe(401);
  const answer = await post(cluster.nginxBase, {
    'x-gitea-signature': gitea,
    'x-gitea-delivery': randomUUID(),
  });
  expect(answer.status).toBe(202);
  await untilEvery('/articles/cluster-gitea', '기테아가 알린 기사', 10_000);

  cluster.push({ 'social/cluster-gitlab.md': article('깃랩이 알린 기사') });
  expect((await post(cluster.nginxBase, { 'x-gitlab-token': 'guess' })).status).toBe(401);
  const gitlab = await post(cluster.nginxBase, {
    'x-gitlab-token': SECRET,
    'x-gitlab-event-uuid': randomUUID(),
  });
  expect(gitlab.status).toBe(202);
  await untilEvery('/articles/cluster-gitlab', '깃랩이 알린 기사', 10_000);
});

test('a photo committed with its article reaches every instance, each making the same variants from its clone', async () => {
  const photo = await sharp({ create: { width: 1300, height: 900, channels: 3, background: '#468' } })
    .jpeg()
    .toBuffer();
  cluster.push({
    'social/cluster-photo.md': '---\ntitle: 사진과 함께 커밋한 기사\nimage: ./cluster-photo.jpg\n---\n\n본문.\n',
    'social/cluster-photo.jpg': photo,
  });
  const answer = await post(cluster.nginxBase, {
    'x-hub-signature-256': signHook(BODY, SECRET),
    'x-github-delivery': randomUUID(),
  });
  expect([200, 202]).toContain(answer.status);
  await untilEvery('/articles/cluster-photo', '<picture>', 15_000);
  const hashes: string[] = [];
  for (const instance of cluster.instances) {
    const html = await (await fetch(`${instance.base}/articles/cluster-photo`)).text();
    hashes.push(/\/media\/([0-9a-f]{32})\//.exec(html)?.[1] ?? '');
  }
  expect(new Set(hashes).size, hashes.join(', ')).toBe(1);
  const bytes = await Promise.all(
    cluster.instances.map(async (instance) => {
      const response = await fetch(`${instance.base}/media/${hashes[0]}/800.webp`);
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer()).toString('base64');
    }),
  );
  expect(new Set(bytes).size).toBe(1);
});

test('an instance whose CONTENT_DIR is another checkout exits with one message, and leaves it as it was', async () => {
  const foreign = path.join(cluster.work, 'project');
  git(cluster.work, 'init', '-q', '--initial-branch=main', foreign);
  fs.writeFileSync(path.join(foreign, 'package.json'), '{}\n');
  git(foreign, 'add', '-A');
  git(foreign, 'commit', '-q', '-m', 'project');
  git(foreign, 'remote', 'add', 'origin', 'https://example.com/newsroom/site.git');
  fs.writeFileSync(path.join(foreign, '.env'), 'REDIS_URL=secret\n');
  const head = git(foreign, 'rev-parse', 'HEAD');
  const instance = await cluster.makeInstance('refused', {
    CONTENT_DIR: foreign,
    CONTENT_GIT_URL: 'http://newsroom:tok-e2e-5b1c@127.0.0.1:1/content.git',
    REDIS_URL: '',
  });
  const child = spawn('node', ['server.js'], {
    cwd: instance.dir,
    env: instance.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let served = false;
  let waiting = true;
  try {
    const code = await Promise.race([
      exited,
      (async () => {
        // Whether the server registers its instrumentation at start or on the first request:
        // ask, and expect no page.
        for (let i = 0; i < 60 && waiting; i += 1) {
          await sleep(500);
          const response = await fetch(`${instance.base}/`).catch(() => undefined);
          if (response?.status === 200) served = true;
        }
        return 'still running';
      })(),
    ]);
    // 78, EX_CONFIG: a wrong setting, which deploy/news@.service does not restart.
    expect(code).toBe(78);
  } finally {
    waiting = false;
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  expect(served).toBe(false);
  expect(output).toContain(`CONTENT_DIR(${foreign})`);
  expect(output).toContain('CONTENT_GIT_URL');
  expect(output).not.toContain('tok-e2e-5b1c');
  expect(fs.readFileSync(path.join(foreign, '.env'), 'utf8')).toBe('REDIS_URL=secret\n');
  expect(git(foreign, 'remote', 'get-url', 'origin')).toBe('https://example.com/newsroom/site.git');
  expect(git(foreign, 'rev-parse', 'HEAD')).toBe(head);
});

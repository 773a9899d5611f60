// Several instances on loopback, as README's "Several servers" runs them, for the tests and the
// benchmarks: a bare git repository as the remote (and an editor's clone that pushes to it),
// Redis from redis-server, standalone servers (each its own copy of the build, so its own page
// cache, its own clone and data folder), and nginx in front. Every process is started here on a
// free port and stopped by its own pid; nothing touches a system service.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { startLocalNginx } from './local-nginx.mjs';

const root = path.resolve(import.meta.dirname, '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check, timeoutMs, what) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what}: not after ${timeoutMs} ms`);
}

function redisAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
  });
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Runs git in `cwd` as the newsroom's editor (a fixed author, for commits); returns its output. */
export function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: '편집국',
      GIT_AUTHOR_EMAIL: 'desk@example.com',
      GIT_COMMITTER_NAME: '편집국',
      GIT_COMMITTER_EMAIL: 'desk@example.com',
    },
  }).trim();
}

/** `sha256=<hex>`: the X-Hub-Signature-256 a git host sends with `body`. */
export function signHook(body, secret) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The standalone server needs the static assets and public/ beside it, as README says; copying
 * them again is harmless.
 */
export function copyStandaloneAssets() {
  const standalone = path.join(root, '.next', 'standalone');
  fs.cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true });
  fs.cpSync(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });
}

/**
 * Starts the cluster: `count` instances of the standalone build in `.next/standalone` (run
 * `npm run build` first), with `content` (a folder) as the first commit. Resolves to helpers;
 * call `stop()` at the end.
 */
export async function startLocalCluster({
  count = 3,
  content = path.join(root, 'content'),
  intervalSeconds = 3,
  secret = randomBytes(32).toString('hex'),
  cacheSecret = randomBytes(32).toString('hex'),
  env = {},
} = {}) {
  copyStandaloneAssets();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-'));
  fs.chmodSync(work, 0o755);
  const remote = path.join(work, 'content.git');
  const editor = path.join(work, 'editor');
  git(work, 'init', '-q', '--bare', '--initial-branch=main', remote);
  git(work, 'clone', '-q', remote, editor);
  git(editor, 'checkout', '-q', '-b', 'main');
  fs.cpSync(content, editor, { recursive: true });

  /** An editor's commit of `files` (path → text), pushed to main, as a git host's upload would. */
  function push(files = {}) {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(editor, name)), { recursive: true });
      fs.writeFileSync(path.join(editor, name), text);
    }
    git(editor, 'add', '-A');
    git(editor, 'commit', '-q', '--allow-empty', '-m', `edit ${Object.keys(files).join(', ')}`);
    git(editor, 'push', '-q', 'origin', 'HEAD:main');
    return git(editor, 'rev-parse', 'HEAD');
  }
  push();

  const redis = { port: await freePort(), child: undefined };
  async function startRedis() {
    redis.child = spawn(
      'redis-server',
      ['--port', String(redis.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(() => redisAnswers(redis.port), 10_000, 'redis-server');
  }
  async function stopRedis() {
    await stopChild(redis.child);
    redis.child = undefined;
  }
  await startRedis();

  /** A copy of the standalone build with its own clone and data folder; not started. */
  async function makeInstance(name, extraEnv = {}) {
    const dir = path.join(work, name);
    fs.cpSync(path.join(root, '.next', 'standalone'), dir, { recursive: true, verbatimSymlinks: true });
    const port = await freePort();
    return {
      name,
      port,
      dir,
      base: `http://127.0.0.1:${port}`,
      child: undefined,
      env: {
        ...process.env,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        NEXT_TELEMETRY_DISABLED: '1',
        CONTENT_DIR: path.join(work, `${name}-content`),
        CONTENT_GIT_URL: `file://${remote}`,
        CONTENT_GIT_INTERVAL: String(intervalSeconds),
        CONTENT_HOOK_SECRET: secret,
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        CACHE_SECRET: cacheSecret,
        DATA_DIR: path.join(work, `${name}-data`),
        SITE_URL: 'http://127.0.0.1:8080',
        ...env,
        ...extraEnv,
      },
    };
  }
  // Ready to take readers once it has read its content: a new instance answers at once, from what
  // it has read of its clone so far (an operator adds it to the balancer when /api/status says so).
  async function start(instance) {
    instance.child = spawn('node', ['server.js'], { cwd: instance.dir, env: instance.env, stdio: 'ignore' });
    await until(async () => {
      const response = await fetch(`${instance.base}/api/status`);
      return response.status === 200 && (await response.json()).reading === false;
    }, 60_000, instance.name);
  }
  async function kill(instance) {
    await stopChild(instance.child);
    instance.child = undefined;
  }

  const instances = [];
  let nginx;
  let nginxBase;
  /** Stops what was started (instances, nginx, Redis) and removes the cluster's folder. */
  async function stopAll() {
    nginx?.stop();
    await Promise.all(instances.map(kill));
    await stopRedis();
    fs.rmSync(work, { recursive: true, force: true });
  }
  try {
    for (let i = 1; i <= count; i += 1) instances.push(await makeInstance(`instance-${i}`));
    await Promise.all(instances.map(start));
    const nginxPort = await freePort();
    nginx = startLocalNginx({ upstreamPorts: instances.map((i) => i.port), listenPort: nginxPort });
    nginxBase = `http://127.0.0.1:${nginxPort}`;
    await until(async () => (await fetch(`${nginxBase}/api/breaking`)).status === 200, 15_000, 'nginx');
  } catch (error) {
    // A step that failed (an instance that never read its content, nginx that would not answer)
    // leaves nothing running behind the error: the caller has no cluster to stop.
    await stopAll();
    throw error;
  }

  /** POSTs a push webhook to `url` (an instance, or nginx), signed unless `signature` is given. */
  function hook(url, body = JSON.stringify({ ref: 'refs/heads/main' }), signature = signHook(body, secret)) {
    const headers = { 'content-type': 'application/json' };
    if (signature) headers['x-hub-signature-256'] = signature;
    const send = () => fetch(`${url}/api/content-hook`, { method: 'POST', headers, body });
    // A keep-alive socket the server closed while idle fails before anything was sent: once more
    // (asking an instance to fetch twice is harmless).
    return send().catch(send);
  }

  return {
    work,
    instances,
    nginxBase,
    redis,
    secret,
    cacheSecret,
    push,
    hook,
    start,
    kill,
    makeInstance,
    startRedis,
    stopRedis,
    stop: stopAll,
  };
}

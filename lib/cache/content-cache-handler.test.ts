import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import Redis from 'ioredis';
import { nodeFs } from 'next/dist/server/lib/node-fs-methods.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { sealRecord } from './serialize.mjs';
import { MAX_RECORD_BYTES } from './shared-cache.mjs';

// The handler as Next runs it on two instances (two cache folders, one Redis), through its own
// get and set, against a redis-server of our own on a free port, stopped by its pid.

const SECRET = '0d6f3b9a2c7e4815b3a9d0c6e2f7184a5b9c3d7e1f2a6b8c';
const CLOCK = Symbol.for('hangul-news.content-clock');
const SHARED = Symbol.for('hangul-news.shared-page-cache');
const KEY = '/route-cache/APP_PAGE/r1/$/articles/hello';
const OTHER_KEY = '/route-cache/APP_PAGE/r1/$/articles/other';
const PAGE_CTX = { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false };

type Holder = Record<symbol, unknown>;
type Entry = { value: { html: string; headers?: Record<string, string> } } | null | undefined;
interface Handler {
  get(key: string, ctx: object): Promise<Entry>;
  set(key: string, data: object, ctx: object): Promise<void>;
}
type HandlerClass = new (ctx: object) => Handler;

let server: ChildProcess;
let port = 0;
let redis: Redis;
let Handler: HandlerClass;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-handler-'));
let instances = 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

function answers(at: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(at, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** The content store's clock, as lib/content/process-store.ts publishes it. */
function serve(identity: string) {
  (globalThis as Holder)[CLOCK] = () => ({ staleBefore: 0, version: undefined, identity });
}

/** Every file under `dir`, read as text. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

/** A handler in a cache folder of its own: another instance, sharing only Redis. */
function instance(): Handler {
  instances += 1;
  const dir = path.join(work, `instance-${instances}`, 'server');
  fs.mkdirSync(dir, { recursive: true });
  return new Handler({ fs: nodeFs, serverDistDir: dir, flushToDisk: true, revalidatedTags: [] });
}

/** Drops this process's Redis client, so the next handler opens one with the environment's secret. */
function reopen(): void {
  const holder = globalThis as Holder;
  (holder[SHARED] as { close(): void } | null | undefined)?.close();
  delete holder[SHARED];
}

const page = (html: string) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from('0:["$","p",null,{}]'),
  headers: { 'x-next-cache-tags': '_N_T_/layout' },
  postponed: undefined,
  status: 200,
  segmentData: undefined,
});

async function redisKeyOf(key: string): Promise<string> {
  const keys = await redis.keys(`*:page:*${key}`);
  expect(keys).toHaveLength(1);
  return keys[0]!;
}

/** What someone with write access to Redis (and not the secret) does to a stored entry. */
async function edit(key: string, change: (record: { entry: { value: Record<string, unknown> } }) => void) {
  const redisKey = await redisKeyOf(key);
  const text = (await redis.get(redisKey))!;
  const dot = text.indexOf('.');
  const record = JSON.parse(text.slice(dot + 1));
  change(record);
  await redis.set(redisKey, `${text.slice(0, dot)}.${JSON.stringify(record)}`);
}

beforeAll(async () => {
  port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let tries = 0; !(await answers(port)); tries += 1) {
    if (tries > 100) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  redis = new Redis(`redis://127.0.0.1:${port}`);
  vi.stubEnv('REDIS_URL', `redis://127.0.0.1:${port}`);
  vi.stubEnv('CACHE_SECRET', SECRET);
  vi.stubEnv('NEXT_DEPLOYMENT_ID', 'test-build');
  Handler = (await import('./content-cache-handler.mjs')).default as unknown as HandlerClass;
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.stubEnv('CACHE_SECRET', SECRET);
  reopen();
  await redis.flushall();
});

afterAll(() => {
  reopen();
  redis?.disconnect();
  server?.kill('SIGKILL');
  vi.unstubAllEnvs();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Instance one renders KEY; the entry reaches Redis. */
async function rendered(html = '<p>기사 본문</p>'): Promise<void> {
  serve('production');
  await instance().set(KEY, page(html), { cacheControl: { revalidate: 10, expire: 60 } });
  await redisKeyOf(KEY);
}

/**
 * Waits until `handler` takes a record signed as it expects (a control page, under its own
 * secret and identity) from Redis: a miss after that is a refusal, not a connection still opening.
 */
async function connected(handler: Handler, identity = 'production'): Promise<Handler> {
  const control = '/route-cache/APP_PAGE/r1/$/control';
  const redisKey = `hangul-news:test-build:page:${identity}:${control}`;
  const record = { renderedAt: Date.now(), entry: { lastModified: Date.now(), value: page('<p>control</p>') } };
  await redis.set(redisKey, sealRecord(record, redisKey, process.env.CACHE_SECRET!));
  for (let tries = 0; (await handler.get(control, PAGE_CTX))?.value.html !== '<p>control</p>'; tries += 1) {
    if (tries > 50) throw new Error('the handler never read from Redis');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return handler;
}

describe('the shared page cache serves only what it wrote, for whom it wrote it', () => {
  it('serves an entry one instance wrote to another instance', async () => {
    await rendered();
    const entry = await (await connected(instance())).get(KEY, PAGE_CTX);
    expect(entry?.value.html).toBe('<p>기사 본문</p>');
  });

  it('misses an entry whose HTML was changed in Redis, and logs one line for many requests', async () => {
    await rendered();
    await edit(KEY, (record) => {
      record.entry.value.html = '<p>기사 본문</p><script>alert(1)</script>';
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await connected(instance());
    for (let i = 0; i < 5; i += 1) expect(await other.get(KEY, PAGE_CTX)).toBeFalsy();
    // Nor kept on the instance's own disk.
    expect(filesUnder(path.join(work, `instance-${instances}`)).join('\n')).not.toContain('<script>');
    const lines = errors.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('Redis의 항목을 쓰지 않습니다'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('서명이 맞지 않습니다');
  });

  it('misses an entry whose headers were changed in Redis (a set-cookie added)', async () => {
    await rendered();
    await edit(KEY, (record) => {
      (record.entry.value.headers as Record<string, string>)['set-cookie'] = 'session=attacker; Path=/';
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await (await connected(instance())).get(KEY, PAGE_CTX)).toBeFalsy();
  });

  it('misses an entry copied to another page’s key', async () => {
    await rendered();
    const from = await redisKeyOf(KEY);
    await redis.set(from.replace(KEY, OTHER_KEY), (await redis.get(from))!);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await connected(instance());
    expect(await other.get(OTHER_KEY, PAGE_CTX)).toBeFalsy();
    expect((await other.get(KEY, PAGE_CTX))?.value.html).toBe('<p>기사 본문</p>');
  });

  it('misses an entry signed with another secret', async () => {
    await rendered();
    reopen();
    vi.stubEnv('CACHE_SECRET', 'a'.repeat(8) + SECRET.slice(8));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await (await connected(instance())).get(KEY, PAGE_CTX)).toBeFalsy();
  });

  it('misses garbage, unsigned JSON, and a signed record of the wrong shape', async () => {
    await rendered();
    const redisKey = await redisKeyOf(KEY);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await connected(instance());
    const wrongShape = { renderedAt: Date.now(), entry: { lastModified: Date.now(), value: { kind: 'APP_PAGE', html: 42 } } };
    for (const text of [
      'garbage',
      `${'0'.repeat(64)}.{not json`,
      JSON.stringify({ renderedAt: Date.now(), entry: { lastModified: Date.now(), value: page('<p>위조</p>') } }),
      sealRecord(wrongShape, redisKey, SECRET),
      sealRecord({ ...wrongShape, entry: { ...wrongShape.entry, value: { kind: 'REDIRECT', props: {} } } }, redisKey, SECRET),
    ]) {
      await redis.set(redisKey, text);
      expect(await other.get(KEY, PAGE_CTX), text.slice(0, 80)).toBeFalsy();
    }
  });

  it('never fetches a record larger than any page (someone stored 100 MB under a page’s key)', async () => {
    await rendered();
    const redisKey = await redisKeyOf(KEY);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const other = await connected(instance());
    await redis.set(redisKey, `${'0'.repeat(64)}.${'a'.repeat(MAX_RECORD_BYTES + 1)}`);
    // Watched from Redis's side: what went out to clients while the page was asked for.
    const sentBefore = Number(/total_net_output_bytes:(\d+)/.exec(await redis.info('stats'))![1]);
    expect(await other.get(KEY, PAGE_CTX)).toBeFalsy();
    const sent = Number(/total_net_output_bytes:(\d+)/.exec(await redis.info('stats'))![1]) - sentBefore;
    expect(sent).toBeLessThan(64 * 1024);
    const lines = vi.mocked(console.error).mock.calls.map(([line]) => String(line));
    expect(lines.join('\n')).toContain('바이트보다 큰 항목');
  });

  it('misses an entry another deployment (other content, same build and prefix) wrote', async () => {
    await rendered('<p>스테이징의 미공개 기사</p>');
    serve('staging');
    expect(await (await connected(instance(), 'staging')).get(KEY, PAGE_CTX)).toBeFalsy();
  });
});

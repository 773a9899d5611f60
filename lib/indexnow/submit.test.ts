import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { INDEXNOW_MAX_URLS, openIndexNowSender, type IndexNowSenderOptions } from './submit';

interface Call {
  endpoint: string;
  body: { host: string; key: string; keyLocation: string; urlList: string[] };
}

/** A fetch that answers each call with the next status of its endpoint's script (the last repeats). */
function scripted(statuses: Record<string, (number | 'throw')[]>) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const endpoint = String(input);
    calls.push({ endpoint, body: JSON.parse(String(init?.body)) as Call['body'] });
    const script = statuses[endpoint] ?? [200];
    const status = script.length > 1 ? script.shift() : script[0];
    if (status === 'throw') throw new TypeError('fetch failed');
    return new Response(null, { status, headers: status === 429 ? { 'retry-after': '1' } : {} });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

function sender(options: Partial<IndexNowSenderOptions> & Pick<IndexNowSenderOptions, 'endpoints'>) {
  const logged: string[] = [];
  const waits: number[] = [];
  const s = openIndexNowSender({
    key: 'abcd1234-key',
    siteUrl: () => 'https://news.example.kr',
    log: (line) => logged.push(line),
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { s, logged, waits };
}

const A = 'https://a.test/indexnow';
const B = 'https://b.test/indexnow';

describe('IndexNow requests', () => {
  it('posts host, key, keyLocation and the URLs to every endpoint', async () => {
    const { calls, fetch } = scripted({});
    const { s, logged } = sender({ endpoints: [A, B], fetch });
    await s.send(['https://news.example.kr/articles/a', 'https://news.example.kr/articles/b']);
    expect(calls.map((c) => c.endpoint).sort()).toEqual([A, B]);
    expect(calls[0]?.body).toEqual({
      host: 'news.example.kr',
      key: 'abcd1234-key',
      keyLocation: 'https://news.example.kr/abcd1234-key.txt',
      urlList: ['https://news.example.kr/articles/a', 'https://news.example.kr/articles/b'],
    });
    expect(logged).toEqual([]);
  });

  it('a huge change set goes in requests of at most 10,000 URLs, none lost', async () => {
    const { calls, fetch } = scripted({});
    const { s } = sender({ endpoints: [A], fetch });
    const urls = Array.from({ length: 25_001 }, (_, i) => `https://news.example.kr/articles/${i}`);
    await s.send(urls);
    expect(calls.map((c) => c.body.urlList.length)).toEqual([INDEXNOW_MAX_URLS, INDEXNOW_MAX_URLS, 5_001]);
    expect(calls.flatMap((c) => c.body.urlList)).toEqual(urls);
  });

  it('retries 500, 429 and network errors a bounded number of times with growing waits, then says so once', async () => {
    const { calls, fetch } = scripted({ [A]: [500, 429, 'throw', 503] });
    const { s, logged, waits } = sender({ endpoints: [A], fetch, attempts: 4, backoffMs: 100 });
    await s.send(['https://news.example.kr/articles/a']);
    expect(calls).toHaveLength(4);
    // 429's Retry-After (1 s) outweighs its backoff.
    expect(waits).toEqual([100, 1000, 400]);
    expect(logged).toEqual([expect.stringMatching(/^\[indexnow\] https:\/\/a\.test\/indexnow에 바뀐 기사 주소 1개를 알리지 못했습니다 \(HTTP 503, 4번 시도\)/)]);
  });

  it('one log line per failure episode, not per retry or batch; a success ends the episode', async () => {
    const { fetch } = scripted({ [A]: [500, 500, 500, 500, 500, 500, 200, 500] });
    const { s, logged } = sender({ endpoints: [A], fetch, attempts: 3 });
    await s.send(['u1']);
    await s.send(['u2']);
    expect(logged).toHaveLength(1);
    await s.send(['u3']); // 200: the episode ends
    await s.send(['u4']); // 500 again: a new episode
    expect(logged).toHaveLength(2);
  });

  it('does not retry what no retry can fix (403: the key was refused), and other endpoints still get theirs', async () => {
    const { calls, fetch } = scripted({ [A]: [403] });
    const { s, logged } = sender({ endpoints: [A, B], fetch });
    await s.send(['u']);
    expect(calls.filter((c) => c.endpoint === A)).toHaveLength(1);
    expect(calls.filter((c) => c.endpoint === B)).toHaveLength(1);
    expect(logged).toEqual([expect.stringContaining('HTTP 403, 1번 시도')]);
  });
});

describe('an endpoint that hangs', () => {
  let server: http.Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('is given up on after the request timeout, each try, and said once', async () => {
    let seen = 0;
    server = http.createServer(() => {
      seen += 1; // never answers
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { s, logged } = sender({ endpoints: [`http://127.0.0.1:${port}/indexnow`], timeoutMs: 200, attempts: 2 });
    const started = Date.now();
    await s.send(['u']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toBe(2);
    expect(logged).toEqual([expect.stringContaining('0.2초 안에 답이 없음, 2번 시도')]);
  });
});

describe('an endpoint that cannot be reached', () => {
  it('names why (refused, unknown host), not only "fetch failed"', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { s, logged } = sender({ endpoints: [`http://127.0.0.1:${port}/indexnow`], timeoutMs: 2_000, attempts: 1 });
    await s.send(['u']);
    expect(logged).toEqual([expect.stringContaining('(fetch failed: ECONNREFUSED, 1번 시도)')]);
  });
});

describe('an endpoint that redirects', () => {
  let server: http.Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('is a failure naming where it points, not followed: a followed 301 would turn the POST into a bodiless GET', async () => {
    const seen: string[] = [];
    server = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      if (request.url === '/old') response.writeHead(301, { location: '/new' });
      else response.writeHead(200);
      response.end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { s, logged } = sender({ endpoints: [`http://127.0.0.1:${port}/old`], timeoutMs: 2_000, attempts: 3 });
    await s.send(['https://news.example.kr/articles/a']);
    expect(seen).toEqual(['POST /old']);
    expect(logged).toEqual([expect.stringContaining(`HTTP 301, http://127.0.0.1:${port}/new로 옮겨 감`)]);
  });
});

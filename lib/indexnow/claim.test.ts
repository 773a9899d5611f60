import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRedisClaims, type ChangeClaims } from './claim';

// A redis-server of our own on a free port (Debian's package; CI installs it), stopped by its pid.
let server: ChildProcess;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

async function reachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

beforeAll(async () => {
  port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const started = Date.now();
  while (!(await reachable())) {
    if (Date.now() - started > 5000) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(() => {
  server.kill();
});

/** Until the client answers from Redis: a second claim of one id is then refused. */
async function untilConnected(claims: ChangeClaims): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const probe = `probe-${i}-${Math.random()}`;
    await claims.claim([probe]);
    if ((await claims.claim([probe])).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('never connected');
}

const open = (url: string, logged: string[] = []) =>
  openRedisClaims({ url, prefix: 'test:site', ttlSeconds: () => 60, log: (line) => logged.push(line) });

describe('claims in Redis: one instance of a cluster announces each change', () => {
  it('of two instances claiming the same changes, each change is won by exactly one', async () => {
    const a = open(`redis://127.0.0.1:${port}`);
    const b = open(`redis://127.0.0.1:${port}`);
    await Promise.all([untilConnected(a), untilConnected(b)]);
    const ids = Array.from({ length: 2500 }, (_, i) => `c1\nhttps://news.example.kr/articles/${i}`);
    const [wonA, wonB] = await Promise.all([a.claim(ids), b.claim(ids)]);
    expect(wonA.length + wonB.length).toBe(ids.length);
    expect(new Set([...wonA, ...wonB]).size).toBe(ids.length);
    // The same URL at the next commit is a new change.
    expect(await b.claim(['c2\nhttps://news.example.kr/articles/0'])).toEqual(['c2\nhttps://news.example.kr/articles/0']);
    a.close();
    b.close();
  });

  it('without Redis every change is this instance’s, and that is said once', async () => {
    const logged: string[] = [];
    const nowhere = open(`redis://127.0.0.1:${await freePort()}`, logged);
    expect(await nowhere.claim(['x', 'y'])).toEqual(['x', 'y']);
    expect(await nowhere.claim(['z'])).toEqual(['z']);
    expect(logged).toEqual([expect.stringMatching(/^\[indexnow\] Redis에 알림을 나눠 맡길 수 없어 이 서버가 직접 알립니다/)]);
    nowhere.close();
  });
});

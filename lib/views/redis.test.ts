import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRedisCounter } from './redis';
import type { ViewCounter } from './types';

// A redis-server of our own on a free port (Debian's package; CI installs it), stopped by its pid.
let server: ChildProcess;
let url = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const port = await freePort();
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  url = `redis://127.0.0.1:${port}`;
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      }),
  );
});

afterAll(() => {
  server?.kill('SIGKILL');
});

describe('most-read counts in Redis, shared by instances', () => {
  it('counts a view once across two instances, and both see the same list', async () => {
    const secrets: Buffer[] = [];
    const prefix = `test-${Date.now()}`;
    const open = () => openRedisCounter({ url, prefix, onSharedSecret: (s) => secrets.push(s) });
    const one: ViewCounter = open();
    const two: ViewCounter = open();
    try {
      // Both instances learn one visitor salt.
      await until(() => secrets.length === 2);
      expect(secrets[0]?.equals(secrets[1]!)).toBe(true);
      const now = Date.now();
      const dedupe = 30 * 60_000;
      await until(() => one.record('a', 'visitor-1', now, dedupe));
      two.record('a', 'visitor-1', now, dedupe); // the same reader on the other instance
      two.record('a', 'visitor-2', now, dedupe);
      two.record('b', 'visitor-1', now, dedupe);
      const expected = [
        { slug: 'a', views: 2 },
        { slug: 'b', views: 1 },
      ];
      await until(async () => {
        one.top(now - 86_400_000, 10);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return JSON.stringify(one.top(now - 86_400_000, 10)) === JSON.stringify(expected);
      });
      await until(async () => {
        two.top(now - 86_400_000, 10);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return JSON.stringify(two.top(now - 86_400_000, 10)) === JSON.stringify(expected);
      });
    } finally {
      one.close();
      two.close();
    }
  });

  it('never throws or waits when Redis is unreachable: views are dropped, the list is empty', () => {
    const away = openRedisCounter({ url: 'redis://127.0.0.1:1', prefix: 'away' });
    try {
      expect(away.record('a', 'v', Date.now(), 1000)).toBe(true);
      expect(away.top(0, 10)).toEqual([]);
      expect(() => away.prune(0, 0)).not.toThrow();
    } finally {
      away.close();
    }
  });
});

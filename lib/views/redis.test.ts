import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openRedisCounter } from './redis';
import type { ViewCounter } from './types';

const rules = { dedupeMs: 30 * 60_000, perArticle: 3, perVisitor: 5 };

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
    const prefix = `test-${Date.now()}`;
    const open = () => openRedisCounter({ url, prefix });
    const one: ViewCounter = open();
    const two: ViewCounter = open();
    try {
      const now = Date.now();
      await until(() => one.record('a', 'visitor-1', now, rules));
      two.record('a', 'visitor-1', now, rules); // the same reader on the other instance
      two.record('a', 'visitor-2', now, rules);
      two.record('b', 'visitor-1', now, rules);
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

  it('counts one visitor at most so often a day, and keeps one key per visitor that expires', async () => {
    const prefix = `caps-${Date.now()}`;
    const counter = openRedisCounter({ url, prefix });
    const { openRedis } = await import('@/lib/cluster/redis.mjs');
    const probe = openRedis(url, { offlineQueue: true });
    try {
      const now = Date.now();
      // One article all day, every 31 minutes (the hour keys differ, so pass `now` in order).
      for (let i = 0; i < 10; i += 1) counter.record('a', 'v1', now + i * 31 * 60_000, rules);
      // Many articles at once.
      for (let i = 0; i < 20; i += 1) counter.record(`s${i}`, 'v1', now, rules);
      counter.record('a', 'v2', now, rules);
      const total = async () => {
        const keys = await probe.keys(`${prefix}:views:h:*`);
        let sum = 0;
        for (const key of keys) {
          const flat = (await probe.zrange(key, 0, -1, 'WITHSCORES')) as string[];
          for (let i = 1; i < flat.length; i += 2) sum += Number(flat[i]);
        }
        return sum;
      };
      // v1: perVisitor (5) in all, three of them of 'a'; v2: one.
      await until(async () => (await total()) === rules.perVisitor + 1);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(await total()).toBe(rules.perVisitor + 1);
      const visitors = await probe.keys(`${prefix}:views:v:*`);
      expect(visitors).toHaveLength(2);
      for (const key of visitors) {
        const ttl = await probe.ttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(25 * 3600);
      }
    } finally {
      counter.close();
      probe.disconnect();
    }
  });

  it('keeps no visitor salt in Redis, and removes the one an earlier version stored there', async () => {
    const prefix = `salt-${Date.now()}`;
    const { openRedis } = await import('@/lib/cluster/redis.mjs');
    const probe = openRedis(url, { offlineQueue: true });
    await probe.set(`${prefix}:views:secret`, 'bGVnYWN5IHNhbHQ=');
    const counter = openRedisCounter({ url, prefix });
    try {
      await until(async () => (await probe.exists(`${prefix}:views:secret`)) === 0);
      counter.record('a', 'v1', Date.now(), rules);
      await until(async () => (await probe.keys(`${prefix}:views:v:*`)).length === 1);
      expect(await probe.keys(`${prefix}:views:secret*`)).toEqual([]);
    } finally {
      counter.close();
      probe.disconnect();
    }
  });

  it('never throws or waits when Redis is unreachable: views are dropped, the list is empty', () => {
    const away = openRedisCounter({ url: 'redis://127.0.0.1:1', prefix: 'away' });
    try {
      expect(away.record('a', 'v', Date.now(), rules)).toBe(true);
      expect(away.top(0, 10)).toEqual([]);
      expect(() => away.prune(0, 0)).not.toThrow();
    } finally {
      away.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { getViewAt } from '@/lib/content';
import { POST } from '@/app/api/views/route';
import { getContentStore } from '@/lib/content/process-store';

import { runWithPeer } from '@/lib/client-address';

import {
  allowBeacon,
  BEACONS_PER_MINUTE,
  closeViews,
  COUNT_RULES,
  getViewsFootprint,
  MAX_NEW_VISITORS_PER_HOUR,
  MAX_NEW_VISITORS_PER_NETWORK_HOUR,
  MAX_RATE_LIMITED,
  recordView,
  sharedVisitorSecret,
  topViews,
  visitorKey,
  visitorNetwork,
} from './index';
import { openMemoryCounter } from './memory';
import { getMostRead } from './most-read';
import { openSqliteCounter } from './sqlite';
import type { ViewCounter } from './types';

const MINUTE = 60_000;
const now = Date.parse('2026-11-28T12:00:00+09:00');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'views-test-'));
  process.env.DATA_DIR = path.join(dir, 'data');
  process.env.CONTENT_DIR = path.join(dir, 'content');
  process.env.MOST_READ_REFRESH_S = '0';
  fs.mkdirSync(process.env.CONTENT_DIR);
  for (const [slug, date, extra] of [
    ['old', '2026-11-01 09:00', ''],
    ['mid', '2026-11-10 09:00', ''],
    ['new', '2026-11-20 09:00', ''],
    ['draft', '2026-11-21 09:00', 'draft: true\n'],
  ] as const) {
    fs.writeFileSync(
      path.join(process.env.CONTENT_DIR, `${slug}.md`),
      `---\ntitle: ${slug}\ndate: ${date}\n${extra}---\n본문\n`,
    );
  }
});

afterEach(() => {
  closeViews();
  getContentStore().close();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news.content-store')];
  for (const key of ['DATA_DIR', 'CONTENT_DIR', 'MOST_READ_REFRESH_S']) delete process.env[key];
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['sqlite', () => openSqliteCounter(path.join(dir, 'views.db'))],
  ['memory', () => openMemoryCounter()],
] as const)('%s counter', (_kind, open: () => ViewCounter) => {
  const rules = COUNT_RULES;

  it('counts a visitor once per article per 30 minutes, and windows by time', () => {
    const counter = open();
    expect(counter.record('a', 'v1', now, rules)).toBe(true);
    expect(counter.record('a', 'v1', now + 10 * MINUTE, rules)).toBe(false);
    expect(counter.record('a', 'v2', now + 10 * MINUTE, rules)).toBe(true);
    expect(counter.record('b', 'v1', now + 10 * MINUTE, rules)).toBe(true);
    expect(counter.record('a', 'v1', now + 31 * MINUTE, rules)).toBe(true);
    expect(counter.top(now - 60 * MINUTE, 10)).toEqual([
      { slug: 'a', views: 3 },
      { slug: 'b', views: 1 },
    ]);
    // Two days later the window holds nothing, and pruning forgets the old rows.
    expect(counter.top(now + 48 * 60 * MINUTE, 10)).toEqual([]);
    counter.prune(now + 48 * 60 * MINUTE, now + 48 * 60 * MINUTE);
    expect(counter.top(0, 10)).toEqual([]);
    counter.close();
  });

  it('counts one visitor at most so often a day, per article and in all', () => {
    const counter = open();
    // Every 31 minutes all day long: past the dedupe time each time, but three counts an article.
    let counted = 0;
    for (let i = 0; i < 48; i += 1)
      if (counter.record('a', 'v1', now + i * 31 * MINUTE, rules)) counted += 1;
    expect(counted).toBe(rules.perArticle);
    // Many articles: perVisitor counts in all, the first article's three included.
    for (let i = 0; i < rules.perVisitor + 50; i += 1)
      if (counter.record(`s${i}`, 'v1', now, rules)) counted += 1;
    expect(counted).toBe(rules.perVisitor);
    // Another visitor is not held back by the first.
    expect(counter.record('a', 'v2', now, rules)).toBe(true);
    counter.close();
  });
});

describe('the store on disk', () => {
  it('keeps the counts across a restart', () => {
    recordView('new', 'v1', now);
    recordView('new', 'v2', now);
    closeViews();
    expect(topViews(10, now)).toEqual([{ slug: 'new', views: 2 }]);
  });

  it('moves a corrupt file aside and counts afresh, saying so in the log', () => {
    const file = path.join(process.env.DATA_DIR ?? '', 'views.db');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'this is not a database'.repeat(100));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(recordView('new', 'v1', now)).toBe(true);
    expect(topViews(10, now)).toEqual([{ slug: 'new', views: 1 }]);
    expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toContain(
      '조회수 저장소를 열 수 없습니다',
    );
    expect(
      fs.readdirSync(path.dirname(file)).some((name) => name.startsWith('views.db.broken-')),
    ).toBe(true);
    log.mockRestore();
  });
});

describe('visitors', () => {
  it('are an opaque key that changes every day and keeps no address', () => {
    const today = visitorKey('203.0.113.7', now);
    expect(visitorKey('203.0.113.7', now + 60 * MINUTE)).toBe(today);
    expect(visitorKey('203.0.113.7', now + 24 * 60 * MINUTE)).not.toBe(today);
    expect(visitorKey('203.0.113.8', now)).not.toBe(today);
    expect(visitorKey('::ffff:203.0.113.7', now)).toBe(today);
    expect(today).not.toContain('203');
  });

  it('are the same on every instance of a deployment and differ between deployments, by a secret Redis never holds', () => {
    const secret = 'f3a9c1d7e5b2486a0c9e1f7d3b5a2c8e4f6a0b9c1d3e5f7a';
    expect(
      sharedVisitorSecret(secret, 'production').equals(sharedVisitorSecret(secret, 'production')),
    ).toBe(true);
    expect(
      sharedVisitorSecret(secret, 'production').equals(sharedVisitorSecret(secret, 'staging')),
    ).toBe(false);
    expect(
      sharedVisitorSecret(secret, 'production').equals(
        sharedVisitorSecret(`x${secret.slice(1)}`, 'production'),
      ),
    ).toBe(false);
  });

  it('are an IPv6 /64, whichever address in it a client picks', () => {
    const one = visitorKey('2001:db8:1:2::1', now);
    expect(visitorKey('2001:db8:1:2:ffff:ffff:ffff:fffe', now)).toBe(one);
    expect(visitorKey('2001:0db8:0001:0002:abcd::9', now)).toBe(one);
    expect(visitorKey('2001:db8:1:3::1', now)).not.toBe(one);
  });

  it('may send so many beacons a minute', () => {
    for (let i = 0; i < BEACONS_PER_MINUTE; i += 1) expect(allowBeacon('v', now)).toBe(true);
    expect(allowBeacon('v', now + 1000)).toBe(false);
    expect(allowBeacon('v', now + MINUTE)).toBe(true);
  });

  it('keep memory and the store bounded under a flood of 100,000 made-up addresses', () => {
    const ipv6 = (i: number) =>
      `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
    let counted = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const visitor = visitorKey(ipv6(i), now);
      if (allowBeacon(visitor, now) && recordView('new', visitor, now)) counted += 1;
    }
    const footprint = getViewsFootprint();
    expect(footprint.rateLimited).toBeLessThanOrEqual(MAX_RATE_LIMITED);
    expect(footprint.visitorsThisHour).toBeLessThanOrEqual(MAX_NEW_VISITORS_PER_HOUR);
    expect(counted).toBeLessThanOrEqual(MAX_NEW_VISITORS_PER_HOUR);
    expect(topViews(10, now)).toEqual([{ slug: 'new', views: counted }]);
    // What the store keeps per visitor is as bounded as what it counted.
    closeViews();
    const db = new Database(path.join(process.env.DATA_DIR ?? '', 'views.db'), { readonly: true });
    const rows = db
      .prepare('SELECT (SELECT COUNT(*) FROM marks) + (SELECT COUNT(*) FROM visitors) AS n')
      .get() as { n: number };
    db.close();
    expect(rows.n).toBeLessThanOrEqual(2 * MAX_NEW_VISITORS_PER_HOUR);
    // The next hour has room again, and the rate limit forgets windows that ended.
    const late = now + 61 * MINUTE;
    const visitor = visitorKey('198.51.100.1', late);
    expect(allowBeacon(visitor, late)).toBe(true);
    expect(recordView('new', visitor, late)).toBe(true);
  }, 60_000);

  // Attack finding: the hourly flood guard is shared by every client, so one client with a /48
  // (20,000 of its /64s, 40 s through nginx) ranks its article first and leaves genuine readers
  // uncounted until the hour turns; measured on a running server (204, not counted).
  it('still counts a genuine reader in the hour one /48 flooded', () => {
    const ipv6 = (i: number) => `2001:db8:77:${i.toString(16)}::1`;
    let flooded = 0;
    for (let i = 0; i < MAX_NEW_VISITORS_PER_HOUR; i += 1) {
      const visitor = visitorKey(ipv6(i), now);
      if (allowBeacon(visitor, now) && recordView('new', visitor, now, visitorNetwork(ipv6(i))))
        flooded += 1;
    }
    expect(flooded).toBe(MAX_NEW_VISITORS_PER_NETWORK_HOUR);
    const reader = visitorKey('198.51.100.1', now + MINUTE);
    expect(allowBeacon(reader, now + MINUTE)).toBe(true);
    expect(recordView('old', reader, now + MINUTE, visitorNetwork('198.51.100.1'))).toBe(true);
    // A neighbour in another /48 of the same provider is counted too.
    const neighbour = '2001:db8:78:1::1';
    expect(recordView('old', visitorKey(neighbour, now), now, visitorNetwork(neighbour))).toBe(
      true,
    );
    expect(topViews(2, now + MINUTE)).toEqual([
      { slug: 'new', views: MAX_NEW_VISITORS_PER_NETWORK_HOUR },
      { slug: 'old', views: 2 },
    ]);
  }, 60_000);
});

describe('많이 본 뉴스', () => {
  it('falls back to the newest articles, then ranks by views, published articles only', () => {
    expect(getMostRead(getViewAt(new Date(now)), 10).map((a) => a.slug)).toEqual([
      'new',
      'mid',
      'old',
    ]);
    recordView('old', 'v1', now);
    recordView('old', 'v2', now);
    recordView('mid', 'v1', now);
    recordView('draft', 'v1', now);
    expect(getMostRead(getViewAt(new Date(now)), 10).map((a) => a.slug)).toEqual([
      'old',
      'mid',
      'new',
    ]);
    expect(getMostRead(getViewAt(new Date(now)), 2).map((a) => a.slug)).toEqual(['old', 'mid']);
  });
});

describe('the beacon endpoint', () => {
  // As nginx on this machine would send it: the peer is loopback, the client in X-Forwarded-For.
  const beacon = (body: string, extra: Record<string, string> = {}, peer = '127.0.0.1') =>
    runWithPeer(peer, () =>
      POST(
        new Request('http://localhost/api/views', {
          method: 'POST',
          body,
          headers: {
            'user-agent': 'Mozilla/5.0 Chrome/156',
            'x-forwarded-for': '203.0.113.7',
            'sec-fetch-site': 'same-origin',
            ...extra,
          },
        }),
      ),
    );

  it('counts a published article once, and nothing else at all', async () => {
    expect((await beacon('mid')).status).toBe(204);
    expect((await beacon('mid')).status).toBe(204);
    expect((await beacon('draft')).status).toBe(404);
    expect((await beacon('no-such-article')).status).toBe(404);
    expect((await beacon('x'.repeat(600))).status).toBe(413);
    expect((await beacon('new', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(
      (await beacon('new', { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' })).status,
    ).toBe(204);
    expect((await beacon('new', { 'sec-purpose': 'prefetch;prerender' })).status).toBe(204);
    expect(topViews(10)).toEqual([{ slug: 'mid', views: 1 }]);
  });

  it('counts one client once however it rotates its User-Agent', async () => {
    for (let i = 0; i < 30; i += 1) {
      expect((await beacon('mid', { 'user-agent': `Mozilla/5.0 Chrome/156.0.${i}` })).status).toBe(
        204,
      );
    }
    expect(topViews(10)).toEqual([{ slug: 'mid', views: 1 }]);
  });

  it('believes X-Forwarded-For from a trusted proxy only', async () => {
    // From a trusted proxy (loopback by default): two clients it names are two readers.
    await beacon('mid', { 'x-forwarded-for': '203.0.113.7' });
    await beacon('mid', { 'x-forwarded-for': '203.0.113.8' });
    // Straight from a client on the internet: whatever it writes, it is one reader.
    for (let i = 0; i < 10; i += 1)
      await beacon('new', { 'x-forwarded-for': `198.51.100.${i}` }, '192.0.2.50');
    expect(topViews(10)).toEqual([
      { slug: 'mid', views: 2 },
      { slug: 'new', views: 1 },
    ]);
  });

  it('counts nothing when the request’s socket is not known', async () => {
    const response = await POST(
      new Request('http://localhost/api/views', {
        method: 'POST',
        body: 'mid',
        headers: { 'user-agent': 'Mozilla/5.0 Chrome/156', 'x-forwarded-for': '203.0.113.7' },
      }),
    );
    expect(response.status).toBe(204);
    expect(topViews(10)).toEqual([]);
  });
});

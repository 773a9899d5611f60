import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { renderSocialImage } from './social-image';
import {
  CARD_DRAW_BURST,
  CARD_DRAW_EVERY_MS,
  cardKey,
  openCardCache,
  openDrawLimiter,
} from './social-image-cache';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cards-test-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const card = { title: '반도체 수출 역대 최대', kicker: '경제', siteName: '한글뉴스' };

describe('share cards', () => {
  it('are drawn once for what they show, and kept across a restart', async () => {
    let draws = 0;
    const mayDraw = () => {
      draws += 1;
      return 0;
    };
    const first = await renderSocialImage(card, { mayDraw, cards: openCardCache({ dir }) });
    expect('png' in first && first.png.subarray(1, 4).toString()).toBe('PNG');
    // A new process: the same folder, nothing in memory.
    const again = await renderSocialImage(card, { mayDraw, cards: openCardCache({ dir }) });
    expect('png' in again && 'png' in first && again.png.equals(first.png)).toBe(true);
    expect(draws).toBe(1);
    // An edited headline or a renamed publication is another card.
    await renderSocialImage(
      { ...card, title: '반도체 수출 역대 최대 (정정)' },
      { mayDraw, cards: openCardCache({ dir }) },
    );
    await renderSocialImage(
      { ...card, siteName: '새이름뉴스' },
      { mayDraw, cards: openCardCache({ dir }) },
    );
    expect(draws).toBe(3);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.png'))).toHaveLength(3);
  }, 30_000);

  it('that must be drawn wait when the client is over its limit, and no card is made', async () => {
    const answer = await renderSocialImage(card, {
      mayDraw: () => 1500,
      cards: openCardCache({ dir }),
    });
    expect(answer).toEqual({ retryAfterMs: 1500 });
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });

  it('are still drawn when the folder cannot be written (memory only)', async () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const cards = openCardCache({ dir: path.join(file, 'cards') });
    const answer = await renderSocialImage(card, { mayDraw: () => 0, cards });
    expect('png' in answer).toBe(true);
    expect(await cards.get(cardKey(card))).toBeDefined();
  }, 30_000);
});

describe('the card folder', () => {
  it('stays within its size, removing the oldest cards first', async () => {
    const cards = openCardCache({ dir, maxBytes: 10_000 });
    for (let i = 0; i < 30; i += 1) await cards.set(`card${i}`, Buffer.alloc(1000, i));
    const names = fs.readdirSync(dir).filter((name) => name.endsWith('.png'));
    const bytes = names.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(names).toContain('card29.png');
    expect(names).not.toContain('card0.png');
    // A new process learns the folder's size and keeps to it too.
    const later = openCardCache({ dir, maxBytes: 10_000 });
    await later.set('card-new', Buffer.alloc(1000));
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.png')).length).toBeLessThanOrEqual(
      10,
    );
    expect(await later.get('card29')).toEqual(Buffer.alloc(1000, 29));
  });

  it('ignores a card name that is not one of its own', async () => {
    const cards = openCardCache({ dir });
    expect(await cards.get('../../etc/passwd')).toBeUndefined();
  });
});

describe('the draw limit', () => {
  it('lets a client draw a burst, then one every so often, and says how long to wait', () => {
    const mayDraw = openDrawLimiter();
    const now = Date.parse('2026-12-01T00:00:00Z');
    for (let i = 0; i < CARD_DRAW_BURST; i += 1) expect(mayDraw('203.0.113.7', now)).toBe(0);
    const wait = mayDraw('203.0.113.7', now);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(CARD_DRAW_EVERY_MS);
    expect(mayDraw('203.0.113.8', now)).toBe(0);
    expect(mayDraw('203.0.113.7', now + CARD_DRAW_EVERY_MS)).toBe(0);
  });

  it('stays bounded under a flood of made-up clients', () => {
    const mayDraw = openDrawLimiter();
    const now = Date.parse('2026-12-01T00:00:00Z');
    let allowed = 0;
    for (let i = 0; i < 100_000; i += 1) {
      for (let j = 0; j < CARD_DRAW_BURST; j += 1)
        if (mayDraw(`client-${i}`, now) === 0) allowed += 1;
    }
    // Past 10,000 buckets, new clients share one: the flood gets about one burst more, not 100,000.
    expect(allowed).toBeLessThanOrEqual(10_000 * CARD_DRAW_BURST + CARD_DRAW_BURST);
  });

  // Attack finding: app/og/[slug]/route.tsx hands the limiter the full client address, so one
  // client with an IPv6 /64 (every phone and household has one) gets a fresh burst per address.
  it('counts the addresses of one IPv6 /64 as one client, as the view counts do', () => {
    const mayDraw = openDrawLimiter();
    const now = Date.parse('2026-12-01T00:00:00Z');
    let allowed = 0;
    for (let i = 1; i <= 100; i += 1)
      if (mayDraw(`2001:db8:99:1::${i.toString(16)}`, now) === 0) allowed += 1;
    expect(allowed).toBe(CARD_DRAW_BURST);
  });
});

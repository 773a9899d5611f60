// Share cards kept on disk, so each is drawn once per headline, section and publication name
// however many articles a client cycles through and however often the server restarts.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { addressGroup } from '@/lib/client-address';

/** Drawn cards kept on disk, in bytes, before the oldest are removed (~40 KB a card: ~5,000). */
export const MAX_CARD_BYTES = 200 * 1024 * 1024;
/** Cards kept in memory as well, the most recently used. */
const MAX_CARDS_IN_MEMORY = 200;

export interface CardCache {
  /** The card drawn for `key`, from memory or disk, or undefined. */
  get(key: string): Promise<Buffer | undefined>;
  /** Keeps a drawn card; a folder that cannot be written just means memory only. */
  set(key: string, png: Buffer): Promise<void>;
}

/**
 * The name a card is kept under: a hash of everything it shows and of the code that draws it
 * (`SOCIAL_IMAGE_VERSION`, stamped by next.config.ts), so an edited headline, a renamed
 * publication or a new design is a new card, and nothing else is.
 */
export function cardKey(card: object): string {
  const version = process.env.SOCIAL_IMAGE_VERSION ?? 'dev';
  return createHash('sha256')
    .update(JSON.stringify([version, card]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * A card cache in `dir` (created when first written), at most `maxBytes` on disk: past that the
 * oldest-written cards are removed. The folder is read once, at first use, to learn its size.
 */
export function openCardCache({
  dir,
  maxBytes = MAX_CARD_BYTES,
}: {
  dir: string;
  maxBytes?: number;
}): CardCache {
  const memory = new Map<string, Buffer>();
  /** The cards on disk, oldest written first, and their sizes. */
  let files: Map<string, number> | undefined;
  let bytes = 0;

  const remember = (key: string, png: Buffer) => {
    memory.delete(key);
    memory.set(key, png);
    if (memory.size > MAX_CARDS_IN_MEMORY) {
      const oldest = memory.keys().next().value;
      if (oldest !== undefined) memory.delete(oldest);
    }
  };

  function index(): Map<string, number> {
    if (files) return files;
    files = new Map();
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith('.png'));
    } catch {
      // Not there yet.
    }
    const found = names.flatMap((name) => {
      try {
        const stat = fs.statSync(path.join(dir, name));
        return [{ key: name.slice(0, -4), size: stat.size, at: stat.mtimeMs }];
      } catch {
        return [];
      }
    });
    for (const { key, size } of found.sort((a, b) => a.at - b.at)) {
      files.set(key, size);
      bytes += size;
    }
    return files;
  }

  return {
    async get(key) {
      const hit = memory.get(key);
      if (hit) {
        remember(key, hit);
        return hit;
      }
      if (!index().has(key)) return undefined;
      try {
        const png = await fs.promises.readFile(path.join(dir, `${key}.png`));
        remember(key, png);
        return png;
      } catch {
        return undefined;
      }
    },
    async set(key, png) {
      remember(key, png);
      const known = index();
      if (known.has(key) || png.length > maxBytes) return;
      try {
        await fs.promises.mkdir(dir, { recursive: true });
        // Written aside and renamed, so a reader never sees half a card.
        const temp = path.join(dir, `.${key}.${process.pid}.tmp`);
        await fs.promises.writeFile(temp, png);
        await fs.promises.rename(temp, path.join(dir, `${key}.png`));
      } catch {
        return;
      }
      known.set(key, png.length);
      bytes += png.length;
      for (const [old, size] of known) {
        if (bytes <= maxBytes) break;
        known.delete(old);
        bytes -= size;
        memory.delete(old);
        await fs.promises.rm(path.join(dir, `${old}.png`), { force: true }).catch(() => {});
      }
    },
  };
}

/** Cards one client may have drawn at once, and how often another is allowed (ms). */
export const CARD_DRAW_BURST = 10;
export const CARD_DRAW_EVERY_MS = 2000;
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per client (an address, an IPv6 /64) for cards that must be drawn (~250 ms of CPU each): CARD_DRAW_BURST at
 * once, then one every CARD_DRAW_EVERY_MS. Cards already drawn are never limited here. Answers how
 * long to wait (ms) when there is no token, 0 when one was taken. Bounded: at MAX_BUCKETS clients
 * the full buckets are forgotten (a sweep at most once a second), and while none is full every new
 * client shares one bucket.
 */
export function openDrawLimiter(): (client: string, now: number) => number {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = -Infinity;
  return (address, now) => {
    // One client is an IPv4 address or an IPv6 /64 (it may pick any address in it), as for views.
    const client = addressGroup(address);
    let bucket = buckets.get(client);
    if (!bucket) {
      if (buckets.size >= MAX_BUCKETS && Math.abs(now - sweptAt) >= 1000) {
        sweptAt = now;
        for (const [key, old] of buckets) {
          if (old.tokens + (now - old.at) / CARD_DRAW_EVERY_MS >= CARD_DRAW_BURST)
            buckets.delete(key);
        }
      }
      const key = buckets.size >= MAX_BUCKETS ? '' : client;
      bucket = buckets.get(key) ?? { tokens: CARD_DRAW_BURST, at: now };
      buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(
      CARD_DRAW_BURST,
      bucket.tokens + Math.max(0, now - bucket.at) / CARD_DRAW_EVERY_MS,
    );
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) * CARD_DRAW_EVERY_MS);
  };
}

import fs from 'node:fs';
import path from 'node:path';

import { ImageResponse } from 'next/og';

import { cardKey, openCardCache, type CardCache } from '@/lib/social-image-cache';

export const SOCIAL_IMAGE_SIZE = { width: 1200, height: 630 } as const;

let font: Buffer | undefined;

/** Pretendard Bold from the npm package; next.config.ts traces it into the standalone server. */
function getFont(): Buffer {
  font ??= fs.readFileSync(
    path.join(
      /* turbopackIgnore: true */ process.cwd(),
      'node_modules/pretendard/dist/public/static/Pretendard-Bold.otf',
    ),
  );
  return font;
}

/** The font option next/og takes, for every image drawn here. */
function pretendardBold() {
  return [{ name: 'Pretendard', data: getFont(), weight: 700 as const, style: 'normal' as const }];
}

/** What a share card shows: the headline, the section above it and the publication below. */
export interface SocialCard {
  title: string;
  kicker?: string;
  siteName: string;
}

let cache: CardCache | undefined;

/** The process's cards, in `.next/cache/` (a restart keeps them). */
function getCardCache(): CardCache {
  cache ??= openCardCache({
    dir: path.join(/* turbopackIgnore: true */ process.cwd(), '.next', 'cache', 'social-images'),
  });
  return cache;
}

/** Cards being drawn now: a second request for one waits for the same drawing. */
const drawing = new Map<string, Promise<Buffer>>();

/**
 * A share card (PNG) with the headline in Korean type, for articles that have no image of their
 * own: drawn once for what it shows (lib/social-image-cache.ts) and kept on disk. Drawing costs
 * ~250 ms of CPU, so `mayDraw` is asked first (a per-client limit: ms to wait, or 0); when it
 * refuses, the answer is how long to wait instead of a card. Only published articles get here.
 */
export async function renderSocialImage(
  card: SocialCard,
  { mayDraw, cards = getCardCache() }: { mayDraw: () => number; cards?: CardCache },
): Promise<{ png: Buffer } | { retryAfterMs: number }> {
  const key = cardKey(card);
  const inFlight = drawing.get(key);
  if (inFlight) return { png: await inFlight };
  const kept = await cards.get(key);
  if (kept) return { png: kept };
  const wait = mayDraw();
  if (wait > 0) return { retryAfterMs: wait };
  const drawn = drawSocialImage(card)
    .arrayBuffer()
    .then((bytes) => Buffer.from(bytes));
  drawing.set(key, drawn);
  try {
    const png = await drawn;
    await cards.set(key, png);
    return { png };
  } finally {
    drawing.delete(key);
  }
}

function drawSocialImage({ title, kicker, siteName }: SocialCard): ImageResponse {
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: '#16181d',
        color: '#ffffff',
        fontFamily: 'Pretendard',
      }}
    >
      <div style={{ display: 'flex', fontSize: 34, color: '#ff8a9b' }}>{kicker ?? siteName}</div>
      <div
        style={{
          display: 'flex',
          fontSize: title.length > 40 ? 56 : 68,
          lineHeight: 1.25,
          wordBreak: 'keep-all',
        }}
      >
        {title.length > 90 ? `${title.slice(0, 89)}…` : title}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 32 }}>
        <div style={{ width: 20, height: 20, background: '#c8102e' }} />
        {siteName}
      </div>
    </div>,
    {
      ...SOCIAL_IMAGE_SIZE,
      fonts: pretendardBold(),
    },
  );
}

/** The publisher logo: the site name's first letter on the brand red, square. */
export function renderLogo(siteName: string): ImageResponse {
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#c8102e',
        color: '#ffffff',
        fontSize: 360,
        fontFamily: 'Pretendard',
      }}
    >
      {[...siteName][0] ?? ''}
    </div>,
    {
      width: 600,
      height: 600,
      fonts: pretendardBold(),
    },
  );
}

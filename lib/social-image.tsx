import fs from 'node:fs';
import path from 'node:path';

import { ImageResponse } from 'next/og';

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

/** Cards drawn lately, by article identity: drawing one costs ~250 ms of CPU. Only published articles get here. */
const cards = new Map<string, Promise<Buffer>>();
const MAX_CARDS = 200;

/** What a share card shows: the headline, the section above it and the publication below. */
export interface SocialCard {
  title: string;
  kicker?: string;
  siteName: string;
}

/**
 * A share card (PNG) with the headline in Korean type, for articles that have no image of their
 * own, drawn once per `key` (the article's file identity) and publication name while it stays
 * among the recent ones.
 */
export function renderSocialImage(articleKey: string, card: SocialCard): Promise<Buffer> {
  const key = `${articleKey}\u0000${card.siteName}`;
  const hit = cards.get(key);
  if (hit) return hit;
  const drawn = drawSocialImage(card)
    .arrayBuffer()
    .then((bytes) => Buffer.from(bytes));
  drawn.catch(() => cards.delete(key));
  cards.set(key, drawn);
  if (cards.size > MAX_CARDS) {
    const oldest = cards.keys().next().value;
    if (oldest !== undefined) cards.delete(oldest);
  }
  return drawn;
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

import { createHash, timingSafeEqual } from 'node:crypto';

import { usableSecret } from '@/lib/secrets.mjs';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * True when `token` matches PREVIEW_TOKEN. Both sides are hashed first so the comparison takes the
 * same time whatever the token's length or content. Preview is off while PREVIEW_TOKEN is unset.
 */
export function isPreviewTokenValid(token: unknown): boolean {
  const secret = usableSecret('PREVIEW_TOKEN');
  if (!secret || typeof token !== 'string' || token.length === 0) return false;
  return timingSafeEqual(digest(token), digest(secret));
}

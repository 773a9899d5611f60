import { createHash, timingSafeEqual } from 'node:crypto';

import { readSecret } from '@/lib/secrets.mjs';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** PREVIEW_TOKEN when it is a usable secret; a short or placeholder one opens nothing. */
function previewSecret(): string | undefined {
  try {
    return readSecret('PREVIEW_TOKEN');
  } catch {
    // The server refuses to start with it (instrumentation.ts); whatever runs without that check
    // still never takes it.
    return undefined;
  }
}

/**
 * True when `token` matches PREVIEW_TOKEN. Both sides are hashed first so the comparison takes the
 * same time whatever the token's length or content. Preview is off while PREVIEW_TOKEN is unset.
 */
export function isPreviewTokenValid(token: unknown): boolean {
  const secret = previewSecret();
  if (!secret || typeof token !== 'string' || token.length === 0) return false;
  return timingSafeEqual(digest(token), digest(secret));
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Whether `header` (`X-Hub-Signature-256`, as git hosts send it: `sha256=<hex>`) is the
 * HMAC-SHA256 of `body` under `secret`. Compared in constant time; anything malformed is false.
 */
export function isSignedBody(body: Buffer, header: string | null, secret: string): boolean {
  if (!secret || !header?.startsWith('sha256=')) return false;
  const given = header.slice('sha256='.length);
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

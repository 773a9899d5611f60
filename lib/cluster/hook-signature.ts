import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The forms git hosts sign a push webhook with; see README "Several servers". */
export type HookForm = 'github' | 'gitea' | 'gitlab';

/** Header value parsing. Only hex of the right length is compared; anything else is false. */
function isHexMac(given: string | null, body: Buffer, secret: string): boolean {
  if (!given || !/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** The secret sent as is (GitLab): both sides hashed first, so lengths match and nothing leaks. */
function isSameSecret(given: string | null, secret: string): boolean {
  if (given === null) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}

/**
 * Which host's form signs this webhook under `secret`, or undefined when none does. GitHub:
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; Gitea and Forgejo:
 * `X-Gitea-Signature` / `X-Forgejo-Signature: <hex HMAC-SHA256 of the body>`; GitLab:
 * `X-Gitlab-Token: <the secret>`. Compared in constant time; an empty secret signs nothing.
 */
export function signedHookForm(
  body: Buffer,
  headers: Headers,
  secret: string,
): HookForm | undefined {
  if (!secret) return undefined;
  const hub = headers.get('x-hub-signature-256');
  if (hub?.startsWith('sha256=') && isHexMac(hub.slice('sha256='.length), body, secret))
    return 'github';
  for (const name of ['x-gitea-signature', 'x-forgejo-signature']) {
    if (isHexMac(headers.get(name), body, secret)) return 'gitea';
  }
  if (isSameSecret(headers.get('x-gitlab-token'), secret)) return 'gitlab';
  return undefined;
}

/** Headers that name one delivery; a host sends the same id again only when it redelivers. */
const DELIVERY_HEADERS = [
  'x-github-delivery',
  'x-gitea-delivery',
  'x-forgejo-delivery',
  'x-gitlab-event-uuid',
];
const MAX_ID_LENGTH = 200;

/** The delivery id of a webhook call, if its host sends one. */
export function getDeliveryId(headers: Headers): string | undefined {
  for (const name of DELIVERY_HEADERS) {
    const id = headers.get(name)?.trim();
    if (id) return `${name}:${id.slice(0, MAX_ID_LENGTH)}`;
  }
  return undefined;
}

/** Deliveries seen lately, to answer a replay without acting on it. Memory is bounded. */
export interface RecentDeliveries {
  /** Records `id`; false when it was already recorded within the window. */
  isFirst(id: string): boolean;
}

/** The last `max` delivery ids, each forgotten after `ttlMs`. */
export function recentDeliveries({
  max = 1000,
  ttlMs = 10 * 60_000,
  now = Date.now,
}: { max?: number; ttlMs?: number; now?: () => number } = {}): RecentDeliveries {
  // Insertion order is age order: the oldest entries are the first ones.
  const seen = new Map<string, number>();
  return {
    isFirst(id) {
      const at = now();
      for (const [old, when] of seen) {
        if (at - when < ttlMs && seen.size < max) break;
        seen.delete(old);
      }
      if (seen.has(id)) return false;
      seen.set(id, at);
      return true;
    },
  };
}

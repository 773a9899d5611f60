import { readBoundedBody } from '@/lib/request-body';

import { getDeliveryId, signedHookForm, type RecentDeliveries } from './hook-signature';

/** Git hosts' push payloads are a few KB; a larger body is not worth hashing. */
const MAX_BODY_BYTES = 1024 * 1024;

function answer(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Answers a git host's push webhook: a call signed under `secret` (any form `signedHookForm`
 * knows) that is not a delivery already seen makes `announce` run (fetch, tell the others) and is
 * answered 202 once it has. A replayed delivery is 200 `duplicate` and does nothing; a flood of
 * distinct ones is bounded by `announce` itself (the fetch is coalesced). Unsigned or forged: 401.
 */
export async function receiveContentHook(
  request: Request,
  {
    secret,
    seen,
    announce,
  }: { secret: string; seen: RecentDeliveries; announce: () => Promise<string | undefined> },
): Promise<Response> {
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (body === undefined) return answer(413, { error: 'payload too large' });
  if (!signedHookForm(body, request.headers, secret))
    return answer(401, { error: 'bad signature' });
  // Only after the signature: an unsigned call must not be able to mark an id as seen.
  const id = getDeliveryId(request.headers);
  if (id && !seen.isFirst(id)) return answer(200, { duplicate: true });
  const version = await announce();
  return answer(202, { version: version ?? null });
}

import { announceContentChange, followsRemote } from '@/lib/content/process-store';
import { isSignedBody } from '@/lib/cluster/hook-signature';
import { readBoundedBody } from '@/lib/request-body';

// Acts per request; never cached.
export const dynamic = 'force-dynamic';

/** Git hosts' push payloads are a few KB; a larger body is not worth hashing. */
const MAX_BODY_BYTES = 1024 * 1024;

function answer(status: number, body?: Record<string, unknown>): Response {
  return Response.json(body ?? {}, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * A git host's push webhook (CONTENT_GIT_URL, CONTENT_HOOK_SECRET): signed with
 * `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>`. A signed call makes this instance fetch
 * the branch now and tells the others through Redis; it answers once this instance has looked.
 * The payload itself is not trusted for anything: the instance asks the remote what changed.
 * Without git content or a secret there is no hook (404); an unsigned or forged call is 401.
 */
export async function POST(request: Request) {
  const secret = process.env.CONTENT_HOOK_SECRET ?? '';
  if (!secret || !followsRemote()) return answer(404, { error: 'not found' });
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (body === undefined) return answer(413, { error: 'payload too large' });
  if (!isSignedBody(body, request.headers.get('x-hub-signature-256'), secret)) {
    return answer(401, { error: 'bad signature' });
  }
  const version = await announceContentChange();
  return answer(202, { version: version ?? null });
}

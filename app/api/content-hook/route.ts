import { receiveContentHook } from '@/lib/cluster/content-hook';
import { recentDeliveries } from '@/lib/cluster/hook-signature';
import { announceContentChange, followsRemote } from '@/lib/content/process-store';
import { usableSecret } from '@/lib/secrets.mjs';

// Acts per request; never cached.
export const dynamic = 'force-dynamic';

/** This instance's memory of deliveries (the last 1,000, for 10 minutes). */
const seen = recentDeliveries();

/**
 * A git host's push webhook (CONTENT_GIT_URL, CONTENT_HOOK_SECRET), signed the GitHub,
 * Gitea/Forgejo or GitLab way. A signed call makes this instance fetch the branch and tells the
 * others through Redis; the payload itself is not trusted for anything: the instance asks the
 * remote what changed. Without git content or a secret there is no hook (404).
 */
export async function POST(request: Request) {
  const secret = usableSecret('CONTENT_HOOK_SECRET');
  if (!secret || !followsRemote()) {
    return Response.json(
      { error: 'not found' },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return receiveContentHook(request, { secret, seen, announce: announceContentChange });
}

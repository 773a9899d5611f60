import { isbot } from 'isbot';

import { getClientAddress } from '@/lib/client-address';
import { getArticle, getView } from '@/lib/content';
import { readBoundedBody } from '@/lib/request-body';
import { allowBeacon, recordView, visitorKey, visitorNetwork } from '@/lib/views';

// Counted per request; never cached.
export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 512;

function answer(status: number): Response {
  return new Response(null, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * A view beacon from an article page (components/article/view-beacon.tsx): the article's slug as
 * the body. Counted only for a published article, from a same-origin page, by a browser that is not
 * a known bot or a prefetch; one per client per article per 30 minutes, within daily caps;
 * rate-limited per client. A client is its address (lib/client-address), never what it says of
 * itself. No cookie is read or set, and nothing personal is kept (lib/views).
 */
export async function POST(request: Request) {
  const headers = request.headers;
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return answer(403);
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''}`;
  const agent = headers.get('user-agent') ?? '';
  // Bots and prefetches are told nothing went wrong; they are just not counted.
  if (!agent || isbot(agent) || purpose.includes('prefetch')) return answer(204);
  const bytes = await readBoundedBody(request, MAX_BODY_BYTES);
  if (bytes === undefined) return answer(413);
  const article = getArticle(getView(), new TextDecoder().decode(bytes).trim().normalize('NFC'));
  if (!article) return answer(404);
  const address = getClientAddress(headers);
  // A request whose socket is not known (one that came in while the server was starting).
  if (!address) return answer(204);
  const now = Date.now();
  const visitor = visitorKey(address, now);
  if (!allowBeacon(visitor, now)) return answer(429);
  recordView(article.slug, visitor, now, visitorNetwork(address));
  return answer(204);
}

import { getClientAddress } from '@/lib/client-address';
import { getArticle, getMasthead, getView } from '@/lib/content';
import { readSlugParam, socialImagePath } from '@/lib/paths';
import { renderSocialImage } from '@/lib/social-image';
import { openDrawLimiter } from '@/lib/social-image-cache';

// Rendered per request from the cards kept on disk (lib/social-image): a 404 is never stored
// anywhere, so a card asked for before its article publishes works after.
export const dynamic = 'force-dynamic';

const mayDraw = openDrawLimiter();

export async function GET(request: Request, { params }: RouteContext<'/og/[slug]'>) {
  const { slug, isCanonical } = readSlugParam((await params).slug);
  const article = getArticle(getView(), slug);
  if (!article) {
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  }
  if (!isCanonical) {
    return new Response(null, {
      status: 308,
      headers: { Location: socialImagePath(article.slug) },
    });
  }
  const client = getClientAddress(request.headers) ?? '';
  const card = await renderSocialImage(
    {
      title: article.title,
      kicker: article.categories[0]?.name,
      siteName: getMasthead(getView()).name,
    },
    { mayDraw: () => mayDraw(client, Date.now()) },
  );
  if ('retryAfterMs' in card) {
    return new Response('요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.', {
      status: 429,
      headers: {
        'Cache-Control': 'no-store',
        'Retry-After': String(Math.ceil(card.retryAfterMs / 1000)),
        'Content-Type': 'text/plain; charset=utf-8',
      },
    });
  }
  // A shared cache keeps a card 10 minutes and a minute more while it refetches (nginx honours no
  // more), so the card of an article taken down is gone from it within minutes; a card is cheap
  // to send again, being kept on disk.
  return new Response(new Uint8Array(card.png), {
    headers: {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=3600, s-maxage=600, stale-while-revalidate=60',
    },
  });
}

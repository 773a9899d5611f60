import { getArticle, getMasthead, sourceKey } from '@/lib/content';
import { readSlugParam, socialImagePath } from '@/lib/paths';
import { renderSocialImage } from '@/lib/social-image';

// Rendered per request from an in-process cache of published articles' cards (lib/social-image):
// a 404 is never stored anywhere, so a card asked for before its article publishes works after.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: RouteContext<'/og/[slug]'>) {
  const { slug, isCanonical } = readSlugParam((await params).slug);
  const article = getArticle(slug);
  if (!article) {
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  }
  if (!isCanonical) {
    return new Response(null, {
      status: 308,
      headers: { Location: socialImagePath(article.slug) },
    });
  }
  const png = await renderSocialImage(sourceKey(article), {
    title: article.title,
    kicker: article.categories[0]?.name,
    siteName: getMasthead().name,
  });
  return new Response(new Uint8Array(png), {
    headers: {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400',
    },
  });
}

import { getArticle, getLiveCoverage, getView } from '@/lib/content';
import { readSlugParam } from '@/lib/paths';

// Answered per request from memory (a constant cost); a CDN may keep an answer 5 s.
export const dynamic = 'force-dynamic';

/** The coverage version of a live article, which open pages poll: `{ live, version, updates }`. */
export async function GET(_request: Request, { params }: RouteContext<'/api/live/[slug]'>) {
  const article = getArticle(getView(), readSlugParam((await params).slug).slug);
  const coverage = article ? getLiveCoverage(article, new Date()) : undefined;
  if (!coverage) {
    return Response.json(
      { error: 'not found' },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json(
    { live: coverage.isLive, version: coverage.version, updates: coverage.updates.length },
    { headers: { 'Cache-Control': 'public, max-age=0, s-maxage=5' } },
  );
}

import { countArticles, getView, isReadingContent } from '@/lib/content';
import { isSearchCaughtUp } from '@/lib/search';

// What a server has read: for operators and load balancers after a deploy, and for the archive
// benchmark. Computed per request from bounded questions; never cached.
export const dynamic = 'force-dynamic';

export function GET() {
  const view = getView();
  return Response.json(
    {
      /** Still reading the content folder (a first start, or a whole rescan): pages show what is read so far. */
      reading: isReadingContent(),
      /** Published articles the content index holds now. */
      articles: countArticles(view),
      /** The search index has caught up with the content index. */
      searchCaughtUp: isSearchCaughtUp(view),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

import { getBreakingItems } from '@/lib/breaking';
import { getView } from '@/lib/content';

// Computed per request (it is cheap), so an expiring `breaking_until` takes effect on time.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(
    { items: getBreakingItems(getView()) },
    {
      headers: {
        // A CDN may hold it for 10 s and serve stale for 30 s more while it refetches.
        'Cache-Control': 'public, max-age=10, s-maxage=10, stale-while-revalidate=30',
      },
    },
  );
}

import { getView } from '@/lib/content';
import { renderNewsSitemap, xmlResponse } from '@/lib/sitemaps';

// The 48-hour window moves with the clock, so this is computed on each request (it is cheap).
export const dynamic = 'force-dynamic';

export async function GET() {
  const response = xmlResponse(renderNewsSitemap(getView()));
  response.headers.set('Cache-Control', 'public, max-age=60, s-maxage=60');
  return response;
}

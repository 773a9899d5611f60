import { getMasthead, getView } from '@/lib/content';
import { renderLogo } from '@/lib/social-image';

export const dynamic = 'force-static';

/**
 * The publisher logo that NewsArticle structured data points at, drawn from the masthead's name on
 * its first request and again after the content changes (the build's copy is stale from the start).
 */
export function GET() {
  return renderLogo(getMasthead(getView()).name);
}

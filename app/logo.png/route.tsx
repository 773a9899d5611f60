import { getMasthead, getView } from '@/lib/content';
import { renderLogo } from '@/lib/social-image';

export const dynamic = 'force-static';

/** The publisher logo that NewsArticle structured data points at, drawn at build time. */
export function GET() {
  return renderLogo(getMasthead(getView()).name);
}

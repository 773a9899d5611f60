import { renderLogo } from '@/lib/social-image';

export const dynamic = 'force-static';

/** The publisher logo that NewsArticle structured data points at. */
export function GET() {
  return renderLogo();
}

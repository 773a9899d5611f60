import { getView } from '@/lib/content';
import { renderSitemap, xmlResponse } from '@/lib/sitemaps';

export const revalidate = 10;

export async function GET() {
  return xmlResponse(renderSitemap(getView()));
}

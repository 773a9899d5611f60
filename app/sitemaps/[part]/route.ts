import { getView } from '@/lib/content';
import { renderSitemapPart, xmlResponse } from '@/lib/sitemaps';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/[part]'>) {
  const match = /^([1-9]\d{0,4})\.xml$/.exec((await params).part);
  return xmlResponse(match ? renderSitemapPart(getView(), Number(match[1])) : undefined);
}

import { getView } from '@/lib/content';
import { readSitemapPart } from '@/lib/paths';
import { renderSitemapPart, xmlResponse } from '@/lib/sitemaps';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/[part]'>) {
  const part = readSitemapPart((await params).part);
  return xmlResponse(part === undefined ? undefined : renderSitemapPart(getView(), part));
}

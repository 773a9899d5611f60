import { decodeParam } from '@/lib/content';
import { feedResponse } from '@/lib/feeds';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function GET(
  _request: Request,
  { params }: RouteContext<'/category/[slug]/feed.xml'>,
) {
  return feedResponse('rss', decodeParam((await params).slug));
}

import { decodeParam } from '@/lib/content';
import { feedResponse } from '@/lib/feeds';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function GET(
  _request: Request,
  { params }: RouteContext<'/category/[slug]/atom.xml'>,
) {
  return feedResponse('atom', decodeParam((await params).slug));
}

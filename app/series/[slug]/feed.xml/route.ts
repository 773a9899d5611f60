import { termFeedHandler } from '@/lib/feeds';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export const GET = termFeedHandler('series', 'rss');

import { ListingRoute, listingMetadata } from '@/components/listing/listing-route';

export const revalidate = 10;
export const dynamicParams = true;

// Tags are many in a large archive: each tag page renders on its first visit, then is cached.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/tag/[slug]'>) {
  return listingMetadata('tag', (await params).slug);
}

export default async function TagPage({ params }: PageProps<'/tag/[slug]'>) {
  return <ListingRoute taxonomy="tag" slugParam={(await params).slug} />;
}

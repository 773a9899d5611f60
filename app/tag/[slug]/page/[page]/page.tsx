import { ListingRoute, listingMetadata } from '@/components/listing/listing-route';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/tag/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  return listingMetadata('tag', slug, page);
}

export default async function TagPagedPage({ params }: PageProps<'/tag/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  return <ListingRoute taxonomy="tag" slugParam={slug} pageParam={page} />;
}

import { ListingRoute, listingMetadata } from '@/components/listing/listing-route';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/category/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  return listingMetadata('category', slug, page);
}

export default async function CategoryPagedPage({
  params,
}: PageProps<'/category/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  return <ListingRoute taxonomy="category" slugParam={slug} pageParam={page} />;
}

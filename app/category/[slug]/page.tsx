import { ListingRoute, listingMetadata } from '@/components/listing/listing-route';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/category/[slug]'>) {
  return listingMetadata('category', (await params).slug);
}

export default async function CategoryPage({ params }: PageProps<'/category/[slug]'>) {
  return <ListingRoute taxonomy="category" slugParam={(await params).slug} />;
}

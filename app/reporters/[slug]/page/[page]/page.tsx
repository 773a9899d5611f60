import { ListingRoute, listingMetadata } from '@/components/listing/listing-route';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/reporters/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  return listingMetadata('reporters', slug, page);
}

export default async function ReporterPagedPage({
  params,
}: PageProps<'/reporters/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  return <ListingRoute taxonomy="reporters" slugParam={slug} pageParam={page} />;
}

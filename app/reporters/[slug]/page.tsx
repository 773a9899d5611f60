import { ListingRoute, listingMetadata } from '@/components/listing/listing-route';
import { ReporterProfile } from '@/components/reporter/reporter-profile';
import { getReporter, getView } from '@/lib/content';
import { readSlugParam } from '@/lib/paths';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/reporters/[slug]'>) {
  return listingMetadata('reporters', (await params).slug);
}

export default async function ReporterPage({ params }: PageProps<'/reporters/[slug]'>) {
  const { slug } = await params;
  const reporter = getReporter(getView(), readSlugParam(slug).slug);
  return (
    <ListingRoute
      taxonomy="reporters"
      slugParam={slug}
      intro={reporter ? <ReporterProfile reporter={reporter} /> : null}
    />
  );
}

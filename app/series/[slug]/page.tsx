import { SeriesRoute, seriesMetadata } from '@/components/series/series-route';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/series/[slug]'>) {
  return seriesMetadata((await params).slug);
}

export default async function SeriesPage({ params }: PageProps<'/series/[slug]'>) {
  return <SeriesRoute slugParam={(await params).slug} />;
}

import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { CategoryListing } from '@/components/category/category-listing';
import { getCategories, getCategoryPage } from '@/lib/content';
import { feedAlternates } from '@/lib/metadata';
import { categoryPath, readSlugParam } from '@/lib/paths';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return getCategories().map((category) => ({ slug: category.slug }));
}

export async function generateMetadata({
  params,
}: PageProps<'/category/[slug]'>): Promise<Metadata> {
  const listing = getCategoryPage(readSlugParam((await params).slug).slug);
  if (!listing) return {};
  return {
    title: listing.category.name,
    description: `${listing.category.name} 분야 기사 ${listing.total}건`,
    alternates: {
      canonical: categoryPath(listing.category.slug),
      types: feedAlternates(listing.category),
    },
  };
}

export default async function CategoryPage({ params }: PageProps<'/category/[slug]'>) {
  const { slug, isCanonical } = readSlugParam((await params).slug);
  const listing = getCategoryPage(slug);
  if (!listing) notFound();
  if (!isCanonical) permanentRedirect(categoryPath(listing.category.slug));
  return <CategoryListing listing={listing} />;
}

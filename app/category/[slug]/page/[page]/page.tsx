import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { CategoryListing } from '@/components/category/category-listing';
import { getCategory, getCategoryPage } from '@/lib/content';
import { feedAlternates } from '@/lib/metadata';
import { categoryPath, readSlugParam } from '@/lib/paths';

export const revalidate = 10;
export const dynamicParams = true;

export function generateStaticParams() {
  return [];
}

function readPage(value: string): number {
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : NaN;
}

export async function generateMetadata({
  params,
}: PageProps<'/category/[slug]/page/[page]'>): Promise<Metadata> {
  const { slug, page } = await params;
  const listing = getCategoryPage(readSlugParam(slug).slug, readPage(page));
  if (!listing) return {};
  return {
    title: `${listing.category.name} ${listing.page}쪽`,
    alternates: {
      canonical: categoryPath(listing.category.slug, listing.page),
      types: feedAlternates(listing.category),
    },
  };
}

export default async function CategoryPagedPage({
  params,
}: PageProps<'/category/[slug]/page/[page]'>) {
  const { slug: param, page } = await params;
  const { slug, isCanonical } = readSlugParam(param);
  const number = readPage(page);
  // Redirects only for a category that exists: an invented slug gets a 404, which is never stored.
  const category = getCategory(slug);
  if (!category) notFound();
  if (number === 1) permanentRedirect(categoryPath(category.slug));
  const listing = getCategoryPage(slug, number);
  if (!listing) notFound();
  if (!isCanonical) permanentRedirect(categoryPath(category.slug, number));
  return <CategoryListing listing={listing} />;
}

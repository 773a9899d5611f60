import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { CategoryListing } from '@/components/category/category-listing';
import { decodeParam, getCategoryPage } from '@/lib/content';
import { feedAlternates } from '@/lib/metadata';
import { categoryPath } from '@/lib/paths';

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
  const listing = getCategoryPage(decodeParam(slug), readPage(page));
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
  const { slug, page } = await params;
  const number = readPage(page);
  if (number === 1) permanentRedirect(categoryPath(decodeParam(slug)));
  const listing = getCategoryPage(decodeParam(slug), number);
  if (!listing) notFound();
  return <CategoryListing listing={listing} />;
}

import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { getListingPage, getTerm, getView, type Taxonomy } from '@/lib/content';
import { feedAlternates } from '@/lib/metadata';
import { listingPath, readSlugParam } from '@/lib/paths';

import { TermListing } from './term-listing';

/** A `page/N` segment: a whole number from 1, or NaN for anything else. */
export function readPageParam(value: string | undefined): number {
  if (value === undefined) return 1;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : NaN;
}

const KIND: Record<Taxonomy, string> = { category: '분야', tag: '태그', reporters: '기자', series: '연재' };

/** Title, description, canonical URL and feeds of a category's or tag's listing page. */
export function listingMetadata(
  taxonomy: Taxonomy,
  slugParam: string,
  pageParam?: string,
): Metadata {
  const view = getView();
  const listing = getListingPage(
    view,
    taxonomy,
    readSlugParam(slugParam).slug,
    readPageParam(pageParam),
  );
  if (!listing) return {};
  const name = taxonomy === 'tag' ? `#${listing.term.name}` : listing.term.name;
  return {
    title: listing.page > 1 ? `${name} ${listing.page}쪽` : name,
    description: `${listing.term.name} ${KIND[taxonomy]} 기사 ${listing.total}건`,
    alternates: {
      canonical: listingPath(taxonomy, listing.term.slug, listing.page),
      types: feedAlternates(view, { taxonomy, term: listing.term }),
    },
  };
}

export interface ListingRouteProps {
  taxonomy: Taxonomy;
  slugParam: string;
  /** The `page/N` segment; absent on the first page's own URL. */
  pageParam?: string;
  /** Shown under the heading (a reporter's profile). */
  intro?: React.ReactNode;
}

/**
 * A listing page's route: 404 for an unknown term or page (never stored), a permanent redirect
 * for `page/1` and for other spellings (NFD) of the slug, and the listing itself.
 */
export function ListingRoute({ taxonomy, slugParam, pageParam, intro }: ListingRouteProps) {
  const { slug, isCanonical } = readSlugParam(slugParam);
  // Redirects only for a term that exists: an invented slug gets a 404, which is never stored.
  const view = getView();
  const term = getTerm(view, taxonomy, slug);
  if (!term) notFound();
  const page = readPageParam(pageParam);
  if (pageParam !== undefined && page === 1) permanentRedirect(listingPath(taxonomy, term.slug));
  const listing = getListingPage(view, taxonomy, slug, page);
  if (!listing) notFound();
  if (!isCanonical) permanentRedirect(listingPath(taxonomy, term.slug, page));
  return <TermListing listing={listing} intro={intro} />;
}

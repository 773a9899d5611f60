import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { PageView } from '@/components/page/page-view';
import { getPage, getView } from '@/lib/content';
import { pagePath, readSlugParam } from '@/lib/paths';

export const revalidate = 10;
export const dynamicParams = true;

// Pages render on their first visit and are then cached; an unknown top-level path is a 404
// that is never stored.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/[page]'>): Promise<Metadata> {
  const page = getPage(getView(), readSlugParam((await params).page).slug);
  if (!page) return {};
  return { title: page.title, alternates: { canonical: pagePath(page.slug) } };
}

export default async function SitePage({ params }: PageProps<'/[page]'>) {
  const { slug, isCanonical } = readSlugParam((await params).page);
  const page = getPage(getView(), slug);
  if (!page) notFound();
  if (!isCanonical) permanentRedirect(pagePath(page.slug));
  return <PageView page={page} />;
}

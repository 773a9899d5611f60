import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache } from 'react';

import { ArticleCard } from '@/components/article/article-card';
import { getSeries, getView, type SeriesListing } from '@/lib/content';
import { FIELD_LIMITS } from '@/lib/content/field-limits';
import { PHOTO_SIZES } from '@/lib/media/picture';
import { feedAlternates } from '@/lib/metadata';
import { readSlugParam, seriesPath } from '@/lib/paths';

/**
 * The series a `/series/<id>` names, or undefined; an id longer than any series id is not looked
 * up. Once per request: the metadata and the page share it.
 */
const findSeries = cache((slugParam: string): { series?: SeriesListing; isCanonical: boolean } => {
  const { slug, isCanonical } = readSlugParam(slugParam);
  if (slug.length > FIELD_LIMITS.article.series) return { isCanonical };
  return { series: getSeries(getView(), slug), isCanonical };
});

/** Title, description, canonical URL and feeds of a series' page. */
export function seriesMetadata(slugParam: string): Metadata {
  const view = getView();
  const { series } = findSeries(slugParam);
  if (!series) return {};
  return {
    title: `연재: ${series.name}`,
    description: series.description ?? `${series.name} 연재 기사 ${series.total}건`,
    alternates: {
      canonical: seriesPath(series.id),
      types: feedAlternates(view, {
        taxonomy: 'series',
        term: { name: series.name, slug: series.id },
      }),
    },
  };
}

export interface SeriesRouteProps {
  slugParam: string;
}

/**
 * A series' page: its name, description and published articles in reading order. 404 for an
 * unknown series (never stored); another spelling (NFD) of the id is redirected.
 */
export function SeriesRoute({ slugParam }: SeriesRouteProps) {
  const { series, isCanonical } = findSeries(slugParam);
  if (!series) notFound();
  if (!isCanonical) permanentRedirect(seriesPath(series.id));
  return (
    <>
      <header className="mb-6 border-b border-neutral-200 pb-4 dark:border-neutral-800">
        <p className="text-sm font-semibold text-brand-600 dark:text-brand-50">연재</p>
        <h1 className="text-3xl font-black tracking-tight">{series.name}</h1>
        {series.description ? (
          <p className="mt-2 leading-relaxed text-neutral-700 dark:text-neutral-300">
            {series.description}
          </p>
        ) : null}
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          기사 {series.total}건
        </p>
      </header>
      <ol
        aria-label={`${series.name} 연재 순서`}
        className="flex flex-col divide-y divide-neutral-200 dark:divide-neutral-800"
      >
        {series.articles.map((article, index) => (
          <li key={article.slug} className="flex gap-4 py-5 first:pt-0">
            <span aria-hidden="true" className="text-2xl font-black text-neutral-400 tabular-nums">
              {index + 1}
            </span>
            <div className="min-w-0 flex-1">
              <ArticleCard
                article={article}
                headingLevel="h2"
                variant="card"
                sizes={PHOTO_SIZES.wide}
              />
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';

import { ArticleCard } from '@/components/article/article-card';
import { ArticleNav } from '@/components/article/article-nav';
import { ArticleView } from '@/components/article/article-view';
import { ViewBeacon } from '@/components/article/view-beacon';
import { MostRead } from '@/components/most-read';
import { SeriesNav } from '@/components/series/series-nav';
import { JsonLd } from '@/components/seo/json-ld';
import {
  getAdjacent,
  getArticle,
  getLiveCoverage,
  getMasthead,
  getRedirect,
  getRelated,
  getSeriesPlace,
  getView,
} from '@/lib/content';
import { assertContentValid } from '@/lib/content/strict';
import { toArticleMetadata } from '@/lib/metadata';
import { articlePath, readSlugParam } from '@/lib/paths';
import { getLiveUpdateBody, getSummary } from '@/lib/render';
import { toBreadcrumbJsonLd, toLiveBlogJsonLd, toNewsArticleJsonLd } from '@/lib/structured-data';

export const revalidate = 10;
// The build reads no articles: each renders on its first visit and is then cached.
export const dynamicParams = true;

export function generateStaticParams() {
  assertContentValid();
  return [];
}

export async function generateMetadata({
  params,
}: PageProps<'/articles/[slug]'>): Promise<Metadata> {
  const view = getView();
  const article = getArticle(view, readSlugParam((await params).slug).slug);
  if (!article) return {};
  return toArticleMetadata(view, article, await getSummary(article, getMasthead(view).url, 160));
}

export default async function ArticlePage({ params }: PageProps<'/articles/[slug]'>) {
  const { slug, isCanonical } = readSlugParam((await params).slug);
  const view = getView();
  const siteUrl = getMasthead(view).url;
  const article = getArticle(view, slug);
  if (!article) {
    // A renamed article keeps its old links alive through `redirect_from`.
    const moved = getRedirect(view, slug);
    if (moved) permanentRedirect(articlePath(moved.slug));
    notFound();
  }
  if (!isCanonical) permanentRedirect(articlePath(article.slug));
  const related = getRelated(view, article, 4);
  const { newer, older } = getAdjacent(view, article);
  const seriesPlace = getSeriesPlace(view, article);
  const description = await getSummary(article, siteUrl, 160);
  const coverage = getLiveCoverage(article, view.now);
  const jsonLd = coverage
    ? toLiveBlogJsonLd(
        view,
        article,
        description,
        coverage,
        (await Promise.all(coverage.updates.map((u) => getLiveUpdateBody(u, siteUrl)))).map(
          (b) => b.text,
        ),
      )
    : toNewsArticleJsonLd(view, article, description);

  return (
    <div className="mx-auto max-w-3xl">
      <JsonLd data={jsonLd} />
      <JsonLd data={toBreadcrumbJsonLd(view, article)} />
      <ArticleView article={article} />
      <ViewBeacon slug={article.slug} />
      <div className="mt-10 flex flex-col gap-10">
        {seriesPlace ? <SeriesNav place={seriesPlace} /> : null}
        <ArticleNav newer={newer} older={older} />
        {related.length > 0 ? (
          <section aria-labelledby="related-heading">
            <h2 id="related-heading" className="mb-4 text-xl font-extrabold">
              관련 기사
            </h2>
            <ul className="grid gap-6 sm:grid-cols-2">
              {related.map((other) => (
                <li key={other.slug}>
                  <ArticleCard article={other} variant="row" headingLevel="h3" />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <MostRead exclude={article.slug} />
      </div>
    </div>
  );
}

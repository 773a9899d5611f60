import type { Metadata } from 'next';
import Link from 'next/link';

import { ArticleCard } from '@/components/article/article-card';
import { MostRead } from '@/components/most-read';
import { JsonLd } from '@/components/seo/json-ld';
import { getCategories, getLeadArticle, getMasthead, getView, listArticles } from '@/lib/content';
import { feedAlternates } from '@/lib/metadata';
import { categoryPath, HOME_PATH } from '@/lib/paths';
import { toWebSiteJsonLd } from '@/lib/structured-data';
import { toVerificationMetaTags } from '@/lib/verification';

export const revalidate = 10;

export function generateMetadata(): Metadata {
  const view = getView();
  return {
    alternates: { canonical: HOME_PATH, types: feedAlternates(view) },
    // Search engines look for their ownership tokens on the home page only.
    verification: { other: toVerificationMetaTags(getMasthead(view).verification) },
  };
}

const LATEST = 8;
const PER_SECTION = 4;

export default function HomePage() {
  const view = getView();
  const lead = getLeadArticle(view);
  const latest = listArticles(view, {}, LATEST + 1)
    .filter((a) => a.slug !== lead?.slug)
    .slice(0, LATEST);
  const sections = getCategories(view, PER_SECTION);

  return (
    <>
      <JsonLd data={toWebSiteJsonLd(view)} />
      <h1 className="sr-only">{getMasthead(view).name} 주요 뉴스</h1>
      {lead ? (
        <section
          aria-label="머리기사"
          className="border-b border-neutral-200 pb-8 dark:border-neutral-800"
        >
          <ArticleCard article={lead} variant="lead" headingLevel="h2" />
        </section>
      ) : (
        <p className="py-16 text-center text-neutral-600 dark:text-neutral-400">
          아직 게시된 기사가 없습니다.
        </p>
      )}

      {latest.length > 0 ? (
        <section aria-labelledby="latest-heading" className="py-8">
          <h2 id="latest-heading" className="mb-5 text-xl font-extrabold">
            최신 기사
          </h2>
          <ol className="grid gap-x-6 gap-y-8 sm:grid-cols-2 lg:grid-cols-4">
            {latest.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <MostRead className="border-t border-neutral-200 py-8 dark:border-neutral-800" />

      {sections.map((section) => (
        <section
          key={section.slug}
          aria-labelledby={`section-${section.slug}`}
          className="border-t border-neutral-200 py-8 dark:border-neutral-800"
        >
          <div className="mb-5 flex items-baseline justify-between gap-4">
            <h2 id={`section-${section.slug}`} className="text-xl font-extrabold">
              <Link href={categoryPath(section.slug)} className="hover:underline">
                {section.name}
              </Link>
            </h2>
            <Link
              href={categoryPath(section.slug)}
              className="text-sm font-semibold text-brand-600 hover:underline dark:text-brand-50"
            >
              {section.name} 기사 {section.count}건 모두 보기
            </Link>
          </div>
          <ul className="grid gap-x-6 gap-y-6 sm:grid-cols-2 lg:grid-cols-4">
            {section.latest.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} variant="row" showCategory={false} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { ArticleBody } from '@/components/article/article-body';
import { ArticleCard } from '@/components/article/article-card';
import { ArticleImage } from '@/components/article/article-image';
import { ArticleNav } from '@/components/article/article-nav';
import { ArticleTime } from '@/components/article/article-time';
import { decodeParam, getAdjacent, getArticle, getArticles, getRelated } from '@/lib/content';
import { assertContentValid } from '@/lib/content/strict';
import { articlePath, categoryPath } from '@/lib/paths';
import { getArticleBody, getSummary, renderLede } from '@/lib/render';
import { site } from '@/lib/site';

export const revalidate = 60;
// Only the newest articles are prerendered; the archive renders on first visit and is then cached.
export const dynamicParams = true;

export function generateStaticParams() {
  assertContentValid();
  return getArticles()
    .slice(0, site.prerenderCount)
    .map((article) => ({ slug: article.slug }));
}

export async function generateMetadata({
  params,
}: PageProps<'/articles/[slug]'>): Promise<Metadata> {
  const article = getArticle(decodeParam((await params).slug));
  if (!article) return {};
  return {
    title: article.title,
    description: await getSummary(article, 160),
    alternates: { canonical: articlePath(article.slug) },
  };
}

export default async function ArticlePage({ params }: PageProps<'/articles/[slug]'>) {
  const article = getArticle(decodeParam((await params).slug));
  if (!article) notFound();

  const [body, lede] = await Promise.all([
    getArticleBody(article),
    article.featureText ? renderLede(article.featureText) : undefined,
  ]);
  const related = getRelated(article, 4);
  const { newer, older } = getAdjacent(article);
  const wasUpdated = article.updated && article.updated.getTime() > article.published.getTime();

  return (
    <div className="mx-auto max-w-3xl">
      <article lang={article.lang} dir={article.dir}>
        <header className="flex flex-col gap-4 border-b border-neutral-200 pb-6 dark:border-neutral-800">
          {article.categories.length > 0 ? (
            <ul aria-label="분류" className="flex flex-wrap gap-3 text-sm font-semibold">
              {article.categories.map((category) => (
                <li key={category.slug}>
                  <Link
                    href={categoryPath(category.slug)}
                    className="text-brand-600 hover:underline dark:text-brand-50"
                  >
                    {category.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <h1 className="text-3xl leading-tight font-black tracking-tight sm:text-4xl">
            {article.title}
          </h1>
          {lede ? (
            <ArticleBody
              html={lede}
              className="border-l-4 border-brand-600 pl-4 text-lg leading-relaxed text-neutral-700 dark:text-neutral-300"
            />
          ) : null}
          <div
            lang={site.lang}
            dir="ltr"
            className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-neutral-600 dark:text-neutral-400"
          >
            {article.author ? (
              <span className="font-semibold text-neutral-800 dark:text-neutral-200">
                {article.author}
              </span>
            ) : null}
            {article.dated ? (
              <span>
                입력 <ArticleTime date={article.published} />
              </span>
            ) : (
              <span>입력 시각 미지정</span>
            )}
            {wasUpdated && article.updated ? (
              <span>
                수정 <ArticleTime date={article.updated} />
              </span>
            ) : null}
          </div>
        </header>

        {article.image ? (
          <figure className="my-6">
            <ArticleImage src={article.image} alt="" priority className="rounded-md" />
          </figure>
        ) : null}

        <ArticleBody
          html={body.html}
          className="prose mt-6 max-w-none text-[1.075rem] leading-8 prose-neutral dark:prose-invert prose-headings:tracking-tight prose-a:text-brand-600 dark:prose-a:text-brand-50 prose-th:bg-neutral-100 dark:prose-th:bg-neutral-800 prose-img:rounded-md"
        />

        {article.tags.length > 0 ? (
          <ul aria-label="태그" className="mt-8 flex flex-wrap gap-2">
            {article.tags.map((tag) => (
              <li
                key={tag}
                className="rounded-full bg-neutral-100 px-3 py-1 text-sm text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300"
              >
                #{tag}
              </li>
            ))}
          </ul>
        ) : null}
      </article>

      <div className="mt-10 flex flex-col gap-10">
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
      </div>
    </div>
  );
}

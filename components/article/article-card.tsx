import Link from 'next/link';

import type { Article } from '@/lib/content';
import { articlePath, categoryPath } from '@/lib/paths';
import { getSummary } from '@/lib/render';

import { ArticleImage } from './article-image';
import { ArticleTime } from './article-time';

export interface ArticleCardProps {
  article: Article;
  /** `lead`: the home page's top story; `card`: a grid item; `row`: a compact list item. */
  variant?: 'lead' | 'card' | 'row';
  headingLevel?: 'h2' | 'h3';
  showCategory?: boolean;
}

/** An article teaser: image, category, title, summary and time. */
export async function ArticleCard({
  article,
  variant = 'card',
  headingLevel: Heading = 'h3',
  showCategory = true,
}: ArticleCardProps) {
  const summary = await getSummary(article, variant === 'lead' ? 200 : 110);
  const category = article.categories[0];
  const titleSize =
    variant === 'lead'
      ? 'text-2xl sm:text-3xl font-extrabold'
      : variant === 'row'
        ? 'text-base font-bold'
        : 'text-lg font-bold';
  return (
    <article
      lang={article.lang}
      dir={article.dir}
      className={
        variant === 'lead'
          ? 'grid gap-4 md:grid-cols-[3fr_2fr] md:items-center'
          : 'flex flex-col gap-2'
      }
    >
      {article.image && variant !== 'row' ? (
        <ArticleImage
          src={article.image}
          alt=""
          priority={variant === 'lead'}
          className="rounded-md"
        />
      ) : null}
      <div className="flex flex-col gap-2">
        {showCategory && category ? (
          <Link
            href={categoryPath(category.slug)}
            className="w-fit text-sm font-semibold text-brand-600 hover:underline dark:text-brand-50"
          >
            {category.name}
          </Link>
        ) : null}
        <Heading className={`${titleSize} leading-snug tracking-tight`}>
          <Link href={articlePath(article.slug)} className="hover:underline">
            {article.title}
          </Link>
        </Heading>
        {summary && variant !== 'row' ? (
          <p className="line-clamp-3 text-[0.95rem] leading-relaxed text-neutral-700 dark:text-neutral-300">
            {summary}
          </p>
        ) : null}
        {article.dated ? (
          <ArticleTime
            date={article.published}
            className="text-sm text-neutral-600 dark:text-neutral-400"
          />
        ) : null}
      </div>
    </article>
  );
}

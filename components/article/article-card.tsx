import Link from 'next/link';

import { getMasthead, getView, type Article } from '@/lib/content';
import { PHOTO_SIZES } from '@/lib/media/picture';
import { resolveImage } from '@/lib/media/resolve-image';
import { articlePath, categoryPath } from '@/lib/paths';
import { getSummary } from '@/lib/render';

import { ArticleImage } from './article-image';
import { ArticleTime } from './article-time';
import { KindLabel } from './kind-label';

export interface ArticleCardProps {
  article: Article;
  /** `lead`: the home page's top story; `card`: a grid item; `row`: a compact list item. */
  variant?: 'lead' | 'card' | 'row';
  headingLevel?: 'h2' | 'h3';
  showCategory?: boolean;
  /** The `sizes` of the card's picture in its layout (lib/media/picture.ts); the home grid's by default. */
  sizes?: string;
}

/** An article teaser: image, category, title, summary and time. */
export async function ArticleCard({
  article,
  variant = 'card',
  headingLevel: Heading = 'h3',
  showCategory = true,
  sizes = PHOTO_SIZES.card,
}: ArticleCardProps) {
  const image = resolveImage(article.image);
  const summary = await getSummary(
    article,
    getMasthead(getView()).url,
    variant === 'lead' ? 200 : 110,
  );
  const category = article.categories[0];
  const titleClass =
    variant === 'lead' ? 'card-title-lead' : variant === 'row' ? 'card-title-row' : 'card-title';
  return (
    <article
      lang={article.lang}
      dir={article.dir}
      className={variant === 'lead' ? 'grid gap-4 md:grid-cols-[3fr_2fr] md:items-center' : 'stack'}
    >
      {image && variant !== 'row' ? (
        <ArticleImage
          image={image}
          alt=""
          sizes={variant === 'lead' ? PHOTO_SIZES.lead : sizes}
          priority={variant === 'lead'}
          className="rounded-md"
        />
      ) : null}
      <div className="stack">
        {showCategory && category ? (
          <Link href={categoryPath(category.slug)} className="kicker">
            {category.name}
          </Link>
        ) : null}
        <Heading className={titleClass}>
          <KindLabel kind={article.kind} />
          <Link href={articlePath(article.slug)} className="hover:underline">
            {article.title}
          </Link>
        </Heading>
        {summary && variant !== 'row' ? <p className="card-summary">{summary}</p> : null}
        {article.dated ? <ArticleTime date={article.published} className="meta" /> : null}
      </div>
    </article>
  );
}

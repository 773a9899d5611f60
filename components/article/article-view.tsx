import Link from 'next/link';

import {
  getLiveCoverage,
  getMasthead,
  getView,
  isSponsoredKind,
  type Article,
} from '@/lib/content';
import { LiveCoverage } from '@/components/live/live-coverage';
import { Photo } from '@/components/media/photo';
import { PHOTO_SIZES } from '@/lib/media/picture';
import { resolveImage } from '@/lib/media/resolve-image';
import { absoluteUrl, articlePath, categoryPath, tagPath } from '@/lib/paths';
import { getArticleBody, getLede } from '@/lib/render';
import { site } from '@/lib/site';

import { ArticleBody } from './article-body';
import { ArticleByline } from './article-byline';
import { ArticleCorrections } from './article-corrections';
import { ArticleImage } from './article-image';
import { ArticleTime } from './article-time';
import { ArticleToolbar } from './article-toolbar';
import { KindLabel } from './kind-label';
import { VideoPlayers } from './video-players';

export interface ArticleViewProps {
  article: Article;
}

/** An article as readers see it: header, hero, body and tags. */
export async function ArticleView({ article }: ArticleViewProps) {
  const view = getView();
  const siteUrl = getMasthead(view).url;
  const [body, lede] = await Promise.all([
    getArticleBody(article, siteUrl),
    getLede(article, siteUrl),
  ]);
  const wasUpdated = article.updated && article.updated.getTime() > article.published.getTime();
  const url = absoluteUrl(view, articlePath(article.slug));
  const coverage = getLiveCoverage(article, view.now);
  const hero = resolveImage(article.image);
  const heroAlt = article.imageAlt ?? article.imageCaption ?? article.title;

  return (
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
          <KindLabel kind={article.kind} />
          {article.title}
        </h1>
        {isSponsoredKind(article.kind) ? (
          <p role="note" className="kind-label kind-label-sponsored w-fit px-3 py-1 font-semibold">
            이 글은 광고·협찬으로 만든 콘텐츠이며, 편집국의 기사가 아닙니다.
          </p>
        ) : null}
        {lede ? (
          <ArticleBody
            html={lede.html}
            className="border-l-4 border-brand-600 pl-4 text-lg leading-relaxed text-neutral-700 dark:text-neutral-300"
          />
        ) : null}
        <div
          lang={site.lang}
          dir="ltr"
          className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-neutral-600 dark:text-neutral-400"
        >
          <ArticleByline bylines={article.bylines} agency={article.agency} />
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
        <ArticleToolbar url={url} title={article.title} />
        <p className="print-only text-sm">기사 주소: {url}</p>
      </header>

      {hero ? (
        <figure className="my-6">
          {hero.kind === 'photo' ? (
            <Photo
              image={hero}
              alt={heroAlt}
              sizes={PHOTO_SIZES.article}
              priority
              className="h-auto w-full rounded-md bg-neutral-100 dark:bg-neutral-800"
            />
          ) : (
            <ArticleImage
              image={hero}
              alt={heroAlt}
              sizes={PHOTO_SIZES.article}
              priority
              className="rounded-md"
            />
          )}
          {article.imageCaption || article.imageCredit ? (
            <figcaption className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
              {article.imageCaption}
              {article.imageCaption && article.imageCredit ? ' ' : null}
              {article.imageCredit ? <span>사진={article.imageCredit}</span> : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}

      <ArticleCorrections corrections={article.corrections} />

      <ArticleBody
        html={body.html}
        className="article-text prose mt-6 max-w-none leading-8 prose-neutral dark:prose-invert prose-headings:tracking-tight prose-a:text-brand-600 dark:prose-a:text-brand-50 prose-th:bg-neutral-100 dark:prose-th:bg-neutral-800 prose-img:rounded-md"
      />
      {body.videos ? <VideoPlayers /> : null}
      {coverage ? <LiveCoverage article={article} coverage={coverage} /> : null}

      {article.tags.length > 0 ? (
        <ul aria-label="태그" className="mt-8 flex flex-wrap gap-2">
          {article.tags.map((tag) => (
            <li key={tag.slug}>
              <Link
                href={tagPath(tag.slug)}
                className="inline-block rounded-full bg-neutral-100 px-3 py-1 text-sm text-neutral-700 hover:bg-neutral-200 hover:underline dark:bg-neutral-800 dark:text-neutral-300 dark:hover:bg-neutral-700"
              >
                #{tag.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

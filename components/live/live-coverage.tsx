import { ArticleBody } from '@/components/article/article-body';
import { ArticleByline } from '@/components/article/article-byline';
import { ArticleTime } from '@/components/article/article-time';
import { VideoPlayers } from '@/components/article/video-players';
import { getMasthead, getView, type Article, type LiveCoverage as Coverage } from '@/lib/content';
import { getLiveUpdateBody } from '@/lib/render';

import { LiveRefresher } from './live-refresher';

export interface LiveCoverageProps {
  article: Article;
  coverage: Coverage;
}

/** 실시간: the updates under the article's lead, pinned first, then newest first, each with its KST time. */
export async function LiveCoverage({ article, coverage }: LiveCoverageProps) {
  const siteUrl = getMasthead(getView()).url;
  const bodies = await Promise.all(
    coverage.updates.map((update) => getLiveUpdateBody(update, siteUrl)),
  );
  return (
    <section
      aria-labelledby="live-heading"
      className="live-coverage mt-10 border-t-2 border-brand-600 pt-6"
    >
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 id="live-heading" className="text-xl font-extrabold">
          실시간
        </h2>
        {coverage.isLive ? (
          <span className="rounded bg-brand-600 px-2 py-0.5 text-xs font-black tracking-wider text-white">
            LIVE
          </span>
        ) : (
          <span className="meta">
            중계를 마쳤습니다
            {coverage.endedAt ? (
              <>
                {' '}
                · <ArticleTime date={coverage.endedAt} />
              </>
            ) : null}
          </span>
        )}
        <span className="meta">업데이트 {coverage.updates.length}건</span>
      </div>
      {coverage.isLive ? <LiveRefresher slug={article.slug} version={coverage.version} /> : null}
      <ol className="live-updates flex flex-col gap-6">
        {coverage.updates.map((update, index) => (
          <li
            key={update.id}
            id={`update-${update.id}`}
            className={`scroll-mt-4 border-l-4 pl-4 ${update.pinned ? 'border-brand-600' : 'border-neutral-200 dark:border-neutral-800'}`}
          >
            <p className="flex flex-wrap gap-x-3 text-sm text-neutral-600 dark:text-neutral-400">
              {update.pinned ? (
                <span className="font-bold text-brand-600 dark:text-brand-50">고정</span>
              ) : null}
              <ArticleTime
                date={update.date}
                className="font-semibold text-neutral-800 dark:text-neutral-200"
              />
              <ArticleByline bylines={update.bylines} />
            </p>
            {update.title ? <h3 className="mt-1 text-lg font-bold">{update.title}</h3> : null}
            <ArticleBody
              html={bodies[index]?.html ?? ''}
              className="article-text prose mt-2 max-w-none leading-8 prose-neutral dark:prose-invert prose-a:text-brand-600 dark:prose-a:text-brand-50"
            />
          </li>
        ))}
      </ol>
      {bodies.some((body) => body.videos) ? <VideoPlayers /> : null}
    </section>
  );
}

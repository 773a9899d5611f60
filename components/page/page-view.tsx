import { ArticleBody } from '@/components/article/article-body';
import { ArticleTime } from '@/components/article/article-time';
import { getMasthead, getView, type Page } from '@/lib/content';
import { getPageBody } from '@/lib/render';

export interface PageViewProps {
  page: Page;
}

/** A page that is not an article (회사 소개, 윤리강령 …): its title, when it changed, its body. */
export async function PageView({ page }: PageViewProps) {
  const body = await getPageBody(page, getMasthead(getView()).url);
  return (
    <article lang={page.lang} dir={page.dir} className="mx-auto max-w-3xl">
      <header className="border-b border-neutral-200 pb-4 dark:border-neutral-800">
        <h1 className="text-3xl leading-tight font-black tracking-tight">{page.title}</h1>
        {page.updated ? (
          <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
            최종 수정 <ArticleTime date={page.updated} format="date" />
          </p>
        ) : null}
      </header>
      <ArticleBody
        html={body.html}
        className="prose mt-6 max-w-none leading-8 prose-neutral dark:prose-invert prose-a:text-brand-600 dark:prose-a:text-brand-50"
      />
    </article>
  );
}

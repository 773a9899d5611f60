import Link from 'next/link';

import { getPages } from '@/lib/content';
import { pagePath } from '@/lib/paths';
import { site } from '@/lib/site';

/** The page footer: the site name, its pages (회사 소개, 윤리강령, 개인정보처리방침 …) and the categories. */
export function SiteFooter() {
  const pages = getPages();
  return (
    <footer className="mt-16 border-t border-neutral-200 dark:border-neutral-800">
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-neutral-600 dark:text-neutral-400">
        {pages.length > 0 ? (
          <nav aria-label="사이트 정보">
            <ul className="flex flex-wrap gap-x-4 gap-y-2 font-semibold text-neutral-800 dark:text-neutral-200">
              {pages.map((page) => (
                <li key={page.slug}>
                  <Link href={pagePath(page.slug)} className="hover:underline">
                    {page.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-between">
          <p>
            <strong className="text-neutral-900 dark:text-neutral-100">{site.name}</strong> ·{' '}
            {site.description}
          </p>
          <p>
            <Link href="/categories" className="underline underline-offset-2">
              전체 분류 보기
            </Link>
          </p>
        </div>
      </div>
    </footer>
  );
}

import Link from 'next/link';

import { site } from '@/lib/site';

/** The page footer: the site name and where to go next. */
export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-neutral-200 dark:border-neutral-800">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-neutral-600 sm:flex-row sm:justify-between dark:text-neutral-400">
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
    </footer>
  );
}

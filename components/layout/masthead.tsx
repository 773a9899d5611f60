import Link from 'next/link';

import { SearchForm } from '@/components/search/search-form';
import { getCategories, getMasthead, getView } from '@/lib/content';
import { CATEGORIES_PATH, categoryPath } from '@/lib/paths';

const NAV_CATEGORIES = 8;

/** The site name and the category navigation. */
export function Masthead() {
  const categories = getCategories(getView()).slice(0, NAV_CATEGORIES);
  const { name, description } = getMasthead(getView());
  return (
    <header className="border-b border-neutral-200 dark:border-neutral-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-end justify-between gap-2 px-4 pt-5 pb-3">
        <Link href="/" className="text-3xl font-black tracking-tight text-ink dark:text-white">
          {name}
        </Link>
        <div className="flex w-full flex-col gap-2 sm:w-auto sm:items-end">
          <p className="meta">{description}</p>
          <SearchForm id="masthead-search" className="w-full sm:w-72" />
        </div>
      </div>
      <nav aria-label="분류" className="border-t border-neutral-200 dark:border-neutral-800">
        <ul className="mx-auto flex max-w-6xl gap-5 overflow-x-auto px-4 py-2.5 text-[0.95rem] font-semibold whitespace-nowrap">
          <li>
            <Link href="/" className="nav-link">
              홈
            </Link>
          </li>
          {categories.map((category) => (
            <li key={category.slug}>
              <Link href={categoryPath(category.slug)} className="nav-link">
                {category.name}
              </Link>
            </li>
          ))}
          <li>
            <Link
              href={CATEGORIES_PATH}
              className="text-neutral-600 hover:text-brand-600 dark:text-neutral-400 dark:hover:text-brand-50"
            >
              전체 분류
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}

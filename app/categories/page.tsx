import type { Metadata } from 'next';
import Link from 'next/link';

import { getCategories, getView } from '@/lib/content';
import { categoryPath } from '@/lib/paths';

export const revalidate = 10;

export const metadata: Metadata = { title: '전체 분류' };

export default function CategoriesPage() {
  const categories = getCategories(getView());
  return (
    <>
      <h1 className="mb-6 text-3xl font-black tracking-tight">전체 분류</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {categories.map((category) => (
          <li key={category.slug}>
            <Link
              href={categoryPath(category.slug)}
              className="flex items-baseline justify-between rounded-md border border-neutral-200 px-4 py-3 font-semibold hover:border-brand-600 dark:border-neutral-800"
            >
              <span>{category.name}</span>
              <span className="text-sm font-normal text-neutral-600 dark:text-neutral-400">
                {category.count}건
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';

import { getReporters, getView } from '@/lib/content';
import { reporterPath } from '@/lib/paths';

export const revalidate = 10;

export const metadata: Metadata = { title: '기자' };

export default function ReportersPage() {
  const reporters = getReporters(getView());
  return (
    <>
      <h1 className="mb-6 text-3xl font-black tracking-tight">기자</h1>
      {reporters.length === 0 ? (
        <p className="text-neutral-700 dark:text-neutral-300">아직 기자 소개가 없습니다.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {reporters.map(({ reporter, count }) => (
            <li key={reporter.id}>
              <Link
                href={reporterPath(reporter.id)}
                className="flex flex-col rounded-md border border-neutral-200 px-4 py-3 hover:border-brand-600 dark:border-neutral-800"
              >
                <span className="font-semibold">
                  {reporter.name} {reporter.role}
                </span>
                <span className="meta">
                  {[reporter.desk, `기사 ${count}건`].filter(Boolean).join(' · ')}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

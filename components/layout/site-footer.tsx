import Link from 'next/link';

import { getMasthead, getPages, getView, type Masthead } from '@/lib/content';
import { CATEGORIES_PATH, pagePath, REPORTERS_PATH } from '@/lib/paths';

/** The legal masthead an internet newspaper shows on every page (신문법 제21조), in its usual order. */
function mastheadFields(masthead: Masthead): [string, string][] {
  const officer = masthead.youthProtectionOfficer;
  const arranger = masthead.arrangementOfficer;
  // Several 편집인 each with their 책임 분야 (`이서연(보도) · 최도윤(논설)`); one name as before.
  const editors =
    masthead.editors.length > 0
      ? masthead.editors.map((e) => (e.area ? `${e.name}(${e.area})` : e.name)).join(' · ')
      : masthead.editor;
  const fields: [string, string | undefined][] = [
    ['제호', masthead.name],
    ['등록번호', masthead.registrationNumber],
    ['등록일', masthead.registrationDate],
    ['발행인', masthead.publisher],
    ['편집인', editors],
    [
      '기사배열책임자',
      arranger ? [arranger.name, arranger.contact].filter(Boolean).join(' ') : undefined,
    ],
    [
      '청소년보호책임자',
      officer ? [officer.name, officer.contact].filter(Boolean).join(' ') : undefined,
    ],
    ['주소', masthead.address],
    ['전화', masthead.phone],
    ['전자우편', masthead.email],
    ['제보', masthead.tips],
  ];
  return fields.filter((field): field is [string, string] => !!field[1]);
}

/** The page footer: the site's pages, its legal masthead, the copyright line and the categories. */
export function SiteFooter() {
  const pages = getPages(getView());
  const masthead = getMasthead(getView());
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
        <dl aria-label="발행 정보" className="flex flex-wrap gap-x-4 gap-y-1">
          {mastheadFields(masthead).map(([label, value]) => (
            <div key={label} className="flex gap-1">
              <dt>{label}</dt>
              <dd className="text-neutral-800 dark:text-neutral-200">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-between">
          <p>{masthead.copyright}</p>
          <p>
            <Link href={CATEGORIES_PATH} className="underline underline-offset-2">
              전체 분류 보기
            </Link>
            {' · '}
            <Link href={REPORTERS_PATH} className="underline underline-offset-2">
              기자 소개
            </Link>
          </p>
        </div>
      </div>
    </footer>
  );
}

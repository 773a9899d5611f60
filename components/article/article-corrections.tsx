import { isLegalCorrection, type Correction } from '@/lib/content';

import { ArticleTime } from './article-time';

export interface ArticleCorrectionsProps {
  corrections: readonly Correction[];
}

const BOX =
  'mt-6 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-[0.95rem] text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50';

/**
 * The corrections to an article, newest first, each with its time in Korea time: each 정정보도,
 * 반론보도 or 추후보도 (언론중재법) in its own box under its heading, "청구 중" while pending; the
 * newsroom's own corrections together under 바로잡습니다.
 */
export function ArticleCorrections({ corrections }: ArticleCorrectionsProps) {
  if (corrections.length === 0) return null;
  const legal = corrections.filter((c) => isLegalCorrection(c.kind));
  const own = corrections.filter((c) => !isLegalCorrection(c.kind));
  return (
    <>
      {legal.map((correction, index) => {
        const id = `correction-heading-${index + 1}`;
        return (
          <aside
            key={`${correction.kind}-${correction.date.getTime()}-${index}`}
            aria-labelledby={id}
            className={BOX}
          >
            <h2 id={id} className="mb-2 font-extrabold">
              {correction.title ?? correction.kind}
            </h2>
            <p>
              <ArticleTime date={correction.date} className="mr-2 font-semibold" />
              {correction.pending ? (
                <strong className="mr-2 rounded-sm border border-current px-1.5">
                  {correction.kind} 청구 중
                </strong>
              ) : null}
              {correction.text}
            </p>
          </aside>
        );
      })}
      {own.length > 0 ? (
        <aside aria-labelledby="corrections-heading" className={BOX}>
          <h2 id="corrections-heading" className="mb-2 font-extrabold">
            바로잡습니다
          </h2>
          <ul className="flex flex-col gap-2">
            {own.map((correction) => (
              <li key={`${correction.date.getTime()}-${correction.text}`}>
                <ArticleTime date={correction.date} className="mr-2 font-semibold" />
                {correction.title ? <strong className="mr-2">{correction.title}</strong> : null}
                {correction.text}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </>
  );
}

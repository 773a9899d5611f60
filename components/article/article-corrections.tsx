import type { Correction } from '@/lib/content';

import { ArticleTime } from './article-time';

export interface ArticleCorrectionsProps {
  corrections: readonly Correction[];
}

/** The corrections to an article (바로잡습니다), newest first, each with its time in Korea time. */
export function ArticleCorrections({ corrections }: ArticleCorrectionsProps) {
  if (corrections.length === 0) return null;
  return (
    <aside
      aria-labelledby="corrections-heading"
      className="mt-6 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-[0.95rem] text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 id="corrections-heading" className="mb-2 font-extrabold">
        바로잡습니다
      </h2>
      <ul className="flex flex-col gap-2">
        {corrections.map((correction) => (
          <li key={`${correction.date.getTime()}-${correction.text}`}>
            <ArticleTime date={correction.date} className="mr-2 font-semibold" />
            {correction.text}
          </li>
        ))}
      </ul>
    </aside>
  );
}

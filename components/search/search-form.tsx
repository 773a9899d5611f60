import { searchPath } from '@/lib/paths';
import { MAX_QUERY_LENGTH } from '@/lib/search/limits';

export interface SearchFormProps {
  id: string;
  defaultValue?: string;
  className?: string;
}

/** A plain GET form to /search: works without JavaScript, and the browser keeps IME input intact. */
export function SearchForm({ id, defaultValue, className = '' }: SearchFormProps) {
  return (
    <form role="search" action={searchPath()} method="get" className={`flex gap-2 ${className}`}>
      <label htmlFor={id} className="sr-only">
        기사 검색
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={MAX_QUERY_LENGTH}
        placeholder="기사 검색"
        className="w-full min-w-0 rounded-md border border-neutral-400 bg-white px-3 py-1.5 text-[0.95rem] text-ink placeholder:text-neutral-600 dark:border-neutral-600 dark:bg-neutral-900 dark:text-neutral-100 dark:placeholder:text-neutral-400"
      />
      <button
        type="submit"
        className="shrink-0 rounded-md bg-ink px-3 py-1.5 text-[0.95rem] font-semibold text-white dark:bg-white dark:text-ink"
      >
        검색
      </button>
    </form>
  );
}

'use client';

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-20 text-center">
      <h1 className="text-3xl font-black tracking-tight">일시적인 오류가 발생했습니다</h1>
      <p className="text-neutral-700 dark:text-neutral-300">잠시 후 다시 시도해 주세요.</p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-ink px-5 py-2.5 font-semibold text-white dark:bg-white dark:text-ink"
      >
        다시 시도
      </button>
    </div>
  );
}

import Link from 'next/link';

import { isReadingContent } from '@/lib/content';
import { HOME_PATH } from '@/lib/paths';

export default function NotFound() {
  // A server's first read of a large archive takes a while: what is not read yet is not missing.
  const reading = isReadingContent();
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-20 text-center">
      <p className="text-sm font-bold text-brand-600 dark:text-brand-50">404</p>
      <h1 className="text-3xl font-black tracking-tight">페이지를 찾을 수 없습니다</h1>
      <p className="text-neutral-700 dark:text-neutral-300">
        {reading
          ? '서버가 기사 파일을 읽는 중이라 아직 찾지 못했습니다. 잠시 뒤 다시 시도해 주세요.'
          : '요청하신 기사나 분류가 없거나, 삭제되었거나, 주소가 바뀌었습니다.'}
      </p>
      <Link
        href={HOME_PATH}
        className="rounded-md bg-ink px-5 py-2.5 font-semibold text-white dark:bg-white dark:text-ink"
      >
        첫 화면으로 가기
      </Link>
    </div>
  );
}

import { getContentDir } from '@/lib/site';

import { checkContent } from './check';
import { formatProblem } from './snapshot';

/**
 * In strict mode (`CONTENT_STRICT=1`) a content error fails the build: the one time the build reads
 * the content folder, once, to check it. Otherwise the build never reads it, and bad files are
 * only reported by the server and left out, so one broken article never takes the site down.
 */
export function assertContentValid(): void {
  if (process.env.CONTENT_STRICT !== '1') return;
  const errors = checkContent(getContentDir()).problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`content/에 오류가 ${errors.length}건 있습니다 (CONTENT_STRICT=1):\n${errors.map(formatProblem).join('\n')}`);
  }
}

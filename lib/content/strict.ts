import { getContentStore } from './process-store';
import { formatProblem } from './snapshot';

/**
 * In strict mode (`CONTENT_STRICT=1`) a content error fails the build; otherwise bad files are
 * only reported and left out, so one broken article never takes the site down.
 */
export function assertContentValid(): void {
  if (process.env.CONTENT_STRICT !== '1') return;
  const errors = getContentStore()
    .getSnapshot()
    .problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`content/에 오류가 ${errors.length}건 있습니다 (CONTENT_STRICT=1):\n${errors.map(formatProblem).join('\n')}`);
  }
}

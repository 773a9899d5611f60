import { getBreakingItems } from '@/lib/breaking';
import { getView } from '@/lib/content';

import { BreakingTicker } from './breaking-ticker';

/** The breaking-news strip above the masthead, rendered on the server with current items. */
export function BreakingBanner() {
  const initial = getBreakingItems(getView()).map(({ title, path, label }) => ({
    title,
    path,
    ...(label ? { label } : {}),
  }));
  return <BreakingTicker initial={initial} />;
}

import type { ViewCount, ViewCounter } from './types';

const HOUR = 3_600_000;
const MAX_SEEN = 100_000;

/**
 * Views in memory, for when the SQLite file cannot be opened: the list keeps working and restarts
 * forget. Bounded: the dedupe marks are cleared when they reach MAX_SEEN.
 */
export function openMemoryCounter(): ViewCounter {
  const hours = new Map<number, Map<string, number>>();
  const seen = new Map<string, number>();
  return {
    kind: 'memory',
    record(slug, visitor, now, dedupeMs) {
      const key = `${visitor}\u0000${slug}`;
      const last = seen.get(key);
      if (last !== undefined && last > now - dedupeMs) return false;
      if (seen.size >= MAX_SEEN) seen.clear();
      seen.set(key, now);
      const hour = Math.floor(now / HOUR);
      const counts = hours.get(hour) ?? new Map<string, number>();
      counts.set(slug, (counts.get(slug) ?? 0) + 1);
      hours.set(hour, counts);
      return true;
    },
    top(since, limit) {
      const totals = new Map<string, number>();
      for (const [hour, counts] of hours) {
        if (hour < Math.floor(since / HOUR)) continue;
        for (const [slug, count] of counts) totals.set(slug, (totals.get(slug) ?? 0) + count);
      }
      return [...totals]
        .map(([slug, views]): ViewCount => ({ slug, views }))
        .sort((a, b) => b.views - a.views || (a.slug < b.slug ? -1 : 1))
        .slice(0, limit);
    },
    prune(before, seenBefore) {
      for (const hour of hours.keys()) if (hour < Math.floor(before / HOUR)) hours.delete(hour);
      for (const [key, at] of seen) if (at < seenBefore) seen.delete(key);
    },
    close() {
      hours.clear();
      seen.clear();
    },
  };
}

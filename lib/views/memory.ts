import type { ViewCount, ViewCounter } from './types';

const HOUR = 3_600_000;
const MAX_SEEN = 100_000;

/**
 * Views in memory, for when the SQLite file cannot be opened: the list keeps working and restarts
 * forget. Bounded: the visitors' marks are cleared when they reach MAX_SEEN.
 */
export function openMemoryCounter(): ViewCounter {
  const hours = new Map<number, Map<string, number>>();
  const seen = new Map<string, { at: number; count: number }>();
  const visitors = new Map<string, { at: number; total: number }>();
  return {
    kind: 'memory',
    record(slug, visitor, now, rules) {
      const key = `${visitor}\u0000${slug}`;
      const mark = seen.get(key);
      if (mark && (mark.at > now - rules.dedupeMs || mark.count >= rules.perArticle)) return false;
      const day = visitors.get(visitor);
      if (day && day.total >= rules.perVisitor) return false;
      if (seen.size >= MAX_SEEN || visitors.size >= MAX_SEEN) {
        seen.clear();
        visitors.clear();
      }
      seen.set(key, { at: now, count: (mark?.count ?? 0) + 1 });
      visitors.set(visitor, { at: now, total: (day?.total ?? 0) + 1 });
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
      for (const [key, mark] of seen) if (mark.at < seenBefore) seen.delete(key);
      for (const [visitor, day] of visitors) if (day.at < seenBefore) visitors.delete(visitor);
    },
    close() {
      hours.clear();
      seen.clear();
      visitors.clear();
    },
  };
}

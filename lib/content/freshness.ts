import type { ContentSnapshot } from './snapshot';

/**
 * How many of the snapshot's boundaries (publish times, breaking ends) are at or before `at`.
 * Between two boundaries nothing a reader sees changes by itself.
 */
export function countPassedBoundaries(boundaries: readonly number[], at: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((boundaries[mid] ?? 0) <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The one freshness rule the page cache asks: the moment before which any rendered page may be
 * out of date. That is the last change to the content, or the last publish time or breaking end
 * that has passed, whichever is later.
 */
export function getStaleBefore(snapshot: ContentSnapshot, changedAt: number, now: number): number {
  const passed = countPassedBoundaries(snapshot.boundaries, now);
  return Math.max(changedAt, passed > 0 ? (snapshot.boundaries[passed - 1] ?? 0) : 0);
}

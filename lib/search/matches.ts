/**
 * What one query term matches, as positions in the published articles (newest first): all of
 * them, and those where it matched the title. Sorted ascending, so newest first.
 */
export interface TermMatches {
  all: Int32Array;
  title: Int32Array;
}

function contains(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid] ?? 0;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid;
  }
  return false;
}

/**
 * The positions every term matches (AND), title matches first, newest first within each: the
 * whole ranking, by set operations on cached term matches instead of scoring every document.
 */
export function rankPositions(
  terms: readonly TermMatches[],
): { position: number; inTitle: boolean }[] {
  if (terms.length === 0) return [];
  const bySize = [...terms].sort((a, b) => a.all.length - b.all.length);
  const [smallest, ...rest] = bySize;
  if (!smallest) return [];
  const inTitle: { position: number; inTitle: boolean }[] = [];
  const elsewhere: { position: number; inTitle: boolean }[] = [];
  for (const position of smallest.all) {
    if (!rest.every((term) => contains(term.all, position))) continue;
    if (terms.some((term) => contains(term.title, position)))
      inTitle.push({ position, inTitle: true });
    else elsewhere.push({ position, inTitle: false });
  }
  return inTitle.concat(elsewhere);
}

/**
 * The page numbers a listing links to: the first, the last, and two either side of the current
 * one, with a gap (undefined) where numbers are left out. A category with 500 pages links to 7,
 * not 500; every page is still reachable, through its neighbours and the sitemap.
 */
export function pageWindow(page: number, pageCount: number, around = 2): (number | undefined)[] {
  const shown: (number | undefined)[] = [];
  for (let n = 1; n <= pageCount; n += 1) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= around) shown.push(n);
    else if (shown[shown.length - 1] !== undefined) shown.push(undefined);
  }
  return shown;
}

/**
 * A slug from a route param: percent-decoded (never throwing on bad escapes), in NFC, and whether
 * the URL already spelled it that way. A Hangul slug has hundreds of spellings (NFC or NFD per
 * syllable); only the NFC one is rendered, the others are redirected to it. No imports, so the
 * content queries can use it without a circle through lib/paths.ts.
 */
export function readSlugParam(param: string): { slug: string; isCanonical: boolean } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(param);
  } catch {
    decoded = param;
  }
  const slug = decoded.normalize('NFC');
  return { slug, isCanonical: slug === decoded };
}

import { slug as githubSlug } from 'github-slugger';

/** A category's URL slug: lower-case, spaces to hyphens, Hangul and other letters kept. */
export function toCategorySlug(name: string): string {
  return githubSlug(name.normalize('NFC'));
}

/** Normalizes a slug from the `slug` field or a file name; undefined when it cannot be a URL segment. */
export function toArticleSlug(raw: string): string | undefined {
  const slug = raw.normalize('NFC').trim().replace(/\s+/g, '-');
  if (!slug || slug === '.' || slug === '..' || /[/\\?#%]/.test(slug)) return undefined;
  return slug;
}

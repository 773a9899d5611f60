import { tokenizeForIndex } from './tokenize';

/** What search reads of an article: its title, the short fields, and the body's plain text. */
export interface SearchFields {
  title: string;
  excerpt?: string;
  featureText?: string;
  categories: readonly string[];
  tags: readonly string[];
  /** The body's plain text (lib/search/text.ts getSearchTexts). */
  body: string;
}

/**
 * An article's index words: the title's, and everything else's (summary, lede, categories and
 * tags, whose compounds are split, then the body's, whose are not).
 */
export function toIndexWords(fields: SearchFields): { titleWords: string[]; textWords: string[] } {
  const short = [fields.excerpt, fields.featureText, ...fields.categories, ...fields.tags]
    .filter(Boolean)
    .join(' ');
  return {
    titleWords: tokenizeForIndex(fields.title, 'title'),
    textWords: tokenizeForIndex(short, 'summary').concat(tokenizeForIndex(fields.body, 'body')),
  };
}

/** The text a hit's snippet is cut from: the excerpt, then the body. */
export function toSnippetText(fields: Pick<SearchFields, 'excerpt' | 'body'>): string {
  return [fields.excerpt, fields.body].filter(Boolean).join(' ');
}

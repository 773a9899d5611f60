import type { Article } from '@/lib/content/types';

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

/** The search fields of an article whose body's plain text is `body`. */
export function toSearchFields(article: Article, body: string): SearchFields {
  return {
    title: article.title,
    excerpt: article.excerpt,
    featureText: article.featureText,
    categories: article.categories.map((c) => c.name),
    tags: article.tags.map((t) => t.name),
    body,
  };
}

/** Private-use character before a title word's second copy in a document; toWords never yields one. */
export const TITLE_MARK = '\ue000';

/**
 * An article's index document (lib/search/disk-index.ts): its distinct words, then its title words
 * behind TITLE_MARK, space-joined. Made where the body's words are taken (on a read thread in bulk),
 * so that the thread writing the index only writes.
 */
export function toDocument(fields: SearchFields): string {
  const { titleWords, textWords } = toIndexWords(fields);
  const title = new Set(titleWords);
  return [...new Set([...titleWords, ...textWords]), ...[...title].map((w) => TITLE_MARK + w)].join(' ');
}

/** A document's distinct words (its title copies left out): for the vocabulary of prefixes. */
export function wordsOf(document: string): string[] {
  return document.split(' ').filter((word) => word.length > 0 && !word.startsWith(TITLE_MARK));
}

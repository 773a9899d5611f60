import { toString as hastToString } from 'hast-util-to-string';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

import type { Article } from '@/lib/content';

const html = unified().use(rehypeParse, { fragment: true });

/**
 * An article body's words, for the search index. Lighter than rendering (no sanitizing, no HTML
 * output): text only goes into the index, never back into a page unescaped.
 */
export function toSearchText(article: Article): string {
  try {
    const text =
      article.format === 'html'
        ? hastToString(html.parse(article.body))
        : mdastToString(fromMarkdown(article.body), { includeHtml: false });
    return text.replace(/\s+/g, ' ').trim();
  } catch {
    return '';
  }
}

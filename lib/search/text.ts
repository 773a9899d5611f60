import { toString as hastToString } from 'hast-util-to-string';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

import type { Article } from '@/lib/content';
import { isQuickToParse } from '@/lib/content/limits';
import type { BodyFormat } from '@/lib/content/types';
import { getRenderPool } from '@/lib/render/render-pool';

const html = unified().use(rehypeParse, { fragment: true });

/**
 * A body's words, for the search index. Lighter than rendering (no sanitizing, no HTML output):
 * text only goes into the index, never back into a page unescaped.
 */
export function toSearchText(body: string, format: BodyFormat): string {
  try {
    const text =
      format === 'html'
        ? hastToString(html.parse(body))
        : mdastToString(fromMarkdown(body), { includeHtml: false });
    return text.replace(/\s+/g, ' ').trim();
  } catch {
    return '';
  }
}

// Parsing a body this small takes a few milliseconds (~100 µs a construct at worst); a bigger or
// denser one (up to the content limits, a second: 16 KB of `_*` took 0.9 s) is parsed in the render
// workers, so indexing never holds the server's event loop.
const INLINE_BYTES = 16 * 1024;
const INLINE_CONSTRUCTS = 300;

/** An article body's words for the search index; empty when the body cannot be parsed in time. */
export async function getSearchText(article: Article): Promise<string> {
  if (article.body.length <= INLINE_BYTES && isQuickToParse(article.body, INLINE_CONSTRUCTS))
    return toSearchText(article.body, article.format);
  return getRenderPool()
    .text(article.body, article.format, article.source.path)
    .catch(() => '');
}

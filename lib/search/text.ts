import MarkdownIt from 'markdown-it';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

import type { Article } from '@/lib/content';
import { isQuickToParse } from '@/lib/content/limits';
import type { BodyFormat } from '@/lib/content/types';
import { getRenderPool } from '@/lib/render/render-pool';
import { articleSchema } from '@/lib/render/schema';

import { toDocument, toSearchFields, type SearchFields } from './article-words';

type HtmlNode = DefaultTreeAdapterMap['node'];

/**
 * Elements a browser lays out on lines of their own (the HTML standard's rendering section: block,
 * list-item, table parts, and `br`): their text is kept apart from what is around them, as a
 * reader sees it, so that `<h2>배경</h2><p>학교폭력</p>` is two words and not one.
 */
const HTML_BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** A stack entry that stands for the end of a block: a line break. */
const BLOCK_END = Symbol('block end');

/**
 * Elements the page's sanitizer removes with their contents (lib/render/schema.ts): their text is
 * on no page, so it is no word and no snippet (a `<noscript>` or `<textarea>` of hidden words would
 * have made an article found, and shown, for what it does not say).
 */
const HTML_UNSEEN = new Set(articleSchema.strip ?? []);

/**
 * The text of an HTML fragment: its text nodes in document order (not comments, not a template's
 * contents, not scripts' or styles'), as hast-util-to-string gives them, with a line break around
 * each block. parse5 itself, without the hast tree and its source positions that rehype builds: a
 * fourth of the time (0.12 ms against 0.42 for a 4.5 KB body). Walked with a stack, not recursion,
 * so tags nested absurdly deep cannot run it out of stack.
 */
function htmlText(body: string): string {
  const parts: string[] = [];
  // As rehype-parse: with scripting off a <noscript>'s markup is elements, not raw text.
  const stack: (HtmlNode | typeof BLOCK_END)[] = [parseFragment(body, { scriptingEnabled: false })];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === BLOCK_END) parts.push('\n');
    else if (node.nodeName === '#text') parts.push((node as DefaultTreeAdapterMap['textNode']).value);
    else if ('childNodes' in node && !HTML_UNSEEN.has(node.nodeName)) {
      if (HTML_BLOCKS.has(node.nodeName)) {
        parts.push('\n');
        stack.push(BLOCK_END);
      }
      for (let i = node.childNodes.length - 1; i >= 0; i -= 1) stack.push(node.childNodes[i]!);
    }
  }
  return parts.join('');
}

/**
 * Markdown as the renderer reads it: CommonMark with GFM's tables and strikethrough, and raw HTML
 * (pasted blocks, `<br>`) kept, as the page keeps it. markdown-it makes HTML of it and parse5 reads
 * that as an HTML body: ~0.13 ms for a 4.5 KB body, against ~0.6 for mdast-util-from-markdown.
 * What it renders goes nowhere but into htmlText.
 */
const markdown = new MarkdownIt('default', { html: true, linkify: false });
const MAX_NESTING = markdown.options.maxNesting ?? 100;

/**
 * The text of a Markdown body, as the page shows it. Nested as deep as markdown-it goes (lists or
 * quotes 100 levels in), it skips the rest of the body: the words are then the source's own, read
 * as HTML (Markdown's marks are no letters, so no words), rather than the rest lost.
 */
function markdownText(body: string): string {
  const tokens = markdown.parse(body, {});
  // Read as HTML: its tags, comments and what the page drops are no words (the attack review hid
  // words in a comment below a list 100 levels deep).
  if (tokens.some((token) => token.level >= MAX_NESTING - 1)) return htmlText(body);
  return htmlText(markdown.renderer.render(tokens, markdown.options, {}));
}

/**
 * A body's words, for the search index: the text a reader of its page sees. Lighter than rendering
 * the page (no sanitizing): text only goes into the index, never back into a page unescaped.
 */
export function toSearchText(body: string, format: BodyFormat): string {
  try {
    const text = format === 'html' ? htmlText(body) : markdownText(body);
    return text.replace(/\s+/g, ' ').trim();
  } catch {
    return '';
  }
}

// Parsing a body this small takes milliseconds (tens at worst: 16 KB of `[` took ~50 ms); a bigger
// or denser one (up to the content limits: seconds) is parsed in the render workers, so indexing
// never holds the server's event loop.
const INLINE_BYTES = 16 * 1024;
const INLINE_CONSTRUCTS = 300;

/** Whether a body's words are taken where it is (a read thread, or here), not in the render workers. */
export const hasLightBody = (article: Pick<Article, 'body'>) =>
  article.body.length <= INLINE_BYTES && isQuickToParse(article.body, INLINE_CONSTRUCTS);

/** A heavy body's words, from the render workers (with their time budgets); empty past them. */
const heavyText = (article: Article) =>
  getRenderPool()
    .text(article.body, article.format, article.source.path)
    .catch(() => '');

/** A body to take the words of. */
export interface BodyToRead {
  source: string;
  format: BodyFormat;
  /** The article's other search fields: given, its index document is made too. */
  fields?: Omit<SearchFields, 'body'>;
}

/** What a body's words are: its plain text, and its index document when it was made too. */
export interface BodyWords {
  text: string;
  /** article-words toDocument of the article's fields with this text. */
  document?: string;
}

/** A body's words as a read thread takes them. */
export function toBodyWords(body: BodyToRead): BodyWords {
  const text = toSearchText(body.source, body.format);
  return body.fields ? { text, document: toDocument({ ...body.fields, body: text }) } : { text };
}

/** Threads that take light bodies' words (lib/workers/read-pool.ts), each body's in order. */
export interface TextThreads {
  texts(bodies: readonly BodyToRead[]): Promise<BodyWords[]>;
}

/**
 * Articles' body words for the search index, in order (empty for a body that cannot be parsed in
 * time): the light bodies on `threads` all at once (every core; on this thread without them, or
 * if they fail), with their index documents, so that the index's writer only writes; the heavy
 * ones one at a time in the render workers, which readers' pages share.
 */
export async function getSearchTexts(articles: readonly Article[], threads?: TextThreads): Promise<BodyWords[]> {
  const light = articles.filter(hasLightBody);
  const lightWords = threads
    ? await threads
        .texts(light.map((a) => ({ source: a.body, format: a.format, fields: toSearchFields(a, '') })))
        .catch(() => undefined)
    : undefined;
  const byArticle = new Map<Article, BodyWords>();
  for (const [i, article] of light.entries()) {
    byArticle.set(article, lightWords?.[i] ?? { text: toSearchText(article.body, article.format) });
  }
  const words: BodyWords[] = [];
  for (const article of articles) words.push(byArticle.get(article) ?? { text: await heavyText(article) });
  return words;
}

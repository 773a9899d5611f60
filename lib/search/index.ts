import MiniSearch from 'minisearch';

import { getArticles, getContentVersion, sourceKey, type Article } from '@/lib/content';

import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, MIN_PREFIX_LENGTH, RESULTS_PER_PAGE } from './limits';
import { toSearchText } from './text';
import { tokenizeForIndex, tokenizeQuery, toWords } from './tokenize';

/**
 * Two fields, not five: ranking only asks whether the title matched (then newer first), so every
 * other field is one `text` field, and a common word costs one posting list per field, not four.
 */
interface SearchDocument {
  id: string;
  title: string;
  /** Summary, categories and tags, then TEXT_BODY_MARK, then the body's words. */
  text: string;
}

interface IndexState {
  index: MiniSearch<SearchDocument>;
  /** Article slug → the file identity it was indexed from, to update only what changed. */
  indexed: Map<string, string>;
  /** Body text by slug, for snippets. */
  texts: Map<string, string>;
  /** Published articles by slug, as of `version`. */
  articles: Map<string, Article>;
  version: string;
  building?: Promise<void>;
}

export { MAX_QUERY_LENGTH, RESULTS_PER_PAGE } from './limits';
const CHUNK = 200;
/** Separates the short fields of `text` (whose compounds are split) from the body (whose are not). */
const TEXT_BODY_MARK = '\u0001';

const STATE_KEY = Symbol.for('hangul-news.search-index');
type GlobalWithIndex = typeof globalThis & { [STATE_KEY]?: IndexState };

function tokenizeDocument(text: string, field?: string): string[] {
  if (field !== 'text') return tokenizeForIndex(text, field);
  const mark = text.indexOf(TEXT_BODY_MARK);
  if (mark < 0) return tokenizeForIndex(text, 'summary');
  return tokenizeForIndex(text.slice(0, mark), 'summary').concat(
    tokenizeForIndex(text.slice(mark + 1), 'body'),
  );
}

function createIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>({
    fields: ['title', 'text'],
    tokenize: tokenizeDocument,
    processTerm: (term) => term,
    searchOptions: {
      tokenize: tokenizeQuery,
      processTerm: (term) => term,
      prefix: true,
      combineWith: 'AND',
    },
  });
}

function toDocument(article: Article, body: string): SearchDocument {
  const short = [
    article.excerpt,
    article.featureText,
    ...article.categories.map((c) => c.name),
    ...article.tags,
  ].filter(Boolean);
  return {
    id: article.slug,
    title: article.title,
    text: `${short.join(' ')}${TEXT_BODY_MARK}${body}`,
  };
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings the index up to date with the published articles: adds new and changed ones, removes
 * those gone or unpublished. Only published articles are ever indexed. Work is done in chunks
 * that yield, so building for a large archive never stalls requests.
 */
async function update(
  state: IndexState,
  version: string,
  articles: readonly Article[],
): Promise<void> {
  const current = new Map(articles.map((a) => [a.slug, a]));
  for (const [slug, key] of state.indexed) {
    const article = current.get(slug);
    if (!article || sourceKey(article) !== key) {
      state.index.discard(slug);
      state.indexed.delete(slug);
      state.texts.delete(slug);
    }
  }
  const pending = articles.filter((a) => !state.indexed.has(a.slug));
  for (let start = 0; start < pending.length; start += CHUNK) {
    for (const article of pending.slice(start, start + CHUNK)) {
      const body = toSearchText(article);
      state.index.add(toDocument(article, body));
      state.indexed.set(article.slug, sourceKey(article));
      state.texts.set(article.slug, body);
    }
    if (start + CHUNK < pending.length) await yieldToRequests();
  }
  state.articles = current;
  state.version = version;
}

/** The search index for the current content, built once and then updated as files change. */
async function getIndex(now: Date = new Date()): Promise<IndexState> {
  const holder = globalThis as GlobalWithIndex;
  let state = holder[STATE_KEY];
  if (!state) {
    state = {
      index: createIndex(),
      indexed: new Map(),
      texts: new Map(),
      articles: new Map(),
      version: '',
    };
    holder[STATE_KEY] = state;
  }
  while (state.version !== getContentVersion(now)) {
    const ready = state;
    state.building ??= update(state, getContentVersion(now), getArticles(now)).finally(() => {
      ready.building = undefined;
    });
    await state.building;
  }
  return state;
}

/** Starts building the index in the background (at server start), so the first search is fast. */
export function warmSearchIndex(): void {
  void getIndex().catch((error: unknown) => console.error('[search] index build failed', error));
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  article: Article;
  snippet: SnippetPart[];
}

export interface SearchResults {
  query: string;
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
}

/** Cuts `text` around the first query word and marks every query word in the cut. */
export function toSnippet(text: string, words: readonly string[], radius = 70): SnippetPart[] {
  const lower = text.toLowerCase();
  const found = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  const first = found.length > 0 ? Math.min(...found) : 0;
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius * 2);
  const cut = text.slice(start, end);
  const cutLower = cut.toLowerCase();
  const parts: SnippetPart[] = [];
  let at = 0;
  while (at < cut.length) {
    let next = -1;
    let length = 0;
    for (const word of words) {
      const i = cutLower.indexOf(word, at);
      if (i >= 0 && (next < 0 || i < next)) {
        next = i;
        length = word.length;
      }
    }
    if (next < 0 || length === 0) {
      parts.push({ text: cut.slice(at), match: false });
      break;
    }
    if (next > at) parts.push({ text: cut.slice(at, next), match: false });
    parts.push({ text: cut.slice(next, next + length), match: true });
    at = next + length;
  }
  if (start > 0) parts.unshift({ text: '…', match: false });
  if (end < text.length) parts.push({ text: '…', match: false });
  return parts;
}

interface Ranked {
  article: Article;
  inTitle: boolean;
}

/**
 * A query reduced to what it can ask: its distinct terms, at most MAX_QUERY_TERMS of them. Fifty
 * copies of one syllable ask what one does, and cost what one does.
 */
export function toQueryTerms(query: string): string[] {
  return [...new Set(tokenizeQuery(query).filter((w) => w.length > 0))].slice(0, MAX_QUERY_TERMS);
}

/**
 * Ranked matches by query for one version of the published set: during a spike the same few
 * queries are asked again and again. Any content change or publish time passing is a new version.
 */
let rankedCache: { version: string; byQuery: Map<string, Ranked[]> } = {
  version: '',
  byQuery: new Map(),
};
const RANKED_CACHE_SIZE = 500;

function rankedMatches(state: IndexState, terms: readonly string[]): Ranked[] {
  if (rankedCache.version !== state.version)
    rankedCache = { version: state.version, byQuery: new Map() };
  const { byQuery } = rankedCache;
  const key = terms.join(' ');
  const hit = byQuery.get(key);
  if (hit) return hit;
  const ranked = state.index
    .search(key, {
      tokenize: (text) => text.split(' '),
      // A one-syllable prefix would expand to most of the vocabulary: such terms match whole words.
      prefix: (term) => term.length >= MIN_PREFIX_LENGTH,
    })
    .map((result) => ({
      article: state.articles.get(String(result.id)),
      inTitle: Object.values(result.match).some((fields) => fields.includes('title')),
    }))
    .filter((r): r is Ranked => !!r.article)
    .sort(
      (a, b) =>
        Number(b.inTitle) - Number(a.inTitle) ||
        b.article.published.getTime() - a.article.published.getTime(),
    );
  if (byQuery.size >= RANKED_CACHE_SIZE) {
    const oldest = byQuery.keys().next().value;
    if (oldest !== undefined) byQuery.delete(oldest);
  }
  byQuery.set(key, ranked);
  return ranked;
}

/**
 * Searches published articles. Articles whose title matches rank above those that match only
 * elsewhere; within each group, newer first.
 */
export async function search(
  rawQuery: string,
  page = 1,
  now: Date = new Date(),
): Promise<SearchResults> {
  const query = rawQuery.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
  const words = toQueryTerms(query);
  if (words.length === 0) return { query, hits: [], total: 0, page: 1, pageCount: 0 };

  const state = await getIndex(now);
  const ranked = rankedMatches(state, words);

  const pageCount = Math.ceil(ranked.length / RESULTS_PER_PAGE);
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), Math.max(1, pageCount));
  const highlight = toWords(query)
    .slice(0, MAX_QUERY_TERMS * 2)
    .concat(words);
  const hits = ranked
    .slice((current - 1) * RESULTS_PER_PAGE, current * RESULTS_PER_PAGE)
    .map(({ article }) => ({
      article,
      snippet: toSnippet(
        [article.excerpt, state.texts.get(article.slug)].filter(Boolean).join(' '),
        [...new Set(highlight)].sort((a, b) => b.length - a.length),
      ),
    }));
  return { query, hits, total: ranked.length, page: current, pageCount };
}

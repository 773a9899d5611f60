import {
  eachArticle,
  getContentVersion,
  getView,
  sourceKey,
  type Article,
  type ContentView,
} from '@/lib/content';

import { toIndexWords, toSnippetText, type SearchFields } from './article-words';
import { IN_TITLE, SearchEngine } from './engine';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, MIN_PREFIX_LENGTH, RESULTS_PER_PAGE } from './limits';
import { rankPositions, type TermMatches } from './matches';
import { getSearchText } from './text';
import { toSnippet, type SnippetPart } from './snippet';
import { VersionedCache } from './versioned-cache';

export { toSnippet, type SnippetPart } from './snippet';
import { toQueryTerms, toWords } from './tokenize';

export { toQueryTerms } from './tokenize';

interface IndexState {
  index: SearchEngine;
  /** Article slug → the file identity it was indexed from, to update only what changed. */
  indexed: Map<string, string>;
  /** Body text by slug, for snippets. */
  texts: Map<string, string>;
  /** Published articles, newest first, as of `version`; term matches are positions in it. */
  order: readonly Article[];
  position: Map<string, number>;
  version: string;
  building?: Promise<void>;
}

export { MAX_QUERY_LENGTH, RESULTS_PER_PAGE } from './limits';
/**
 * Indexing runs in slices of this many milliseconds between requests. Slices of 200 articles
 * took ~170 ms each at 10,000 articles and, for the first minute after a start under load, held
 * every request waiting that long once a second (the serving benchmark's p99).
 */
const SLICE_MS = 10;

const STATE_KEY = Symbol.for('hangul-news.search-index');
type GlobalWithIndex = typeof globalThis & { [STATE_KEY]?: IndexState };

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

function indexArticle(engine: SearchEngine, article: Article, body: string): void {
  const { titleWords, textWords } = toIndexWords(toSearchFields(article, body));
  engine.add(article.slug, titleWords, textWords);
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings the index up to date with the published articles: adds new and changed ones, removes
 * those gone or unpublished. Only published articles are ever indexed. Work is done in slices
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
  let sliceStart = performance.now();
  for (const article of pending) {
    const body = await getSearchText(article);
    indexArticle(state.index, article, body);
    state.indexed.set(article.slug, sourceKey(article));
    state.texts.set(article.slug, body);
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToRequests();
      sliceStart = performance.now();
    }
  }
  state.order = articles;
  state.position = new Map(articles.map((a, i) => [a.slug, i]));
  state.version = version;
}

/** The search index for the current content, built once and then updated as files change. */
async function getIndex(view: ContentView): Promise<IndexState> {
  const holder = globalThis as GlobalWithIndex;
  let state = holder[STATE_KEY];
  if (!state) {
    state = {
      index: new SearchEngine(),
      indexed: new Map(),
      texts: new Map(),
      order: [],
      position: new Map(),
      version: '',
    };
    holder[STATE_KEY] = state;
  }
  while (state.version !== getContentVersion(view)) {
    const ready = state;
    state.building ??= update(state, getContentVersion(view), [...eachArticle(view)]).finally(
      () => {
        ready.building = undefined;
      },
    );
    await state.building;
  }
  return state;
}

/** Starts building the index in the background (at server start), so the first search is fast. */
export function warmSearchIndex(): void {
  void getIndex(getView()).catch((error: unknown) =>
    console.error('[search] index build failed', error),
  );
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

interface Ranked {
  article: Article;
  inTitle: boolean;
}

/**
 * Each term's matches for one version of the published set. Queries combine cached terms with
 * set operations, so however the words of a query are varied, each distinct word is looked up in
 * the index once per content version; a query of common words costs milliseconds, not a scoring
 * pass over every article. Any content change or publish time passing is a new version.
 */
const termCache = new VersionedCache<TermMatches>(2000);

function matchTerm(state: IndexState, term: string): TermMatches {
  return termCache.get(state.version, term, () => {
    const all: number[] = [];
    const title: number[] = [];
    // A one-syllable prefix would expand to most of the vocabulary: such terms match whole words.
    for (const [slug, where] of state.index.match(term, term.length >= MIN_PREFIX_LENGTH)) {
      const position = state.position.get(slug);
      if (position === undefined) continue;
      all.push(position);
      if (where & IN_TITLE) title.push(position);
    }
    return { all: Int32Array.from(all).sort(), title: Int32Array.from(title).sort() };
  });
}

/** Whole rankings of recent queries, for a spike of readers asking the same thing. */
const rankedCache = new VersionedCache<Ranked[]>(200);

function rankedMatches(state: IndexState, terms: readonly string[]): Ranked[] {
  return rankedCache.get(state.version, terms.join(' '), () => rankTerms(state, terms));
}

function rankTerms(state: IndexState, terms: readonly string[]): Ranked[] {
  return rankPositions(terms.map((term) => matchTerm(state, term))).flatMap(
    ({ position, inTitle }) => {
      const article = state.order[position];
      return article ? [{ article, inTitle }] : [];
    },
  );
}

/**
 * Searches published articles. Articles whose title matches rank above those that match only
 * elsewhere; within each group, newer first.
 */
export async function search(
  view: ContentView,
  rawQuery: string,
  page = 1,
): Promise<SearchResults> {
  const query = rawQuery.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
  const words = toQueryTerms(query);
  if (words.length === 0) return { query, hits: [], total: 0, page: 1, pageCount: 0 };

  const state = await getIndex(view);
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
        toSnippetText({ excerpt: article.excerpt, body: state.texts.get(article.slug) ?? '' }),
        [...new Set(highlight)].sort((a, b) => b.length - a.length),
      ),
    }));
  return { query, hits, total: ranked.length, page: current, pageCount };
}

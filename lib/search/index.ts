import { countArticles, getArticle, getView, indexKey, isReadingContent, whenContentRead, type Article, type ContentView } from '@/lib/content';
import { getReadThreads, getSearchIndexFile } from '@/lib/content/process-store';
import { ThreadsUnavailable } from '@/lib/workers/thread-queue';
import { createSearchWriter, type SearchWriter } from '@/lib/workers/search-writer';

import {
  isCorruptIndex,
  openSearchIndex,
  toIndexedArticle,
  type IndexedArticle,
  type SearchIndex,
} from './disk-index';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from './limits';
import { toSnippet, type SnippetPart } from './snippet';
import { getSearchTexts } from './text';
import { toQueryTerms, toWords } from './tokenize';

export { toSnippet, type SnippetPart } from './snippet';
export { toQueryTerms } from './tokenize';

/**
 * Articles put into the index in one transaction while it catches up: ~0.7 ms each, so a batch
 * holds the event loop for tens of milliseconds at most.
 */
const BATCH = 100;
/**
 * Articles the writer thread puts in one transaction. FTS5 writes a segment of postings at each
 * commit and merges them as they pile up: at 40,000 articles, transactions of 1,000 cost ~25% less
 * an article than of 100. The event loop does not wait for them.
 */
const WRITER_BATCH = 1000;
/**
 * Articles to write before the writer thread is worth its start (~0.5 s, as the read threads'
 * LOADER_FROM_FILES): a small site's first build, or a few hundred changed articles, are written
 * here in batches of BATCH (tens of milliseconds each).
 */
const WRITER_FROM = 1000;
/** Writes of articles as the content is read that may wait for the writer thread (indexAsRead). */
const AS_READ_WRITES = 2;
/** Published articles' stamps read at once when the index goes over every article. */
const STAMP_WINDOW = 5000;
/** Articles the catch-up looks up at once, in the content and in the index (~5 ms of the event loop). */
const LOOK_BATCH = 500;
/** Changed slugs followed one by one; more than this and the index goes over every article. */
const FOLLOW_LIMIT = 20_000;
/**
 * How long a search waits for the index to catch up before it answers from the index as it is:
 * after a restart it is current in milliseconds; a first start builds it for minutes, and readers
 * meanwhile get what is indexed so far rather than a page that does not come.
 */
const CATCH_UP_MS = 1500;
/**
 * The same for an index that has never caught up with this content (a first start): a little
 * longer, so that a small site's first build (milliseconds, once the read threads have started)
 * is whole at its first search; a large archive's takes minutes, and readers get what is indexed
 * so far after this long rather than 20 s, as the attack review found they did.
 */
const FIRST_BUILD_MS = 3000;
/** Far enough ahead that every scheduled article is listed for indexing (found at its time). */
const EVERY_TIME = 8.64e15;

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

interface IndexState {
  index: SearchIndex;
  file: string;
  /** The thread a bulk catch-up writes through (a built server's index file). */
  writer?: SearchWriter;
  /** The writer thread could not start: this process writes on its own thread. */
  writerFailed?: boolean;
  /** The reader version being caught up with, and the work doing it. */
  building?: { target: string; done: Promise<void> };
  /** A first build waiting for the content's first read to end. */
  afterRead?: Promise<void>;
}

const STATE_KEY = Symbol.for('hangul-news.search-index');
type GlobalWithIndex = typeof globalThis & { [STATE_KEY]?: IndexState };

export { MAX_QUERY_LENGTH, RESULTS_PER_PAGE } from './limits';

export { toSearchFields } from './article-words';

/** What the index must say it is brought up to for `view`: its content store and that store's version. */
const targetOf = (view: ContentView) => `${view.reader.instance}#${view.reader.version}`;

/**
 * Where a catch-up's writes go. All of one catch-up's go the same way, in order; the index is read
 * meanwhile (isCurrent, searches) on this thread's connection.
 */
interface IndexWrites {
  /** Articles written at once: one transaction (and FTS5 segment) each. */
  batch: number;
  putMany(articles: IndexedArticle[]): Promise<void>;
  remove(slugs: string[]): Promise<void>;
  setVersion(version: string): Promise<void>;
}

/** Writes on this thread: a few changed articles (milliseconds), or where no writer thread runs. */
const writeHere = (index: SearchIndex): IndexWrites => ({
  batch: BATCH,
  putMany: async (articles) => index.putMany(articles),
  remove: async (slugs) => {
    for (const slug of slugs) index.remove(slug);
  },
  setVersion: async (version) => index.setVersion(version),
});

/**
 * Writes through the writer thread: a first build's or a large change's (0.7 ms an article held
 * the event loop for over a minute at 100,000). A writer that cannot start is set aside with one
 * log line, and the writes are made here.
 */
function writeThrough(state: IndexState, writer: SearchWriter): IndexWrites {
  const here = writeHere(state.index);
  const orHere =
    <A extends unknown[]>(threaded: (...args: A) => Promise<void>, local: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      if (state.writer !== writer) return local(...args);
      try {
        await threaded(...args);
      } catch (error) {
        if (!(error instanceof ThreadsUnavailable)) throw error;
        if (state.writer === writer) {
          state.writer = undefined;
          state.writerFailed = true;
          console.error(`[search] 검색 색인 쓰기 스레드를 쓸 수 없어 이 스레드에서 씁니다: ${error.message}`);
        }
        await local(...args);
      }
    };
  return {
    // Back to small transactions should the thread be set aside: they are written here then.
    get batch() {
      return state.writer === writer ? WRITER_BATCH : BATCH;
    },
    putMany: orHere(writer.putMany, here.putMany),
    remove: orHere(writer.remove, here.remove),
    setVersion: orHere(writer.setVersion, here.setVersion),
  };
}

/**
 * Puts what changed; an article gone or now a draft is removed. Bodies' words are read a batch at
 * a time (on the read threads for a full batch: a first start reads 100,000 of them) and written
 * in `writes.batch`es, each write while the next is read. Requests run between batches.
 */
async function putChanged(
  index: SearchIndex,
  writes: IndexWrites,
  articles: Iterable<Article | string> | AsyncIterable<Article | string>,
): Promise<void> {
  let batch: Article[] = [];
  let gone: string[] = [];
  let toWrite: IndexedArticle[] = [];
  /** The last batch's words being read, then queued; the write in progress. */
  let reading: Promise<void> = Promise.resolve();
  let written: Promise<void> = Promise.resolve();
  // Each is awaited later; marked handled now, so that a failure in between is not "unhandled".
  const handled = (promise: Promise<void>) => (promise.catch(() => {}), promise);
  const enqueue = async (write: () => Promise<void>) => {
    await written;
    written = handled(write());
  };
  const writeOut = async () => {
    if (toWrite.length === 0) return;
    const chunk = toWrite;
    toWrite = [];
    await enqueue(() => writes.putMany(chunk));
  };
  const flush = async () => {
    const ready = batch;
    const removed = gone;
    batch = [];
    gone = [];
    // A full batch is bulk work (a first build, a large change): worth the read threads' start.
    // A few changed articles, or a small site, are read here.
    const texts = ready.length > 0 ? getSearchTexts(ready, ready.length >= BATCH ? getReadThreads() : undefined) : undefined;
    await reading;
    reading = handled(
      (async () => {
        // Removals and puts keep their order: what was queued before a removal is written first.
        if (removed.length > 0) {
          await writeOut();
          await enqueue(() => writes.remove(removed));
        }
        const bodies = await texts;
        if (bodies) toWrite.push(...ready.map((article, i) => toIndexedArticle(article, bodies[i] ?? { text: '' })));
        if (toWrite.length >= writes.batch) await writeOut();
        await yieldToRequests();
      })(),
    );
  };
  let seen = 0;
  for await (const item of articles) {
    // Reading what is already indexed holds the event loop too (~0.3 ms an article): not for long.
    if ((seen += 1) % BATCH === 0) await yieldToRequests();
    if (typeof item === 'string') {
      if (batch.length > 0) await flush();
      gone.push(item);
      if (gone.length >= BATCH) await flush();
    } else if (!index.isCurrent(item.slug, indexKey(item)) || item.draft) {
      if (gone.length > 0) await flush();
      batch.push(item);
      if (batch.length >= BATCH) await flush();
    }
  }
  if (batch.length > 0 || gone.length > 0) await flush();
  await reading;
  await writeOut();
  await written;
}

/** The slugs the content store says changed since the index's version, resolved to what they are now. */
function* followChanges(view: ContentView, slugs: readonly string[]): Generator<Article | string> {
  for (const slug of slugs) {
    const article = view.reader.article(slug, view.now.getTime());
    yield article && !article.draft ? article : slug;
  }
}

/**
 * Every article there is, as the content gives each slug now: the published ones, then the
 * scheduled ones (found at their time); then every indexed slug that is gone. Listed at `now`, not
 * at some far time, so that a scheduled file sharing a published article's slug never hides it.
 */
async function* everything(
  view: ContentView,
  index: SearchIndex,
): AsyncGenerator<Article | string> {
  const now = view.now.getTime();
  // Nothing indexed before this walk can be gone: every slug it indexes, the content had.
  const wasEmpty = index.size() === 0;
  // The published ones by their stamps, a window at a time (one walk of the list index to each
  // window's start, not an OFFSET query per batch of articles: that grew with the square of the
  // archive), each article read by its slug.
  for (let offset = 0; ; offset += STAMP_WINDOW) {
    const stamps = view.reader.stamps(now, STAMP_WINDOW, offset);
    // Newest first, as the list gives them: the index's putMany writes each batch's words in row-id
    // order itself, whatever order they come in (20,000 articles in batches of 1,000, oldest or
    // newest first: 356 / 352 µs an article).
    const slugs = stamps.map((stamp) => stamp.slug);
    for (let start = 0; start < slugs.length; start += LOOK_BATCH) {
      // Indexed from the same file under the same names already (a first start's articles are, as
      // the content is read): not read back. Each side is asked a batch at a time.
      const batch = slugs.slice(start, start + LOOK_BATCH);
      const keys = view.reader.indexKeys(batch, now);
      const held = index.sourceKeysOf(batch);
      for (const [i, slug] of batch.entries()) {
        const key = keys[i];
        if (key === undefined || held.get(slug) === key) continue;
        const article = view.reader.article(slug, now);
        if (article && !article.draft) yield article;
      }
      await yieldToRequests();
    }
    if (stamps.length < STAMP_WINDOW) break;
  }
  for (let offset = 0; ; offset += BATCH) {
    const found = view.reader.list({ since: now + 1 }, EVERY_TIME, BATCH, offset);
    for (const article of found) {
      // The slug's owner now: a lone scheduled file is; one sharing a published article's slug is not.
      if (view.reader.article(article.slug, now)?.source.path === article.source.path)
        yield article;
    }
    if (found.length < BATCH) break;
    await yieldToRequests();
  }
  if (wasEmpty) return;
  // Every indexed slug looked up (its file, not the article), a batch at a time, with requests
  // run between batches: it yields only the gone ones (a first build's 100,000 held the event loop
  // for 10 s when it looked without a break).
  for (const slugs of index.slugPages(LOOK_BATCH)) {
    const keys = view.reader.indexKeys(slugs, now);
    for (const [i, slug] of slugs.entries()) if (keys[i] === undefined) yield slug;
    await yieldToRequests();
  }
}

/**
 * Writes a first start's articles as the content read gives them (the read threads take each
 * light body's words and index document with the file), so that the writer thread works while
 * the content is read and the catch-up after it reads back only what this did not write. Nothing
 * here is trusted: the catch-up compares every article's indexKey (its file, its terms' names as
 * the site gives them) with the index's and
 * removes what the content no longer has. At most AS_READ_WRITES batches wait for the writer;
 * what comes meanwhile is left to the catch-up, so memory stays flat if the writer falls behind.
 * Returns what ends it, once the read is over; undefined where no writer thread runs.
 */
function indexAsRead(state: IndexState): (() => Promise<void>) | undefined {
  const threads = getReadThreads();
  if (!threads || state.file === ':memory:') return undefined;
  let pending: IndexedArticle[] = [];
  const writing = new Set<Promise<void>>();
  const counts = { written: 0, left: 0 };
  const writeOut = () => {
    // In the order read: putMany writes the words in row-id order.
    const chunk = pending;
    pending = [];
    // The writer starts with the first write: a small site's read hands on nothing (it is read here).
    const writer = chunk.length > 0 && writing.size < AS_READ_WRITES ? writerOf(state) : undefined;
    if (!writer) {
      counts.left += chunk.length;
      return;
    }
    counts.written += chunk.length;
    const write: Promise<void> = writer
      .putMany(chunk)
      // A write that failed is the catch-up's to do again (a writer that cannot run is set aside there).
      .catch(() => {})
      .finally(() => writing.delete(write));
    writing.add(write);
  };
  threads.onArticlesRead((read) => {
    for (const { article, words } of read) pending.push(toIndexedArticle(article, words));
    if (pending.length >= WRITER_BATCH) writeOut();
  });
  return async () => {
    threads.onArticlesRead(undefined);
    writeOut();
    await Promise.all(writing);
    if (counts.written + counts.left > 0) {
      console.log(`[search] 콘텐츠를 읽으며 기사 ${counts.written}건을 검색 색인에 썼습니다 (${counts.left}건은 이어서 씁니다)`);
    }
  };
}

/**
 * Brings the index up to `view`'s content: the slugs the store logged since the index's version
 * when it can say them, else every article (a first start, or an index of another store).
 */
async function catchUp(state: IndexState, view: ContentView, target: string): Promise<void> {
  const stored = state.index.getVersion();
  const [instance, counter] = stored?.split('#') ?? [];
  const slugs =
    instance === view.reader.instance && counter !== undefined
      ? view.reader.changedSlugs(Number(counter), FOLLOW_LIMIT)
      : undefined;
  // The writer thread for bulk work only: starting it costs more than writing a small site here.
  const size = slugs ? slugs.length : countArticles(view);
  const writer = size >= WRITER_FROM ? writerOf(state) : undefined;
  const writes = writer ? writeThrough(state, writer) : writeHere(state.index);
  // One stream of changes, so that the next batch is read while this one is written.
  await putChanged(state.index, writes, slugs ? followChanges(view, slugs) : everything(view, state.index));
  await writes.setVersion(target);
}

/**
 * The writer thread of a built server's index file, started at the first bulk catch-up. Tests and
 * tools (no read threads) and an index in memory (a thread cannot share it) write here.
 */
function writerOf(state: IndexState): SearchWriter | undefined {
  if (state.file === ':memory:' || !getReadThreads()) return undefined;
  if (state.writer === undefined && !state.writerFailed) state.writer = createSearchWriter(state.file);
  return state.writer;
}

function getState(): IndexState {
  const holder = globalThis as GlobalWithIndex;
  const file = getSearchIndexFile();
  let state = holder[STATE_KEY];
  if (!state || state.file !== file) {
    state?.index.close();
    void state?.writer?.close();
    state = { index: openSearchIndex(file), file };
    holder[STATE_KEY] = state;
  }
  return state;
}

/**
 * The index brought up to `view`'s content, or as far as it got within `waitMs`. One catch-up runs
 * at a time; a newer version starts when it ends.
 */
async function getIndex(view: ContentView, waitMs = CATCH_UP_MS): Promise<SearchIndex> {
  const state = getState();
  const target = targetOf(view);
  if (state.index.getVersion() === target) return state.index;
  const firstBuild = !state.index.getVersion()?.startsWith(`${view.reader.instance}#`);
  // Until what was read has been written too: a catch-up started in between would read it back.
  if (firstBuild && !state.building && (state.afterRead || isReadingContent())) {
    // A first start's articles are written as the content is read (indexAsRead); the catch-up
    // starts once it is read. Searches meanwhile answer from what is written, saying it is partial.
    state.afterRead ??= (async () => {
      const finish = indexAsRead(state);
      try {
        await whenContentRead();
      } finally {
        await finish?.();
      }
    })().then(() => {
      state.afterRead = undefined;
      warmSearchIndex();
    });
    return state.index;
  }
  if (!state.building) {
    const building = {
      target,
      done: catchUp(state, view, target)
        .catch((error: unknown) => {
          console.error('[search] 검색 색인을 갱신하지 못했습니다:', error);
          // A damaged file was removed: open a fresh one on the next search.
          if (isCorruptIndex(error) || (error instanceof Error && isCorruptIndex(error.cause))) {
            void state.writer?.close();
            delete (globalThis as GlobalWithIndex)[STATE_KEY];
          }
        })
        .finally(() => {
          if (state.building === building) state.building = undefined;
        }),
    };
    state.building = building;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    state.building.done,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, firstBuild && waitMs > 0 ? FIRST_BUILD_MS : waitMs);
    }),
  ]);
  clearTimeout(timer);
  return getState().index;
}

/** Whether the search index holds everything `view`'s content does; if not, it starts catching up. */
export function isSearchCaughtUp(view: ContentView): boolean {
  if (getState().index.getVersion() === targetOf(view)) return true;
  void getIndex(view, 0).catch(() => {});
  return false;
}

/** Starts building the index in the background (at server start), so the first search is fast. */
export function warmSearchIndex(): void {
  void getIndex(getView(), 0).catch((error: unknown) =>
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
  /** Matches, counted up to MAX_COUNTED; `more` when there are more than that. */
  total: number;
  more: boolean;
  /** The index is still catching up with the content: some articles may be missing. */
  partial: boolean;
  /** Matches on this page the content does not publish now (not listed yet, or just taken down). */
  withheld: number;
  page: number;
  pageCount: number;
}

/**
 * Searches published articles. Articles whose title matches rank above those that match only
 * elsewhere; within each group, newer first. Counting stops at MAX_COUNTED (`more`).
 */
export async function search(
  view: ContentView,
  rawQuery: string,
  page = 1,
): Promise<SearchResults> {
  const query = rawQuery.normalize('NFC').trim().slice(0, MAX_QUERY_LENGTH);
  const words = toQueryTerms(query);
  if (words.length === 0) {
    return { query, hits: [], total: 0, more: false, partial: false, withheld: 0, page: 1, pageCount: 0 };
  }

  const index = await getIndex(view);
  const found = index.search(words, view.now, page);
  // Still catching up (a first start, a large change): said, not passed off as all there is.
  const partial = index.getVersion() !== targetOf(view);
  const highlight = [
    ...new Set(
      toWords(query)
        .slice(0, MAX_QUERY_TERMS * 2)
        .concat(words),
    ),
  ].sort((a, b) => b.length - a.length);
  const hits = found.hits.flatMap((hit) => {
    // What the index found is shown only if the content still publishes it now.
    const article = getArticle(view, hit.slug);
    return article ? [{ article, snippet: toSnippet(hit.snippetText, highlight) }] : [];
  });
  return {
    query,
    hits,
    total: found.total,
    more: found.more,
    partial,
    withheld: found.hits.length - hits.length,
    page: found.page,
    pageCount: found.pageCount,
  };
}

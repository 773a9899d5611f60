import os from 'node:os';
import { Worker } from 'node:worker_threads';

import { loadFile, type FileLoader, type FileToLoad } from '@/lib/content/load-file';
import type { LoadResult } from '@/lib/content/schema';
import type { Article } from '@/lib/content/types';
import { processWide } from '@/lib/process-wide';
import type { BodyToRead, BodyWords, TextThreads } from '@/lib/search/text';

import { RUNS_FROM_SOURCE, sourceWorker } from './source-worker';
import { createThreadQueue, ThreadsUnavailable } from './thread-queue';

export type { FileToLoad };

type ReadTask =
  /** `words`: each light article's body words too (ReadPool.onArticlesRead), null for the rest. */
  | { op: 'load'; files: FileToLoad[]; now: number; maxFileBytes: number; words?: boolean }
  | { op: 'text'; bodies: BodyToRead[] };
export type ReadJob = ReadTask & { id: number };
export type ReadReply =
  | { id: number; ok: true; results?: LoadResult[]; texts?: BodyWords[]; words?: (BodyWords | null)[] }
  | { id: number; ok: false; message: string };

/** An article a load read, with its body's words and index document, as a read thread took them. */
export interface ArticleRead {
  article: Article;
  words: BodyWords;
}

/** Work sent to a thread at once: enough to keep it busy between messages, little enough to spread. */
const FILES_PER_JOB = 25;
/**
 * Files larger than this are loaded on the caller's thread (as without a pool), and a job holds at
 * most this many bytes of files: Node 20 cannot always contain a thread that reaches its heap
 * limit through one large string (nodejs/node#47224) — a 300 MB article under a CONTENT_MAX_BYTES
 * set that high aborted the whole server, at every start. Articles are a few KB.
 */
export const MAX_THREAD_FILE_BYTES = 4 * 1024 * 1024;
/**
 * A thread with nothing to do this long is stopped (a thread holds ~20 MiB): a server reads in
 * bulk at its first start and after large changes, then only a file now and then.
 */
const IDLE_MS = 30_000;
// Files are loaded within the content limits (lib/content/limits.ts), as on the main thread; the
// heap limit stops anything that slips past them in this thread, not the server's.
const WORKER_HEAP_MB = 512;

/**
 * Threads that read content for the indexes: a first start parses an archive's files and takes
 * its bodies' words on every core instead of one. Only bodies within the inline limits are sent
 * for words (lib/search/text.ts); heavier ones go to the render pool, which has time budgets.
 */
export interface ReadPool extends FileLoader, TextThreads {
  /**
   * While a listener is set, loads also take each article's body words (a draft's or a heavy
   * body's not) and hand them to it as each job comes back: a first start's search index is written
   * from the content read, not from a second reading of every article. One listener at a time.
   */
  onArticlesRead(listener: ((read: ArticleRead[]) => void) | undefined): void;
  close(): Promise<void>;
}

function spawnWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  return RUNS_FROM_SOURCE
    ? sourceWorker(import.meta.resolve('./read-worker.ts'), { resourceLimits })
    : new Worker(new URL('./read-worker.ts', import.meta.url), { resourceLimits });
}

export interface ReadPoolOptions {
  /** Threads; one a core by default. */
  size?: number;
  /** How long a thread may idle before it is stopped (IDLE_MS). */
  idleMs?: number;
  spawn?: () => Worker;
}

export function createReadPool(options: ReadPoolOptions = {}): ReadPool {
  const size = options.size ?? Math.max(1, os.availableParallelism());
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`읽기 작업 스레드 설정이 잘못되었습니다: size는 1 이상의 정수여야 합니다 (${size})`);
  }
  const threads = createThreadQueue<ReadTask, ReadReply>({
    name: '읽기 작업 스레드',
    size,
    spawn: options.spawn ?? spawnWorker,
    idleMs: options.idleMs ?? IDLE_MS,
  });

  let articlesRead: ((read: ArticleRead[]) => void) | undefined;

  /** Hands the articles of one job that came with words to the listener (one that throws loses them). */
  function handOn(results: readonly LoadResult[], words: readonly (BodyWords | null)[] | undefined): void {
    const listener = articlesRead;
    if (!listener || !words) return;
    const read: ArticleRead[] = [];
    words.forEach((bodyWords, i) => {
      const result = results[i];
      if (bodyWords && result?.ok && 'article' in result) read.push({ article: result.article, words: bodyWords });
    });
    try {
      if (read.length > 0) listener(read);
    } catch (error) {
      console.error('[content] 읽은 기사를 검색 색인에 넘기지 못했습니다:', error);
    }
  }

  return {
    onArticlesRead(listener) {
      articlesRead = listener;
    },
    load: async (files, now, maxFileBytes) => {
      const load = async (part: FileToLoad[]): Promise<LoadResult[]> => {
        const reply = await threads.run({ op: 'load', files: part, now, maxFileBytes, words: articlesRead !== undefined });
        const results = reply.results ?? [];
        handOn(results, reply.words);
        return results;
      };
      // A thread that failed on a job (out of memory on some file): each of its files is tried
      // alone, and the one that fails alone gets the error, not its neighbours.
      const alone = (file: FileToLoad) =>
        load([file]).then(
          (results) => results[0] ?? failed(file, '결과가 없습니다'),
          (error: Error) => (error instanceof ThreadsUnavailable ? Promise.reject(error) : failed(file, error.message)),
        );
      const onThread = (part: FileToLoad[]) =>
        load(part).catch((error: Error) => (error instanceof ThreadsUnavailable ? Promise.reject(error) : Promise.all(part.map(alone))));
      const jobs: Promise<LoadResult[]>[] = [];
      let part: FileToLoad[] = [];
      let bytes = 0;
      const send = () => {
        if (part.length > 0) jobs.push(onThread(part));
        part = [];
        bytes = 0;
      };
      for (const file of files) {
        if (file.size > MAX_THREAD_FILE_BYTES) {
          // Here, in its place among the rest: loadFile refuses what is over the content limit unread.
          send();
          jobs.push(Promise.resolve().then(() => [loadFile(file.entry, file, new Date(now), { maxFileBytes })]));
          continue;
        }
        if (part.length >= FILES_PER_JOB || bytes + file.size > MAX_THREAD_FILE_BYTES) send();
        part.push(file);
        bytes += file.size;
      }
      send();
      return (await Promise.all(jobs)).flat();
    },
    // Bodies here are light (lib/search/text.ts sends no other): jobs of FILES_PER_JOB, every thread at once.
    texts: async (bodies) => {
      const jobs: Promise<BodyWords[]>[] = [];
      for (let i = 0; i < bodies.length; i += FILES_PER_JOB) {
        jobs.push(threads.run({ op: 'text', bodies: bodies.slice(i, i + FILES_PER_JOB) }).then((reply) => reply.texts ?? []));
      }
      return (await Promise.all(jobs)).flat();
    },
    close: () => threads.close(),
  };
}

/** A file whose reading stopped its thread: an error naming it, as any unreadable file gets. */
function failed(file: FileToLoad, reason: string): LoadResult {
  return { ok: false, problems: [{ file: file.entry.path, severity: 'error', message: `파일을 읽다가 작업이 멈췄습니다: ${reason}` }] };
}

/** The server's read pool, started on first use: one for the process (the content store and the search index share it). */
export function getReadPool(): ReadPool {
  return processWide('hangul-news.read-pool', createReadPool);
}

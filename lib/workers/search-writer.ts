import { Worker } from 'node:worker_threads';

import Database from 'better-sqlite3';

import type { IndexedArticle } from '@/lib/search/disk-index';

import { RUNS_FROM_SOURCE, sourceWorker } from './source-worker';
import { createThreadQueue } from './thread-queue';

type WriterTask =
  | { op: 'put'; articles: IndexedArticle[] }
  | { op: 'remove'; slugs: string[] }
  | { op: 'version'; version: string };
export type WriterJob = WriterTask & { id: number; file: string };
export type WriterReply = { id: number; ok: true } | { id: number; ok: false; message: string; code?: string };

/** The thread stops after this long with nothing to write (it holds ~30 MiB with its page cache). */
const IDLE_MS = 30_000;
const WORKER_HEAP_MB = 512;

/**
 * Writes to one search index file from a thread of its own, in the order asked: a first start's
 * 100,000 articles cost ~0.7 ms each to turn into postings, which held the server's event loop
 * (and its one core) for over a minute. The caller reads the same file on its own connection
 * (SQLite in WAL mode: readers see each batch once it is committed) and writes nothing itself
 * while the writer is in use, so no connection waits for another's lock. A thread that cannot
 * start fails what waits with ThreadsUnavailable (lib/workers/thread-queue.ts).
 */
export interface SearchWriter {
  putMany(articles: IndexedArticle[]): Promise<void>;
  remove(slugs: string[]): Promise<void>;
  setVersion(version: string): Promise<void>;
  close(): Promise<void>;
}

function spawnWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  return RUNS_FROM_SOURCE
    ? sourceWorker(import.meta.resolve('./search-writer-worker.ts'), { resourceLimits })
    : new Worker(new URL('./search-writer-worker.ts', import.meta.url), { resourceLimits });
}

export interface SearchWriterOptions {
  idleMs?: number;
  spawn?: () => Worker;
}

/** The error a failed write reports: a SQLite code comes back as a SqliteError cause (isCorruptIndex). */
function toError(reply: WriterReply & { ok: false }): Error {
  return reply.code === undefined
    ? new Error(reply.message)
    : new Error(reply.message, { cause: new Database.SqliteError(reply.message, reply.code) });
}

export function createSearchWriter(file: string, options: SearchWriterOptions = {}): SearchWriter {
  // One thread: SQLite takes one writer at a time.
  const thread = createThreadQueue<WriterTask & { file: string }, WriterReply>({
    name: '검색 색인 쓰기 스레드',
    size: 1,
    spawn: options.spawn ?? spawnWorker,
    idleMs: options.idleMs ?? IDLE_MS,
    toError,
  });
  const run = async (task: WriterTask) => {
    await thread.run({ ...task, file });
  };
  return {
    putMany: (articles) => run({ op: 'put', articles }),
    remove: (slugs) => run({ op: 'remove', slugs }),
    setVersion: (version) => run({ op: 'version', version }),
    close: () => thread.close(),
  };
}

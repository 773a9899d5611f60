import { Worker } from 'node:worker_threads';

import Database from 'better-sqlite3';

import type { IndexedArticle } from '@/lib/search/disk-index';

import { ReadPoolUnavailable } from './read-pool';
import { RUNS_FROM_SOURCE, sourceWorker } from './source-worker';

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
 * while the writer is in use, so no connection waits for another's lock.
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

interface Pending {
  job: WriterJob;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The error a failed write reports: a SQLite code comes back as a SqliteError cause (isCorruptIndex). */
function toError(reply: WriterReply & { ok: false }): Error {
  return reply.code === undefined
    ? new Error(reply.message)
    : new Error(reply.message, { cause: new Database.SqliteError(reply.message, reply.code) });
}

export function createSearchWriter(file: string, options: SearchWriterOptions = {}): SearchWriter {
  const spawn = options.spawn ?? spawnWorker;
  const idleMs = options.idleMs ?? IDLE_MS;
  const queue: Pending[] = [];
  let worker: Worker | undefined;
  let busy: Pending | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 0;
  let closed = false;

  /**
   * A thread that stops fails its job (the catch-up then fails and the next one starts over, with
   * a new thread); one that never started fails everything waiting with ReadPoolUnavailable, and
   * the caller writes on its own thread.
   */
  function retire(stopped: Worker, reason: string, started: boolean): void {
    if (worker !== stopped) return;
    clearTimeout(idle);
    worker = undefined;
    const failed = busy;
    busy = undefined;
    void stopped.terminate();
    if (started) {
      failed?.reject(new Error(reason));
    } else {
      const error = new ReadPoolUnavailable(reason);
      failed?.reject(error);
      for (const waiting of queue.splice(0)) waiting.reject(error);
    }
    dispatch();
  }

  function start(): Worker {
    const started = spawn();
    let ready = false;
    started.unref();
    started.on('message', (reply: WriterReply | 'ready') => {
      if (reply === 'ready') {
        ready = true;
        return;
      }
      const pending = busy;
      if (!pending || pending.job.id !== reply.id) return;
      busy = undefined;
      if (reply.ok) pending.resolve();
      else pending.reject(toError(reply));
      dispatch();
    });
    started.on('error', (error) => retire(started, error.message, ready));
    started.on('exit', (code) => retire(started, `검색 색인 쓰기 스레드가 멈췄습니다 (종료 코드 ${code})`, ready));
    worker = started;
    return started;
  }

  function dispatch(): void {
    if (busy) return;
    const next = queue.shift();
    if (!next) {
      stopWhenIdle();
      return;
    }
    clearTimeout(idle);
    busy = next;
    (worker ?? start()).postMessage(next.job);
  }

  function stopWhenIdle(): void {
    const current = worker;
    if (!current) return;
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (worker !== current || busy) return;
      worker = undefined;
      void current.terminate();
    }, idleMs);
    idle.unref();
  }

  function run(task: WriterTask): Promise<void> {
    if (closed) return Promise.reject(new ReadPoolUnavailable('검색 색인 쓰기 스레드를 닫았습니다'));
    return new Promise((resolve, reject) => {
      queue.push({ job: { ...task, id: (nextId += 1), file }, resolve, reject });
      dispatch();
    });
  }

  return {
    putMany: (articles) => run({ op: 'put', articles }),
    remove: (slugs) => run({ op: 'remove', slugs }),
    setVersion: (version) => run({ op: 'version', version }),
    close: async () => {
      closed = true;
      clearTimeout(idle);
      const error = new ReadPoolUnavailable('검색 색인 쓰기 스레드를 닫았습니다');
      const failed = busy;
      busy = undefined;
      failed?.reject(error);
      for (const waiting of queue.splice(0)) waiting.reject(error);
      const current = worker;
      worker = undefined;
      await current?.terminate();
    },
  };
}

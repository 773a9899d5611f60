// The thread that writes the search index in bulk (lib/workers/search-writer.ts sends it batches):
// turning articles into index words and FTS5's postings happens here, on another core, while the
// server's event loop answers readers and reads the next batch.
import { parentPort } from 'node:worker_threads';

import Database from 'better-sqlite3';

import { openSearchIndex, type SearchIndex } from '@/lib/search/disk-index';

import { runInBackground } from './background';
import type { WriterJob, WriterReply } from './search-writer';

runInBackground();

let open: SearchIndex | undefined;
let openFile: string | undefined;

function indexOf(file: string): SearchIndex {
  if (open && openFile === file) return open;
  open?.close();
  open = openSearchIndex(file);
  openFile = file;
  return open;
}

/** The SQLite code an error carries, here or as its cause (a damaged file: the caller rebuilds it). */
function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Database.SqliteError) return error.code;
  if (error instanceof Error && error.cause instanceof Database.SqliteError) return error.cause.code;
  return undefined;
}

function run(job: WriterJob): WriterReply {
  try {
    const index = indexOf(job.file);
    if (job.op === 'put') index.putMany(job.articles);
    else if (job.op === 'remove') for (const slug of job.slugs) index.remove(slug);
    else index.setVersion(job.version);
    return { id: job.id, ok: true };
  } catch (error) {
    // The index closed and removed a damaged file: open it afresh for the next job.
    if (sqliteCode(error) !== undefined) open = undefined;
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error), code: sqliteCode(error) };
  }
}

parentPort?.on('message', (job: WriterJob) => parentPort?.postMessage(run(job)));
parentPort?.postMessage('ready');

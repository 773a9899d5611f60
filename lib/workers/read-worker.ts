// A thread that reads content for the server's indexes (lib/workers/read-pool.ts sends it batches):
// parsing files and taking bodies' words (their index documents too) happen here, on the machine's other cores, while the
// server's event loop answers readers and writes the indexes.
import { parentPort } from 'node:worker_threads';

import { loadFile } from '@/lib/content/load-file';
import type { LoadResult } from '@/lib/content/schema';
import { toSearchFields } from '@/lib/search/article-words';
import { hasLightBody, toBodyWords, type BodyWords } from '@/lib/search/text';

import { runInBackground } from './background';
import type { ReadJob, ReadReply } from './read-pool';

runInBackground();

/**
 * A light article's body words and index document, as it is read. Drafts are never indexed; heavy
 * bodies go to the render pool; a scheduled one is left to the catch-up, which knows which file owns
 * its slug (one sharing a published article's slug would replace that article in the index).
 */
function wordsOf(result: LoadResult, now: number): BodyWords | null {
  if (!result.ok || !('article' in result)) return null;
  const { article } = result;
  if (article.draft || !(article.published.getTime() <= now) || !hasLightBody(article)) return null;
  try {
    return toBodyWords({ source: article.body, format: article.format, fields: toSearchFields(article, '') });
  } catch {
    // The search index's catch-up takes it again; the file itself was read all the same.
    return null;
  }
}

function run(job: ReadJob): ReadReply {
  try {
    if (job.op === 'load') {
      const now = new Date(job.now);
      const options = { maxFileBytes: job.maxFileBytes };
      const results = job.files.map((file) => loadFile(file.entry, file, now, options));
      return { id: job.id, ok: true, results, words: job.words ? results.map((result) => wordsOf(result, job.now)) : undefined };
    }
    return { id: job.id, ok: true, texts: job.bodies.map(toBodyWords) };
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: ReadJob) => parentPort?.postMessage(run(job)));
parentPort?.postMessage('ready');

// A thread that reads content for the server's indexes (lib/workers/read-pool.ts sends it batches):
// parsing files and taking bodies' words (their index documents too) happen here, on the machine's other cores, while the
// server's event loop answers readers and writes the indexes.
import { parentPort } from 'node:worker_threads';

import { loadFile } from '@/lib/content/load-file';
import { toBodyWords } from '@/lib/search/text';

import type { ReadJob, ReadReply } from './read-pool';

function run(job: ReadJob): ReadReply {
  try {
    if (job.op === 'load') {
      const now = new Date(job.now);
      const options = { maxFileBytes: job.maxFileBytes };
      return { id: job.id, ok: true, results: job.files.map((file) => loadFile(file.entry, file, now, options)) };
    }
    return { id: job.id, ok: true, texts: job.bodies.map(toBodyWords) };
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (job: ReadJob) => parentPort?.postMessage(run(job)));
parentPort?.postMessage('ready');

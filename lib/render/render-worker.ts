// The thread that renders content (lib/render/render-pool.ts sends it one job at a time), so a
// body that takes seconds to parse holds this thread, never the server's event loop.
import { parentPort } from 'node:worker_threads';

import { toSearchText } from '@/lib/search/text';

import { findBodyImages } from './alt-text';
import { renderBody } from './pipeline';
import type { RenderJob, RenderReply } from './render-pool';

async function run(job: RenderJob): Promise<RenderReply> {
  try {
    if (job.op === 'text')
      return { id: job.id, ok: true, text: toSearchText(job.source, job.format) };
    if (job.op === 'lint') {
      const images = await findBodyImages(job.source, job.format);
      await renderBody(job.source, job.format, job.options);
      return { id: job.id, ok: true, images };
    }
    return { id: job.id, ok: true, body: await renderBody(job.source, job.format, job.options) };
  } catch (error) {
    // A RangeError is the parser's recursion running out of stack: tags nested absurdly deep.
    const message =
      error instanceof RangeError
        ? '태그가 너무 깊게 겹쳐 있습니다'
        : error instanceof Error
          ? error.message
          : String(error);
    return { id: job.id, ok: false, message };
  }
}

parentPort?.on('message', (job: RenderJob) => {
  void run(job).then((reply) => parentPort?.postMessage(reply));
});
parentPort?.postMessage('ready');

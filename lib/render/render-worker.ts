// The thread that renders content (lib/render/render-pool.ts sends it one job at a time), so a
// body that takes seconds to parse holds this thread, never the server's event loop.
import { parentPort } from 'node:worker_threads';

import { getRenderCostProblem, RENDER_LIMITS } from '@/lib/content/limits';
import { toSearchText } from '@/lib/search/text';

import { findBodyImages } from './alt-text';
import { renderBody, type RenderedBody } from './pipeline';
import type { RenderJob, RenderReply } from './render-pool';

/** Renders within the limits: the full cost check first (the main thread runs only its linear
 * part on long texts), and no result larger than the page can carry cheaply. */
async function render(job: RenderJob): Promise<RenderedBody> {
  const problem = getRenderCostProblem(job.source, job.format, 'render');
  if (problem) throw new Error(problem);
  const body = await renderBody(job.source, job.format, job.options);
  if (body.html.length > RENDER_LIMITS.renderedChars) {
    throw new Error(
      `렌더링한 본문이 너무 큽니다 (${body.html.length.toLocaleString('en-US')}자, 한도 ${RENDER_LIMITS.renderedChars.toLocaleString('en-US')}자)`,
    );
  }
  return body;
}

async function run(job: RenderJob): Promise<RenderReply> {
  try {
    if (job.op === 'text') {
      const problem = getRenderCostProblem(job.source, job.format, 'render');
      if (problem) throw new Error(problem);
      return { id: job.id, ok: true, text: toSearchText(job.source, job.format) };
    }
    if (job.op === 'lint') {
      const images = await findBodyImages(job.source, job.format);
      await render(job);
      return { id: job.id, ok: true, images };
    }
    return { id: job.id, ok: true, body: await render(job) };
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

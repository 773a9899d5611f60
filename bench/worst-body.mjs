// How long the worst Markdown body the content limits accept takes to render (lib/content/limits.ts):
//   npx tsx bench/worst-body.mjs
import { RENDER_LIMITS, getRenderCostProblem } from '../lib/content/limits.ts';
import { renderBody } from '../lib/render/pipeline.ts';

const paragraphs = RENDER_LIMITS.delimiters / RENDER_LIMITS.delimitersPerParagraph;
const worst = Array.from({ length: paragraphs }, () =>
  '_*'.repeat(RENDER_LIMITS.delimitersPerParagraph / 2),
).join('\n\n');
if (getRenderCostProblem(worst, 'markdown'))
  throw new Error('the limits refuse the body meant to be the worst accepted one');
for (let run = 0; run < 3; run += 1) {
  const started = performance.now();
  await renderBody(worst, 'markdown');
  console.log(
    JSON.stringify({ run, bytes: worst.length, ms: Math.round(performance.now() - started) }),
  );
}

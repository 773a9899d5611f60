// How long the worst texts the content limits accept take to render (lib/content/limits.ts), one
// shape per construct, each at its budget. CPU time of this process (the machine may be shared):
//   npx tsx bench/worst-body.mjs [shape …]
import { RENDER_LIMITS as L, getRenderCostProblem } from '../lib/content/limits.ts';
import { renderBody } from '../lib/render/pipeline.ts';

const paragraphs = (unit, perParagraph, total) =>
  Array.from({ length: Math.floor(total / perParagraph) }, () => unit.repeat(perParagraph)).join(
    '\n\n',
  );
const under = L.constructs - 10;
const SHAPES = {
  emphasis: [paragraphs('_*', L.delimitersPerParagraph / 2, under / 2), 'markdown'],
  strikethrough: [paragraphs('~a', L.delimitersPerParagraph, under), 'markdown'],
  backticks: [paragraphs('`a', L.backticksPerParagraph, under), 'markdown'],
  comments: [paragraphs('a <!--', L.anglesPerParagraph, under), 'markdown'],
  references: ['&amp;'.repeat(under), 'markdown'],
  paragraphs: ['a\n\n'.repeat(under), 'markdown'],
  links: ['[a](b) '.repeat(under / 2), 'markdown'],
  table: [`|a|b|\n|-|-|\n${'|a|b|\n'.repeat(under / 4)}`, 'markdown'],
  htmlTags: ['<p>a'.repeat(L.tags - 10), 'html'],
  htmlOpenFormatting: [
    `${Array.from({ length: L.openFormatting }, (_, i) => `<b class="c${i}">`).join('')}${'<p>x'.repeat(L.tags - 30)}`,
    'html',
  ],
};
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const only = process.argv.slice(2);
await renderBody('준비 *됨*', 'markdown');
for (const [shape, [text, format]] of Object.entries(SHAPES)) {
  if (only.length > 0 && !only.includes(shape)) continue;
  const problem = getRenderCostProblem(text, format, 'render');
  if (problem)
    throw new Error(`the limits refuse the ${shape} text meant to be accepted: ${problem}`);
  const started = cpu();
  const wall = performance.now();
  const { html } = await renderBody(text, format);
  console.log(
    JSON.stringify({
      shape,
      bytes: text.length,
      cpuMs: Math.round(cpu() - started),
      wallMs: Math.round(performance.now() - wall),
      htmlChars: html.length,
    }),
  );
}

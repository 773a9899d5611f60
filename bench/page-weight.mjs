// Page weight as a reader's browser sees it: HTML and client JavaScript, gzip-compressed.
//   node bench/page-weight.mjs http://127.0.0.1:3000 / /articles/some-slug
import { gzipSync } from 'node:zlib';

const [base = 'http://127.0.0.1:3000', ...paths] = process.argv.slice(2);
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

for (const path of paths.length > 0 ? paths : ['/']) {
  const response = await fetch(new URL(path, base));
  const html = Buffer.from(await response.arrayBuffer());
  const scripts = [...html.toString('utf8').matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map(
    (m) => m[1],
  );
  let js = 0;
  for (const src of new Set(scripts)) {
    js += gz(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()));
  }
  console.log(
    JSON.stringify({
      path,
      status: response.status,
      htmlGzipKB: +(gz(html) / 1024).toFixed(1),
      jsFiles: new Set(scripts).size,
      jsGzipKB: +(js / 1024).toFixed(1),
    }),
  );
}

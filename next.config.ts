import path from 'node:path';

import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // `node .next/standalone/server.js` runs on any Node host; `next start` keeps working too.
  output: 'standalone',
  poweredByHeader: false,
  // Rendered pages are cached until the content changes (see the handler for how it knows).
  cacheHandler: path.resolve(import.meta.dirname, 'lib/cache/content-cache-handler.mjs'),
  // Articles are read at run time from CONTENT_DIR (default content/); never copy them into traces.
  outputFileTracingExcludes: { '*': ['content/**', '.e2e/**', 'bench/**', 'e2e/**'] },
  // The Korean font that social images and the logo are drawn with, read from disk at run time.
  outputFileTracingIncludes: {
    '/og/[slug]': ['./node_modules/pretendard/dist/public/static/Pretendard-Bold.otf'],
    '/logo.png': ['./node_modules/pretendard/dist/public/static/Pretendard-Bold.otf'],
  },
};

export default nextConfig;

import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // `node .next/standalone/server.js` runs on any Node host; `next start` keeps working too.
  output: 'standalone',
  poweredByHeader: false,
  // Articles are read at run time from CONTENT_DIR (default content/); never copy them into traces.
  outputFileTracingExcludes: { '*': ['content/**', '.e2e/**', 'bench/**', 'e2e/**'] },
};

export default nextConfig;

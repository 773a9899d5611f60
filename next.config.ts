import path from 'node:path';

import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';

import { buildStamps } from './lib/code-stamp';
import { PLAYER_ORIGINS } from './lib/video';

/**
 * As strict as a statically cached Next.js app allows. `script-src 'unsafe-inline'` is the one
 * allowance: prerendered and cached pages carry Next's inline bootstrap scripts, and nonces would
 * force every page to render per request. Content cannot use it: bodies are sanitized (no script
 * elements, no event handlers, no javascript: URLs) before they reach a page. No 'unsafe-eval'.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  // Tailwind ships a stylesheet; React writes style attributes (next/font, image frames).
  "style-src 'self' 'unsafe-inline'",
  // Article images may come from any https host the editor links, as the seed's banner does.
  "img-src 'self' https: data: blob:",
  // Video players, and only after a reader clicks play (lib/video.ts builds every frame's address).
  `frame-src ${PLAYER_ORIGINS.join(' ')}`,
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "manifest-src 'self'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value:
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()',
  },
];

const nextConfig: NextConfig = {
  // `node .next/standalone/server.js` runs on any Node host; `next start` keeps working too.
  output: 'standalone',
  poweredByHeader: false,
  // The site uses no next/image: the optimizer would only resize any local image at any width
  // for whoever asks. Off, /_next/image answers nothing.
  images: { unoptimized: true },
  // Rendered pages are cached until the content changes (see the handler for how it knows).
  cacheHandler: path.resolve(import.meta.dirname, 'lib/cache/content-cache-handler.mjs'),
  // With REDIS_URL the pages are shared between instances (lib/cache/shared-cache.mjs): no copy
  // in this process's memory may outlive what Redis and the content version say.
  cacheMaxMemorySize: process.env.REDIS_URL ? 0 : undefined,
  serverExternalPackages: ['ioredis', 'sharp'],
  // Pages say `s-maxage=<revalidate>, stale-while-revalidate=<expireTime - revalidate>`: a CDN
  // may hold a page 10 s and serve it stale for 50 s more while it fetches a fresh copy.
  expireTime: 60,
  // Articles are read at run time from CONTENT_DIR (default content/); never copy them into traces.
  outputFileTracingExcludes: { '*': ['content/**', '.e2e/**', 'bench/**', 'e2e/**'] },
  // The Korean font that social images and the logo are drawn with, read from disk at run time.
  outputFileTracingIncludes: {
    '/og/[slug]': ['./node_modules/pretendard/dist/public/static/Pretendard-Bold.otf'],
    '/logo.png': ['./node_modules/pretendard/dist/public/static/Pretendard-Bold.otf'],
  },
  // IndexNow's key file, `/<key>.txt`, for whatever key the server is started with; a name that
  // cannot be a key (robots.txt, ads.txt: shorter than 8) never gets here.
  async rewrites() {
    return [{ source: '/:key([a-zA-Z0-9-]{8,128}).txt', destination: '/indexnow/:key' }];
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        // HSTS only when the request reached us over HTTPS (a TLS-terminating proxy says so).
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [
          { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
        ],
      },
    ];
  },
};

/**
 * The stamps of the code behind what a server keeps on disk (lib/code-stamp.ts) are written into
 * the build's code (`env` is inlined where it is read), so `next start` does not work them out
 * again (reading the import closures takes ~0.6 s).
 */
export default async function config(phase: string): Promise<NextConfig> {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  // The stamps follow imports as TypeScript resolves them: an alias or a loader of the bundler's own
  // would put code in the build that no stamp sees.
  if (nextConfig.turbopack?.resolveAlias || nextConfig.turbopack?.rules || nextConfig.webpack) {
    throw new Error('next.config.ts: resolveAlias, rules와 webpack 설정은 lib/code-stamp.ts의 스탬프가 따라가지 못합니다');
  }
  return { ...nextConfig, env: await buildStamps(import.meta.dirname) };
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { NextConfig } from 'next';

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

/** The files under `folder` (of this checkout) that `keep` accepts, in name order. */
function filesUnder(folder: string, keep: (name: string) => boolean): string[] {
  const root = path.join(import.meta.dirname, folder);
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter(keep)
    .sort()
    .map((name) => path.join(root, name));
}

/** A short hash of the files' bytes, in order (paths relative to this checkout). */
function stampOf(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(path.resolve(import.meta.dirname, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Stamps the build with the code that turns files into articles, so a content index on disk
 * (lib/content/archive) written by another build is never read by this one.
 */
function contentParserVersion(): string {
  return stampOf([
    ...filesUnder('lib/content', (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
    'lib/site.ts',
    'lib/verification.ts',
    'lib/text/characters.ts',
    'package-lock.json',
  ]);
}

/**
 * Stamps the build with the code that renders bodies, for the rendered bodies kept on disk
 * (lib/render/render-store.ts). Every source of lib/ and the packages' versions: what a render
 * runs reaches well beyond lib/render (the content limits, photos, video links, text), and a stamp
 * that missed one file would serve bodies rendered by old code, a sanitizer fix not applied included.
 */
function renderVersion(): string {
  const isSource = (name: string) => /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.(ts|tsx|mjs)$/.test(name);
  return stampOf([...filesUnder('lib', isSource), 'package-lock.json']);
}

/** Stamps the build with the code that draws share cards, so cards kept on disk by another design are not served. */
function socialImageVersion(): string {
  return stampOf(['lib/social-image.tsx', 'package-lock.json']);
}

const nextConfig: NextConfig = {
  // `node .next/standalone/server.js` runs on any Node host; `next start` keeps working too.
  output: 'standalone',
  poweredByHeader: false,
  // The site uses no next/image: the optimizer would only resize any local image at any width
  // for whoever asks. Off, /_next/image answers nothing.
  images: { unoptimized: true },
  env: {
    CONTENT_PARSER_VERSION: contentParserVersion(),
    SOCIAL_IMAGE_VERSION: socialImageVersion(),
    RENDER_VERSION: renderVersion(),
  },
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

export default nextConfig;

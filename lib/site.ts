import path from 'node:path';

/** Reads a positive whole number from the environment, falling back when unset or invalid. */
function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * The publication's built-in name, description and URL, used only where neither the environment
 * nor `content/_site.yml` gives one. Everything else reads them through `getMasthead()`.
 */
export const siteDefaults = {
  name: '한빛일보',
  description: '기술·경제·사회·세계의 오늘을 전하는 한국어 뉴스',
  url: 'http://localhost:3000',
} as const;

/**
 * A publication URL as the site uses it (no trailing slash), or undefined unless it is an absolute
 * http(s) URL without credentials, query or fragment: every absolute link is resolved against it,
 * and `mailto:x@y.z` or `javascript:` cannot be a base, so one such line once answered 500 on
 * every page, feed, robots.txt and /api/breaking.
 */
export function toSiteUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

// Process-wide, not per module: Next bundles this module into several chunks, and the log line is
// promised once per process.
const REFUSED_KEY = Symbol.for('hangul-news.refused-site-urls');
const refusedSiteUrls = ((globalThis as Record<symbol, Set<string> | undefined>)[REFUSED_KEY] ??= new Set<string>());

/**
 * `SITE_URL`, the operator's override of the publication's URL, when it is a usable site URL. A
 * bad value is ignored (the `_site.yml` URL or the default serves instead) and said once in the
 * server log, so a typo in the environment never takes the site down.
 */
export function getSiteUrlOverride(): string | undefined {
  const raw = process.env.SITE_URL;
  if (!raw) return undefined;
  const url = toSiteUrl(raw);
  if (!url && !refusedSiteUrls.has(raw)) {
    refusedSiteUrls.add(raw);
    console.error(`SITE_URL "${raw}"은 http(s) 주소가 아니어서 쓰지 않습니다 (예: https://news.example.com)`);
  }
  return url;
}

/** The one typed site configuration: language, time zone, page sizes and content location. */
export const site = {
  lang: 'ko',
  timeZone: 'Asia/Seoul',
  /** Articles per category page. */
  pageSize: 20,
  /** Files larger than this are refused rather than parsed. */
  maxFileBytes: positiveInt(process.env.CONTENT_MAX_BYTES, 1024 * 1024),
} as const;

/** The folder articles are read from: `CONTENT_DIR`, or `content/` in the working directory. */
export function getContentDir(): string {
  const configured = process.env.CONTENT_DIR;
  // turbopackIgnore keeps the build from tracing every article into each route's bundle.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), configured ?? 'content');
}

/** `SITE_URL` as the operator set it, or undefined (the masthead then takes `_site.yml`'s). */
export function getSiteUrlSetting(): string | undefined {
  return process.env.SITE_URL || undefined;
}

/** Where the site keeps what it writes (view counts, photo variants): `DATA_DIR`, or `data/` here. */
export function getDataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.DATA_DIR ?? 'data');
}

/** Content followed from a git repository (`CONTENT_GIT_URL`), or none: a plain folder. */
export interface ContentGitConfig {
  url: string;
  /** `CONTENT_GIT_BRANCH`, default `main`. */
  branch: string;
  /** `CONTENT_GIT_INTERVAL` seconds between fetches when no webhook says so, default 30. */
  intervalMs: number;
}

export function getContentGit(): ContentGitConfig | undefined {
  const url = process.env.CONTENT_GIT_URL?.trim();
  if (!url) return undefined;
  return {
    url,
    branch: process.env.CONTENT_GIT_BRANCH?.trim() || 'main',
    intervalMs: positiveInt(process.env.CONTENT_GIT_INTERVAL, 30) * 1000,
  };
}

/** Redis shared by several instances (`REDIS_URL`, `REDIS_PREFIX`), or none; see lib/cluster/redis.mjs. */
export { redisConfig as getRedis } from './cluster/redis.mjs';

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

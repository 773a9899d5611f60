import path from 'node:path';

import { getTokenProblem, toVerificationName, VERIFICATION_LIMITS, type SiteVerification } from '@/lib/verification';

// Lines said once per process, not per module: Next bundles this module into several chunks, and
// a wrong setting is read on every request that needs it.
const SAID_KEY = Symbol.for('hangul-news.settings-said');
const saidLines = ((globalThis as Record<symbol, Set<string> | undefined>)[SAID_KEY] ??=
  new Set<string>());

function sayOnce(line: string, log: (line: string) => void = console.error): void {
  if (saidLines.has(line)) return;
  saidLines.add(line);
  log(line);
}

/**
 * A positive whole number from the environment (`name`), `fallback` when unset. A value that is
 * not one (`2MB`, `-1`, `1e999`, `30s`) is said once in the server log, naming what it should be,
 * and the fallback serves: read silently as the default, it left the operator guessing.
 */
export function readPositiveInt(
  name: string,
  raw: string | undefined,
  fallback: number,
  example: string,
  log: (line: string) => void = console.error,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (Number.isSafeInteger(value) && value > 0) return value;
  sayOnce(`${name} "${raw.slice(0, 40)}"은 ${example}가 아니어서 기본값 ${fallback}을 씁니다`, log);
  return fallback;
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/**
 * `CONTENT_MAX_BYTES`: the largest content file read, in bytes (1 MiB by default; an article is a
 * few KB); a value that is not a byte count is said once and 1 MiB serves.
 */
export function getMaxFileBytes(
  raw: string | undefined = process.env.CONTENT_MAX_BYTES,
  log: (line: string) => void = console.error,
): number {
  return readPositiveInt('CONTENT_MAX_BYTES', raw, DEFAULT_MAX_FILE_BYTES, '바이트 수(양의 정수, 예: 2097152)', log);
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
  // The site is served from the root of its host (it has no base path): a path in the site URL
  // would send some links (canonical) under it and others (feeds, sitemaps, JSON-LD) beside it.
  if (url.pathname !== '/') return undefined;
  return url.origin;
}

/**
 * `SITE_URL`, the operator's override of the publication's URL, when it is a usable site URL. A
 * bad value is ignored (the `_site.yml` URL or the default serves instead) and said once in the
 * server log, so a typo in the environment never takes the site down.
 */
export function getSiteUrlOverride(
  raw: string | undefined = process.env.SITE_URL,
): string | undefined {
  if (!raw) return undefined;
  const url = toSiteUrl(raw);
  if (!url) sayOnce(`SITE_URL "${raw}"은 경로 없는 http(s) 주소가 아니어서 쓰지 않습니다 (예: https://news.example.com)`);
  return url;
}

/** The operator's word on the publication, from the environment; `_site.yml` fills what is unset. */
export interface SiteSettings {
  name?: string;
  description?: string;
  /** An http(s) origin without a path, or undefined (a bad `SITE_URL` is said once and ignored). */
  url?: string;
  /** `SITE_VERIFICATION_<NAME>`: an engine's tokens, replacing `_site.yml`'s for that engine. */
  verification?: SiteVerification;
}

const VERIFICATION_PREFIX = 'SITE_VERIFICATION_';

/**
 * `SITE_VERIFICATION_NAVER=token` (several comma-separated): the engine is the rest of the name
 * in lower case, `_` read as `-`. A token that cannot be one is said once and left out.
 */
function getVerificationSettings(
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
): SiteVerification | undefined {
  const verification: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(VERIFICATION_PREFIX) || !value?.trim()) continue;
    const name = toVerificationName(key.slice(VERIFICATION_PREFIX.length).replaceAll('_', '-'));
    if (!name) {
      sayOnce(`${key}: 검색엔진 이름으로 쓸 수 없어 쓰지 않습니다 (예: SITE_VERIFICATION_NAVER)`, log);
      continue;
    }
    const tokens: string[] = [];
    for (const token of value.split(',').map((t) => t.trim()).filter(Boolean).slice(0, VERIFICATION_LIMITS.tokens)) {
      const why = getTokenProblem(token);
      if (why) sayOnce(`${key}: 토큰을 쓰지 않습니다: ${why}`, log);
      else tokens.push(token);
    }
    if (tokens.length > 0 && Object.keys(verification).length < VERIFICATION_LIMITS.names) verification[name] = tokens;
  }
  return Object.keys(verification).length > 0 ? verification : undefined;
}

// The process's own: every request's view asks, and walking the environment each time would cost.
let processVerification: { value: SiteVerification | undefined } | undefined;

/** `SITE_NAME`, `SITE_DESCRIPTION`, `SITE_URL` and `SITE_VERIFICATION_*`: the one place they are read. */
export function getSiteSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = console.error,
): SiteSettings {
  let verification: SiteVerification | undefined;
  if (env === process.env) {
    processVerification ??= { value: getVerificationSettings(env, log) };
    verification = processVerification.value;
  } else {
    verification = getVerificationSettings(env, log);
  }
  return {
    name: env.SITE_NAME || undefined,
    description: env.SITE_DESCRIPTION || undefined,
    url: getSiteUrlOverride(env.SITE_URL),
    verification,
  };
}

/** The one typed site configuration: language, time zone, page sizes and content location. */
export const site = {
  lang: 'ko',
  timeZone: 'Asia/Seoul',
  /** Articles per category page. */
  pageSize: 20,
  /** Files larger than this are refused rather than parsed. */
  maxFileBytes: getMaxFileBytes(),
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

/** What the server does with content's `https://` images (`REMOTE_IMAGES`). */
export interface RemoteImagesSetting {
  /** `import`: fetched once by the server and served from the site's own origin; otherwise hotlinked. */
  import: boolean;
  /**
   * Test-only (`REMOTE_IMAGES_TEST_ALLOW_HOSTS`): `host:port` pairs exempt from the public-address
   * rule, so tests can import from a local https server. Empty unless set, and empty in production
   * unless `REMOTE_IMAGES_TEST_ALLOW_IN_PRODUCTION=1` also says so.
   */
  testAllowHosts: readonly string[];
}

const REMOTE_IMAGES_VALUES = ['off', 'import'] as const;

/**
 * `REMOTE_IMAGES`: `off` (the default) or `import`. Any other value is said once in the log, naming
 * the setting and what it accepts, and remote images stay off.
 */
export function getRemoteImagesSetting(
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = console.error,
): RemoteImagesSetting {
  const raw = env.REMOTE_IMAGES?.trim().toLowerCase() ?? '';
  if (raw && !(REMOTE_IMAGES_VALUES as readonly string[]).includes(raw)) {
    sayOnce(
      `REMOTE_IMAGES "${env.REMOTE_IMAGES}"은(는) 알 수 없는 값이어서 원격 사진 가져오기를 끕니다 (쓸 수 있는 값: ${REMOTE_IMAGES_VALUES.join(', ')})`,
      log,
    );
  }
  const hosts = (env.REMOTE_IMAGES_TEST_ALLOW_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  const production = env.NODE_ENV === 'production';
  const forced = env.REMOTE_IMAGES_TEST_ALLOW_IN_PRODUCTION === '1';
  if (hosts.length > 0 && production && !forced) {
    sayOnce(
      `REMOTE_IMAGES_TEST_ALLOW_HOSTS는 시험 전용이라 운영(NODE_ENV=production)에서는 쓰지 않습니다 (시험 서버라면 REMOTE_IMAGES_TEST_ALLOW_IN_PRODUCTION=1)`,
      log,
    );
  } else if (hosts.length > 0) {
    sayOnce(
      `REMOTE_IMAGES_TEST_ALLOW_HOSTS: 시험 전용 설정으로 ${hosts.join(', ')}에서는 내부 주소도 가져옵니다`,
      log,
    );
  }
  return {
    import: raw === 'import',
    testAllowHosts: hosts.length > 0 && (!production || forced) ? hosts : [],
  };
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
    intervalMs: readPositiveInt('CONTENT_GIT_INTERVAL', process.env.CONTENT_GIT_INTERVAL, 30, '초 수(양의 정수, 예: 30)') * 1000,
  };
}

/** Redis shared by several instances (`REDIS_URL`, `REDIS_PREFIX`), or none; see lib/cluster/redis.mjs. */
export { redisConfig as getRedis } from './cluster/redis.mjs';

/** IndexNow (`INDEXNOW_KEY`, `INDEXNOW_ENDPOINTS`): where each publish, edit and deletion is announced. */
export interface IndexNowSetting {
  /** 8–128 of a–z, A–Z, 0–9 and `-`; served at `/<key>.txt`. */
  key: string;
  /** Absolute http(s) URLs, each posted every batch. */
  endpoints: readonly string[];
}

/** Naver Search Advisor's and Bing's documented endpoints (each shares what it is sent with the others). */
export const INDEXNOW_DEFAULT_ENDPOINTS = ['https://searchadvisor.naver.com/indexnow', 'https://www.bing.com/indexnow'] as const;

const INDEXNOW_KEY = /^[a-zA-Z0-9-]{8,128}$/;

/** Whether `key` is what the IndexNow protocol accepts as a key. */
export function isIndexNowKey(key: string): boolean {
  return INDEXNOW_KEY.test(key);
}

/**
 * IndexNow, or undefined when off: unset, or a key IndexNow would refuse (said once, naming what a
 * key may be). Endpoints that are not http(s) URLs are said once and left out; none left is off.
 */
export function getIndexNowSetting(
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = console.error,
): IndexNowSetting | undefined {
  const key = env.INDEXNOW_KEY?.trim();
  if (!key) return undefined;
  if (!isIndexNowKey(key)) {
    sayOnce(
      `INDEXNOW_KEY는 영문자, 숫자, -로 된 8~128자여야 해서 IndexNow 알림을 끕니다 (지금 ${key.length}자)`,
      log,
    );
    return undefined;
  }
  const endpoints: string[] = [];
  const listed = env.INDEXNOW_ENDPOINTS?.trim() ? env.INDEXNOW_ENDPOINTS.split(',') : [...INDEXNOW_DEFAULT_ENDPOINTS];
  for (const raw of listed.map((e) => e.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
      sayOnce(`INDEXNOW_ENDPOINTS의 "${raw.slice(0, 200)}"은(는) http(s) 주소가 아니어서 쓰지 않습니다`, log);
    } else if (!endpoints.includes(url.href)) {
      endpoints.push(url.href);
    }
  }
  if (endpoints.length === 0) {
    sayOnce('INDEXNOW_ENDPOINTS에 쓸 수 있는 주소가 없어 IndexNow 알림을 끕니다', log);
    return undefined;
  }
  return { key, endpoints };
}

// The server's secrets (CACHE_SECRET, CONTENT_HOOK_SECRET, PREVIEW_TOKEN): read and judged here
// only, and checked once at start (instrumentation.ts), so a placeholder copied from
// deploy/news.env.example or a guessable token never guards anything. Plain JavaScript, because
// the page cache handler (loaded by Next outside the app bundle) reads CACHE_SECRET too.

/** The shortest secret accepted: `openssl rand -hex 32` gives 64 characters. */
export const SECRET_MIN_LENGTH = 32;

/** Words of example values; compared without case, spaces or punctuation. */
const PLACEHOLDERS = ['changeme', 'example', 'placeholder', 'replaceme', 'yoursecret', 'secrethere', 'password'];

/** Fewer different characters than this is a pattern someone typed (`aaaa…`, `abab…`), not random. */
const MIN_DISTINCT_CHARACTERS = 8;

/** What the secret in `name` guards, for the error message. */
const SECRETS = {
  CACHE_SECRET: '공유 페이지 캐시(Redis)의 서명',
  CONTENT_HOOK_SECRET: '콘텐츠 웹훅(/api/content-hook)의 서명',
  PREVIEW_TOKEN: '미리 보기(/preview) 토큰',
};

/**
 * Why `value` cannot be a secret (in Korean), or undefined when it can.
 * @param {string} value
 * @returns {string | undefined}
 */
export function secretProblem(value) {
  if (value.length < SECRET_MIN_LENGTH) return `${SECRET_MIN_LENGTH}자 이상이어야 합니다 (지금 ${value.length}자)`;
  const folded = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  const placeholder = PLACEHOLDERS.find((word) => folded.includes(word));
  if (placeholder) return `예시 값(${placeholder})을 그대로 쓸 수 없습니다`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return '같은 글자를 되풀이한 값은 쓸 수 없습니다';
  return undefined;
}

/**
 * The secret in the environment variable `name`, or undefined when it is unset or empty.
 * Throws an Error naming the variable when it is set to something unusable.
 * @param {keyof typeof SECRETS} name
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | undefined}
 */
export function readSecret(name, env = process.env) {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const problem = secretProblem(value);
  if (problem) {
    throw new Error(
      `${name}: ${SECRETS[name]}에 쓸 수 없는 값입니다: ${problem}. 새로 만드세요: openssl rand -hex 32`,
    );
  }
  return value;
}

/**
 * The secret in `name` when it is usable, else undefined: what a request path asks, so a wrong
 * value opens nothing even where the start check did not run.
 * @param {keyof typeof SECRETS} name
 * @returns {string | undefined}
 */
export function usableSecret(name) {
  try {
    return readSecret(name);
  } catch {
    return undefined;
  }
}

/**
 * Checks every secret the server may use, and that CACHE_SECRET is set whenever REDIS_URL is
 * (a shared cache nobody signs lets whoever reaches Redis write every page). Throws an Error
 * naming the first variable that is wrong; returns nothing when all are usable.
 * @param {Record<string, string | undefined>} [env]
 */
export function checkSecrets(env = process.env) {
  for (const name of /** @type {(keyof typeof SECRETS)[]} */ (Object.keys(SECRETS))) readSecret(name, env);
  if (env.REDIS_URL?.trim() && !readSecret('CACHE_SECRET', env)) {
    throw new Error(
      'CACHE_SECRET: REDIS_URL을 쓰면 공유 캐시에 서명할 비밀 값이 있어야 합니다. 만드세요: openssl rand -hex 32',
    );
  }
}

/** The exit status for a wrong setting (sysexits' EX_CONFIG): systemd's unit does not restart on it. */
export const EXIT_CONFIG = 78;

/**
 * At server start: checks the secrets and, when one is wrong, prints one line naming it and ends
 * the process with EXIT_CONFIG. Next only logs an error thrown by instrumentation's register() and
 * goes on answering every request with 500, so a wrong secret would look like a running server.
 * @param {Record<string, string | undefined>} [env]
 */
export function checkSecretsOrExit(env = process.env) {
  try {
    checkSecrets(env);
  } catch (error) {
    console.error(`[secrets] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(EXIT_CONFIG);
  }
}

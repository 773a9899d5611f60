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

/**
 * The least a secret must carry, estimated from how often each of its characters occurs: 32
 * random hex digits carry about 118 bits by this measure (never under 85 in a million draws), 64
 * about 250. Typed patterns carry less.
 */
const MIN_ESTIMATED_BITS = 80;

/** Characters in a row that step by one (`01234567`, `abcdefgh`, `87654321`): typed, not drawn. */
const MAX_SEQUENCE = 7;

/** Keyboard rows people type for "random". */
const KEYBOARD_RUNS = ['qwerty', 'asdfgh', 'zxcvbn', 'qwertz', 'azerty'];

/** Shell that did not run: the value was meant to be its output (`$(openssl rand -hex 32)`). */
const UNRUN_COMMAND = /\$\(|`|\bopenssl\b|\brand\b.*-(?:hex|base64)\b/i;

/** The shortest part whose repetition makes `value` (its length when nothing shorter does). */
function period(value) {
  for (let size = 1; size <= value.length / 2; size += 1) {
    let repeats = true;
    for (let index = size; index < value.length && repeats; index += 1) {
      repeats = value[index] === value[index - size];
    }
    if (repeats) return size;
  }
  return value.length;
}

/** The longest run of characters whose codes go up (or down) by one at each step. */
function longestSequence(value) {
  let longest = 1;
  let run = 1;
  let step = 0;
  for (let index = 1; index < value.length; index += 1) {
    const difference = value.charCodeAt(index) - value.charCodeAt(index - 1);
    if ((difference === 1 || difference === -1) && (run === 1 || difference === step)) {
      run += 1;
      step = difference;
    } else if (difference === 1 || difference === -1) {
      run = 2;
      step = difference;
    } else {
      run = 1;
    }
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Bits `value` carries by the frequency of its characters (Shannon), times its length. */
function estimatedBits(value) {
  const counts = new Map();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    perCharacter -= share * Math.log2(share);
  }
  return perCharacter * value.length;
}

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
  if (UNRUN_COMMAND.test(value)) return '명령을 실행한 결과가 아니라 명령 자체가 들어 있습니다: 셸에서 실행해 나온 값을 넣으세요';
  if (value.length < SECRET_MIN_LENGTH) return `${SECRET_MIN_LENGTH}자 이상이어야 합니다 (지금 ${value.length}자)`;
  const folded = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  const placeholder = PLACEHOLDERS.find((word) => folded.includes(word));
  if (placeholder) return `예시 값(${placeholder})을 그대로 쓸 수 없습니다`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS || period(value) <= value.length / 2) {
    return '같은 글자나 마디를 되풀이한 값은 쓸 수 없습니다';
  }
  const keyboard = KEYBOARD_RUNS.find((run) => folded.includes(run));
  if (keyboard || longestSequence(value) > MAX_SEQUENCE) {
    return `차례로 이어지는 글자(${keyboard ?? '0123…, abcd…'})는 무작위 값이 아닙니다`;
  }
  if (estimatedBits(value) < MIN_ESTIMATED_BITS) return '무작위성이 모자랍니다: 더 길고 고르게 섞인 값이어야 합니다';
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

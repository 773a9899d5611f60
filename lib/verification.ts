// Search engines' site-ownership tokens (`_site.yml` `verification:`, `SITE_VERIFICATION_<NAME>`):
// the one rule for what a name and a token may be, and the `<meta name>` each engine documents.

/** Tokens by engine name as the editor or operator wrote it (`naver`, `google`, `bing` …). */
export type SiteVerification = Readonly<Record<string, readonly string[]>>;

export const VERIFICATION_LIMITS = {
  /** Engines named. */
  names: 20,
  /** Tokens per engine (Google accepts one per owner of the site). */
  tokens: 10,
  /** Characters in one token: real ones are 32–64. */
  token: 200,
  /** Characters in one engine's name. */
  name: 50,
} as const;

/** The meta name each engine documents; any other `name` is `<name>-site-verification`. */
const META_NAMES: Readonly<Record<string, string>> = {
  naver: 'naver-site-verification',
  google: 'google-site-verification',
  bing: 'msvalidate.01',
  yandex: 'yandex-verification',
  baidu: 'baidu-site-verification',
  facebook: 'facebook-domain-verification',
  pinterest: 'p:domain_verify',
};

const KNOWN_META_NAMES = new Set(Object.values(META_NAMES));

// Names go into a meta name; tokens into its content. Every engine's tokens are letters, digits
// and these few marks, so anything else (quotes, angle brackets, spaces) is a mistake, not a token.
const NAME = /^[a-z0-9][a-z0-9._:-]*$/;
const TOKEN = /^[A-Za-z0-9_.=+/-]+$/;

/** An engine's name as it is keyed (lower case), or undefined when it cannot name a meta tag. */
export function toVerificationName(raw: string): string | undefined {
  const name = raw.trim().toLowerCase();
  return name.length <= VERIFICATION_LIMITS.name && NAME.test(name) ? name : undefined;
}

/** Why `token` cannot be a verification token, in Korean, or undefined when it can. */
export function getTokenProblem(token: string): string | undefined {
  if (token.length === 0) return '비어 있습니다';
  if (token.length > VERIFICATION_LIMITS.token) return `너무 깁니다 (최대 ${VERIFICATION_LIMITS.token}자)`;
  if (!TOKEN.test(token)) return '영문자, 숫자, - _ . = + / 밖의 글자가 있습니다 (검색엔진이 준 값을 그대로 붙여 넣으세요)';
  return undefined;
}

/**
 * The `<meta name>` for an engine: the one it documents (`bing` → `msvalidate.01`), a meta name
 * written as such (`msvalidate.01`, `…-verification`), else `<name>-site-verification`.
 */
export function toVerificationMetaName(name: string): string {
  // Own keys only: `constructor` is a name an editor may write, not Object's.
  const known = Object.hasOwn(META_NAMES, name) ? META_NAMES[name] : undefined;
  if (known) return known;
  if (KNOWN_META_NAMES.has(name) || name.endsWith('-verification')) return name;
  return `${name}-site-verification`;
}

/** Each meta name with its tokens, for Next's `metadata.verification.other`. */
export function toVerificationMetaTags(verification: SiteVerification): Record<string, string[]> {
  const tags: Record<string, string[]> = {};
  for (const [name, tokens] of Object.entries(verification)) {
    if (tokens.length === 0) continue;
    const meta = toVerificationMetaName(name);
    tags[meta] = [...new Set([...(Object.hasOwn(tags, meta) ? (tags[meta] ?? []) : []), ...tokens])];
  }
  return tags;
}

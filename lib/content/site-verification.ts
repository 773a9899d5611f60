// `_site.yml`'s `verification:` (search engines' ownership tokens): read apart from the rest of the
// file, so a wrong token costs its own meta tag and an error, never the publication's identity.
import { getTokenProblem, toVerificationName, VERIFICATION_LIMITS, type SiteVerification } from '@/lib/verification';

import type { ArticleSource, ContentProblem } from './types';

const SHAPE = 'verification: "검색엔진: 토큰" 항목이어야 합니다 (예: naver: 0123abcd)';

/**
 * The tokens of `verification:` and a Korean error at its line for each mistake. A mapping of
 * engine names to a token (or a list of them); a number is refused (YAML reads `123e4567` as a
 * number, so a token must be quoted then), and so is a token with anything an engine never issues.
 */
export function toSiteVerification(
  raw: unknown,
  file: ArticleSource,
  lineAt: (path: readonly PropertyKey[]) => number | undefined,
): { verification: SiteVerification; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const problem = (message: string, path: readonly PropertyKey[]) =>
    problems.push({ file: file.path, line: lineAt(path) ?? lineAt(['verification']) ?? 1, severity: 'error', message });
  const verification: Record<string, string[]> = {};
  if (raw === undefined || raw === null) return { verification, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem(SHAPE, ['verification']);
    return { verification, problems };
  }
  const entries = Object.entries(raw);
  if (entries.length > VERIFICATION_LIMITS.names) {
    problem(`verification: 검색엔진이 너무 많습니다 (최대 ${VERIFICATION_LIMITS.names}개)`, ['verification']);
    return { verification, problems };
  }
  for (const [key, value] of entries) {
    const name = toVerificationName(key);
    const shown = key.slice(0, VERIFICATION_LIMITS.name);
    if (!name) {
      problem(`verification: "${shown}"은(는) 검색엔진 이름으로 쓸 수 없습니다 (영문 소문자, 숫자, -)`, ['verification', key]);
      continue;
    }
    const list: unknown[] = Array.isArray(value) ? value : [value];
    if (list.length > VERIFICATION_LIMITS.tokens) {
      problem(`verification.${name}: 토큰이 너무 많습니다 (최대 ${VERIFICATION_LIMITS.tokens}개)`, ['verification', key]);
      continue;
    }
    const tokens: string[] = [];
    list.forEach((token, index) => {
      const at = Array.isArray(value) ? ['verification', key, index] : ['verification', key];
      if (typeof token !== 'string') {
        problem(`verification.${name}: 토큰은 글자여야 합니다 (숫자로 읽히는 값은 따옴표로 감싸세요)`, at);
        return;
      }
      const why = getTokenProblem(token.trim());
      if (why) problem(`verification.${name}: 토큰을 쓸 수 없습니다: ${why}`, at);
      else tokens.push(token.trim());
    });
    // Own keys only: `constructor` is a name an editor may write, not Object's.
    const before = Object.hasOwn(verification, name) ? (verification[name] ?? []) : [];
    if (tokens.length > 0) verification[name] = [...before, ...tokens];
  }
  return { verification, problems };
}

import { findControlCharacter, stripControlCharacters } from '@/lib/text/characters';

import type { ContentProblem } from '../types';

/**
 * A content file's text without control characters, and the warning at the first one's line.
 * Every kind of text file passes through here once, where it is read, so no page, feed or sitemap
 * ever carries one.
 */
export function withoutControlCharacters(path: string, text: string): { text: string; warning?: ContentProblem } {
  const at = findControlCharacter(text);
  if (at < 0) return { text };
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return {
    text: stripControlCharacters(text),
    warning: {
      file: path,
      line,
      column,
      severity: 'warning',
      message: '보이지 않는 제어 문자를 지웠습니다 (워드프로세서에서 붙여 넣을 때 섞여 듭니다)',
    },
  };
}

/**
 * Every string (and key) of a parsed YAML value without control characters: YAML escapes
 * ("\v", "\uD800") can spell ones the file itself does not hold.
 */
export function withoutControlCharactersDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripControlCharacters(value);
  if (Array.isArray(value)) return value.map(withoutControlCharactersDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [stripControlCharacters(key), withoutControlCharactersDeep(child)]),
    );
  }
  return value;
}

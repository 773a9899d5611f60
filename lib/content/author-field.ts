import { z } from 'zod';

import { cappedList, FIELD_LIMITS } from './field-limits';

/** `author` as written: one name or id, or a list of them; blanks dropped. */
export function toAuthorList(author: string | readonly string[] | undefined): string[] {
  return (typeof author === 'string' ? [author] : (author ?? [])).map((name) => name.trim()).filter(Boolean);
}

/** `author` of an article or a live update: one name or reporter id, or a list; blanks dropped, each name and the count capped. */
export const authorField = z
  .union([z.string(), z.array(z.string())], { error: 'author: 글자 또는 글자의 목록이어야 합니다' })
  .transform(toAuthorList)
  .pipe(cappedList('author', FIELD_LIMITS.article.author, FIELD_LIMITS.article.authors));

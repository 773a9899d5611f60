import { FIELD_LIMITS } from './field-limits';
import { toCategorySlug } from './slugs';

/** A series id as read, or why it cannot be one (a Korean message without the field name). */
export type SeriesIdResult = { ok: true; id: string } | { ok: false; message: string };

const MAX = FIELD_LIMITS.article.series;

/**
 * A series id (`series:` in front matter, the name of `_series/<id>.yml`): text already in slug
 * form (lower-case letters, Hangul, digits, `-` and `_`), so it is its own URL segment and file
 * name. Anything else is refused rather than rewritten: `../x`, a list, a number, a long text.
 */
export function toSeriesId(raw: unknown): SeriesIdResult {
  if (typeof raw !== 'string') return { ok: false, message: '연재 id는 글자여야 합니다 (예: winter-energy)' };
  const id = raw.normalize('NFC').trim();
  if (id.length === 0) return { ok: false, message: '연재 id가 비어 있습니다' };
  if (id.length > MAX) return { ok: false, message: `연재 id가 너무 깁니다 (최대 ${MAX}자)` };
  if (toCategorySlug(id) !== id) {
    return {
      ok: false,
      message: `연재 id로 쓸 수 없는 값입니다: "${id}" (영문 소문자, 한글, 숫자, -, _만 쓸 수 있습니다)`,
    };
  }
  return { ok: true, id };
}
